#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian 12 machine: apt tools, the venv, pip packages, npm packages for the hooks.
# Everything is skipped when already present, so `make demo` / `make test` can call it every time.
set -euo pipefail
cd "$(dirname "$0")/.."

# libsmali-java provides /usr/bin/smali; "smali" itself is no Debian package and made every run call apt-get.
# bubblewrap: the hostjvm backend runs app code only inside bwrap (runtime/sandbox.py).
# libandroid-json-java, libbcprov-java: Android's real org.json and BouncyCastle ("BC") on the hostjvm class path.
APT_PACKAGES=(apktool aapt apksigner zipalign android-framework-res libsmali-java dexdump
              enjarify openjdk-17-jdk-headless bubblewrap chromium fonts-noto-cjk zip unzip
              libandroid-json-java libbcprov-java)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing apt packages: ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.appaudit-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ requirements.lock -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -c requirements.lock -e ".[dev]"
  .venv/bin/python -m pip check
  touch "$stamp"
fi

if [ -f hooks/package.json ]; then
  if [ ! -d hooks/node_modules ] || [ hooks/package-lock.json -nt hooks/node_modules ]; then
    (cd hooks && npm ci --no-audit --no-fund --silent)
  fi
fi
