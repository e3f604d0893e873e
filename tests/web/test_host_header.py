"""The Host header cannot poison what caches keep: absolute URLs in the API, sitemap,
robots.txt, feeds and OpenAPI come from SITE_URL, a Host outside TRUSTED_HOSTS is answered
400 before any view runs, and nginx closes connections for any other name (444)."""

from urllib.parse import urlsplit

import pytest

from portal import create_app
from portal.extensions import db
from tests.support.app import make_app
from tests.support.deploy import env_example, nginx_blocks, nginx_directives
from tests.support.production import PRODUCTION

SITE = "https://jnjp.hegang.example"
# Public responses with absolute URLs that shared caches may keep for five minutes.
CACHED_WITH_URLS = [
    "/robots.txt",
    "/sitemap.xml",
    "/api/v1/",
    "/api/v1/openapi.json",
    "/bulletins.atom",
    "/exposures.atom",
    "/reports/outcomes.atom",
]


@pytest.fixture
def other_app(database_url, app, tmp_path):
    """Build apps on the test database with other settings; their engines closed after."""
    built = []

    def build(**config):
        built.append(make_app(database_url, tmp_path / f"other{len(built)}", **config))
        return built[-1]

    yield build
    for each in built:
        with each.app_context():
            db.engine.dispose()


@pytest.mark.parametrize("path", CACHED_WITH_URLS)
def test_a_forged_host_is_refused_and_never_echoed(client, content, path):
    response = client.get(path, headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert b"evil.example" not in response.data
    assert response.headers["Cache-Control"] == "no-store"


def test_a_forged_forwarded_host_behind_the_proxy_is_refused(other_app, content):
    proxied = other_app(TRUSTED_PROXIES=1).test_client()
    forged = proxied.get("/robots.txt", headers={"X-Forwarded-Host": "evil.example"})
    assert forged.status_code == 400
    assert proxied.get("/robots.txt", headers={"X-Forwarded-Host": "localhost"}).status_code == 200


@pytest.mark.parametrize("path", CACHED_WITH_URLS)
def test_absolute_urls_are_built_from_site_url(other_app, content, path):
    site = other_app(SITE_URL=SITE).test_client()
    response = site.get(path, headers={"Host": "127.0.0.1:5000"})  # a trusted local name
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert f"{SITE}/" in body
    assert "127.0.0.1" not in body


def test_local_development_answers_on_localhost_without_settings(client, content):
    for host in ("localhost", "localhost:5000", "127.0.0.1:8000"):
        response = client.get("/robots.txt", headers={"Host": host})
        assert response.status_code == 200
        assert f"Sitemap: http://{host}/sitemap.xml" in response.get_data(as_text=True)


def test_production_trusts_only_the_site_host(other_app, content):
    production = other_app(**PRODUCTION).test_client()
    assert production.get("/robots.txt", headers={"Host": "localhost"}).status_code == 400
    canonical = production.get("/robots.txt", headers={"Host": "jnjp.hegang.example"})
    assert canonical.status_code == 200


def test_trusted_hosts_can_be_listed(other_app, content):
    listed = other_app(**PRODUCTION, TRUSTED_HOSTS="jnjp.hegang.example, www.hegang.example")
    response = listed.test_client().get("/robots.txt", headers={"Host": "www.hegang.example"})
    assert response.status_code == 200
    assert f"Sitemap: {SITE}/sitemap.xml" in response.get_data(as_text=True)


@pytest.mark.parametrize("wrong", ["jnjp.hegang.example", "https://x.example/portal", "ftp://x"])
def test_a_site_url_that_is_not_an_origin_is_refused(tmp_path, wrong):
    with pytest.raises(RuntimeError, match="SITE_URL"):
        create_app({"INSTANCE_PATH": str(tmp_path), "SITE_URL": wrong})


def test_nginx_drops_requests_for_other_host_names():
    servers = nginx_blocks("server")
    catch_all = [
        s for s in servers if any("default_server" in a for a in nginx_directives(s, "listen"))
    ]
    assert catch_all, "no default_server block"
    for server in catch_all:
        assert nginx_directives(server, "return") == [["444"]]
        assert not nginx_directives(server, "proxy_pass") and "proxy_pass" not in server
    # Every port the site listens on has the catch-all in front of it.
    site = [s for s in servers if s not in catch_all]
    site_ports = {a[0].rsplit(":", 1)[-1] for s in site for a in nginx_directives(s, "listen")}
    catch_ports = {
        a[0].rsplit(":", 1)[-1] for s in catch_all for a in nginx_directives(s, "listen")
    }
    assert site_ports <= catch_ports


def test_the_site_url_of_env_example_is_the_name_nginx_serves():
    host = urlsplit(env_example()["SITE_URL"]).hostname
    names = [n for s in nginx_blocks("server") for n in sum(nginx_directives(s, "server_name"), [])]
    assert host in names


def test_every_proxied_location_passes_the_sites_host():
    """Without it nginx sends the upstream's name ("hegang_portal"), which the app refuses."""
    [site] = [s for s in nginx_blocks("server") if "proxy_pass" in s]
    proxied = [b for b in nginx_blocks("location", site) if nginx_directives(b, "proxy_pass")]
    assert len(proxied) >= 2
    for location in proxied:
        assert ["Host", "$host"] in nginx_directives(location, "proxy_set_header"), location
