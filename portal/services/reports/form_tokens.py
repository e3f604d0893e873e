"""The hidden token each report form carries: a random idempotency token, signed together
with the time the form was shown, so that a resubmission is recognised and a form filled
faster than a person could is spotted.

A form shown again because it could not be accepted as it was (its token or its CSRF token
had expired) is stamped "re-shown": the reporter typed it long ago and only presses submit
again, so the fill-time check does not apply to it. The stamp is signed with the token, so
it cannot be added to a fresh form."""

from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeTimedSerializer

from ...settings import settings
from .receipts import new_token

SALT = "report-form"


@dataclass(frozen=True)
class FormStamp:
    token: str
    age_seconds: float
    reshown: bool = False

    @property
    def fill_seconds(self) -> float | None:
        """How long the reporter had to fill in the form; None when that does not count."""
        return None if self.reshown else self.age_seconds


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(settings().form_key, salt=SALT)


def issue(*, reshown: bool = False) -> str:
    token = new_token()
    return _serializer().dumps({"token": token, "reshown": True} if reshown else token)


def read(signed: str | None, now_timestamp: float) -> FormStamp | None:
    """The stamp, or None when the token is missing, forged or older than the maximum age."""
    if not signed:
        return None
    try:
        payload, issued = _serializer().loads(
            signed,
            max_age=settings().form_max_age_seconds,
            return_timestamp=True,
        )
    except BadSignature:
        return None
    token, reshown = _parts(payload)
    if not isinstance(token, str) or len(token) < 32:
        return None
    return FormStamp(token=token, age_seconds=now_timestamp - issued.timestamp(), reshown=reshown)


def _parts(payload) -> tuple[object, bool]:
    """A fresh form's payload is its token; a re-shown one's, the token and the stamp."""
    if isinstance(payload, dict):
        return payload.get("token"), payload.get("reshown") is True
    return payload, False
