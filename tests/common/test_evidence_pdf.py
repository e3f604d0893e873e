"""Evidence PDFs: rebuilt without scripts, attachments and actions (tests/test_evidence_rebuilt
covers metadata), refused when encrypted or broken."""

import time

import pytest

from portal.services.common.uploads import prepare
from tests.support import samples
from tests.support.uploads import PDF_DAMAGED, refused

# What a rebuilt PDF may no longer name anywhere (its dictionaries are written in the clear).
ACTIVE_NAMES = [b"/JavaScript", b"/JS", b"/Launch", b"/URI", b"/OpenAction", b"/AA",
                b"/EmbeddedFile", b"/Names"]  # fmt: skip


def rebuilt_without_active_content(data: bytes) -> bytes:
    prepared = prepare(data, "report.pdf")
    assert prepared.media_type == "application/pdf" and prepared.data.startswith(b"%PDF-")
    for name in ACTIVE_NAMES:
        assert name not in prepared.data, name
    return prepared.data


# --- PDF -------------------------------------------------------------------------------------


def test_plain_pdf_is_accepted_rebuilt():
    data = samples.pdf_from_writer()
    prepared = prepare(data, "监测报告.pdf")
    assert prepared.media_type == "application/pdf" and prepared.extension == ".pdf"
    assert prepared.data.startswith(b"%PDF-") and prepared.width is None


@pytest.mark.parametrize(
    "data",
    [
        samples.pdf_from_writer(js=True),
        samples.pdf_from_writer(attach=True),
        samples.pdf_by_hand(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
        samples.pdf_by_hand(b"/OpenAction << /S /L#61unch /F (calc.exe) >>"),  # escaped name
        samples.pdf_by_hand(b"/OpenAction << /S /URI /URI (http://tracker.example/) >>"),
        samples.pdf_by_hand(page_extra=b"/AA << /O << /S /Launch /F (cmd.exe) >> >>"),
    ],
    ids=["names-js", "attachment", "open-js", "escaped-launch", "open-uri", "page-launch"],
)
def test_pdfs_with_scripts_or_attachments_are_rebuilt_without_them(data):
    rebuilt_without_active_content(data)


@pytest.mark.parametrize(
    ("catalog", "page"),
    [
        (b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>", b""),
        (b"", b"/AA << /O << /S /JavaScript /JS (app.alert(1)) >> >>"),
    ],
    ids=["open-action", "page-action"],
)
def test_scripts_hidden_in_compressed_object_streams_are_found(catalog, page):
    data = samples.pdf_with_object_stream(catalog, page)
    assert b"JavaScript" not in data  # a byte scan alone would miss it
    assert prepare(samples.pdf_with_object_stream(), "plain.pdf").media_type == "application/pdf"
    rebuilt_without_active_content(data)


def test_harmless_pdf_features_are_not_mistaken_for_scripts():
    go_to_first_page = samples.pdf_by_hand(b"/OpenAction [3 0 R /Fit]")
    text_mentions_js = samples.pdf_by_hand(content=b"BT (/JavaScript /JS) Tj ET")
    for data in (go_to_first_page, text_mentions_js):
        assert prepare(data, "fine.pdf").media_type == "application/pdf"


def test_encrypted_pdf_is_refused():
    assert "加密的 PDF" in refused(samples.pdf_from_writer(password="pw"), "secret.pdf")


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n" + bytes(range(256)) * 4,
        b"%PDF-",
        samples.pdf_by_hand().replace(b"/Count 1", b"/Count 0").replace(b"[3 0 R]", b"[]"),
    ],
    ids=["garbage", "header-only", "no-pages"],
)
def test_broken_pdfs_are_refused(data):
    assert PDF_DAMAGED in refused(data, "broken.pdf")


@pytest.mark.parametrize(
    "body",
    [b"stream\n" * 150_000, b"/a#6" * 250_000, b"<<" * 500_000],
    ids=["unterminated-streams", "escaped-names", "nesting"],
)
def test_hostile_pdf_structure_is_refused_quickly(body):
    started = time.perf_counter()
    assert PDF_DAMAGED in refused(b"%PDF-1.4\n" + body, "spam.pdf")
    # A child process is started for the check (0.2–0.5 s on a busy machine); a quadratic
    # scan would take minutes.
    assert time.perf_counter() - started < 5
