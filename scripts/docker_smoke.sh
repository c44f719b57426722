#!/usr/bin/env bash
# Build the container image and run appaudit's smoke commands in it (static, policy, audit, a hostjvm run) on the
# bundled sample app. Needs a Docker engine (none runs on the CI machine, so CI does not call this script).
set -euo pipefail
cd "$(dirname "$0")/.."
tag=${1:-appaudit:smoke}
docker build -t "$tag" .
app=sample_apks/demo-news
run=(docker run --rm -v "$PWD/$app:/work:ro" -v "$(mktemp -d):/out")
"${run[@]}" "$tag" --version
"${run[@]}" "$tag" sdk list --format json >/dev/null
"${run[@]}" "$tag" static demo-news.apk --format json >/dev/null
"${run[@]}" "$tag" policy policy.md --format json >/dev/null
"${run[@]}" --cap-add SYS_PTRACE --security-opt seccomp=unconfined --security-opt apparmor=unconfined \
  "$tag" audit demo-news.apk --policy policy.md --run hostjvm -o /out/demo-news.json || test $? -eq 1
echo "docker smoke: ok"
