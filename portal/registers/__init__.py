"""The registers: `bp`, the public exposure list, phase-out list and enterprises
(public_views); `admin_bp`, their editing under the staff gate (admin_views: exposures and
enterprises; admin_phase_out_views; admin_import_views: CSV import)."""

from flask import Blueprint

bp = Blueprint("registers", __name__)
admin_bp = Blueprint("registers", __name__)

from . import (  # noqa: E402, F401 - their routes
    admin_import_views,
    admin_phase_out_views,
    admin_views,
    public_views,
)
