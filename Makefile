# The two commands of the README: `make demo` (main job on the bundled sample app) and `make test`.
.PHONY: setup demo test lint

setup:
	@bash scripts/setup.sh

demo: setup
	.venv/bin/appaudit datatypes

lint: setup
	.venv/bin/ruff check appaudit tests scripts
	.venv/bin/mypy

test: lint
	.venv/bin/python -m pytest -q
