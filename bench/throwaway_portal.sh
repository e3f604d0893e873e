# Sourced by bench/security_scan.sh and bench/lighthouse.sh: a throwaway portal for scanning.
#
# portal_start DIR PORT: a fresh SQLite database and instance folder under DIR (deleted first),
#   migrations, content/, the marked sample data and one staff account, then gunicorn (2 workers,
#   no debug) on 127.0.0.1:PORT. Sets PORTAL_URL, PORTAL_USER, PORTAL_PASSWORD.
# portal_stop: stops that gunicorn (by its pid, nothing else) and removes DIR unless KEEP=1.
#
# Rate limits are switched off in the throwaway instance (RATELIMIT_ENABLED = False): a scanner
# sends thousands of requests from one address and would otherwise only see 429 responses.
# Everything else is the production code path.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORTAL_USER="scan-admin"
PORTAL_PASSWORD="scan-only-password-$(date +%s)"

portal_flask() {
    (cd "$ROOT" && .venv/bin/flask --app wsgi "$@")
}

portal_start() {
    PORTAL_DIR="$1"
    local port="$2"
    rm -rf "$PORTAL_DIR"
    mkdir -p "$PORTAL_DIR/instance"
    export DATABASE_URL="sqlite:///$PORTAL_DIR/portal.db"
    export INSTANCE_PATH="$PORTAL_DIR/instance"
    unset RATELIMIT_STORAGE_URI SESSION_COOKIE_SECURE TRUSTED_PROXIES PORTAL_ENV
    cat >"$INSTANCE_PATH/config.py" <<'EOF'
# Throwaway instance for bench/security_scan.sh and bench/lighthouse.sh only.
RATELIMIT_ENABLED = False
EOF
    portal_flask db upgrade >"$PORTAL_DIR/setup.log" 2>&1
    portal_flask content import >>"$PORTAL_DIR/setup.log" 2>&1
    portal_flask demo load >>"$PORTAL_DIR/setup.log" 2>&1
    printf '%s\n' "$PORTAL_PASSWORD" | portal_flask users create --username "$PORTAL_USER" \
        --role admin --role moderator --role editor --password-stdin >>"$PORTAL_DIR/setup.log" 2>&1
    (cd "$ROOT" && exec .venv/bin/gunicorn -w 2 -b "127.0.0.1:$port" \
        --access-logfile "$PORTAL_DIR/access.log" --error-logfile "$PORTAL_DIR/error.log" \
        wsgi:app) &
    PORTAL_PID=$!
    PORTAL_URL="http://127.0.0.1:$port"
    for _ in $(seq 1 60); do
        if curl -fsS "$PORTAL_URL/healthz" >/dev/null 2>&1; then
            return 0
        fi
        sleep 0.5
    done
    echo "portal did not start; see $PORTAL_DIR/error.log" >&2
    return 1
}

portal_stop() {
    if [ -n "${PORTAL_PID:-}" ] && kill -0 "$PORTAL_PID" 2>/dev/null; then
        kill "$PORTAL_PID"
        wait "$PORTAL_PID" 2>/dev/null || true
    fi
    PORTAL_PID=""
    if [ "${KEEP:-0}" != "1" ] && [ -n "${PORTAL_DIR:-}" ]; then
        rm -rf "$PORTAL_DIR"
    fi
}
