"""Running portal.services.common.cleaning in a child process with capped memory and time.

Decoding a hostile file can cost gigabytes; the child limits its own address space
(RLIMIT_AS) and CPU time, so a decompression bomb ends the child — never the web worker,
whose memory the citizen's next request needs. One child per upload request, for all its
files.

Children come from multiprocessing's fork server: started once per worker process, on its
first upload (never in gunicorn's master), with Pillow and pikepdf already loaded, it forks a
fresh child in milliseconds — starting Python for each upload cost a fifth of a second. The
child runs cleaning.py by path (runpy), so it never imports the portal package (a second of
Flask, SQLAlchemy and models); only the connection is handed over.
"""

import json
import multiprocessing
import runpy
import time
from dataclasses import dataclass
from pathlib import Path

CHILD = Path(__file__).with_name("cleaning.py")
PRELOADED = ["PIL.Image", "PIL.ImageOps", "pikepdf"]
FAILED = "failed"  # out of memory or time, or crashed: the file is the likely cause


@dataclass(frozen=True)
class Job:
    kind: str  # "image", "pdf" or "video"
    data: bytes
    format: str | None = None  # Pillow's format name for images; "mp4", "mov", "3gp" for videos
    max_pixels: int = 0
    ffmpeg: str | None = None  # the program's path, for videos


@dataclass(frozen=True)
class Outcome:
    data: bytes | None = None
    width: int | None = None
    height: int | None = None
    refused: str | None = None  # one of cleaning's reasons, or FAILED
    thumbnail: bytes | None = None  # a small JPEG of an image


def _context():
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOADED)  # takes effect when the fork server starts
    return context


def clean(jobs: list[Job], *, memory_bytes: int, seconds: int) -> list[Outcome]:
    """Outcomes in job order, up to and including the first refusal. A child that died (a bomb
    it could not survive, a hang) gives a FAILED outcome for the job it was on."""
    if not jobs:
        return []
    context = _context()
    ours, theirs = context.Pipe()
    child = context.Process(
        target=runpy.run_path,
        args=(str(CHILD),),
        kwargs={"init_globals": {"CONNECTION": theirs}, "run_name": "__sandbox__"},
        daemon=True,
    )
    child.start()
    theirs.close()
    header = {"memory": memory_bytes, "seconds": seconds,
              "jobs": [{"kind": j.kind, "format": j.format, "max_pixels": j.max_pixels,
                        "ffmpeg": j.ffmpeg} for j in jobs]}  # fmt: skip
    deadline = time.monotonic() + seconds + 5  # CPU time is capped inside; this, waiting
    try:
        ours.send_bytes(json.dumps(header).encode())
        for job in jobs:
            ours.send_bytes(job.data)
        outcomes = _receive(ours, len(jobs), deadline)
    except (OSError, EOFError):  # the child died before it had read everything
        outcomes = []
    finally:
        ours.close()
        child.join(max(0.0, deadline - time.monotonic()))
        if child.is_alive():
            child.kill()
            child.join()
        child.close()
    if len(outcomes) < len(jobs) and (not outcomes or outcomes[-1].refused is None):
        outcomes.append(Outcome(refused=FAILED))
    return outcomes


def _receive(connection, expected: int, deadline: float) -> list[Outcome]:
    """What the child answered, until it stops (a refusal, death, or the deadline)."""
    outcomes: list[Outcome] = []
    while len(outcomes) < expected:
        try:
            entry = json.loads(_next(connection, deadline))
            if "refused" in entry:
                outcomes.append(Outcome(refused=str(entry["refused"])))
                break
            data = _next(connection, deadline)
            thumbnail = _next(connection, deadline)
        except (EOFError, OSError, TimeoutError, ValueError):
            break
        outcomes.append(
            Outcome(data, entry.get("width"), entry.get("height"), thumbnail=thumbnail or None)
        )
    return outcomes


def _next(connection, deadline: float) -> bytes:
    if not connection.poll(max(0.0, deadline - time.monotonic())):
        raise TimeoutError
    return connection.recv_bytes()
