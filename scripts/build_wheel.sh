#!/usr/bin/env bash
# Release build: the wheel carries the Frida agent pre-built, so installing appaudit needs no npm.
# Usage: scripts/build_wheel.sh [OUT_DIR]   (default dist/). Needs the dev venv (make setup) for npm + frida.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-dist}
bash scripts/setup.sh
# Build (or refresh) hooks/_agent.js with the venv's frida; it is force-included into the wheel.
.venv/bin/python -c "from appaudit.runtime.agent import agent_source; agent_source()"
.venv/bin/python -m pip wheel -q --no-deps -w "$out" .
ls "$out"/appaudit-*.whl
