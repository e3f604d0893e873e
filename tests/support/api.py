"""Reading what the open-data API answers: every record of a list, page by page, and the
rows of a CSV download. (The records it publishes come from tests/opendata/conftest.py.)"""

import csv
import io


def walk(client, url):
    """Every record reached by following `next` from `url`, and the number of pages."""
    records, pages = [], 0
    while url:
        response = client.get(url.removeprefix("http://localhost"))
        assert response.status_code == 200, response.get_data(as_text=True)
        records += response.get_json()["data"]
        url, pages = response.get_json()["next"], pages + 1
    return records, pages


def rows_of(response):
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    raw = response.get_data()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 byte-order mark"
    text = raw.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))
