"""The client's address: taken from the trusted proxy, checked, and counted by rate limits.

Behind nginx, werkzeug's ProxyFix copies the last X-Forwarded-For entry into REMOTE_ADDR. That
value is only as good as the proxy: gunicorn listens on a socket only nginx reaches
(deploy/gunicorn.conf.py), and here the value must also be an IP address. Anything else — a
formula meant for the audit log's CSV, a random string per request to dodge the rate limits —
is replaced by the proxy's own address, so such requests share one limit and store nothing
they made up. Addresses are written one way (ipaddress's canonical form), so that spelling
one address differently (2001:DB8::1, 2001:db8:0::1) does not make a new client either.

Rate limits count an IPv6 client by its /64: one subscriber gets a whole /64 and picks
addresses in it freely.
"""

import ipaddress

from flask import request

PROXY_FIX_ORIGINAL = "werkzeug.proxy_fix.orig"
IPV6_CLIENT_PREFIX = 64


def canonical_address(value: str | None) -> str | None:
    """The address in canonical form, an IPv4-mapped IPv6 address as IPv4; None if `value`
    is not an IP address."""
    try:
        address = ipaddress.ip_address((value or "").strip())
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    if address.version == 6 and address.scope_id:
        address = ipaddress.IPv6Address(str(address).split("%", 1)[0])
    return str(address)


class CheckedClientAddress:
    """WSGI middleware inside ProxyFix: REMOTE_ADDR becomes a canonical IP address, or the
    proxy's own address when the forwarded value is not one."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        address = canonical_address(environ.get("REMOTE_ADDR"))
        if address is None:
            original = environ.get(PROXY_FIX_ORIGINAL, {}).get("REMOTE_ADDR")
            address = canonical_address(original) or ""
        environ["REMOTE_ADDR"] = address
        return self.app(environ, start_response)


def rate_limit_key() -> str:
    """Flask-Limiter's key: the client's address, its /64 network for IPv6."""
    address = request.remote_addr or ""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/{IPV6_CLIENT_PREFIX}", strict=False))
    return address
