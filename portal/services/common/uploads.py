"""Evidence files attached to violation reports: validation, cleaning, storage and removal.

Plain Python (no Flask): bytes and paths in, results out. The type is decided by content only.
Images are decoded and re-encoded from their pixels so no metadata survives; PDFs are parsed,
checked for encryption and active content, and kept byte for byte. Stored copies get random
names under two fan-out levels; user-supplied names are metadata only.
"""

import hashlib
import os
import re
import secrets
import tempfile
import unicodedata
import warnings
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageOps
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

MB = 1024 * 1024
ALLOWED_MEDIA_TYPES = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "application/pdf": ".pdf",
}
# Pillow format → media type; Pillow calls multi-picture camera JPEGs "MPO".
_IMAGE_FORMATS = {
    "JPEG": "image/jpeg",
    "MPO": "image/jpeg",
    "PNG": "image/png",
    "WEBP": "image/webp",
}
_SAVE_OPTIONS = {"JPEG": {"quality": 90}, "PNG": {}, "WEBP": {"quality": 90}}
# Names that make a PDF run code, launch programs or carry files; XFA and RichMedia carry scripts.
_PDF_ACTIVE = {
    "/JavaScript", "/JS", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia", "/XFA",
    "/GoToE",
}  # fmt: skip
_PDF_MAX_NODES = 500_000  # far above a real 10 MB file; stops pathological object graphs
_PDF_WALKED = (IndirectObject, DictionaryObject, ArrayObject, NameObject)
_NAME_CHAR = rb"[^\x00\t\n\x0c\r ()<>\[\]{}/%]"  # anything but PDF whitespace and delimiters
_PDF_ACTIVE_TOKEN = re.compile(
    rb"/(?:" + b"|".join(n[1:].encode() for n in _PDF_ACTIVE) + rb")(?!" + _NAME_CHAR + rb")"
)
_PDF_ESCAPED_NAME = re.compile(rb"/" + _NAME_CHAR + rb"*#" + _NAME_CHAR + rb"*")
_PDF_STREAM_START = re.compile(rb"stream(?:\r\n|\n|\r)")
_STORED_PATH = re.compile(r"([0-9a-f]{2})/([0-9a-f]{2})/(\1\2[0-9a-f]{28})\.(jpg|png|webp|pdf)")


class EvidenceError(ValueError):
    """A problem with an uploaded file; the message is Chinese and meant for the citizen."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class PreparedEvidence:
    data: bytes
    media_type: str
    extension: str
    original_name: str
    width: int | None
    height: int | None


@dataclass(frozen=True)
class StoredEvidence:
    relative_path: str
    media_type: str
    size: int
    sha256: str
    original_name: str
    width: int | None
    height: int | None


def clean_filename(filename: str | None) -> str:
    """Basename only (either slash), control/format characters removed, at most 200 chars."""
    name = unicodedata.normalize("NFC", filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C" and c not in "\u2028\u2029")
    name = name.strip()
    return "" if name in {".", ".."} else name[:200]


def _label(name: str) -> str:
    return f"文件“{name}”" if name else "未命名文件"


def _mb(limit: int) -> str:
    return f"{limit / MB:.3g}"


def prepare(
    data: bytes,
    filename: str | None,
    *,
    max_bytes: int = 10 * MB,
    max_pixels: int = 40_000_000,
) -> PreparedEvidence:
    """Validate one upload and return a cleaned copy; raises EvidenceError naming the file."""
    name = clean_filename(filename)
    label = _label(name)
    data = bytes(data)
    if not data:
        raise EvidenceError(f"{label}是空文件，请重新选择。")
    if len(data) > max_bytes:
        raise EvidenceError(f"{label}超过 {_mb(max_bytes)} MB 的大小限制。")
    if data.startswith(b"%PDF-"):
        _check_pdf(data, label)
        return PreparedEvidence(data, "application/pdf", ".pdf", name, None, None)
    fmt = _sniff_image(data)
    if fmt is None:
        raise EvidenceError(f"{label}不是有效的图片或 PDF，仅支持 JPEG、PNG、WebP 和 PDF。")
    cleaned, (width, height) = _clean_image(data, fmt, max_pixels, label)
    media_type = _IMAGE_FORMATS[fmt]
    return PreparedEvidence(
        cleaned, media_type, ALLOWED_MEDIA_TYPES[media_type], name, width, height
    )


def prepare_all(
    files: list[tuple[bytes, str | None]],
    *,
    max_files: int = 5,
    max_bytes: int = 10 * MB,
    max_total_bytes: int = 30 * MB,
    max_pixels: int = 40_000_000,
) -> list[PreparedEvidence]:
    """Count and total size are checked before any file is decoded."""
    if len(files) > max_files:
        raise EvidenceError(f"最多只能上传 {max_files} 个文件，本次选择了 {len(files)} 个。")
    if sum(len(data) for data, _ in files) > max_total_bytes:
        raise EvidenceError(f"所有文件合计不超过 {_mb(max_total_bytes)} MB，请减少或压缩文件。")
    return [
        prepare(data, filename, max_bytes=max_bytes, max_pixels=max_pixels)
        for data, filename in files
    ]


def _sniff_image(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def _clean_image(
    data: bytes, fmt: str, max_pixels: int, label: str
) -> tuple[bytes, tuple[int, int]]:
    too_large = EvidenceError(
        f"{label}的图片尺寸过大（超过 {max_pixels / 10_000:g} 万像素），请缩小后再上传。"
    )
    damaged = EvidenceError(f"{label}图片已损坏或不完整，无法读取。")
    # Pillow's bomb warning becomes an error here; other warnings (odd EXIF, etc.) are not
    # the citizen's concern since that metadata is dropped anyway.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(BytesIO(data), formats=[fmt]) as im:
                if _IMAGE_FORMATS.get(im.format) != _IMAGE_FORMATS[fmt]:
                    raise damaged
                # Checked before load(): the header is all a bomb needs to be refused.
                if im.size[0] * im.size[1] > max_pixels:
                    raise too_large
                im.seek(0)  # animations: the first frame only
                im.load()
                pixels = _normal_mode(_oriented(im), fmt)
                # A fresh image from raw pixels: nothing from the source's info comes along.
                clean = Image.frombytes(pixels.mode, pixels.size, pixels.tobytes())
            out = BytesIO()
            clean.save(out, format=fmt, **_SAVE_OPTIONS[fmt])
        except EvidenceError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_large from None
        except Exception:  # Pillow raises many kinds (OSError, SyntaxError, struct.error, ...)
            raise damaged from None
    return out.getvalue(), clean.size


def _oriented(im: Image.Image) -> Image.Image:
    with suppress(Exception):  # unreadable EXIF only loses the rotation, not the evidence
        transposed = ImageOps.exif_transpose(im)
        if transposed is not None:
            return transposed
    return im


_KEEP_MODES = {"JPEG": {"RGB", "L"}, "PNG": {"1", "L", "LA", "RGB", "RGBA", "I", "I;16"}}


def _normal_mode(im: Image.Image, fmt: str) -> Image.Image:
    """Modes the target format stores directly; palette, CMYK etc. become RGB(A)."""
    if fmt == "JPEG":
        return im if im.mode in _KEEP_MODES["JPEG"] else im.convert("RGB")
    # A tRNS colour key lives in info, which the fresh copy drops: bake it into alpha.
    keyed = "transparency" in im.info
    if im.mode in _KEEP_MODES.get(fmt, {"RGB", "RGBA"}) and not keyed:
        return im
    return im.convert("RGBA" if keyed or "A" in im.getbands() else "RGB")


def _check_pdf(data: bytes, label: str) -> None:
    damaged = EvidenceError(f"{label}不是有效的 PDF 文件或已损坏。")
    active = EvidenceError(
        f"{label}含有脚本、附件或自动执行的操作，出于安全原因不予接受，请另存为普通 PDF 后再上传。"
    )
    if _raw_pdf_active(data):
        raise active
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader = PdfReader(BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise EvidenceError(f"{label}是加密的 PDF，请上传未加密的文件。")
            if len(reader.pages) < 1:
                raise damaged
            if _pdf_has_active_content(reader):
                raise active
        except EvidenceError:
            raise
        except Exception:  # pypdf raises PdfReadError, ValueError, KeyError, RecursionError...
            raise damaged from None


def _raw_pdf_active(data: bytes) -> bool:
    """Active name tokens outside streams, also #xx-escaped ones (/J#61vaScript)."""
    text = _outside_streams(data)
    if _PDF_ACTIVE_TOKEN.search(text):
        return True
    for token in set(_PDF_ESCAPED_NAME.findall(text)):  # set: spam of one token stays cheap
        token = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m[1], 16)]), token)
        if token.decode("latin-1") in _PDF_ACTIVE:
            return True
    return False


def _outside_streams(data: bytes) -> bytes:
    """The bytes with stream bodies cut out (binary data would give false hits). A loop rather
    than one lazy regex, which goes quadratic on many "stream" keywords without an end."""
    parts, pos = [], 0
    while (start := _PDF_STREAM_START.search(data, pos)) is not None:
        parts.append(data[pos : start.start()])
        end = data.find(b"endstream", start.end())
        if end < 0:
            return b" ".join(parts)
        pos = end + len(b"endstream")
    parts.append(data[pos:])
    return b" ".join(parts)


def _pdf_has_active_content(reader: PdfReader) -> bool:
    """Walk every object reachable from the trailer (object streams included, which the raw
    scan cannot see) looking for active names, and refuse non-GoTo open actions."""
    root = reader.trailer["/Root"].get_object()
    action = root.get("/OpenAction")
    action = action.get_object() if action is not None else None
    if isinstance(action, DictionaryObject) and action.get("/S") not in (None, "/GoTo"):
        return True
    stack: list = [reader.trailer]
    seen: set = set()
    for _ in range(_PDF_MAX_NODES):
        if not stack:
            return False
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            if (obj.idnum, obj.generation) in seen:
                continue
            seen.add((obj.idnum, obj.generation))
            obj = obj.get_object()
        if isinstance(obj, NameObject) and obj in _PDF_ACTIVE:
            return True
        if isinstance(obj, DictionaryObject):
            if any(key in _PDF_ACTIVE for key in obj):
                return True
            values = dict.values(obj)  # raw values, so references are tracked in `seen`
        elif isinstance(obj, ArrayObject):
            values = list.__iter__(obj)
        else:
            continue
        stack.extend(value for value in values if isinstance(value, _PDF_WALKED))
    raise ValueError("PDF object graph too large")


def store(prepared: PreparedEvidence, upload_root: Path) -> StoredEvidence:
    """Write atomically under a random name; on any failure nothing is left behind."""
    root = Path(upload_root)
    name = secrets.token_hex(16) + prepared.extension
    relative = f"{name[:2]}/{name[2:4]}/{name}"
    directory = root / name[:2] / name[2:4]
    _make_dirs(root, directory)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".upload-", suffix=".tmp")
    final = directory / name
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(prepared.data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, final)
        _fsync_dir(directory)
    except BaseException:
        for leftover in (tmp, final):
            with suppress(OSError):
                os.unlink(leftover)
        raise
    return StoredEvidence(
        relative_path=relative,
        media_type=prepared.media_type,
        size=len(prepared.data),
        sha256=hashlib.sha256(prepared.data).hexdigest(),
        original_name=prepared.original_name,
        width=prepared.width,
        height=prepared.height,
    )


def store_all(prepared: list[PreparedEvidence], upload_root: Path) -> list[StoredEvidence]:
    stored: list[StoredEvidence] = []
    try:
        for item in prepared:
            stored.append(store(item, upload_root))
    except BaseException:
        with suppress(OSError):  # the original error matters more than a cleanup failure
            remove(stored, upload_root)
        raise
    return stored


def remove(stored: Iterable[StoredEvidence] | Iterable[str], upload_root: Path) -> None:
    """Delete stored copies; missing files are fine. Only paths this module makes are accepted."""
    root = Path(upload_root).resolve()
    relatives = [i.relative_path if isinstance(i, StoredEvidence) else i for i in stored]
    for path in [root / _checked_relative(relative) for relative in relatives]:
        # unlink() never follows the final symlink, but the fan-out directories must be ours.
        if path.parent.resolve().is_relative_to(root):
            path.unlink(missing_ok=True)


def open_stored(relative_path: str, upload_root: Path) -> Path:
    """Resolved path of an existing stored file. ValueError for anything that is not one of
    our paths or resolves outside upload_root; FileNotFoundError if it is gone."""
    root = Path(upload_root).resolve()
    path = (root / _checked_relative(relative_path)).resolve(strict=True)
    if not path.is_relative_to(root) or not path.is_file():
        raise ValueError(f"not a stored evidence file inside the root: {relative_path!r}")
    return path


def _checked_relative(relative_path: str) -> str:
    if not isinstance(relative_path, str) or not _STORED_PATH.fullmatch(relative_path):
        raise ValueError(f"not a stored evidence path: {relative_path!r}")
    return relative_path


def _make_dirs(root: Path, directory: Path) -> None:
    """Create the fan-out levels; fsync each parent that gained an entry so it survives a crash."""
    root.mkdir(parents=True, exist_ok=True)
    for level in (directory.parent, directory):
        try:
            level.mkdir()
        except FileExistsError:
            continue
        _fsync_dir(level.parent)


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
