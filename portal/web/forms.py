"""Forms every area uses: ServiceForm, the one seam between what was typed and a service's
rules, and ConfirmForm for bare POSTs."""

from collections.abc import Mapping

from flask_wtf import FlaskForm
from wtforms import FileField, MultipleFileField
from wtforms.fields import Field


class ServiceForm(FlaskForm):
    """A form that only collects (and checks CSRF): the rules live in a service, which takes
    `values()` and answers a bad value with a field → Chinese message dict for `add_errors`.
    Field order is declaration order: the error summary lists problems as the form does."""

    # Radio groups: the summary's link goes to the first radio, the element that takes focus.
    radio_fields: frozenset[str] = frozenset()

    def values(self) -> dict[str, object]:
        """Field name → what was typed, uploads read into (content, file name) pairs. Read it
        once: an upload's stream is consumed."""
        return {f.short_name: _plain(f) for f in self if f.short_name != self.meta.csrf_field_name}

    def add_errors(self, errors: Mapping[str, str]) -> list[str]:
        """Put each message next to its field; return, as general errors, the messages whose
        key names no field of this form, so that no refusal goes unsaid."""
        general = []
        for name, message in errors.items():
            if name and name in self:
                self[name].errors = [*self[name].errors, message]
            else:
                general.append(message)
        return general

    def ordered_errors(self) -> list[tuple[str, str]]:
        """(element id to jump to, message), in the order of the fields, for the summary."""
        return [(self._anchor(f), message) for f in self for message in f.errors]

    def _anchor(self, field: Field) -> str:
        return f"{field.id}-0" if field.short_name in self.radio_fields else field.id


def _plain(field: Field) -> object:
    if isinstance(field, MultipleFileField):
        return [(f.read(), f.filename) for f in field.data or [] if f and f.filename]
    if isinstance(field, FileField):
        upload = field.data
        return (upload.read(), upload.filename) if upload and upload.filename else None
    return field.data


class ConfirmForm(FlaskForm):
    """A POST with nothing but its CSRF token: end sessions, log out, disable…"""
