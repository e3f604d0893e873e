"""Staff passwords: what is strong enough, hashing, and checking one.

Strength is judged by zxcvbn (Dropbox's estimator, shipped with its lists of common
passwords, names and keyboard patterns): "aaaaaaaaaaaa" or "password1234" are twelve
characters long and guessed at once. A password must score at least 3 ("safely
unguessable": about 10⁸ guesses), which a phrase of a few unrelated words reaches easily.
"""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from zxcvbn import zxcvbn

from ...extensions import db
from ...models import User

MIN_LENGTH = 12
MAX_LENGTH = 1024
MIN_SCORE = 3
# zxcvbn's time grows fast with length (0.1 s at 128 characters); the characters after
# these only add strength, so the start is what is judged.
JUDGED_LENGTH = 128
SITE_WORDS = ["hegang", "鹤岗", "节能减排", "jienengjianpai", "admin", "portal"]

_hasher = PasswordHasher()
# Verified against when the username is unknown, so that the answer takes as long.
_DUMMY_HASH = _hasher.hash("not a real password, only for timing")


def problem(password: str, *, user_inputs: tuple[str, ...] = ()) -> str | None:
    """Why `password` may not be used, in Chinese, or None."""
    if len(password) < MIN_LENGTH:
        return f"密码至少需要 {MIN_LENGTH} 个字符。"
    if len(password) > MAX_LENGTH:
        return "密码过长。"
    inputs = [word for word in (*user_inputs, *SITE_WORDS) if word]
    judged = zxcvbn(password[:JUDGED_LENGTH], user_inputs=inputs, max_length=JUDGED_LENGTH)
    if judged["score"] < MIN_SCORE:
        return (
            "这个密码太容易被猜中（重复或连续的字符、常见密码、单词加数字、用户名等都很容易被猜到）。"
            "请换一个更长、更不常见的密码，例如由几个不相关的词组成的短语。"
        )
    return None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def matches(user: User | None, password: str) -> bool:
    """Whether `password` is the user's; takes as long when there is no such user."""
    try:
        return _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return False


def find_user(username: str) -> User | None:
    return db.session.scalars(
        select(User).where(func.lower(User.username) == username.strip().lower())
    ).first()


def check_password(username: str, password: str) -> User | None:
    """The active user with this username and password, or None."""
    user = find_user(username)
    if not matches(user, password) or user is None or not user.active:
        return None
    return user
