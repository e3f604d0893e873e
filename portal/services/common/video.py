"""Recognising video evidence by its content, and finding the ffmpeg that cleans it.

MP4, MOV and 3GP are all ISO base media files: a box size, then "ftyp" and a brand that
names the family. Older QuickTime files start with another box ("moov", "mdat", "wide").
ffmpeg decides in the end (portal.services.common.cleaning): a file that merely looks like a
video but is none is refused there.
"""

import shutil

_QUICKTIME_FIRST_BOXES = {b"moov", b"mdat", b"wide"}
MEDIA_TYPES = {"mp4": "video/mp4", "mov": "video/mp4", "3gp": "video/3gpp"}  # as stored


def sniff(data: bytes) -> str | None:
    """ "mp4", "mov" or "3gp" from the first bytes; None when it is not such a file."""
    if len(data) < 12:
        return None
    box = data[4:8]
    if box in _QUICKTIME_FIRST_BOXES:
        return "mov"
    if box != b"ftyp":
        return None
    brand = data[8:12]
    if brand == b"qt  ":
        return "mov"
    if brand.startswith((b"3gp", b"3g2")):
        return "3gp"
    return "mp4"


def ffmpeg_path() -> str | None:
    """Where ffmpeg is (None: not installed, and videos are refused with a message)."""
    return shutil.which("ffmpeg")
