"""Short-lived secrets kept on the server instead of in the signed (readable) session cookie.

The cookie carries only a random handle; this table keeps the SHA-256 of that handle, what
the value is for, the value itself encrypted, and when it stops being valid. Read and written
only through portal.services.common.short_lived.
"""

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .types import UTCDateTime


class ShortLivedValue(db.Model):
    __tablename__ = "short_lived_values"

    # SHA-256 (hex) of the purpose and the handle: the database alone never yields a handle.
    key_digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    purpose: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(Text)  # Fernet token of the JSON value
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
