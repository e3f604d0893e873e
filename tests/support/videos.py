"""Tiny videos made by ffmpeg for the evidence tests, carrying the metadata a phone writes
(title, creation time, location), and ffprobe's view of a file."""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

FFMPEG, FFPROBE = shutil.which("ffmpeg"), shutil.which("ffprobe")
needs_ffmpeg = pytest.mark.skipif(
    FFMPEG is None or FFPROBE is None,
    reason="ffmpeg/ffprobe not installed (apt-get install ffmpeg)",
)
WHEN = "2026-11-20T22:15:07Z"
WHERE = "+47.3351+130.2987/"
# container → (video codec, audio codec) that ffmpeg here can write into it
CODECS = {"mp4": ("libx264", "aac"), "mov": ("libx264", "aac"), "3gp": ("mpeg4", "aac")}


def make_video(container: str = "mp4", *, audio: bool = True, video: bool = True) -> bytes:
    """One second of a test pattern (and a tone), with a title, creation time and place."""
    video_codec, audio_codec = CODECS[container]
    inputs, codecs = [], []
    if video:
        inputs += ["-f", "lavfi", "-i", "testsrc=size=64x48:rate=10"]
        codecs += ["-c:v", video_codec, "-pix_fmt", "yuv420p"]
    if audio:
        inputs += ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000"]
        codecs += ["-c:a", audio_codec]
    with tempfile.TemporaryDirectory() as work:
        out = Path(work, f"clip.{container}")
        subprocess.run(
            [FFMPEG, "-nostdin", "-hide_banner", "-loglevel", "error", *inputs, "-t", "1",
             *codecs, "-metadata", "title=夜间偷排", "-metadata", f"creation_time={WHEN}",
             "-metadata", f"location={WHERE}", "-metadata:s", f"creation_time={WHEN}",
             "-movflags", "+use_metadata_tags", "-f", container, str(out)],
            check=True,
        )  # fmt: skip
        return out.read_bytes()


def probe(data: bytes) -> dict:
    """ffprobe's JSON for the file: format (name, tags) and streams (type, codec, tags)."""
    with tempfile.NamedTemporaryFile(suffix=".bin") as handle:
        handle.write(data)
        handle.flush()
        shown = subprocess.run(
            [FFPROBE, "-v", "error", "-show_entries",
             "format=format_name:format_tags:stream=codec_type,codec_name:stream_tags",
             "-of", "json", handle.name],
            check=True, capture_output=True,
        ).stdout  # fmt: skip
    return json.loads(shown)


def all_tags(data: bytes) -> dict:
    """Every tag of the file and its streams, in one dictionary."""
    shown = probe(data)
    tags = dict(shown["format"].get("tags", {}))
    for stream in shown["streams"]:
        tags |= stream.get("tags", {})
    return tags
