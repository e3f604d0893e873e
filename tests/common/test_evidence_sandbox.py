"""Image bombs cost the web worker nothing: uploads are decoded in a child process whose
memory is capped, the pixel cap is what phones produce, and the service as a whole has a
memory ceiling. Issue 12, item 15."""

import io
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image

from portal.config import DEFAULTS
from portal.services.common.uploads import MB, EvidenceError, prepare, prepare_all

ROOT = Path(__file__).resolve().parent.parent.parent
TOO_COSTLY = "占用内存或时间过多"
TOO_MANY_PIXELS = "图片尺寸过大"


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def rgba_png_bomb(width: int, height: int) -> bytes:
    """8-bit RGBA of all zeros: ~150 KB for 6300×6300, 159 MB once decoded."""
    row = b"\x00" * (1 + 4 * width)
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", idat)
        + _chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bomb") / "bomb.png"
    path.write_bytes(rgba_png_bomb(6300, 6300))
    return path


def phone_photo(size: tuple[int, int]) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = 6  # taken upright: the phone says "turn me", as most do
    out = io.BytesIO()
    Image.new("RGB", size, (90, 120, 60)).save(out, "JPEG", exif=exif, quality=80)
    return out.getvalue()


def test_the_issues_150_kb_bomb_is_refused_from_its_header(bomb):
    data = bomb.read_bytes()
    assert len(data) < 200_000
    with pytest.raises(EvidenceError) as refused:
        prepare(data, "bomb.png")
    assert TOO_MANY_PIXELS in refused.value.message and "3000 万像素" in refused.value.message


def test_the_pixel_cap_keeps_what_phones_take_by_default():
    assert 24_500_000 <= DEFAULTS["EVIDENCE_MAX_PIXELS"] <= 30_000_000
    iphone = prepare(phone_photo((5712, 4284)), "IMG_0001.JPG")  # 24.5 MP, turned upright
    assert (iphone.width, iphone.height) == (4284, 5712) and iphone.media_type == "image/jpeg"


def test_a_bomb_too_big_for_the_child_is_refused_and_the_worker_carries_on(bomb):
    data = bomb.read_bytes()
    with pytest.raises(EvidenceError) as refused:
        # Under this pixel cap the child decodes it, and runs out of its 64 MB on the way.
        prepare_all([(data, "bomb.png")], max_pixels=50_000_000, memory_bytes=64 * MB)
    assert "“bomb.png”" in refused.value.message and TOO_COSTLY in refused.value.message
    # The same process goes on cleaning ordinary photos.
    assert prepare(phone_photo((400, 300)), "next.jpg").width == 300


def test_decoding_never_happens_in_the_workers_memory(bomb):
    """In a fresh interpreter standing in for a web worker: cleaning the 40-megapixel bomb
    (allowed here, so that it is really decoded) leaves the worker's peak memory where it
    was — the pixels lived and died in the child."""
    script = (
        "import resource, sys\n"
        "from portal.services.common.uploads import prepare\n"
        "data = open(sys.argv[1], 'rb').read()\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "prepared = prepare(data, 'bomb.png', max_pixels=50_000_000)\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(prepared.width, before, after)\n"
    )
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script, str(bomb)],
        capture_output=True, text=True, cwd=ROOT, check=True, timeout=120,
    )  # fmt: skip
    width, before, after = map(int, done.stdout.split())
    assert width == 6300  # decoded (159 MB of pixels) and re-encoded — somewhere else
    assert after - before < 50 * 1024, f"the worker grew by {(after - before) // 1024} MB"


def test_the_service_has_a_memory_ceiling():
    unit = (ROOT / "deploy" / "hegang-portal.service").read_text()
    assert "\nMemoryMax=" in unit
    assert DEFAULTS["EVIDENCE_CLEANING_MEMORY_BYTES"] <= 1024 * MB
