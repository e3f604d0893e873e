"""Evidence uploads: what is accepted, what is refused (with which message), what reaches disk."""

import hashlib
import io
import os
import re
import time
import warnings

import pytest
from PIL import Image

from portal.services import evidence
from portal.services.evidence import EvidenceError, prepare, prepare_all, store, store_all
from tests import evidence_samples as samples

MB = 1024 * 1024
UNSUPPORTED = "不是有效的图片或 PDF，仅支持 JPEG、PNG、WebP 和 PDF"
DAMAGED_IMAGE = "图片已损坏或不完整"
TOO_MANY_PIXELS = "图片尺寸过大"
PDF_SCRIPTS = "含有脚本、附件或自动执行的操作"
PDF_DAMAGED = "不是有效的 PDF 文件或已损坏"


def refused(data: bytes, filename: str = "证据.png", **limits) -> str:
    with pytest.raises(EvidenceError) as caught:
        prepare(data, filename, **limits)
    assert f"“{filename}”" in caught.value.message  # the citizen is told which file
    return caught.value.message


def reopen(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def close_to(pixel, colour, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))


def files_under(root) -> list:
    return sorted(p for p in root.rglob("*") if p.is_file() or p.is_symlink())


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
@pytest.mark.parametrize("kind", sorted(samples.disguised_payloads()))
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


# --- PDF -------------------------------------------------------------------------------------


def test_plain_pdf_is_accepted_unchanged():
    data = samples.pdf_from_writer()
    prepared = prepare(data, "监测报告.pdf")
    assert prepared.media_type == "application/pdf" and prepared.extension == ".pdf"
    assert prepared.data == data and prepared.width is None


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
def test_pdfs_with_scripts_or_attachments_are_refused(data):
    assert PDF_SCRIPTS in refused(data, "report.pdf")


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
    assert PDF_SCRIPTS in refused(data, "report.pdf")


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
    assert time.perf_counter() - started < 1.5  # a quadratic scan would take minutes


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


# --- storage -------------------------------------------------------------------------------


def test_store_writes_under_a_random_fanned_out_name(tmp_path):
    prepared = prepare(samples.jpeg_with_metadata(), "IMG_0001.jpg")

    first, second = store(prepared, tmp_path), store(prepared, tmp_path)

    assert first.relative_path != second.relative_path
    for stored in (first, second):
        assert re.fullmatch(
            r"([0-9a-f]{2})/([0-9a-f]{2})/\1\2[0-9a-f]{28}\.jpg", stored.relative_path
        )
        path = tmp_path / stored.relative_path
        assert path.read_bytes() == prepared.data
        assert stored.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert stored.size == len(prepared.data) and stored.original_name == "IMG_0001.jpg"
    assert len(files_under(tmp_path)) == 2  # no temporary files left behind
    assert not any("IMG" in p.name for p in files_under(tmp_path))


def test_store_all_removes_earlier_files_when_a_later_write_fails(tmp_path, monkeypatch):
    real_replace, calls = os.replace, []

    def failing_replace(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError("disk full")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    items = prepare_all([(samples.png_polyglot(), "a.png"), (samples.pdf_from_writer(), "b.pdf")])

    with pytest.raises(OSError, match="disk full"):
        store_all(items, tmp_path)

    assert len(calls) == 2
    assert files_under(tmp_path) == []  # neither the first file nor the second's temp file


def test_remove_is_idempotent_and_accepts_paths(tmp_path):
    items = prepare_all([(samples.png_polyglot(), "a.png"), (samples.pdf_from_writer(), "b.pdf")])
    stored = store_all(items, tmp_path)
    assert len(files_under(tmp_path)) == 2

    evidence.remove(stored[:1], tmp_path)
    evidence.remove([stored[1].relative_path], tmp_path)
    assert files_under(tmp_path) == []
    evidence.remove(stored, tmp_path)  # already gone: no error


def test_open_stored_resolves_stored_files(tmp_path):
    stored = store(prepare(samples.pdf_from_writer(), "r.pdf"), tmp_path)
    path = evidence.open_stored(stored.relative_path, tmp_path)
    assert path.read_bytes() == samples.pdf_from_writer()
    evidence.remove([stored], tmp_path)
    with pytest.raises(FileNotFoundError):
        evidence.open_stored(stored.relative_path, tmp_path)


@pytest.mark.parametrize(
    "bad",
    ["../x", "/etc/passwd", "ab/cd/../../../etc/passwd", "ab\\cd\\x.jpg", "", "ab/cd/ef.exe"],
)
def test_open_stored_and_remove_refuse_paths_that_are_not_ours(tmp_path, bad):
    with pytest.raises(ValueError):
        evidence.open_stored(bad, tmp_path)
    with pytest.raises(ValueError):
        evidence.remove([bad], tmp_path)


def test_symlinks_out_of_the_upload_root_are_not_followed(tmp_path):
    root, outside = tmp_path / "uploads", tmp_path / "outside"
    (outside / "cd").mkdir(parents=True)
    secret = outside / "secret.txt"
    secret.write_text("db password")
    name = "abcd" + "0" * 28 + ".jpg"
    (root / "ab" / "cd").mkdir(parents=True)
    (root / "ab" / "cd" / name).symlink_to(secret)
    with pytest.raises(ValueError):
        evidence.open_stored(f"ab/cd/{name}", root)

    # A fanned-out directory that points elsewhere: remove() must not delete over there.
    victim = outside / "cd" / ("efcd" + "0" * 28 + ".pdf")
    victim.write_bytes(b"%PDF-")
    (root / "ef").symlink_to(outside)
    evidence.remove([f"ef/cd/{victim.name}"], root)
    assert victim.exists() and secret.exists()
