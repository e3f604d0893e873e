"""The receipt as a PNG image (Pillow), for a phone's photo album.

Chinese needs a CJK font: RECEIPT_FONT names one (a .ttf, .otf or .ttc file); left empty,
the Noto CJK fonts of Debian's fonts-noto-cjk are looked for under /usr/share/fonts. With no
font that has Chinese glyphs, ReceiptFontMissing says so: a receipt drawn in empty boxes
would look saved and be useless.
"""

import io
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .receipt_sheet import Sheet, wrap

FONT_FOLDER = Path("/usr/share/fonts")
KNOWN_FONTS = (
    "opentype/noto/NotoSansCJK-Regular.ttc",
    "opentype/noto/NotoSerifCJK-Regular.ttc",
    "truetype/noto/NotoSansCJK-Regular.ttc",
    "truetype/wqy/wqy-microhei.ttc",
    "truetype/wqy/wqy-zenhei.ttc",
)
FOUND_BY_NAME = ("NotoSansCJK*", "NotoSerifCJK*", "NotoSansSC*", "wqy-*")

WIDTH = 1080  # a phone screenshot's width: readable when the image is opened full screen
MARGIN = 72
INK = (20, 20, 20)
MUTED = (80, 80, 80)
RULE = (200, 200, 200)
PAPER = (255, 255, 255)


class ReceiptFontMissing(RuntimeError):
    """No font with Chinese glyphs: the PNG receipt cannot be drawn."""


def receipt_png(sheet: Sheet, font_setting: str) -> bytes:
    """The receipt as PNG bytes. Raises ReceiptFontMissing (see the module's docstring)."""
    path, index = cjk_font(font_setting)
    fonts = {size: ImageFont.truetype(str(path), size, index=index) for size in (30, 36, 44)}
    blocks = _layout(sheet, fonts)
    height = MARGIN * 2 + sum(step for _, _, _, step in blocks)
    image = Image.new("RGB", (WIDTH, height), PAPER)
    draw = ImageDraw.Draw(image)
    y = MARGIN
    for text, font, colour, step in blocks:
        if text == "—":
            draw.line((MARGIN, y + step // 2, WIDTH - MARGIN, y + step // 2), fill=RULE, width=2)
        else:
            draw.text((MARGIN, y), text, font=font, fill=colour)
        y += step
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)  # Pillow writes no text chunks unless given
    return out.getvalue()


def _layout(sheet: Sheet, fonts) -> list[tuple[str, object, tuple, int]]:
    """(text, font, colour, height taken) for each line, top to bottom."""
    inner = WIDTH - 2 * MARGIN
    blocks = []

    def add(text, size, colour=INK, gap=14):
        font = fonts[size]
        for line in wrap(text, inner, font.getlength):
            blocks.append((line, font, colour, size + gap))

    add(sheet.title, 44, gap=18)
    add(sheet.issuer, 30, MUTED)
    blocks.append(("—", None, RULE, 36))
    for label, value in sheet.rows:
        add(label, 30, MUTED, gap=8)
        add(value, 44 if value in (sheet.number, sheet.code) else 36, gap=22)
    blocks.append(("—", None, RULE, 36))
    for note in sheet.notes:
        add(note, 30, gap=12)
    return blocks


def cjk_font(setting: str) -> tuple[Path, int]:
    """The font file and face index to draw Chinese with; raises ReceiptFontMissing."""
    return _font(setting or "")


@cache
def _font(setting: str) -> tuple[Path, int]:
    candidates = [Path(setting)] if setting else _installed_cjk_fonts()
    for path in candidates:
        index = _chinese_face(path)
        if index is not None:
            return path, index
    where = f"RECEIPT_FONT={setting}" if setting else f"{FONT_FOLDER} 下的 Noto CJK 字体"
    raise ReceiptFontMissing(f"找不到可以显示中文的字体（{where}）；请安装 fonts-noto-cjk。")


def _installed_cjk_fonts() -> list[Path]:
    known = [FONT_FOLDER / name for name in KNOWN_FONTS]
    found = sorted(p for pattern in FOUND_BY_NAME for p in FONT_FOLDER.rglob(pattern))
    return [p for p in known + found if p.is_file()]


def _chinese_face(path: Path) -> int | None:
    """The face of the file to use: in a collection the Simplified Chinese one (Noto's .ttc
    holds JP, KR, SC, TC and HK faces), else the first; None when it has no Chinese."""
    faces = []
    for index in range(16):
        try:
            font = ImageFont.truetype(str(path), 36, index=index)
        except OSError:  # no such face (or not a font at all)
            break
        faces.append((index, font))
    chinese = [(index, font) for index, font in faces if _draws_chinese(font)]
    for index, font in chinese:
        if font.getname()[0].endswith(" SC"):
            return index
    return chinese[0][0] if chinese else None


def _draws_chinese(font) -> bool:
    """Two different characters drawn alike are the same "missing glyph" box."""
    return _glyph(font, "举") != _glyph(font, "报")


def _glyph(font, character: str) -> bytes:
    image = Image.new("L", (48, 48))
    ImageDraw.Draw(image).text((0, 0), character, font=font, fill=255)
    return image.tobytes()
