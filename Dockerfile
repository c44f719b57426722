# appaudit in a container: static, policy, audit and the hostjvm runtime (the sandboxed local JVM).
#   docker build -t appaudit .            (or: scripts/docker_smoke.sh, which also runs the smoke commands)
#   docker run --rm -v "$PWD:/work" appaudit static app.apk
#   docker run --rm --cap-add SYS_PTRACE --security-opt seccomp=unconfined --security-opt apparmor=unconfined \
#       -v "$PWD:/work" appaudit run app.apk --backend hostjvm      # Frida needs ptrace, bubblewrap needs userns
# Stage 1 builds the wheel with the Frida agent pre-built (npm is needed here only, never in the image).
FROM debian:bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv ca-certificates nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN python3 -m venv /opt/build \
 && /opt/build/bin/pip install --no-cache-dir -c requirements.lock hatchling frida \
 && (cd hooks && npm ci --no-audit --no-fund) \
 && APPAUDIT_HOOKS_DIR=/src/hooks /opt/build/bin/python -c \
    "import sys; sys.path.insert(0, '/src'); from appaudit.runtime.agent import agent_source; agent_source()" \
 && /opt/build/bin/pip wheel --no-deps -w /dist .

# Stage 2: the tools appaudit runs (systools.toml) and the wheel in a venv, as an unprivileged user.
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv ca-certificates \
      openjdk-17-jdk-headless enjarify apktool aapt bubblewrap libandroid-json-java libbcprov-java adb \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /dist/ /tmp/dist/
COPY requirements.lock /tmp/requirements.lock
RUN python3 -m venv /opt/appaudit \
 && /opt/appaudit/bin/pip install --no-cache-dir -c /tmp/requirements.lock /tmp/dist/appaudit-*.whl \
 && rm -rf /tmp/dist /tmp/requirements.lock \
 && useradd --create-home auditor
ENV PATH=/opt/appaudit/bin:$PATH
USER auditor
WORKDIR /work
ENTRYPOINT ["appaudit"]
CMD ["--help"]
