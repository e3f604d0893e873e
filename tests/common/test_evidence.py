"""Evidence uploads: what is accepted, what is refused (with which message), what reaches disk."""

import io
import re
import warnings

import pytest
from PIL import Image

from portal.services.common.uploads import EvidenceError, prepare, prepare_all, store
from tests.support import samples
from tests.support.uploads import (
    DAMAGED_IMAGE,
    TOO_MANY_PIXELS,
    UNSUPPORTED,
    refused,
)

MB = 1024 * 1024


def reopen(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def close_to(pixel, colour, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))


# --- images: metadata is gone, pixels survive ------------------------------------------------


def test_jpeg_metadata_is_stripped_from_the_stored_copy(tmp_path):
    source = samples.jpeg_with_metadata()
    original = reopen(source)
    # The sample really carries what we expect to disappear.
    assert original.getexif().get_ifd(0x8825) and original.info.get("icc_profile")
    for marker in (
        samples.COMMENT,
        b"Exif",
        b"http://ns.adobe.com/xap",
        samples.GPS_MARKER.encode(),
    ):
        assert marker in source

    stored = store(prepare(source, "IMG_0001.jpg"), tmp_path)
    on_disk = (tmp_path / stored.relative_path).read_bytes()
    image = reopen(on_disk)

    assert image.format == "JPEG" and stored.media_type == "image/jpeg"
    assert not image.getexif()
    assert not {"exif", "icc_profile", "xmp", "comment", "XML:com.adobe.xmp"} & set(image.info)
    for marker in (
        samples.COMMENT,
        b"Exif",
        b"http://ns.adobe.com/xap",
        samples.GPS_MARKER.encode(),
    ):
        assert marker not in on_disk
    assert close_to(image.getpixel((32, 24)), samples.RED)


def test_exif_orientation_is_applied_to_the_pixels():
    source = samples.jpeg_rotated()
    assert reopen(source).size == (60, 40)

    prepared = prepare(source, "rotated.jpg")
    image = reopen(prepared.data)

    assert image.size == (40, 60) and (prepared.width, prepared.height) == (40, 60)
    assert 0x0112 not in image.getexif()  # no orientation left to apply twice
    # Turned clockwise: the red left half of the sensor image is now on top.
    assert close_to(image.getpixel((20, 5)), samples.RED)
    assert close_to(image.getpixel((20, 55)), samples.BLUE)


def test_png_text_and_icc_chunks_are_removed():
    source = samples.png_with_text_and_icc()
    assert {"icc_profile", "Comment", "Location"} <= set(reopen(source).info)

    prepared = prepare(source, "map.png")

    assert prepared.media_type == "image/png" and prepared.extension == ".png"
    assert not {"icc_profile", "Comment", "Location"} & set(reopen(prepared.data).info)
    for chunk in (b"tEXt", b"zTXt", b"iTXt", b"iCCP", b"eXIf", samples.TEXT_CHUNK.encode()):
        assert chunk not in prepared.data


def test_png_zip_php_polyglot_keeps_only_the_picture():
    source = samples.png_polyglot()
    assert b"PK\x03\x04" in source and b"<?php" in source

    prepared = prepare(source, "photo.png")

    assert prepared.media_type == "image/png"
    assert b"PK\x03\x04" not in prepared.data and b"<?php" not in prepared.data


@pytest.mark.parametrize("fmt", ["WEBP", "PNG"])
def test_animated_images_keep_only_the_first_frame(fmt):
    source = samples.animated(fmt)
    assert getattr(reopen(source), "n_frames", 1) == 3

    image = reopen(prepare(source, "clip").data)

    assert image.format == fmt and getattr(image, "n_frames", 1) == 1
    assert close_to(image.convert("RGB").getpixel((10, 10)), samples.RED)


def test_palette_transparency_survives_as_alpha():
    image = Image.new("P", (10, 10), 0)
    image.putpalette([255, 0, 0, 0, 0, 255] + [0] * 762)
    image.paste(1, (0, 0, 5, 10))
    source = samples.encode(image, "PNG", transparency=0)

    cleaned = reopen(prepare(source, "keyed.png").data)

    assert cleaned.mode == "RGBA"
    assert cleaned.getpixel((8, 5))[3] == 0 and cleaned.getpixel((2, 5)) == (0, 0, 255, 255)


def test_multi_picture_jpeg_keeps_only_the_main_picture():
    frames = [Image.new("RGB", (30, 20), colour) for colour in (samples.RED, samples.BLUE)]
    source = samples.encode(frames[0], "MPO", save_all=True, append_images=frames[1:])
    assert reopen(source).format == "MPO" and b"MPF\x00" in source

    prepared = prepare(source, "camera.jpg")
    image = reopen(prepared.data)

    assert prepared.media_type == "image/jpeg" and image.format == "JPEG"
    assert b"MPF\x00" not in prepared.data and close_to(image.getpixel((5, 5)), samples.RED)


def test_cmyk_jpeg_is_stored_as_rgb():
    source = samples.encode(Image.new("CMYK", (8, 8), (0, 255, 255, 0)), "JPEG")

    cleaned = reopen(prepare(source, "scan.jpg").data)

    assert cleaned.mode == "RGB" and close_to(cleaned.getpixel((4, 4)), (255, 0, 0), 60)


# --- refusals ------------------------------------------------------------------------------


@pytest.mark.parametrize("filename", ["photo.png", "photo.jpg", "report.pdf"])
# "mp4" (a bare MP4 header) is taken as a video and refused by ffmpeg: test_evidence_video.
@pytest.mark.parametrize("kind", sorted(set(samples.disguised_payloads()) - {"mp4"}))
def test_other_types_are_refused_whatever_their_name(kind, filename):
    assert UNSUPPORTED in refused(samples.disguised_payloads()[kind], filename)


def test_empty_file_is_refused():
    assert "空文件" in refused(b"", "empty.jpg")


def test_oversize_file_is_refused_with_the_limit_in_mb():
    data = samples.png_polyglot()
    prepare(data, "small.png", max_bytes=len(data))  # exactly at the limit is fine
    assert "超过 10 MB" in refused(b"\xff\xd8\xff" + bytes(10 * MB), "big.jpg")
    assert "超过 1 MB" in refused(b"\x89PNG\r\n\x1a\n" + bytes(MB), "big.png", max_bytes=MB)


@pytest.mark.parametrize(
    "data",
    [
        samples.noise_jpeg()[:2000],
        b"\xff\xd8\xff\xe0" + b"<html>not really a jpeg</html>",
        b"\x89PNG\r\n\x1a\n" + b"garbage" * 10,
        b"RIFF\x10\x00\x00\x00WEBPVP8 garbage",
    ],
    ids=["truncated-jpeg", "jpeg-magic-html", "png-magic-garbage", "webp-magic-garbage"],
)
def test_damaged_images_are_refused(data):
    assert DAMAGED_IMAGE in refused(data, "broken.jpg")


@pytest.fixture(scope="module")
def huge_png():
    return samples.png_bomb(20_000, 20_000)  # 400 megapixels in about 50 KB


def test_decompression_bomb_is_refused(huge_png):
    assert len(huge_png) < 100_000
    assert TOO_MANY_PIXELS in refused(huge_png, "bomb.png")


def test_pixel_limit_is_a_parameter():
    data = samples.png_bomb(2000, 2000)
    assert prepare(data, "ok.png").width == 2000
    message = refused(data, "bomb.png", max_pixels=1_000_000)
    assert "超过 100 万像素" in message


def test_pixel_limit_is_checked_from_the_header_before_decoding():
    # 64 megapixels declared, hardly any data: refused as too large, not as damaged.
    assert TOO_MANY_PIXELS in refused(samples.png_bomb(8000, 8000, complete=False), "bomb.png")


def test_pillow_bomb_warning_is_an_error_even_where_warnings_are_ignored():
    data = samples.png_bomb(10_000, 10_000, complete=False)  # above Pillow's own warning limit
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        message = refused(data, "bomb.png", max_pixels=200_000_000)
    assert TOO_MANY_PIXELS in message


def test_filename_is_cleaned_and_kept_only_as_metadata(tmp_path):
    hostile = "C:\\fakepath\\..\\..\\etc/evil\x00\u202egpj.php\n" + "长" * 300
    stored = store(prepare(samples.png_polyglot(), hostile), tmp_path)

    name = stored.original_name
    assert name.startswith("evilgpj.php") and len(name) == 200
    assert not re.search(r"[\x00-\x1f\u202e/\\]", name)
    assert "evil" not in stored.relative_path and ".php" not in stored.relative_path


# --- several files -------------------------------------------------------------------------


def test_prepare_all_keeps_order_and_names_the_file_at_fault():
    good = (samples.png_polyglot(), "a.png")
    prepared = prepare_all([good, (samples.pdf_from_writer(), "b.pdf")])
    assert [p.original_name for p in prepared] == ["a.png", "b.pdf"]

    with pytest.raises(EvidenceError, match="“b.png”不是有效的图片"):
        prepare_all([good, (b"<html>", "b.png"), good])


def test_prepare_all_refuses_more_than_five_files():
    one = (samples.png_polyglot(), "a.png")
    assert len(prepare_all([one] * 5)) == 5
    with pytest.raises(EvidenceError, match="最多只能上传 5 个文件"):
        prepare_all([one] * 6)


def test_prepare_all_refuses_a_total_over_30_mb():
    # Each file is under the 10 MB limit; only the sum is too much. Refused before decoding.
    with pytest.raises(EvidenceError, match="合计不超过 30 MB"):
        prepare_all([(b"\xff\xd8\xff" + bytes(8 * MB), f"{i}.jpg") for i in range(4)])
