"""Thin views for bulletins."""

from . import bp  # noqa: F401
