"""Issue 13, "保存回执": the receipt as a PNG image and a one-page PDF, made by the server from
the session's receipt — number, code, day, what was received; never the description — sent
as a download that no cache keeps, and refused in Chinese when there is nothing to save or
no Chinese font to draw with."""

import io
from pathlib import Path
from urllib.parse import quote

import pytest
from PIL import Image, ImageFont
from pypdf import PdfReader

from portal.services.reports.receipt_image import ReceiptFontMissing, cjk_font
from portal.services.reports.receipt_sheet import wrap
from portal.settings import init_app as rebuild_settings
from tests.support.pages import text_of
from tests.support.report_form import receipt_of, submit_report
from tests.support.samples import jpeg_bytes

DESCRIPTION = "每天夜里十点以后，厂区北墙外的暗管向河里排放黑色污水"
SUBJECT = "某某化工有限公司"


def saved(client, kind: str):
    response = client.get(f"/report/receipt.{kind}")
    assert response.status_code == 200, text_of(response)
    return response


def assert_private_download(response, number: str, kind: str) -> None:
    assert response.headers["Cache-Control"] == "no-store"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote(f'回执-{number}.{kind}')}" in disposition
    assert f'filename="receipt-{number}.{kind}"' in disposition


def test_the_png_receipt_is_an_image_a_phone_can_keep(client, content):
    number, _ = receipt_of(client, submit_report(client, files=[(jpeg_bytes(), "现场.jpg")]))
    response = saved(client, "png")
    assert response.mimetype == "image/png"
    assert_private_download(response, number, "png")
    image = Image.open(io.BytesIO(response.data))
    image.load()
    assert image.format == "PNG"
    width, height = image.size
    assert width == 1080 and 600 < height < 3000
    assert not {"Comment", "Description", "exif"} & set(image.info)
    # Drawn, not blank: a good share of the page carries ink.
    dark = sum(image.convert("L").point(lambda v: 255 if v < 128 else 0).histogram()[255:])
    assert dark > 10_000


def test_the_pdf_receipt_is_one_page_with_number_and_code_but_no_description(client, content):
    number, code = receipt_of(client, submit_report(client, description=DESCRIPTION * 3))
    response = saved(client, "pdf")
    assert response.mimetype == "application/pdf"
    assert_private_download(response, number, "pdf")
    pdf = PdfReader(io.BytesIO(response.data))
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    assert number in text and code in text
    assert "偷排偷放" in text and "兴山区某某路" in text and "证据文件" in text
    assert DESCRIPTION[:8] not in text and SUBJECT not in text
    # No second of anything: the document carries no creation time of its own.
    assert str(pdf.metadata.get("/CreationDate", "")).startswith("D:2000")


def test_a_long_place_still_fits_one_page(client, content):
    place = "兴山区某某路与某某街交口东侧排污口，" * 30  # the field allows 500 characters
    number, _ = receipt_of(client, submit_report(client, place=place[:500]))
    pdf = PdfReader(io.BytesIO(saved(client, "pdf").data))
    assert len(pdf.pages) == 1 and number in pdf.pages[0].extract_text()
    assert Image.open(io.BytesIO(saved(client, "png").data)).size[1] < 3000


def test_a_place_typed_on_several_lines_keeps_its_lines(client, content):
    """具体地点 is a multi-line field: its line breaks (even a stray control character) must
    not break the drawing of either file."""
    place = "兴山区某某焦化厂东侧\r\n靠近铁路道口\t北侧"
    number, _ = receipt_of(client, submit_report(client, place=place))
    text = PdfReader(io.BytesIO(saved(client, "pdf").data)).pages[0].extract_text()
    assert number in text and "兴山区某某焦化厂东侧" in text and "靠近铁路道口" in text
    assert Image.open(io.BytesIO(saved(client, "png").data)).format == "PNG"


def test_no_receipt_no_file(client, content):
    for kind in ("png", "pdf"):
        response = client.get(f"/report/receipt.{kind}")
        assert response.status_code == 404
        assert response.mimetype == "text/html"
        assert "没有可保存的回执" in text_of(response)
    assert client.get("/report/receipt.gif").status_code == 404


def test_without_a_chinese_font_the_png_is_refused_clearly(app, client, content, tmp_path):
    number, _ = receipt_of(client, submit_report(client))
    not_a_font = tmp_path / "fake.ttc"
    not_a_font.write_bytes(b"not a font")
    for setting in (str(tmp_path / "missing.ttc"), str(not_a_font)):
        app.config["RECEIPT_FONT"] = setting
        rebuild_settings(app)
        refused = client.get("/report/receipt.png")
        assert refused.status_code == 503
        assert "缺少中文字体" in text_of(refused) and "PDF" in text_of(refused)
        assert refused.headers["Cache-Control"] == "no-store"
        assert number in PdfReader(io.BytesIO(saved(client, "pdf").data)).pages[0].extract_text()


def test_a_font_without_chinese_glyphs_is_not_taken():
    latin_only = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not latin_only.exists():
        pytest.skip("DejaVu Sans (fonts-dejavu-core) is not installed")
    with pytest.raises(ReceiptFontMissing):
        cjk_font(str(latin_only))


def test_the_installed_cjk_font_is_found_and_its_simplified_chinese_face_chosen():
    path, index = cjk_font("")  # .ci/run installs fonts-noto-cjk
    family = ImageFont.truetype(str(path), 12, index=index).getname()[0]
    assert family.endswith(" SC") or not path.name.startswith("Noto"), family


def test_closing_punctuation_never_starts_a_line():
    lines = wrap("一二三四。五六", 4, len)
    assert lines == ["一二三四。", "五六"]
