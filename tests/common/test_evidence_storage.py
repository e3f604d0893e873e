"""Evidence storage: random fanned-out names, atomic writes, no leftovers, and paths that
never leave the upload root."""

import hashlib
import os
import re

import pytest

from portal.services.common import uploads as evidence
from portal.services.common.uploads import prepare, prepare_all, store, store_all
from tests.support import samples
from tests.support.uploads import files_under

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
    # each picture and its thumbnail beside it; no temporary files left behind
    assert len(files_under(tmp_path)) == 4
    for stored in (first, second):
        assert stored.thumbnail_path == stored.relative_path.removesuffix(".jpg") + ".thumb.jpg"
        assert (tmp_path / stored.thumbnail_path).read_bytes() == prepared.thumbnail
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
    assert len(files_under(tmp_path)) == 3  # the PNG, its thumbnail, the PDF

    evidence.remove(stored[:1], tmp_path)
    evidence.remove([stored[1].relative_path], tmp_path)
    assert files_under(tmp_path) == []
    evidence.remove(stored, tmp_path)  # already gone: no error


def test_open_stored_resolves_stored_files(tmp_path):
    stored = store(prepare(samples.pdf_from_writer(), "r.pdf"), tmp_path)
    path = evidence.open_stored(stored.relative_path, tmp_path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == stored.sha256  # the rebuilt PDF
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
