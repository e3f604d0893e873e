"""Thumbnails of image evidence: made from the cleaned picture in the cleaning child, a small
JPEG whatever the source's format or mode, carrying none of the source's metadata."""

from io import BytesIO

import pytest
from PIL import Image

from portal.services.common.uploads import prepare
from tests.support import samples


def thumbnail_of(data: bytes, name: str) -> Image.Image:
    prepared = prepare(data, name)
    assert prepared.thumbnail is not None
    return Image.open(BytesIO(prepared.thumbnail))


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "LA", "P", "L", "1", "I;16"])
def test_every_png_mode_gets_a_small_jpeg(mode):
    source = samples.encode(Image.new(mode, (1000, 500)), "PNG")
    thumbnail = thumbnail_of(source, "scan.png")
    assert thumbnail.format == "JPEG" and thumbnail.mode == "RGB"
    assert thumbnail.size == (320, 160)


def test_a_small_picture_is_not_enlarged():
    assert thumbnail_of(samples.jpeg_bytes(size=(64, 48)), "tiny.jpg").size == (64, 48)


def test_the_thumbnail_of_a_phone_photo_has_no_exif_or_gps():
    source = samples.jpeg_with_metadata()
    thumbnail = thumbnail_of(source, "IMG_0001.jpg")
    assert not thumbnail.getexif() and "exif" not in thumbnail.info
    assert b"Exif" not in prepare(source, "IMG_0001.jpg").thumbnail


def test_pdfs_get_no_thumbnail():
    assert prepare(samples.pdf_from_writer(), "r.pdf").thumbnail is None
