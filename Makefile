# The two commands a new user needs: `make run` (the demo site) and `make test` (the whole suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# A stable development key and DEBUG on, kept out of git.
.env:
	$(PY) -c "from django.core.management.utils import get_random_secret_key as k; print('DEBUG=True'); print('SECRET_KEY=' + k())" > .env

run: $(STAMP) .env
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	scripts/run-tests

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

clean:
	rm -rf $(VENV) .tmp .pytest_cache .ruff_cache *.egg-info
