"""What a staff session remembers of the browser: a coarse label a person recognises in the
list of their sessions ("Firefox · Windows"), and a keyed digest of the User-Agent against
which a replayed cookie is compared. Neither gives back the User-Agent itself, and no
address is kept at all (see models.staff_sessions for why)."""

import hashlib
import hmac

from ...settings import settings

# First match wins: Edge, Opera and the Chinese browsers also say "Chrome" and "Safari".
BROWSERS = [
    ("MicroMessenger", "微信"),
    ("QQBrowser", "QQ浏览器"),
    ("UCBrowser", "UC浏览器"),
    ("360SE", "360浏览器"),
    ("Edg", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("FxiOS", "Firefox"),
    ("CriOS", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
]
SYSTEMS = [
    ("HarmonyOS", "HarmonyOS"),
    ("Android", "Android"),
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
]


def _first(user_agent: str, table: list[tuple[str, str]]) -> str | None:
    return next((name for token, name in table if token in user_agent), None)


def device_label(user_agent: str) -> str:
    browser = _first(user_agent, BROWSERS) or "未知浏览器"
    system = _first(user_agent, SYSTEMS)
    return f"{browser} · {system}" if system else browser


def agent_digest(user_agent: str) -> str:
    message = f"user-agent:{user_agent}".encode()
    return hmac.new(settings().staff_key, message, hashlib.sha256).hexdigest()
