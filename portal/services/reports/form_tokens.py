"""The hidden token each report form carries: a random idempotency token, signed together
with the time the form was shown, so that a resubmission is recognised and a form filled
faster than a person could is spotted."""

from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeTimedSerializer

from ...settings import settings
from .receipts import new_token

SALT = "report-form"


@dataclass(frozen=True)
class FormStamp:
    token: str
    age_seconds: float


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(settings().form_key, salt=SALT)


def issue() -> str:
    return _serializer().dumps(new_token())


def read(signed: str | None, now_timestamp: float) -> FormStamp | None:
    """The stamp, or None when the token is missing, forged or older than the maximum age."""
    if not signed:
        return None
    try:
        token, issued = _serializer().loads(
            signed,
            max_age=settings().form_max_age_seconds,
            return_timestamp=True,
        )
    except BadSignature:
        return None
    if not isinstance(token, str) or len(token) < 32:
        return None
    return FormStamp(token=token, age_seconds=now_timestamp - issued.timestamp())
