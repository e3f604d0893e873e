"""The limits of staff sign-in, as typed values built once from the config (portal.settings).

Kept apart from the services that use them so that portal.settings can import them without
importing the services (which look the settings up)."""

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class SessionLimits:
    idle: timedelta  # a session unused this long has ended
    lifetime: timedelta  # and every session ends this long after sign-in
    second_factor: timedelta  # how long a checked password waits for its code
    code_attempts: int  # wrong codes allowed per checked password

    def ended(self, created_at, last_seen_at, now) -> bool:
        return now - last_seen_at > self.idle or now - created_at > self.lifetime


@dataclass(frozen=True)
class DelayPolicy:
    """After `free_failures` consecutive failures, each further attempt waits `base_seconds`,
    doubled with every failure, never more than `max_seconds`. A wait, never a lock: once it
    has passed, the right password works, so nobody can keep a colleague out for long."""

    free_failures: int
    base_seconds: int
    max_seconds: int

    def after(self, failures: int) -> timedelta:
        if failures < self.free_failures:
            return timedelta(0)
        doublings = min(failures - self.free_failures, 30)
        return timedelta(seconds=min(self.max_seconds, self.base_seconds * 2**doublings))
