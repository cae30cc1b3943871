# The few targets people use. Everything installs into .venv from pyproject.toml + constraints.txt.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/callhire
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: worker demo test install install-test sysdeps browser lint typecheck messages compilemessages test-sqlite test-postgres bench clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade "pip>=24,<27"

install: sysdeps $(VENV)/bin/python
	$(PY) -m pip install -q -c constraints.txt -e .

install-test: sysdeps browser $(VENV)/bin/python
	$(PY) -m pip install -q -c constraints.txt -e ".[test,production]"

# gettext compiles the translation catalogues; Debian ships it, but a bare machine may lack it.
# espeak-ng and sox make the synthetic recordings the speech tests score.
sysdeps:
	@command -v msgfmt >/dev/null || (apt-get update -q && apt-get install -y -q gettext)
	@(command -v espeak-ng && command -v sox) >/dev/null || (apt-get update -q && apt-get install -y -q espeak-ng sox)

# Browser tests drive Debian's Chromium; no browser is ever downloaded.
browser:
	@command -v chromium >/dev/null || (apt-get update -q && apt-get install -y -q chromium)

compilemessages:
	cd callhire && ../$(PY) ../manage.py compilemessages --ignore=.venv -v 0

messages:
	cd callhire && ../$(PY) ../manage.py makemessages -l ms --no-obsolete --ignore=.venv
	cd callhire && ../$(PY) ../manage.py makemessages -d djangojs -l ms --no-obsolete --ignore=.venv

demo: install compilemessages
	$(PY) manage.py migrate -v 0
	$(PY) manage.py load_demo
	@echo ""
	@echo "  callhire is running at http://$(HOST):$(PORT)/"
	@echo "  Job board:           http://$(HOST):$(PORT)/en/jobs/  (Malay: /ms/jobs/)"
	@echo "  Recruiter workspace: http://$(HOST):$(PORT)/control/"
	@echo "  Admin:               http://$(HOST):$(PORT)/admin/"
	@echo "  Demo logins (password: callhire-demo):"
	@echo "    admin@callhire.test           site administrator (admin only)"
	@echo "    recruiter@sunrise.test        Sunrise Contact Centers (team admin)"
	@echo "    recruiter2@sunrise.test       Sunrise, recruiter"
	@echo "    manager@sunrise.test          Sunrise, hiring manager (sees the shortlist)"
	@echo "    recruiter@desert-health.test  Desert Health Line"
	@echo "    recruiter@kl-bpo.test         Maju Hubungan Sdn Bhd (Kuala Lumpur)"
	@echo "  Mail is written to var/mail/. Stop with Ctrl-C."
	@echo ""
	$(PY) manage.py runserver --insecure $(HOST):$(PORT)  # --insecure: serve the static files without DEBUG

# A Celery worker for background work; needs CELERY_BROKER_URL (see docs/operators.md).
worker:
	$(VENV)/bin/celery -A callhire worker -l info

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck:
	$(VENV)/bin/mypy callhire/screening callhire/postings callhire/assessments callhire/speech callhire/cli.py

test-sqlite:
	DATABASE_URL= $(PY) -m pytest

test-postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	DATABASE_URL=$(PG_URL) $(PY) -m pytest -p no:randomly

test: install-test compilemessages lint typecheck
	$(PY) manage.py check -v 0
	$(PY) -m callhire.i18n_check
	$(VENV)/bin/callhire assessments validate
	$(MAKE) test-sqlite
	$(MAKE) test-postgres

bench: install
	$(PY) bench/bench_screening.py
	$(PY) bench/bench_reader.py
	$(PY) bench/bench_speech.py

clean:
	rm -rf $(VENV) var build *.egg-info
