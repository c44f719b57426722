# The two commands of the README: `make demo` (main job on the bundled sample app) and `make test`.
.PHONY: setup demo test lint samples

setup:
	@bash scripts/setup.sh

demo: setup
	.venv/bin/appaudit datatypes

lint: setup
	.venv/bin/ruff check appaudit tests scripts
	.venv/bin/mypy

test: lint
	.venv/bin/python -m pytest -q

# Rebuild every sample APK from its smali sources (offline; skips apps whose sources are unchanged).
samples: setup
	.venv/bin/python sample_apks/build.py
