# 鹤岗市节能减排信息公开与举报平台 — the ways in.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: help run test lint format bench bench-http bench-nginx lighthouse security-scan clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $@

run: $(STAMP)  ## set up and serve the portal on http://127.0.0.1:5000
	$(FLASK) db upgrade
	$(FLASK) content import
	$(FLASK) demo load
	@echo "工作人员后台 /admin：先创建第一个管理员账号 · first admin account:"
	@echo "  $(FLASK) users create --username admin --role admin --role moderator --role editor"
	@# The notification worker beside the web server, stopped with it (Ctrl-C or kill).
	$(FLASK) outbox work & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(FLASK) run --host 127.0.0.1 --port 5000

test: $(STAMP)  ## lint, then run the test suite
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lint: $(STAMP)  ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)  ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP)  ## time the moderation queue at 1,000,000 reports (SQLite, then PostgreSQL)
	$(BIN)/python bench/queue_at_scale.py --engine sqlite --reports 1000000
	$(BIN)/python bench/queue_at_scale.py --engine postgresql --reports 1000000

bench-http: $(STAMP)  ## HTTP load on gunicorn: floor, public pages, report POST (SQLite, then PostgreSQL)
	$(BIN)/python bench/http_load.py --engine sqlite
	$(BIN)/python bench/http_load.py --engine postgresql

bench-nginx: $(STAMP)  ## nginx (deploy config) in front of gunicorn: report journey, headers, client IP, load
	$(BIN)/python bench/nginx_front.py

lighthouse: $(STAMP)  ## Lighthouse 12 (mobile) on /, /plan, /targets, /report; scores to docs/lighthouse.md
	bash bench/lighthouse.sh

security-scan: $(STAMP)  ## wapiti over the public and staff pages (docs/security-scan.md)
	bash bench/security_scan.sh

clean:  ## remove the virtualenv and caches (keeps instance/)
	rm -rf $(VENV) .pytest_cache .ruff_cache
