"""Rebuilding uploaded evidence without what could identify its sender, in a child process.

Run in a child process by portal.services.common.sandbox, never in a web worker: decoding is
where a hostile file costs memory (a 150 KB PNG can declare 40 million pixels, a 10 MB PDF can
inflate to gigabytes), so the child caps its own address space (RLIMIT_AS) and CPU time before
it reads a byte of the upload. A bomb kills the child; the worker only sees that the file could
not be processed. Hence this module imports nothing but the standard library, Pillow and
pikepdf — not the portal, which would cost a second to load.

- Images are decoded and re-encoded from their pixels: EXIF (GPS, camera, time), ICC, XMP,
  comments, text chunks and extra frames are gone; the EXIF orientation is applied first.
- PDFs are rebuilt by qpdf (pikepdf) without the document information dictionary, XMP
  metadata, actions (open, additional, URI, GoToR, Launch, SubmitForm, ImportData, Rendition,
  JavaScript), the name tree (embedded files, scripts), forms, annotations (their visible
  appearance is kept, flattened into the page; their author and dates are not), page
  thumbnails and application data, and embedded JPEGs lose their EXIF/XMP/IPTC segments.
  Only what the rebuilt file references is written, so earlier revisions go too. The result
  is checked again; anything active left is a refusal, never a stored file.

The request and the answers cross a multiprocessing connection as raw bytes (see serve).
"""

from __future__ import annotations

import json
import resource
import subprocess
import tempfile
import warnings
from contextlib import suppress
from io import BytesIO
from pathlib import Path

# Loaded when first needed (_load): the web worker, which imports this module for its
# constants, loads neither; the sandbox's fork server has both loaded before it forks.
Image = ImageOps = pikepdf = None


def _load(kinds: set[str]) -> None:
    global Image, ImageOps, pikepdf  # the lazily loaded libraries
    if "image" in kinds and Image is None:
        from PIL import Image, ImageOps
    if "pdf" in kinds and pikepdf is None:
        import pikepdf


# Reasons a file is refused; the parent turns them into Chinese messages naming the file.
TOO_LARGE, DAMAGED, ENCRYPTED, ACTIVE = "too_large", "damaged", "encrypted", "active"
TOO_COSTLY = "too_costly"  # ran out of the memory the child may use

_MEDIA = {"JPEG": "jpeg", "MPO": "jpeg", "PNG": "png", "WEBP": "webp"}
_SAVE_OPTIONS = {"JPEG": {"quality": 90}, "PNG": {}, "WEBP": {"quality": 90}}
_KEEP_MODES = {"JPEG": {"RGB", "L"}, "PNG": {"1", "L", "LA", "RGB", "RGBA", "I", "I;16"}}


class Refused(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


# --- images ----------------------------------------------------------------------------------


THUMBNAIL_SIZE = (320, 320)


def clean_image(data: bytes, fmt: str, max_pixels: int) -> tuple[bytes, int, int, bytes]:
    """The picture alone, re-encoded in its own format, and its thumbnail. At most one extra
    full copy of the pixels exists at a time (when it is turned or converted); the source is
    let go at once."""
    _load({"image"})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # odd EXIF etc.: that metadata is dropped anyway
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(BytesIO(data), formats=[fmt])
            if _MEDIA.get(image.format) != _MEDIA[fmt]:
                raise Refused(DAMAGED)
            if image.size[0] * image.size[1] > max_pixels:  # from the header, before decoding
                raise Refused(TOO_LARGE)
            image.seek(0)  # animations: the first frame only
            image.load()
            image = _normal_mode(_oriented(image), fmt)
            image.info = {}  # nothing of the source's metadata reaches the encoder
            out = BytesIO()
            image.save(out, format=fmt, **_SAVE_OPTIONS[fmt])
            size = image.size
            thumbnail = _thumbnail(image)
        except Refused:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise Refused(TOO_LARGE) from None
        except MemoryError:
            raise Refused(TOO_COSTLY) from None
        except Exception:  # Pillow raises many kinds (OSError, SyntaxError, struct.error, ...)
            raise Refused(DAMAGED) from None
    return out.getvalue(), size[0], size[1], thumbnail


def _thumbnail(image: Image.Image) -> bytes:
    """A JPEG at most 320 px on its longer side (transparency on white); b"" when the
    picture's mode cannot be shown so (16-bit greys, say): staff then get the link only."""
    try:
        image.thumbnail(THUMBNAIL_SIZE)  # in place: the full-size copy is no longer needed
        if image.mode != "RGB":
            background = Image.new("RGB", image.size, "white")
            rgba = image.convert("RGBA")
            background.paste(rgba, mask=rgba.getchannel("A"))
            image = background
        out = BytesIO()
        image.save(out, format="JPEG", quality=80)
    except (OSError, ValueError):  # the evidence itself is fine; only the preview is lost
        return b""
    return out.getvalue()


def _oriented(image: Image.Image) -> Image.Image:
    with suppress(Exception):  # unreadable EXIF only loses the rotation, not the evidence
        turned = ImageOps.exif_transpose(image)
        if turned is not None:
            return turned
    return image


def _normal_mode(image: Image.Image, fmt: str) -> Image.Image:
    """Modes the target format stores directly; palette, CMYK etc. become RGB(A)."""
    if fmt in ("JPEG", "MPO"):
        return image if image.mode in _KEEP_MODES["JPEG"] else image.convert("RGB")
    # A tRNS colour key lives in info, which is dropped: bake it into alpha.
    keyed = "transparency" in image.info
    if image.mode in _KEEP_MODES.get(fmt, {"RGB", "RGBA"}) and not keyed:
        return image
    return image.convert("RGBA" if keyed or "A" in image.getbands() else "RGB")


# --- PDFs ------------------------------------------------------------------------------------

_CATALOG_DROPPED = (
    "/Metadata", "/OpenAction", "/AA", "/Names", "/AcroForm", "/PieceInfo", "/URI", "/Perms",
    "/Collection", "/SpiderInfo", "/Requirements", "/Legal",
)  # fmt: skip
_PAGE_DROPPED = ("/Annots", "/Thumb", "/LastModified", "/B")
_ANY_DROPPED = ("/Metadata", "/PieceInfo", "/AA", "/JS", "/JavaScript", "/LastModified",
                "/EF", "/EmbeddedFiles", "/RichMediaContent", "/XFA")  # fmt: skip
# Action types a viewer runs or follows out of the document; /GoTo (within it) is harmless.
_ACTIONS = {
    "/JavaScript", "/Launch", "/URI", "/GoToR", "/GoToE", "/SubmitForm", "/ImportData",
    "/Rendition", "/Sound", "/Movie", "/ResetForm", "/RichMediaExecute", "/Hide",
}  # fmt: skip
_ACTIVE_KEYS = {*_ANY_DROPPED, "/OpenAction", "/AcroForm", "/Annots"} - {"/LastModified"}
_MAX_DEPTH = 64  # direct objects nest shallowly in real files; deeper is refused, not walked


def rebuild_pdf(data: bytes) -> bytes:
    _load({"pdf"})
    try:
        pdf = pikepdf.open(BytesIO(data))
    except pikepdf.PasswordError:
        raise Refused(ENCRYPTED) from None
    except MemoryError:
        raise Refused(TOO_COSTLY) from None
    except Exception:  # qpdf's own errors, and whatever a hostile file provokes
        raise Refused(DAMAGED) from None
    with pdf:
        try:
            if len(pdf.pages) < 1:
                raise Refused(DAMAGED)
            _strip(pdf)
            out = BytesIO()
            pdf.save(
                out,
                encryption=False,  # an owner password alone opened it; the copy has none
                deterministic_id=True,  # the creator's /ID says where the file came from
                # Dictionaries in the clear, so a byte scan sees them too.
                object_stream_mode=pikepdf.ObjectStreamMode.disable,
                preserve_pdfa=False,
                fix_metadata_version=False,
            )
        except Refused:
            raise
        except MemoryError:
            raise Refused(TOO_COSTLY) from None
        except Exception:
            raise Refused(DAMAGED) from None
    rebuilt = out.getvalue()
    if _still_active(rebuilt):
        raise Refused(ACTIVE)
    return rebuilt


def _strip(pdf: pikepdf.Pdf) -> None:
    with suppress(Exception):  # flattening keeps what annotations show; failing it drops them
        pdf.flatten_annotations(mode="all")
    for key in ("/Info", "/ID"):  # the first /ID was made where the document was created
        if key in pdf.trailer:
            del pdf.trailer[key]
    for key in _CATALOG_DROPPED:
        if key in pdf.Root:
            del pdf.Root[key]
    for page in pdf.pages:
        for key in _PAGE_DROPPED:
            if key in page.obj:
                del page.obj[key]
    for obj in pdf.objects:
        _scrub(obj, 0)
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image":
            _strip_jpeg_stream(obj)


def _dictionary(obj):
    if isinstance(obj, pikepdf.Stream):
        return obj.stream_dict
    return obj if isinstance(obj, pikepdf.Dictionary) else None


def _scrub(obj, depth: int) -> None:
    """Remove metadata and actions from an object and the direct objects inside it (indirect
    ones are reached by the caller's loop over every object)."""
    if depth > _MAX_DEPTH:
        raise Refused(DAMAGED)
    mapping = _dictionary(obj)
    if mapping is not None:
        for key in _ANY_DROPPED:
            if key in mapping:
                del mapping[key]
        if _harmful_action(mapping.get("/A")):
            del mapping["/A"]
        if mapping.get("/S") in _ACTIONS:  # an action reached some other way (/Next, …): inert
            for key in ("/S", "/URI", "/F", "/Win", "/Mac", "/Unix", "/JS", "/Fields"):
                if key in mapping:
                    del mapping[key]
        children = list(mapping.values())
    elif isinstance(obj, pikepdf.Array):
        children = list(obj)
    else:
        return
    for child in children:
        if _direct_container(child):
            _scrub(child, depth + 1)


def _direct_container(obj) -> bool:
    return isinstance(obj, pikepdf.Dictionary | pikepdf.Array) and not obj.is_indirect


def _harmful_action(value) -> bool:
    """An /A that is an action other than a plain jump within the document. (/A is also a
    structure element's attributes — no /S there — which are left alone.)"""
    if not isinstance(value, pikepdf.Dictionary) or "/S" not in value:
        return False
    return value.get("/S") != "/GoTo" or "/Next" in value


# JPEG markers kept in embedded images: APP0 (JFIF) and APP14 (Adobe: how to read the colours).
_JPEG_KEPT_APPS = {0xE0, 0xEE}


def _strip_jpeg_stream(stream: pikepdf.Stream) -> None:
    """Drop EXIF, XMP, ICC, IPTC and comment segments from a plain DCT-encoded image, without
    decoding it. Anything but a single /DCTDecode filter is left as it is."""
    filters = stream.get("/Filter")
    if isinstance(filters, pikepdf.Array):
        filters = filters[0] if len(filters) == 1 else None
    if filters != "/DCTDecode":
        return
    stripped = strip_jpeg_segments(stream.read_raw_bytes())
    if stripped is not None:
        stream.write(
            stripped, filter=pikepdf.Name.DCTDecode, decode_parms=stream.get("/DecodeParms")
        )


def strip_jpeg_segments(data: bytes) -> bytes | None:
    """The JPEG without APPn (but APP0/APP14) and COM segments; None if it cannot be parsed."""
    if not data.startswith(b"\xff\xd8"):
        return None
    out, pos = bytearray(b"\xff\xd8"), 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xDA:  # start of scan: the rest is image data
            return bytes(out + data[pos:])
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        segment = data[pos : pos + 2 + length]
        if length < 2 or len(segment) < 2 + length:
            return None
        if not (0xE0 <= marker <= 0xEF and marker not in _JPEG_KEPT_APPS or marker == 0xFE):
            out += segment
        pos += 2 + length
    return None


def _still_active(rebuilt: bytes) -> bool:
    """The rebuilt file read back: any action, script, attachment, form or annotation left?"""
    with pikepdf.open(BytesIO(rebuilt)) as pdf:
        if "/Info" in pdf.trailer:
            return True
        if any(key in pdf.Root for key in ("/Names", "/Metadata")):
            return True
        return any(_active(obj, 0) for obj in pdf.objects)


def _active(obj, depth: int) -> bool:
    if depth > _MAX_DEPTH:
        return True
    mapping = _dictionary(obj)
    if mapping is not None:
        if any(key in mapping for key in _ACTIVE_KEYS):
            return True
        if _harmful_action(mapping.get("/A")):
            return True
        children = list(mapping.values())
    elif isinstance(obj, pikepdf.Array):
        children = list(obj)
    else:
        return False
    for child in children:
        if isinstance(child, pikepdf.Name) and str(child) in _ACTIONS:
            return True
        if _direct_container(child) and _active(child, depth + 1):
            return True
    return False


# --- videos ----------------------------------------------------------------------------------

# The container written for each detected kind: MOV becomes MP4 (the same streams; browsers
# play it inline), 3GP stays 3GP (its AMR sound has no place in MP4).
VIDEO_MUXERS = {"mp4": "mp4", "mov": "mp4", "3gp": "3gp"}


def remux_video(data: bytes, fmt: str, ffmpeg: str, seconds: int) -> bytes:
    """The same picture and sound, copied into a fresh container without any metadata."""
    with tempfile.TemporaryDirectory(prefix="evidence-video-") as work:
        source, target = Path(work, "in"), Path(work, "out")
        source.write_bytes(data)
        command = [
            ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", str(source),
            "-map", "0:V", "-map", "0:a?", "-map_metadata", "-1", "-map_chapters", "-1",
            "-c", "copy", "-fflags", "+bitexact", "-movflags", "+faststart",
            "-f", VIDEO_MUXERS[fmt], str(target),
        ]  # fmt: skip
        try:
            # A list, no shell: the program is the ffmpeg the worker found, the files are ours.
            subprocess.run(command, check=True, timeout=seconds, capture_output=True)  # noqa: S603
        except subprocess.TimeoutExpired:
            raise Refused(TOO_COSTLY) from None
        except (subprocess.CalledProcessError, OSError):
            raise Refused(DAMAGED) from None
        remuxed = target.read_bytes() if target.exists() else b""
    if not remuxed:
        raise Refused(DAMAGED)
    return remuxed


# --- the child's side of the protocol -------------------------------------------------------


def _limit(memory: int, seconds: int) -> None:
    """Cap what this process may still use: its present address space plus `memory`."""
    with open("/proc/self/statm") as statm:
        present = int(statm.read().split()[0]) * resource.getpagesize()
    resource.setrlimit(resource.RLIMIT_AS, (present + memory, present + memory))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))


def _clean(job: dict, data: bytes, seconds: int) -> tuple[bytes, int | None, int | None, bytes]:
    """The cleaned file, its size in pixels (images) and its thumbnail (images; else b"")."""
    if job["kind"] == "pdf":
        return rebuild_pdf(data), None, None, b""
    if job["kind"] == "video":
        return remux_video(data, job["format"], job["ffmpeg"], seconds), None, None, b""
    return clean_image(data, job["format"], job["max_pixels"])


def serve(connection) -> None:
    """The child's side: one request — a JSON header, then each file's bytes, all read before
    any work so the sender never waits on a busy child — then, per job until the first
    refusal, a JSON header, the cleaned bytes and the thumbnail (empty when there is none).
    Raw bytes both ways, never pickle: this
    process handles hostile data, the worker must not unpickle what it sends."""
    request = json.loads(connection.recv_bytes())
    _load({job["kind"] for job in request["jobs"]})  # before the limit: it counts from here
    _limit(request["memory"], request["seconds"])
    files = [connection.recv_bytes() for _ in request["jobs"]]
    for job in request["jobs"]:
        try:
            cleaned, width, height, thumbnail = _clean(job, files.pop(0), request["seconds"])
        except Refused as refusal:
            connection.send_bytes(json.dumps({"refused": refusal.reason}).encode())
            return
        connection.send_bytes(json.dumps({"width": width, "height": height}).encode())
        connection.send_bytes(cleaned)
        connection.send_bytes(thumbnail)


if __name__ == "__sandbox__":  # run by portal.services.common.sandbox, which passes CONNECTION
    serve(globals()["CONNECTION"])
