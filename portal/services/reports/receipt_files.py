"""The receipt saved as a file: "保存回执" offers a PNG image and a one-page PDF, both made
here from the receipt held for the reporter's browser session (reporter_session)."""

from ...settings import settings
from .receipt_image import ReceiptFontMissing, receipt_png
from .receipt_pdf import receipt_pdf
from .receipt_sheet import sheet
from .reporter_session import Receipt

MEDIA_TYPES = {"png": "image/png", "pdf": "application/pdf"}

__all__ = ["MEDIA_TYPES", "ReceiptFontMissing", "receipt_file"]


def receipt_file(receipt: Receipt, kind: str, *, status_url: str, hotline: str) -> bytes:
    """The receipt as `kind` ("png" or "pdf"). A PNG raises ReceiptFontMissing when the
    server has no Chinese font to draw it with."""
    content = sheet(receipt, issuer=settings().issuing_body, status_url=status_url, hotline=hotline)
    if kind == "png":
        return receipt_png(content, settings().receipt_font)
    if kind == "pdf":
        return receipt_pdf(content)
    raise ValueError(f"no receipt file of kind {kind!r}")
