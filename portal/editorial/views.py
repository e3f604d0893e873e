"""Thin views for progress notes."""

from . import bp  # noqa: F401
