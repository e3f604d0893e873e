"""gunicorn settings for the portal: `gunicorn -c deploy/gunicorn.conf.py wsgi:app`."""

import multiprocessing
import os

# A unix socket that only nginx opens: the app believes X-Forwarded-For from its proxy
# (TRUSTED_PROXIES=1), so a client reaching gunicorn directly could name any address it
# likes and escape every rate limit. The folder is the unit's RuntimeDirectory (0750,
# group hegang, of which www-data is a member: docs/deploy.md).
bind = os.environ.get("PORTAL_BIND", "unix:/run/hegang-portal/gunicorn.sock")
umask = 0o007  # the socket: owner and group (nginx) only
# Sync workers: one per core plus one; the work is database- and template-bound.
workers = int(os.environ.get("PORTAL_WORKERS", multiprocessing.cpu_count() + 1))
worker_class = "sync"
timeout = 120  # a 30 MB upload on a slow phone connection
graceful_timeout = 30
max_requests = 2000  # recycle workers now and then
max_requests_jitter = 200
# The app is built once in the master and workers are forked from it: a recycled worker is
# serving again in milliseconds instead of re-importing everything (a second's stall under
# load), and every worker shares one start time, hence one Last-Modified floor.
preload_app = True


def post_fork(server, worker):
    """A forked worker must not reuse database connections the master may hold: drop the
    inherited pool without closing the master's connections (SQLAlchemy's advice for fork)."""
    from portal.extensions import db

    with server.app.wsgi().app_context():
        db.engine.dispose(close=False)


# A reporter must not be traceable through our logs: method and path only — no client address
# (%(h)s is the citizen's when gunicorn is reached directly), no X-Forwarded-For, no
# User-Agent, no referrer, no query string (a search may name a person: %(U)s, never %(r)s or
# %(q)s). tests/app/test_access_logs.py holds this file to it.
accesslog = "-"
access_log_format = '"%(m)s %(U)s" %(s)s %(b)s %(L)ss'
errorlog = "-"
# At `debug` gunicorn names the address a malformed request came from.
loglevel = "info"
forwarded_allow_ips = "127.0.0.1"  # gunicorn trusts a unix socket's peer (nginx) anyway
