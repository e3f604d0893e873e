"""What the evidence tests share: the refusal messages a citizen reads, a helper that expects
a refusal, and the files left under an upload root."""

import pytest

from portal.services.common.uploads import EvidenceError, prepare

UNSUPPORTED = "不是有效的图片、PDF 或视频，仅支持 JPEG、PNG、WebP、PDF 和 MP4、MOV、3GP 视频"
DAMAGED_IMAGE = "图片已损坏或不完整"
TOO_MANY_PIXELS = "图片尺寸过大"
PDF_SCRIPTS = "含有脚本、附件或自动执行的操作"
PDF_DAMAGED = "不是有效的 PDF 文件或已损坏"


def refused(data: bytes, filename: str = "证据.png", **limits) -> str:
    with pytest.raises(EvidenceError) as caught:
        prepare(data, filename, **limits)
    assert f"“{filename}”" in caught.value.message  # the citizen is told which file
    return caught.value.message


def files_under(root) -> list:
    return sorted(p for p in root.rglob("*") if p.is_file() or p.is_symlink())
