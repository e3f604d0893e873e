"""Keeping reporters private: contact details encrypted at rest, keys derived per purpose.
Nothing here logs what it handles; no client address is handled at all."""

import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


class ContactCipher:
    """Fernet encryption of name, phone and email. The first key encrypts; every key listed
    can decrypt, so keys can be rotated by putting the new one first."""

    def __init__(self, keys: list[str]):
        if not keys:
            raise ValueError("at least one contact encryption key is required")
        self._fernet = MultiFernet([Fernet(key) for key in keys])

    def encrypt(self, value: str | None) -> str | None:
        if not value:
            return None
        return self._fernet.encrypt(value.encode()).decode()

    def decrypt(self, token: str | None) -> str | None:
        if not token:
            return None
        try:
            return self._fernet.decrypt(token.encode()).decode()
        except InvalidToken as error:
            raise ValueError(
                "contact details cannot be decrypted with the configured keys"
            ) from error


def derived_key(secret: str, purpose: str) -> bytes:
    """A separate key for each purpose, derived from the application secret."""
    return hmac.new(secret.encode(), purpose.encode(), hashlib.sha256).digest()
