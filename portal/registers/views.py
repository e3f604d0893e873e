"""Thin views for the registers."""

from . import bp  # noqa: F401
