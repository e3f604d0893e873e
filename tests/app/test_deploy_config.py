"""The deploy files agree with the app: nginx accepts what the app accepts, and gunicorn's
access log keeps no query string."""

import re
import runpy

from portal.config import DEFAULTS
from tests.support.app import ROOT

DEPLOY = ROOT / "deploy"


def test_nginx_takes_uploads_up_to_the_apps_limit_and_no_more():
    conf = (DEPLOY / "nginx-hegang-portal.conf").read_text()
    megabytes = int(re.search(r"client_max_body_size (\d+)m;", conf).group(1))
    assert megabytes * 1024 * 1024 == DEFAULTS["MAX_CONTENT_LENGTH"]


def test_the_access_log_has_method_and_path_but_no_query_string():
    settings = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    log_format = settings["access_log_format"]
    assert "%(U)s" in log_format
    assert not {"%(r)s", "%(q)s", "%(a)s"} & set(re.findall(r"%\(\w+\)s", log_format))
