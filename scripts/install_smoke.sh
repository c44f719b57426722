#!/usr/bin/env bash
# Install smoke test of the wheel: a fresh venv per Python, run from a directory outside any checkout.
# usage: scripts/install_smoke.sh WHEEL PYTHON [PYTHON ...]
# Checks what a user of `pip install appaudit` / pipx needs: the whole catalogue, a static scan of a sample APK,
# and a hostjvm run that records reads (the Frida agent and default profile come from the wheel, no npm).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
wheel=$(realpath "$1"); shift
apk="$repo/sample_apks/demo-news/demo-news.apk"
for py in "$@"; do
  work=$(mktemp -d)
  "$py" -m venv "$work/venv"
  # Only Python 3.11's resolution is locked (requirements.lock); newer Pythons resolve freely (mitmproxy 12 there).
  constraint=()
  [ "$("$py" -c 'import sys; print(sys.version_info[:2] == (3, 11))')" = True ] && constraint=(-c "$repo/requirements.lock")
  start=$(date +%s)
  "$work/venv/bin/pip" install -q "${constraint[@]}" "$wheel" 2>&1 | { grep -v "^WARNING: Location" || true; }
  "$work/venv/bin/pip" check
  secs=$(( $(date +%s) - start ))
  cd "$work"
  aa="$work/venv/bin/appaudit"
  n=$("$aa" sdk list --format json | "$work/venv/bin/python" -c 'import json,sys; d=json.load(sys.stdin); print(d["count"])')
  "$aa" static "$apk" --format json > static.json
  "$aa" run "$apk" --backend hostjvm -o trace.jsonl > /dev/null
  reads=$(grep -c "\"type\": \"read\"" trace.jsonl || true)
  size=$(du -sm "$work/venv" | cut -f1)
  echo "install-smoke $("$py" -V): install ${secs}s, venv ${size} MB, catalogue $n SDKs, static ok, hostjvm $reads reads"
  [ "$n" -gt 1000 ] && [ "$reads" -gt 0 ]
  cd "$repo"; rm -rf "$work"
done
