"""The portal plus one route for the benchmarks' floor: /_bench/hello returns a constant text
without touching the database. Served by gunicorn in bench/http_load.py
(`gunicorn --pythonpath bench floor_wsgi:app`) so that every other route can be compared with
what the same workers, middleware and after-request hooks cost on their own.
Never served outside the benchmarks: the portal itself has no such route."""

from portal import create_app

app = create_app()


@app.get("/_bench/hello")
def bench_hello():
    return "hello\n", 200, {"Content-Type": "text/plain; charset=utf-8"}
