"""Evidence files attached to violation reports: validation, cleaning, storage and removal.

Plain Python (no Flask): bytes and paths in, results out. The type is decided by content only.
Cleaning happens in a child process with capped memory (portal.services.common.sandbox, which
runs portal.services.common.cleaning): images are re-encoded from their pixels, PDFs rebuilt
without metadata, actions, scripts, attachments and forms, videos remuxed by ffmpeg without
metadata, so what is stored — and hashed — is the rebuilt file. An image's thumbnail is
stored beside it ("<name>.thumb.jpg"). Stored copies get random names under two fan-out
levels; the name a citizen's device gave a file is used only to tell them which file a
message is about.
"""

import hashlib
import os
import re
import secrets
import tempfile
import unicodedata
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from . import sandbox, video
from .cleaning import ACTIVE, DAMAGED, ENCRYPTED, TOO_COSTLY, TOO_LARGE

MB = 1024 * 1024
ALLOWED_MEDIA_TYPES = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "application/pdf": ".pdf",
    "video/mp4": ".mp4",
    "video/3gpp": ".3gp",
}
_IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
PDF = "application/pdf"
# What the cleaning child may use beyond what it starts with, and for how long (the defaults
# of EVIDENCE_CLEANING_MEMORY_BYTES and EVIDENCE_CLEANING_SECONDS; see portal/config.py).
DEFAULT_MEMORY_BYTES = 512 * MB
DEFAULT_SECONDS = 30
_STORED_PATH = re.compile(
    r"([0-9a-f]{2})/([0-9a-f]{2})/(\1\2[0-9a-f]{28})(\.thumb\.jpg|\.(jpg|png|webp|pdf|mp4|3gp))"
)
DEFAULT_VIDEO_BYTES = 30 * MB


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
    original_name: str  # for messages and bulletin attachments; evidence rows never keep it
    width: int | None
    height: int | None
    thumbnail: bytes | None = None


@dataclass(frozen=True)
class StoredEvidence:
    relative_path: str
    media_type: str
    size: int
    sha256: str
    original_name: str
    width: int | None
    height: int | None
    thumbnail_path: str | None = None


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
    max_pixels: int = 30_000_000,
    max_video_bytes: int = DEFAULT_VIDEO_BYTES,
    memory_bytes: int = DEFAULT_MEMORY_BYTES,
    seconds: int = DEFAULT_SECONDS,
) -> PreparedEvidence:
    """Validate one upload and return a cleaned copy; raises EvidenceError naming the file."""
    return prepare_all(
        [(data, filename)], max_files=1, max_bytes=max_bytes, max_total_bytes=len(data),
        max_pixels=max_pixels, max_video_bytes=max_video_bytes, memory_bytes=memory_bytes,
        seconds=seconds,
    )[0]  # fmt: skip


def prepare_all(
    files: list[tuple[bytes, str | None]],
    *,
    max_files: int = 5,
    max_bytes: int = 10 * MB,
    max_total_bytes: int = 30 * MB,
    max_pixels: int = 30_000_000,
    max_video_bytes: int = DEFAULT_VIDEO_BYTES,
    memory_bytes: int = DEFAULT_MEMORY_BYTES,
    seconds: int = DEFAULT_SECONDS,
) -> list[PreparedEvidence]:
    """Count, size and type are checked before anything is decoded; then one child process
    cleans every file, and the first refusal (in upload order) is raised."""
    if len(files) > max_files:
        raise EvidenceError(f"最多只能上传 {max_files} 个文件，本次选择了 {len(files)} 个。")
    if sum(len(data) for data, _ in files) > max_total_bytes:
        raise EvidenceError(f"所有文件合计不超过 {_mb(max_total_bytes)} MB，请减少或压缩文件。")
    names = [clean_filename(filename) for _, filename in files]
    jobs = [
        _job(bytes(data), name, max_bytes, max_pixels, max_video_bytes)
        for (data, _), name in zip(files, names, strict=True)
    ]
    outcomes = sandbox.clean(jobs, memory_bytes=memory_bytes, seconds=seconds)
    prepared = []
    for job, name, outcome in zip(jobs, names, outcomes, strict=False):
        if outcome.refused is not None:
            raise EvidenceError(_refusal(outcome.refused, job, _label(name), max_pixels))
        media_type = _media_type(job)
        prepared.append(
            PreparedEvidence(
                outcome.data,
                media_type,
                ALLOWED_MEDIA_TYPES[media_type],
                name,
                outcome.width,
                outcome.height,
                outcome.thumbnail,
            )  # fmt: skip
        )
    return prepared


def _media_type(job: sandbox.Job) -> str:
    if job.kind == "video":
        return video.MEDIA_TYPES[job.format]
    return PDF if job.kind == "pdf" else _IMAGE_FORMATS[job.format]


def _job(
    data: bytes, name: str, max_bytes: int, max_pixels: int, max_video_bytes: int
) -> sandbox.Job:
    label = _label(name)
    if not data:
        raise EvidenceError(f"{label}是空文件，请重新选择。")
    kind = video.sniff(data)
    if kind is not None:
        return _video_job(data, kind, label, max_video_bytes)
    if len(data) > max_bytes:
        raise EvidenceError(f"{label}超过 {_mb(max_bytes)} MB 的大小限制。")
    if data.startswith(b"%PDF-"):
        return sandbox.Job("pdf", data)
    fmt = _sniff_image(data)
    if fmt is None:
        raise EvidenceError(
            f"{label}不是有效的图片、PDF 或视频，"
            "仅支持 JPEG、PNG、WebP、PDF 和 MP4、MOV、3GP 视频。"
        )
    return sandbox.Job("image", data, fmt, max_pixels)


def _video_job(data: bytes, kind: str, label: str, max_video_bytes: int) -> sandbox.Job:
    if len(data) > max_video_bytes:
        raise EvidenceError(
            f"{label}超过视频 {_mb(max_video_bytes)} MB 的大小限制，请截取关键片段或压缩后再上传。"
        )
    ffmpeg = video.ffmpeg_path()
    if ffmpeg is None:  # without it the hidden data (place, time, device) cannot be removed
        raise EvidenceError(
            f"{label}是视频，本网站暂时无法处理视频文件。请改为上传照片，或拨打举报电话说明情况。"
        )
    return sandbox.Job("video", data, kind, ffmpeg=ffmpeg)


def _refusal(reason: str, job: sandbox.Job, label: str, max_pixels: int) -> str:
    if job.kind == "video":
        if reason == DAMAGED:
            return (
                f"{label}不是有效的视频或已损坏，无法处理。请上传手机拍摄的 MP4、MOV 或 3GP 视频。"
            )
        return f"{label}的视频处理时间过长，无法安全保存，请截取较短的片段后再上传。"
    if job.kind == "image":
        limit = f"{max_pixels / 10_000:g} 万像素"
        return {
            TOO_LARGE: f"{label}的图片尺寸过大（超过 {limit}），请缩小后再上传。",
            DAMAGED: f"{label}图片已损坏或不完整，无法读取。",
        }.get(reason, f"{label}的图片处理时占用内存或时间过多，无法安全保存，请缩小后再上传。")
    return {
        DAMAGED: f"{label}不是有效的 PDF 文件或已损坏。",
        ENCRYPTED: f"{label}是加密的 PDF，请上传未加密的文件。",
        ACTIVE: f"{label}含有脚本、附件或自动执行的操作，无法安全去除，请另存为普通 PDF。",
        TOO_COSTLY: f"{label}结构过于复杂，处理时占用内存过多，请另存为较小的 PDF 后再上传。",
    }.get(reason, f"{label}处理时占用内存或时间过多，无法安全保存，请另存为较小的 PDF 后再上传。")


def _sniff_image(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def store(prepared: PreparedEvidence, upload_root: Path) -> StoredEvidence:
    """Write atomically under a random name; on any failure nothing is left behind."""
    root = Path(upload_root)
    name = secrets.token_hex(16) + prepared.extension
    relative = f"{name[:2]}/{name[2:4]}/{name}"
    directory = root / name[:2] / name[2:4]
    _make_dirs(root, directory)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".upload-", suffix=".tmp")
    final = directory / name
    thumbnail = f"{relative.removesuffix(prepared.extension)}.thumb.jpg"
    try:
        _write(fd, prepared.data, tmp, final)
        if prepared.thumbnail:
            fd, tmp = tempfile.mkstemp(dir=directory, prefix=".upload-", suffix=".tmp")
            _write(fd, prepared.thumbnail, tmp, root / thumbnail)
        _fsync_dir(directory)
    except BaseException:
        for leftover in (tmp, final, root / thumbnail):
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
        thumbnail_path=thumbnail if prepared.thumbnail else None,
    )


def _write(fd: int, data: bytes, tmp: str, final: Path) -> None:
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, final)


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
    relatives = []
    for item in stored:
        if isinstance(item, StoredEvidence):
            relatives += [p for p in (item.relative_path, item.thumbnail_path) if p]
        else:
            relatives.append(item)
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
