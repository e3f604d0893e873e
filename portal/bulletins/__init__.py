"""Bulletins (进展通报/公告): the public list and documents, and the editors' desk."""

from flask import Blueprint

bp = Blueprint("bulletins", __name__)

from . import views  # noqa: E402, F401 - registers the routes on bp
