"""Video evidence: MP4, MOV and 3GP recognised by content, remuxed by ffmpeg (no re-encoding)
without title, creation time, place or device; fakes, oversize files and a missing ffmpeg
refused with a Chinese message naming the file."""

import pytest

from portal.services.common.uploads import EvidenceError, prepare, prepare_all
from tests.support.videos import WHEN, WHERE, all_tags, make_video, needs_ffmpeg, probe

MB = 1024 * 1024
IDENTIFYING = {"title", "creation_time", "location", "location-eng", "encoder", "comment"}


def refused(data: bytes, name: str, **limits) -> str:
    with pytest.raises(EvidenceError) as caught:
        prepare(data, name, **limits)
    return caught.value.message


@needs_ffmpeg
@pytest.mark.parametrize(
    ("container", "media_type", "format_name"),
    [("mp4", "video/mp4", "mp4"), ("mov", "video/mp4", "mp4"), ("3gp", "video/3gpp", "3gp")],
)
def test_a_phone_video_is_kept_without_its_metadata(container, media_type, format_name):
    source = make_video(container)
    before = all_tags(source)
    assert WHERE in before.values() and before["creation_time"]  # what a phone leaves
    assert "夜间偷排".encode() in source  # the title (3GP keeps it in its own box)

    prepared = prepare(source, f"VID_20261120_221507.{container}")

    assert prepared.media_type == media_type
    assert prepared.extension == "." + format_name
    assert not IDENTIFYING & set(all_tags(prepared.data))
    assert WHEN[:10].encode() not in prepared.data and b"47.3351" not in prepared.data
    assert "夜间偷排".encode() not in prepared.data
    # the same streams, copied: nothing re-encoded
    streams = lambda data: [(s["codec_type"], s["codec_name"]) for s in probe(data)["streams"]]  # noqa: E731
    assert streams(prepared.data) == streams(source)
    assert format_name in probe(prepared.data)["format"]["format_name"]
    assert prepared.thumbnail is None


@needs_ffmpeg
def test_bytes_that_only_look_like_a_video_are_refused():
    fake = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 4096
    assert refused(fake, "clip.mp4") == (
        "文件“clip.mp4”不是有效的视频或已损坏，无法处理。请上传手机拍摄的 MP4、MOV 或 3GP 视频。"
    )
    truncated = make_video("mp4")[:300]
    assert "不是有效的视频或已损坏" in refused(truncated, "cut.mp4")


@needs_ffmpeg
def test_sound_without_pictures_is_not_a_video():
    assert "不是有效的视频" in refused(make_video("mp4", video=False), "voice.m4a")


def test_an_oversize_video_is_refused_before_anything_runs():
    big = b"\x00\x00\x00\x18ftypisom" + bytes(2 * MB)
    message = refused(big, "long.mp4", max_video_bytes=1 * MB, max_bytes=10 * MB)
    assert message == "文件“long.mp4”超过视频 1 MB 的大小限制，请截取关键片段或压缩后再上传。"


def test_without_ffmpeg_videos_are_refused_with_a_clear_message(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no ffmpeg to be found
    message = refused(b"\x00\x00\x00\x18ftypisom" + bytes(64), "clip.mp4")
    assert message == (
        "文件“clip.mp4”是视频，本网站暂时无法处理视频文件。请改为上传照片，或拨打举报电话说明情况。"
    )


@needs_ffmpeg
def test_a_video_and_a_photo_are_cleaned_in_one_go():
    from tests.support.samples import jpeg_with_metadata

    photo, clip = prepare_all([(jpeg_with_metadata(), "a.jpg"), (make_video(), "b.mp4")])
    assert photo.media_type == "image/jpeg" and photo.thumbnail.startswith(b"\xff\xd8")
    assert clip.media_type == "video/mp4" and clip.thumbnail is None
