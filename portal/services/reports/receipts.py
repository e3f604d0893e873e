"""Receipt codes: what a reporter keeps to follow a report without an account.

A code is 20 characters from an alphabet without look-alikes (no 0/O, 1/I/L, U),
shown in groups of four so it can be read aloud over the hotline: 30^20 ≈ 2^98 values.

It is derived from the form's random idempotency token with a server key, so a resubmitted
form (double click, refresh, back and resubmit) shows the same code again, while the database
keeps only an argon2id hash of the code and a SHA-256 digest of the token.
"""

import hashlib
import hmac
import secrets
import unicodedata

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"  # 30 symbols
CODE_LENGTH = 20
GROUP = 4


def new_token() -> str:
    """A fresh idempotency token (256 bits), for a form or a staff/CLI submission."""
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def derive_code(key: bytes, token: str) -> str:
    number = int.from_bytes(hmac.digest(key, token.encode(), "sha256"), "big")
    symbols = []
    for _ in range(CODE_LENGTH):
        number, index = divmod(number, len(ALPHABET))
        symbols.append(ALPHABET[index])
    return "".join(symbols)


def format_code(code: str) -> str:
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


# Besides every Unicode dash (category Pd) and space: what phones and IMEs give for a dash or
# a group separator — minus sign, katakana middle dot and long-vowel mark, middle dots, bullet.
SEPARATORS = frozenset("\u2212\u30fb\u30fc\u00b7\u2027\u2022\u2219\u22c5\u2043_.,")
CODE_FORMAT = "回执码应为20位字母和数字（不含 0、O、1、I、L、U），可以不输入短横线。"


def without_separators(typed: str) -> str:
    """Full-width → half-width (NFKC), upper case, every kind of space and dash removed."""
    return "".join(
        ch
        for ch in unicodedata.normalize("NFKC", typed).upper()
        if not (ch.isspace() or ch in SEPARATORS or unicodedata.category(ch) == "Pd")
    )


def normalise_code(typed: str) -> str:
    """What the reporter typed → the bare code: width, case, spaces and dashes do not matter."""
    return without_separators(typed)


def code_problem(typed: str) -> str | None:
    """Why what was typed cannot be a receipt code (its length or a letter outside the
    alphabet), or None. Saying so reveals nothing about any report."""
    code = normalise_code(typed)
    if len(code) != CODE_LENGTH or any(ch not in ALPHABET for ch in code):
        return CODE_FORMAT
    return None


class ReceiptHasher:
    def __init__(self, **argon2_parameters):
        self._hasher = PasswordHasher(**argon2_parameters)
        self._dummy = self._hasher.hash("0" * CODE_LENGTH)

    def hash(self, code: str) -> str:
        return self._hasher.hash(code)

    def verify(self, stored_hash: str | None, typed: str) -> bool:
        """Check a typed code. With no stored hash (unknown report number) a dummy hash is
        verified, so that the answer takes as long as for a wrong code."""
        try:
            self._hasher.verify(stored_hash or self._dummy, normalise_code(typed))  # True or raises
        except (VerificationError, InvalidHashError):
            return False
        return stored_hash is not None
