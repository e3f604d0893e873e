"""The register tests' editor: the test client signed in as "ed" (whom the audit entries
name), with the plan content imported."""

import pytest


@pytest.fixture
def editor(sign_in, content):
    return sign_in("editor", username="ed")
