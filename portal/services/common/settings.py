"""The keys and limits the reporting services work with, built once per app from its config."""

from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app

from ..reports.receipts import ReceiptHasher
from .crypto import ContactCipher, derived_key


@dataclass(frozen=True)
class EvidenceLimits:
    max_files: int
    max_bytes: int
    max_total_bytes: int
    max_pixels: int


@dataclass(frozen=True)
class ReportingKit:
    cipher: ContactCipher
    hasher: ReceiptHasher
    receipt_key: bytes
    address_key: bytes
    upload_dir: Path
    evidence: EvidenceLimits
    min_fill_seconds: float


def init_app(app: Flask) -> None:
    config = app.config
    app.extensions["reporting"] = ReportingKit(
        cipher=ContactCipher(config["CONTACT_ENCRYPTION_KEYS"]),
        hasher=ReceiptHasher(**config["RECEIPT_HASH_PARAMETERS"]),
        receipt_key=derived_key(config["SECRET_KEY"], "receipt-code"),
        address_key=derived_key(config["SECRET_KEY"], "client-address"),
        upload_dir=Path(config["UPLOAD_DIR"]),
        evidence=EvidenceLimits(
            max_files=config["EVIDENCE_MAX_FILES"],
            max_bytes=config["EVIDENCE_MAX_BYTES"],
            max_total_bytes=config["EVIDENCE_MAX_TOTAL_BYTES"],
            max_pixels=config["EVIDENCE_MAX_PIXELS"],
        ),
        min_fill_seconds=config["REPORT_MIN_FILL_SECONDS"],
    )


def kit() -> ReportingKit:
    return current_app.extensions["reporting"]
