#!/usr/bin/env bash
# Scan the running portal with wapiti: the public pages anonymously, then the staff pages
# (/admin/) with a signed-in session. See docs/security-scan.md for the results.
#
# Usage: bench/security_scan.sh [public|staff|both]      (default: both, one after the other)
# Needs: wapiti (Debian: apt-get install -y wapiti), curl, the project's .venv.
# Env:   PORT (default 18731), SCAN_DIR (default /tmp/portal-security-scan: throwaway database,
#        instance folder, logs), OUT (default /tmp/portal-security-scan-reports: the raw JSON
#        reports, kept outside git), CRAWL_SECONDS (180), ATTACK_SECONDS (120 per module),
#        KEEP=1 keeps SCAN_DIR after the run.
#
# The throwaway instance has RATELIMIT_ENABLED = False (see bench/throwaway_portal.sh): with rate
# limits on, the scanner would mostly test the 429 page.
set -euo pipefail

WHAT="${1:-both}"
PORT="${PORT:-18731}"
SCAN_DIR="${SCAN_DIR:-/tmp/portal-security-scan}"
OUT="${OUT:-/tmp/portal-security-scan-reports}"
CRAWL_SECONDS="${CRAWL_SECONDS:-180}"
ATTACK_SECONDS="${ATTACK_SECONDS:-120}"
# One User-Agent for the sign-in and for wapiti: Flask-Login's "strong" session protection
# drops a session whose address or User-Agent changes.
AGENT="portal-security-scan/1 (wapiti)"

source "$(dirname "$0")/throwaway_portal.sh"
command -v wapiti >/dev/null || { echo "wapiti is not installed (apt-get install -y wapiti)" >&2; exit 1; }
mkdir -p "$OUT"
trap portal_stop EXIT
portal_start "$SCAN_DIR" "$PORT"
echo "portal: $PORTAL_URL ($(wapiti --version 2>/dev/null | grep -m1 -o 'Wapiti-[0-9.]*'))"

# Common limits: each scan crawls for at most CRAWL_SECONDS, then runs each default module for
# at most ATTACK_SECONDS; measured on 2 shared cores: about 8 minutes public, 10 staff.
LIMITS=(--max-scan-time "$CRAWL_SECONDS" --max-attack-time "$ATTACK_SECONDS"
    --max-links-per-page 40 --max-files-per-dir 30 -S normal -t 15 -v 1 --no-bugreport
    --flush-session --store-session "$SCAN_DIR/wapiti-session" -A "$AGENT" -f json)

# wapiti 3.0.4 (Debian 12) builds its -x patterns as "...\Z(?ms)", which Python 3.11 rejects
# ("global flags not at the start"), so any -x crashes the crawl. Run it with that one
# function replaced by the same pattern with the flags in front.
wapiti() {
    /usr/bin/python3 -c '
import re
import sys

import wapitiCore.net.crawler as crawler
from wapitiCore.main.wapiti import wapiti_main


def wildcard_translate(pattern):
    return re.compile("(?ms)" + "".join(".*" if c == "*" else re.escape(c) for c in pattern) + r"\Z")


crawler.wildcard_translate = wildcard_translate
sys.argv[0] = "wapiti"
sys.exit(wapiti_main())
' "$@"
}

scan_public() {
    echo "== public pages (anonymous) =="
    wapiti -u "$PORTAL_URL/" --scope folder "${LIMITS[@]}" -o "$OUT/public.json"
}

sign_in_cookie() {
    # Sign in through the real form (CSRF token included) and write wapiti's JSON cookie file.
    .venv/bin/python - "$PORTAL_URL" "$PORTAL_USER" "$PORTAL_PASSWORD" "$AGENT" "$1" <<'EOF'
import json
import re
import sys

import requests

url, user, password, agent, cookie_file = sys.argv[1:]
http = requests.Session()
http.headers["User-Agent"] = agent
page = http.get(f"{url}/admin/login")
token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text).group(1)
signed_in = http.post(
    f"{url}/admin/login",
    data={"csrf_token": token, "username": user, "password": password},
    allow_redirects=False,
)
assert signed_in.status_code == 303, f"sign-in failed: {signed_in.status_code}"
assert http.get(f"{url}/admin/").status_code == 200, "dashboard not reachable after sign-in"
jar = {}
for cookie in http.cookies:
    jar.setdefault(cookie.domain.split(":")[0] or "127.0.0.1", {}).setdefault(cookie.path, {})[
        cookie.name
    ] = {"value": cookie.value, "expires": cookie.expires, "secure": cookie.secure,
         "port": None, "version": 0}
with open(cookie_file, "w") as fh:
    json.dump(jar, fh)
print("signed in; cookies:", ", ".join(c.name for c in http.cookies))
EOF
}

scan_staff() {
    echo "== staff pages (signed in as admin + moderator + editor) =="
    local cookie="$SCAN_DIR/cookie.json"
    (cd "$ROOT" && sign_in_cookie "$cookie")
    local log_start
    log_start=$(($(wc -l <"$PORTAL_DIR/access.log") + 1))
    # Left out: anything that ends this session or takes the account's rights away
    # (logout, password change, "end sessions" or one session, disabling an account, changing
    # roles, resetting or turning off a second factor).
    wapiti -u "$PORTAL_URL/admin/" --scope folder -c "$cookie" "${LIMITS[@]}" \
        -x "$PORTAL_URL/admin/logout*" \
        -x "$PORTAL_URL/admin/account/password*" \
        -x "$PORTAL_URL/admin/account/sessions*" \
        -x "$PORTAL_URL/admin/users/*/sessions*" \
        -x "$PORTAL_URL/admin/users/*/active/*" \
        -x "$PORTAL_URL/admin/users/*/roles*" \
        -x "$PORTAL_URL/admin/users/*/totp*" \
        -x "$PORTAL_URL/admin/account/totp/disable*" \
        -o "$OUT/staff.json"
    # Was the scan signed in throughout? Staff GET pages that answered 200 (signed in) against
    # those that redirected (302: signed out, sent to the login page).
    tail -n +"$log_start" "$PORTAL_DIR/access.log" | .venv/bin/python -c '
import re, sys, collections
counts = collections.Counter()
for line in sys.stdin:
    m = re.search(r"\"GET (/admin/[^ ?]*)\S* HTTP/1.1\" (\d+)", line)
    if m and not m.group(1).startswith("/admin/login"):
        counts[m.group(2)] += 1
print("staff GET responses during the staff scan by status:", dict(counts))'
}

summarise() {
    .venv/bin/python - "$1" <<'EOF'
import json
import sys

report = json.load(open(sys.argv[1]))
print(f"-- {sys.argv[1]}: {report['infos'].get('target')} --")
for kind, groups in (("vulnerability", report["vulnerabilities"]),
                     ("anomaly", report["anomalies"]), ("additional", report.get("additionals", {}))):
    for name, findings in groups.items():
        for f in findings:
            print(f"[{kind}] {name} (level {f.get('level')}): {f.get('method')} {f.get('path')}"
                  f" {f.get('parameter') or ''} - {f.get('info')}")
EOF
}

cd "$ROOT"
case "$WHAT" in
    public) scan_public; summarise "$OUT/public.json" ;;
    staff) scan_staff; summarise "$OUT/staff.json" ;;
    both)
        scan_public
        scan_staff
        summarise "$OUT/public.json"
        summarise "$OUT/staff.json"
        ;;
    *) echo "usage: $0 [public|staff|both]" >&2; exit 2 ;;
esac
echo "raw reports: $OUT"
