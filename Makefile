# The two commands a new user needs: `make run` (the demo site) and `make test` (the whole suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

NPM := $(shell command -v npm)
# The page checkers (W3C Nu HTML Checker, axe-core) come from npm; without npm their tests skip.
CHECKERS := $(if $(NPM),node_modules/.installed,)

.PHONY: run serve test lint clean

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

# The production stack on this machine, on SQLite, with nothing else installed: the app server (granian) with DEBUG off,
# hashed and compressed static files from WhiteNoise, photos served by the app itself (no nginx here), the
# shared file cache. Plain HTTP on http://127.0.0.1:8000/, so HTTPS redirects and secure cookies are off.
SERVE_ENV := DEBUG=False SECURE_SSL_REDIRECT=False SECURE_COOKIES=False SECURE_HSTS_SECONDS=0 \
	SERVE_MEDIA=True ALLOWED_HOSTS=127.0.0.1,localhost
serve: $(STAMP) .env
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(SERVE_ENV) $(PY) manage.py make_renditions
	$(SERVE_ENV) $(PY) deploy/appserver.py

test: $(STAMP) $(CHECKERS)
	scripts/run-tests

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

clean:
	rm -rf $(VENV) node_modules .tmp .cache staticfiles .pytest_cache .ruff_cache *.egg-info
