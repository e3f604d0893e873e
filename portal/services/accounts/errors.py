"""What the account services refuse, each with the Chinese message the person sees."""

from ..common.errors import NotFound


class AccountError(ValueError):
    """A refused account change, with a Chinese message for the admin or user."""


class UserNotFound(NotFound):
    """No staff account with that id."""


class WeakPassword(AccountError):
    """A new password too short or too easily guessed (services.accounts.passwords)."""


class WrongPassword(AccountError):
    """A password (or second-factor code) that does not match: HTTP 401 at sign-in."""


class TooSoon(AccountError):
    """Too many failures in a row: this account's next attempt must wait (HTTP 429)."""

    def __init__(self, seconds: int):
        super().__init__(f"失败次数较多，请 {seconds} 秒后再试。")
        self.seconds = seconds


class SignInExpired(AccountError):
    """The checked password waited too long for its code, or too many codes were wrong:
    sign in again from the start."""
