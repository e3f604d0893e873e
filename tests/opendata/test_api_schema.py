"""The API follows its own OpenAPI document: schemathesis generates requests from
/api/v1/openapi.json, valid and invalid, for every operation, and checks every response
(status code, content type, schema conformance, acceptance of valid and rejection of invalid
input).

The operations are driven from inside the test (Hypothesis over each operation's strategy)
rather than through schemathesis' pytest plugin, whose fixture loader does not run on pytest 9.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, assume, given, settings
from schemathesis import GenerationMode

from portal.services.bulletins import editing as bulletins
from portal.services.registers import exposures
from tests.support.bulletins import EDITOR, fields, make_bulletin
from tests.support.registers import make_exposure, make_item

BOUNDED = settings(
    max_examples=12,
    derandomize=True,  # the same cases on every run
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def api_schema(app, db, content, published_outcome, published_values, progress_note):
    # One record of each kind the lists can hold beyond the imported plan, so that every
    # field of every schema (values, progress notes, outcomes) is exercised.
    published_outcome(summary="群众反映某厂夜间偷排。", result="经查属实，已责令整改。")
    published_values(("gdp-energy-intensity", "2008Q3", "2.45"))
    progress_note("commitment", "livestock-pollution-control", "completed", "已全部完成治理。")
    progress_note("project", "hkjt-industrial-boiler-retrofit", "under_construction", "已开工。")
    corrected = make_bulletin(published=True)
    bulletins.update_bulletin(corrected.id, fields(title="更正后的标题"), EDITOR, "标题有误。")
    exposure = make_exposure()
    make_exposure(
        exposure.enterprise, decision_number="鹤环罚字〔2008〕13号", penalties=["close_down"],
        fine_yuan="",
    )  # fmt: skip
    exposures.withdraw_exposure(exposure.id, "处罚决定已被撤销。", EDITOR)
    make_item(exposure.enterprise)
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


def exercise(operation, mode: GenerationMode) -> None:
    @BOUNDED
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        # A cursor is valid only as the API handed it out (test_api_pagination covers that):
        # one the generator makes up is rightly refused, so valid-data runs do without.
        assume(mode is GenerationMode.NEGATIVE or "cursor" not in (case.query or {}))
        case.call_and_validate()

    run()


def test_the_api_follows_its_openapi_document(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    labels = {operation.label for operation in operations}
    assert {"GET /", "GET /report-stats", "GET /sections/{slug}", "GET /bulletins"} <= labels
    for operation in operations:
        exercise(operation, GenerationMode.POSITIVE)
        if len(operation.query):  # a free-text path parameter has no invalid value
            exercise(operation, GenerationMode.NEGATIVE)
