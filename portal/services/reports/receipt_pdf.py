"""The receipt as a one-page PDF (ReportLab), to print or keep.

Chinese is set in ReportLab's built-in CID font STSong-Light, which PDF readers supply
themselves (Adobe's Chinese font pack, or a substitute), so no font file is needed or
embedded. The number and the code are set in Helvetica/Courier too, which every reader has
and copies exactly. The document is "invariant": no creation time (that second would say
when the reporter saved it) and a fixed ID.
"""

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from .receipt_sheet import Sheet, wrap

CHINESE = "STSong-Light"
LATIN = "Helvetica"
CODE = "Courier-Bold"
MARGIN = 20 * mm


def receipt_pdf(sheet: Sheet) -> bytes:
    _register_chinese()
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4, invariant=1, pageCompression=1)
    page.setTitle(sheet.title)
    page.setCreator("鹤岗市节能减排信息公开与举报平台")
    width, height = A4
    inner = width - 2 * MARGIN
    y = height - MARGIN

    def line(text, font, size, gap=4, colour=0.1):
        nonlocal y
        for part in wrap(text, inner, lambda t: pdfmetrics.stringWidth(t, font, size)):
            y -= size + gap
            page.setFillGray(colour)
            page.setFont(font, size)
            page.drawString(MARGIN, y, part)

    def rule():
        nonlocal y
        y -= 6 * mm
        page.setStrokeGray(0.75)
        page.line(MARGIN, y, width - MARGIN, y)

    line(sheet.title, CHINESE, 18, gap=8)
    line(sheet.issuer, CHINESE, 11, colour=0.35)
    rule()
    for label, value in sheet.rows:
        line(label, CHINESE, 10, gap=10, colour=0.35)
        if value == sheet.number:
            line(value, LATIN, 16, gap=6)
        elif value == sheet.code:
            line(value, CODE, 16, gap=6)
        else:
            line(value, CHINESE, 13, gap=6)
    rule()
    y -= 2 * mm
    for note in sheet.notes:
        line(note, CHINESE, 10.5, gap=6)
    page.showPage()
    page.save()
    return out.getvalue()


def _register_chinese() -> None:
    if CHINESE not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CHINESE))
