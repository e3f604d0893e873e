"""ServiceForm, the one seam between a form and a service's rules: what was typed goes out as
plain values, a service's refusals come back next to their fields, in the page's order, and
a refusal that names no field is never lost."""

import io
from contextlib import ExitStack

import pytest
from flask import Flask
from werkzeug.datastructures import FileStorage, MultiDict
from wtforms import MultipleFileField, StringField, TextAreaField

from portal.web.forms import ServiceForm


class PlaceForm(ServiceForm):
    radio_fields = frozenset({"kind"})

    kind = StringField("类别")
    place = StringField("地点")
    note = TextAreaField("说明")
    photos = MultipleFileField("照片")


@pytest.fixture
def posted():
    """Enters a POST request's context, for a form to read what was sent."""
    app = Flask(__name__)
    app.config.update(SECRET_KEY="test", WTF_CSRF_ENABLED=False)
    with ExitStack() as stack:
        yield lambda data=None: stack.enter_context(
            app.test_request_context(method="POST", data=data or {})
        )


def test_errors_land_on_their_fields_and_are_summarised_in_field_order(posted):
    posted()
    form = PlaceForm()
    general = form.add_errors({"note": "请填写说明。", "kind": "请选择类别。", "place": "太短。"})
    assert general == []
    assert form.note.errors == ["请填写说明。"] and form.place.errors == ["太短。"]
    assert form.ordered_errors() == [
        ("kind-0", "请选择类别。"),  # a radio group: the link goes to its first radio
        ("place", "太短。"),
        ("note", "请填写说明。"),
    ]


def test_a_second_message_for_a_field_is_kept_beside_the_first(posted):
    posted()
    form = PlaceForm()
    form.add_errors({"place": "太短。"})
    form.add_errors({"place": "含有控制字符。"})
    assert form.place.errors == ["太短。", "含有控制字符。"]


def test_messages_for_unknown_keys_come_back_as_general_errors(posted):
    posted()
    form = PlaceForm()
    general = form.add_errors(
        {"": "通报已发布，不能删除。", "values": "无此指标。", "place": "太短。"}
    )
    assert general == ["通报已发布，不能删除。", "无此指标。"]
    assert form.ordered_errors() == [("place", "太短。")]


def test_values_are_plain_data_with_uploads_read_and_no_csrf_token(posted):
    photo = FileStorage(io.BytesIO(b"\xff\xd8jpeg"), filename="north-wall.jpg")
    empty = FileStorage(io.BytesIO(b""), filename="")  # a file input left empty
    posted(MultiDict([("place", "北门外"), ("photos", photo), ("photos", empty)]))
    values = PlaceForm().values()
    assert values == {
        "kind": None,
        "place": "北门外",
        "note": None,
        "photos": [(b"\xff\xd8jpeg", "north-wall.jpg")],
    }


def test_values_use_field_names_without_the_prefix(posted):
    posted({"withdraw-place": "北门外"})
    assert PlaceForm(prefix="withdraw").values()["place"] == "北门外"
