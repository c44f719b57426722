# The two commands of the README: `make demo` (main job on the bundled sample app) and `make test`.
.PHONY: setup demo test lint samples fuzz wheel

setup:
	@bash scripts/setup.sh

# Static + policy + a run on the local JVM behind an offline capturing proxy (nothing leaves the machine).
DEMO_APP := sample_apks/demo-news
demo: setup
	.venv/bin/appaudit audit $(DEMO_APP)/demo-news.apk --policy $(DEMO_APP)/policy.md \
	  --run hostjvm --capture --consent-hook com.appaudit.demo.news.PrivacyDialog.onAgree -o out/demo-news.html

lint: setup
	.venv/bin/ruff check appaudit tests scripts
	.venv/bin/mypy

test: lint
	.venv/bin/python -m pytest -q

# Rebuild every sample APK from its smali sources (offline; skips apps whose sources are unchanged).
samples: setup
	.venv/bin/python sample_apks/build.py

# A wheel with the catalogue, the pre-built Frida agent and the default profile inside (installs need no npm).
wheel: setup
	bash scripts/build_wheel.sh dist

# The fuzz suite with a long budget (every `make test` runs it with 30 examples per property): 3,000
# examples per property by default (FUZZ_EXAMPLES=...), failures kept in .hypothesis/ and replayed first;
# then the hostile corpus of issue 14, each case's exit, time and peak RSS printed.
FUZZ_EXAMPLES ?= 3000
fuzz: setup
	APPAUDIT_FUZZ_PROFILE=fuzz APPAUDIT_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) .venv/bin/python -m pytest -q tests/fuzz -k "not hostile_case"
	.venv/bin/python scripts/hostile_corpus.py out/hostile --run
