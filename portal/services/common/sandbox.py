"""Running portal.services.common.cleaning in a child process with capped memory and time.

One child per upload request, for all its files: starting Python and loading Pillow and
pikepdf costs about a tenth of a second, decoding a hostile file can cost gigabytes. The
child limits its own address space (RLIMIT_AS) and CPU time, so a decompression bomb ends
the child — never the web worker, whose memory the citizen's next request would need.

`-I` (isolated mode): no PYTHON* variables, no user site directory, not even the script's own
folder on sys.path; the virtualenv's packages are still found.
"""

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

CHILD = Path(__file__).with_name("cleaning.py")


@dataclass(frozen=True)
class Job:
    kind: str  # "image" or "pdf"
    data: bytes
    format: str | None = None  # Pillow's format name, for images
    max_pixels: int = 0


@dataclass(frozen=True)
class Outcome:
    data: bytes | None = None
    width: int | None = None
    height: int | None = None
    refused: str | None = None  # one of cleaning's reasons; "failed" when the child died


FAILED = "failed"  # out of memory or time, or crashed: the file is the likely cause


def clean(jobs: list[Job], *, memory_bytes: int, seconds: int) -> list[Outcome]:
    """Outcomes in job order, up to and including the first refusal. A child that died (a bomb
    it could not survive, a hang) gives a FAILED outcome for the job it was on."""
    if not jobs:
        return []
    header = {
        "memory": memory_bytes,
        "seconds": seconds,
        "jobs": [
            {"kind": j.kind, "format": j.format, "max_pixels": j.max_pixels, "size": len(j.data)}
            for j in jobs
        ],
    }
    stdin = json.dumps(header).encode() + b"\n" + b"".join(j.data for j in jobs)
    try:
        done = subprocess.run(  # noqa: S603 - our own script, with our own interpreter
            [sys.executable, "-I", str(CHILD)],
            input=stdin,
            capture_output=True,
            timeout=seconds + 5,  # CPU time is capped inside; this catches a child stuck waiting
            check=False,
        )
        output = done.stdout
    except subprocess.TimeoutExpired as expired:  # run() has killed it
        output = expired.stdout or b""
    outcomes = _read(output, len(jobs))
    if len(outcomes) < len(jobs) and (not outcomes or outcomes[-1].refused is None):
        outcomes.append(Outcome(refused=FAILED))
    return outcomes


def _read(output: bytes, expected: int) -> list[Outcome]:
    """Parse what the child wrote; a truncated last entry (the child died writing it) is
    dropped, so the job it belonged to counts as failed."""
    outcomes: list[Outcome] = []
    pos = 0
    while len(outcomes) < expected:
        end = output.find(b"\n", pos)
        if end < 0:
            break
        try:
            entry = json.loads(output[pos:end])
        except ValueError:
            break
        if "refused" in entry:
            outcomes.append(Outcome(refused=str(entry["refused"])))
            break
        size = int(entry["size"])
        data = output[end + 1 : end + 1 + size]
        if len(data) < size:
            break
        outcomes.append(Outcome(data, entry.get("width"), entry.get("height")))
        pos = end + 1 + size
    return outcomes
