"""Sample uploads, built in memory: a plain photo for the forms, honest files carrying
metadata, and hostile ones (polyglots, bombs, disguised types, PDFs with scripts) for the
evidence tests (tests/common/test_evidence*.py)."""

import io
import random
import struct
import zipfile
import zlib

from PIL import Image, ImageCms, PngImagePlugin
from pypdf import PdfWriter
from pypdf.actions import JavaScript

COMMENT = b"secret-comment-home-address"
GPS_MARKER = "HEGANG-GPS-DATUM"
TEXT_CHUNK = "secret-png-text"
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
    b'22-rdf-syntax-ns#"><rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
    b'xmp:CreatorTool="secret-xmp-tool"/></rdf:RDF></x:xmpmeta>'
)
RED, BLUE = (220, 20, 20), (20, 20, 220)


def jpeg_bytes(size=(64, 48), **save_options) -> bytes:
    """A plain red photo, as a citizen would attach one."""
    return encode(Image.new("RGB", size, (200, 30, 30)), "JPEG", **save_options)


def icc_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def encode(image: Image.Image, fmt: str, **params) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **params)
    return out.getvalue()


def split_image(size=(60, 40)) -> Image.Image:
    """Left half red, right half blue, so a rotation shows up in the pixels."""
    image = Image.new("RGB", size, BLUE)
    image.paste(RED, (0, 0, size[0] // 2, size[1]))
    return image


def jpeg_with_metadata() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"  # GPSLatitudeRef
    gps[2] = (47.0, 20.0, 15.5)  # GPSLatitude
    gps[3] = "E"
    gps[4] = (130.0, 17.0, 2.0)
    gps[0x12] = GPS_MARKER  # GPSMapDatum: a string we can look for in the output
    return encode(
        Image.new("RGB", (64, 48), RED),
        "JPEG",
        exif=exif,
        icc_profile=icc_profile(),
        comment=COMMENT,
        xmp=XMP,
    )


def jpeg_rotated() -> bytes:
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    return encode(split_image(), "JPEG", exif=exif, quality=95)


def png_with_text_and_icc() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", TEXT_CHUNK)
    info.add_text("Location", TEXT_CHUNK, zip=True)
    return encode(Image.new("RGB", (32, 32), RED), "PNG", pnginfo=info, icc_profile=icc_profile())


def zip_archive() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("shell.php", "<?php system($_GET['c']); ?>")
    return out.getvalue()


def png_polyglot() -> bytes:
    png = encode(Image.new("RGB", (16, 16), RED), "PNG")
    return png + zip_archive() + b"<?php system($_GET['c']); ?>"


def noise_jpeg(size=(200, 200)) -> bytes:
    noise = random.Random(7).randbytes(size[0] * size[1] * 3)
    return encode(Image.frombytes("RGB", size, noise), "JPEG")


def disguised_payloads() -> dict[str, bytes]:
    """Things that are not allowed evidence, whatever they are called."""
    return {
        "html": b"<!doctype html><html><script>alert(document.cookie)</script></html>",
        "php": b"<?php system($_GET['c']); ?>",
        "zip": zip_archive(),
        "svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "gif": encode(Image.new("P", (8, 8)), "GIF"),
        "bmp": encode(Image.new("RGB", (8, 8)), "BMP"),
        "tiff": encode(Image.new("RGB", (8, 8)), "TIFF"),
        "text": "举报内容：工厂夜间排污\n".encode(),
        "mp4": b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64,
        "exe": b"MZ\x90\x00" + b"\x00" * 60,
    }


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_bomb(width: int, height: int, *, complete: bool = True) -> bytes:
    """1-bit greyscale PNG of all zeros: a few KB on disk, width*height pixels in memory.
    With complete=False the IDAT is cut short (enough to be opened, not decoded)."""
    row = b"\x00" * (1 + (width + 7) // 8)
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(row) for _ in range(height if complete else 1))
    idat += packer.flush() if complete else b""
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


def animated(fmt: str) -> bytes:
    frames = [Image.new("RGB", (20, 20), colour) for colour in (RED, BLUE, (20, 220, 20))]
    return encode(frames[0], fmt, save_all=True, append_images=frames[1:], duration=100, loop=0)


def pdf_from_writer(*, js: bool = False, password: str | None = None, attach: bool = False):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if js:
        writer.add_open_action(JavaScript("app.alert(1)"))
    if attach:
        writer.add_attachment("invoice.exe", b"MZ\x90\x00")
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_by_hand(catalog_extra: bytes = b"", page_extra: bytes = b"", content: bytes = b"") -> bytes:
    """A minimal one-page PDF with a classic xref table, written byte by byte."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R "
        + page_extra
        + b" >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def pdf_with_object_stream(catalog_extra: bytes = b"", page_extra: bytes = b"") -> bytes:
    """PDF 1.5 whose catalog and page sit in a compressed object stream (with an xref stream),
    so whatever they contain is invisible to a scan of the raw bytes."""
    catalog = b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>"
    pages = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] " + page_extra + b" >>"
    bodies = [catalog, pages, page]
    header, offset = b"", 0
    for number, body in enumerate(bodies, start=1):
        header += b"%d %d " % (number, offset)
        offset += len(body) + 1
    packed = zlib.compress(header + b"\n".join(bodies) + b"\n")
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    objstm_offset = len(out)
    out += b"4 0 obj\n<< /Type /ObjStm /N 3 /First %d /Filter /FlateDecode /Length %d >>\n" % (
        len(header),
        len(packed),
    )
    out += b"stream\n" + packed + b"\nendstream\nendobj\n"
    xref_offset = len(out)
    rows = [(0, 0, 65535)] + [(2, 4, i) for i in range(3)] + [(1, objstm_offset, 0)]
    rows.append((1, xref_offset, 0))
    table = b"".join(struct.pack(">BIH", *row) for row in rows)
    out += b"5 0 obj\n<< /Type /XRef /Size 6 /Root 1 0 R /W [1 4 2] /Length %d >>\n" % len(table)
    out += b"stream\n" + table + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_offset
    return bytes(out)
