# The two commands a new user needs: `make run` (the demo site) and `make test` (the whole suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

NPM := $(shell command -v npm)
# The page checkers (W3C Nu HTML Checker, axe-core) come from npm; without npm their tests skip.
CHECKERS := $(if $(NPM),node_modules/.installed,)

.PHONY: run test lint clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

node_modules/.installed: package.json package-lock.json
	$(NPM) ci --no-audit --no-fund --loglevel=error
	touch $@

# A stable development key, DEBUG on and one password for every demo account, kept out of git.
.env:
	$(PY) -c "import secrets; from django.core.management.utils import get_random_secret_key as k; print('DEBUG=True'); print('SECRET_KEY=' + k()); print('DEMO_PASSWORD=' + secrets.token_urlsafe(12))" > .env

run: $(STAMP) .env
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py runserver 127.0.0.1:8000

test: $(STAMP) $(CHECKERS)
	scripts/run-tests

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

clean:
	rm -rf $(VENV) node_modules .tmp .pytest_cache .ruff_cache *.egg-info
