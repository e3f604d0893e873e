"""Benchmark: site search (/search) over 100,000 indexed documents.

A script, not a test. It builds a throwaway database (SQLite in a temporary directory, or a
uniquely named PostgreSQL database dropped at the end), runs the migrations, imports content/,
bulk-loads N SYNTHETIC rows into search_documents, then times search() for 1-, 2- and 3-word
queries (each word matched separately, AND) of 2-, 3-, 4-character Chinese and English terms,
common, rare and absent, plus a type and a year filter (median and p95 of --runs after one
warm-up) and writes a section into docs/benchmarks.md (replacing only its own section).

Usage:
    .venv/bin/python bench/search_at_scale.py --engine sqlite --documents 100000
    .venv/bin/python bench/search_at_scale.py --engine postgresql \\
        [--server-url postgresql+psycopg://postgres@127.0.0.1:5432/postgres]
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_env import load_average, postgresql_database, write_docs  # noqa: E402
from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import insert, text  # noqa: E402

from portal import create_app  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.models.search import SearchDocument  # noqa: E402
from portal.services.plan.content_import import import_content  # noqa: E402
from portal.services.search import query as search  # noqa: E402
from portal.services.search.documents import KINDS as INDEXED  # noqa: E402
from portal.services.search.index import bigrams_of  # noqa: E402

KINDS = list(INDEXED)
WORDS = [
    "节能",
    "减排",
    "煤矿",
    "脱硫",
    "污水",
    "处理",
    "燃煤",
    "锅炉",
    "淘汰",
    "落后",
    "产能",
    "排放",
    "监测",
    "治理",
    "整改",
    "企业",
    "工程",
    "供热",
    "焦化",
    "水泥",
    "造纸",
    "化工",
    "电力",
    "二氧化硫",
    "化学需氧量",
    "在线",
    "设施",
    "建设",
    "完成",
    "验收",
    "COD",
    "SO2",
]
RARE_PHRASE, RARE_EVERY = "焦炉煤气回收利用鹍鹏", 10_000
NO_FILTER = search.Filters()
QUERIES = [
    ("1 词 · 2 字", "煤矿", NO_FILTER), ("1 词 · 3 字", "二氧化", NO_FILTER),
    ("1 词 · 4 字", "污水处理", NO_FILTER), ("1 词 · 英文", "cod", NO_FILTER),
    ("1 词 · 少量匹配", "焦炉煤气", NO_FILTER), ("1 词 · 2 字少量匹配", "鹍鹏", NO_FILTER),
    ("1 词 · 无结果", "不存在的词", NO_FILTER), ("1 词 · 2 字无结果", "罕见", NO_FILTER),
    ("2 词 · 常见", "煤矿 脱硫", NO_FILTER), ("2 词 · 常见 3+4 字", "二氧化 污水处理", NO_FILTER),
    ("2 词 · 常见+少量", "煤矿 鹍鹏", NO_FILTER), ("2 词 · 常见+无结果", "煤矿 罕见", NO_FILTER),
    ("2 词 · 短语", '"煤矿脱硫"', NO_FILTER),
    ("3 词 · 常见", "煤矿 脱硫 cod", NO_FILTER),
    ("3 词 · 常见 3/4 字", "二氧化 污水处理 在线监测", NO_FILTER),
    ("3 词 · 含少量", "煤矿 脱硫 焦炉煤气", NO_FILTER),
    ("3 词 · 含无结果", "煤矿 脱硫 不存在的词", NO_FILTER),
    ("3 词 · 含单字", "煤矿 脱硫 一", NO_FILTER),
    ("1 词 · 按类别", "煤矿", search.Filters(kind="exposure")),
    ("2 词 · 按年份", "煤矿 脱硫", search.Filters(year=2008)),
    ("2 词 · 按类别和年份", "二氧化 鹍鹏", search.Filters(kind="bulletin", year=2009)),
]  # fmt: skip
FIRST_DAY = date(2007, 1, 1)


def synthetic_rows(count: int, seed: int):
    rng = random.Random(seed)  # noqa: S311 - synthetic text, not security
    for number in range(count):
        body = "".join(rng.choice(WORDS) for _ in range(rng.randint(40, 160)))
        if number % RARE_EVERY == 0:
            body += RARE_PHRASE  # a term with few matches: the case an index is for
        title = f"SYNTHETIC BENCHMARK ROW {number} " + "".join(rng.sample(WORDS, 3))
        yield {
            "kind": KINDS[number % len(KINDS)],
            "record_id": 10_000_000 + number,
            "title": title,
            "body_text": body,
            "haystack": (haystack := f"{title}\n{body}".lower()),
            "bigrams": bigrams_of(haystack),
            "url_args": {"endpoint": "public.projects"},
            "position": number,
            "record_date": FIRST_DAY + timedelta(days=number % 1461),  # 2007–2010
            "withdrawn": False,
            "is_sample": True,
        }


def load(count: int, seed: int) -> None:
    batch = []
    for row in synthetic_rows(count, seed):
        batch.append(row)
        if len(batch) == 5000:
            db.session.execute(insert(SearchDocument), batch)
            batch = []
    if batch:
        db.session.execute(insert(SearchDocument), batch)
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        # What autovacuum would do soon after a bulk load: the planner needs the statistics.
        db.session.execute(text("ANALYZE search_documents"))
        db.session.commit()


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20, method="inclusive")[-1]


def measure(runs: int) -> list[tuple[str, str, float, float, int]]:
    rows = []
    for label, query, filters in QUERIES:
        search.search(query, filters)  # warm-up
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            results = search.search(query, filters)
            times.append(time.perf_counter() - started)
        shown = query + "".join(f"（{v}）" for v in (filters.kind, filters.year) if v)
        ms = statistics.median(times) * 1000, p95(times) * 1000
        rows.append((label, shown, *ms, results.total))
    return rows


def run(url: str, args) -> str:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "TESTING": True,
                      "INSTANCE_PATH": tempfile.mkdtemp()})  # fmt: skip
    with app.app_context():
        upgrade()
        import_content(ROOT / "content")
        started = time.perf_counter()
        load(args.documents, args.seed)
        loaded = time.perf_counter() - started
        rows = measure(args.runs)
        engine = db.engine.dialect.name
        db.session.remove()
        db.engine.dispose()
    lines = [
        f"## Site search at {args.documents:,} documents ({engine})\n",
        "\n",
        f"`bench/search_at_scale.py --engine {args.engine} --documents {args.documents}`: "
        f"synthetic rows loaded in {loaded:.1f} s; median and p95 of {args.runs} runs of "
        "`search()` after one warm-up (every word must match; per kind: first 20 in listing "
        "order + a count capped at 1,000, then snippets; on SQLite terms of 3+ characters ask "
        "the FTS5 trigram index, 2-character ones its bigram index, and the ids they agree on "
        "are read; very common terms walk the listing index and stop early). "
        f"Machine {load_average()} at the end.\n",
        "\n",
        "| Query | Text | Median (ms) | p95 (ms) | Matches |\n",
        "|---|---|---:|---:|---:|\n",
    ]
    lines += [
        f"| {label} | {query} | {ms:.1f} | {slow:.1f} | {total:,} |\n"
        for label, query, ms, slow, total in rows
    ]
    return "".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--server-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    )
    parser.add_argument("--no-docs", action="store_true", help="do not touch docs/benchmarks.md")
    args = parser.parse_args()
    if args.engine == "sqlite":
        with tempfile.TemporaryDirectory() as directory:
            section = run(f"sqlite:///{directory}/bench.db", args)
    else:
        with postgresql_database(args.server_url, keep=False) as (url, _directory):
            section = run(url, args)
    print(section)
    if not args.no_docs:
        write_docs(section.splitlines()[0][3:], section)


if __name__ == "__main__":
    main()
