"""One runtime session: prepare a backend, spawn the app under the agent, record the trace, clean up.

`run(app, backend, out, **options) -> Path` (docs/contracts.md). The `Recorder` turns agent messages into
trace records as they arrive: it attributes each event to an SDK or the app (attribution.py), stamps the
consent phase and the foreground state known at that moment, and hashes values when asked. The trace is
flushed per event, so a target or session that dies leaves every event seen so far.
"""

from __future__ import annotations

import contextlib
import enum
import re
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from appaudit import ontology
from appaudit.errors import AppAuditError, InputError
from appaudit.limits import loads_json
from appaudit.model import Phase
from appaudit.runtime import agent, attribution, consentpoint, device, hostjvm, parity, sandbox
from appaudit.runtime.consent import ConsentSettings, ControlWatcher, control_path
from appaudit.runtime.consent import settings as consent_settings
from appaudit.runtime.consent import watching as consent_watching
from appaudit.runtime.device import Runner
from appaudit.runtime.trace import DEFAULT_WINDOW_S, TraceWriter, hash_value
from appaudit.signatures import Catalogue, load_or_none
from appaudit.static import dex as dexfmt
from appaudit.static.apk import file_sha256, unpack
from appaudit.static.sdks import FirstParty

AGENT_SCHEMA = 1
OUTPUT_TAIL = 4000
# Must match stubs/appaudit/harness/Main.java EVENT_PREFIX and FINISHED.
HARNESS_EVENT_PREFIX = "@appaudit-harness "
HARNESS_FINISHED = "harness finished"  # the harness's last line: every entry point was run
# HotSpot's fatal error report on stdout: the signal and the frame ("j  com.x.Y.<init>(...)V+174": j interpreted Java).
_JVM_FATAL = re.compile(
    r"# A fatal error has been detected[\s\S]*?#\s+(\w+ \(0x\w+\))[\s\S]*?# Problematic frame:\s*#\s*"
    r"(?:[jJCVv]\s+)?([^\s(]+)"
)
MAX_HARNESS_LINE = 4000


class Backend(enum.Enum):
    ANDROID = "android"
    HOSTJVM = "hostjvm"


class ValueMode(enum.Enum):
    """How read values go into the trace: as read, or as their SHA-256 (hex)."""

    RAW = "raw"
    SHA256 = "sha256"


@dataclass(frozen=True, slots=True)
class RunOptions:
    """The options of `run`, validated."""

    duration: float | None = None  # hostjvm: upper bound (the harness ends by itself); android: run time
    consent_hook: str | None = None
    consent_pref: str | None = None
    proxy: str | None = None
    ca_cert: Path | None = None
    profile: Path | None = None
    device: str | None = None
    frida_server: Path | None = None
    value_mode: ValueMode = ValueMode.RAW
    control: Path | None = None
    window_s: float = DEFAULT_WINDOW_S
    run_consent: bool = True  # hostjvm: the harness calls the consent method
    consent_action: str = "agree"  # hostjvm: the harness accepts, refuses or leaves the privacy dialog
    refusal_hook: str | None = None  # the refusal method (hostjvm refuse default: <pkg>.PrivacyDialog.onDisagree)
    screens: int = hostjvm.DEFAULT_SCREENS  # hostjvm: other activities opened after an agreement
    clicks: int = hostjvm.DEFAULT_CLICKS  # hostjvm: views with a click listener clicked per screen, same rule
    manifest: hostjvm.Manifest | None = None  # hostjvm with a .jar instead of an APK
    jvm_args: tuple[str, ...] = ()  # hostjvm: extra JVM options (system properties of the app)
    monkey_events: int = 0  # android: monkey events with a fixed seed
    monkey_seed: int = 42
    keep_data: bool = False  # android: skip `pm clear` (an earlier run's consent then persists)
    grant_all: bool = False  # android: `install -g` (the app's own permission requests are then not seen)
    pinning_bypass: bool = False  # the agent defeats certificate pinning (OkHttp, TrustManager, WebView)
    adb_runner: Runner | None = None  # android: how adb is run (tests: recorded answers)
    on_status: Callable[[str], None] | None = None

    @classmethod
    def from_kwargs(cls, options: Mapping[str, Any]) -> RunOptions:
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(options) - known)
        if unknown:
            raise InputError(f"run: unknown option(s) {unknown}; expected some of {sorted(known)}")
        opts = {k: v for k, v in options.items() if v is not None}
        if isinstance(opts.get("value_mode"), str):
            try:
                opts["value_mode"] = ValueMode(opts["value_mode"])
            except ValueError:
                raise InputError(f"--values {opts['value_mode']!r}: expected raw or sha256") from None
        for key in ("ca_cert", "profile", "frida_server", "control"):
            if isinstance(opts.get(key), str):
                opts[key] = Path(opts[key])
        o = cls(**opts)
        if o.duration is not None and o.duration <= 0:
            raise InputError(f"--duration {o.duration}: must be positive")
        if o.screens < 0:
            raise InputError(f"--screens {o.screens}: must be 0 or more")
        if o.clicks < 0:
            raise InputError(f"--clicks {o.clicks}: must be 0 or more")
        if o.window_s <= 0:
            raise InputError(f"window {o.window_s}: must be positive")
        if o.consent_action not in hostjvm.CONSENT_ACTIONS:
            raise InputError(
                f"--consent-action {o.consent_action!r}: expected one of {', '.join(hostjvm.CONSENT_ACTIONS)}"
            )
        return o


def agent_apis() -> list[dict[str, Any]]:
    """The ontology's runtime-observable APIs, in the shape hooks/agent.js reads."""
    out = []
    for dt in ontology.load().values():
        if not dt.device:
            continue
        for a in dt.apis:
            if a.kind == "string":
                continue  # a constant in code: static analysis only
            out.append(
                {
                    "data_type": dt.id,
                    "kind": a.kind,
                    "class": a.cls,
                    "member": a.member,
                    "target": a.target,
                    "arg_index": a.arg_index,
                    "arg_equals": a.arg_equals,
                    "label": a.label,
                }
            )
    return out


def agent_config(
    consent: ConsentSettings, file_overlay: Mapping[str, str], package: str, *, pinning_bypass: bool = False
) -> dict[str, Any]:
    return {
        "schema": AGENT_SCHEMA,
        "package": package,
        "apis": agent.expand_implementations(agent_apis()),
        "consent": consent.to_agent(),
        "file_overlay": dict(file_overlay),
        "pinning_bypass": pinning_bypass,
        "class_watch": agent.class_watch_settings(),
    }


class Recorder:
    """Agent messages -> trace records, with attribution, phase and foreground stamped on arrival."""

    def __init__(
        self, writer: TraceWriter, catalogue: Catalogue | None, namespaces: FirstParty, value_mode: ValueMode
    ) -> None:
        self.writer = writer
        self.catalogue = catalogue
        self.namespaces = namespaces  # the app's own code, as the static side names it
        self.value_mode = value_mode
        self.consented = False
        self.resumed: set[str] = set()
        self.reads = 0
        self._lock = threading.Lock()
        self._output = ""  # the last OUTPUT_TAIL characters the target printed
        self._partial = ""  # an output line not yet ended
        self.harness_entries = 0  # hostjvm: entry points the harness ran, failed ones, and whether any ran
        self.harness_failures: list[dict[str, str]] = []
        self.app_code_ran = False
        self.harness_finished = False

    def _phase(self) -> str:
        return Phase.POST_CONSENT.value if self.consented else Phase.PRE_CONSENT.value

    def on_event(self, msg: dict[str, Any]) -> None:
        ev = str(msg.pop("ev", "unknown"))
        msg.pop("v", None)
        at = msg.pop("t", None)
        rec: dict[str, Any] = {"type": ev, "at": at}
        with self._lock:
            if ev in ("read", "permission_request", "start_other", "sandbox"):
                raw_stack = msg.get("stack")
                stack: list[Any] = raw_stack if isinstance(raw_stack, list) else []
                rec["actor"] = attribution.attribute([str(f) for f in stack], self.catalogue, self.namespaces)
                rec["phase"] = self._phase()
                rec["foreground"] = bool(self.resumed)
                if ev == "read":
                    self.reads += 1
                    if self.value_mode is ValueMode.SHA256 and msg.get("value") is not None:
                        msg["value_sha256"] = hash_value(str(msg.pop("value")))
            elif ev == "consent":
                self.consented = True
            elif ev == "lifecycle":
                activity = str(msg.get("activity", ""))
                if msg.get("state") == "foreground":
                    self.resumed.add(activity)
                else:
                    self.resumed.discard(activity)
            rec.update(msg)
            self.writer.write(rec)

    def on_output(self, fd: int, data: bytes) -> None:
        text = data.decode("utf-8", "replace")
        with self._lock:
            self._output = (self._output + text)[-OUTPUT_TAIL:]
            # hostjvm's harness prints one line per entry point it ran (HARNESS_EVENT_PREFIX + JSON).
            lines = (self._partial + text).split("\n")
            self._partial = lines.pop()[-MAX_HARNESS_LINE:]
            for line in lines:
                start = line.find(HARNESS_EVENT_PREFIX)
                if start < 0:
                    continue
                try:
                    # The app shares this stdout and can print the prefix itself: bounded JSON (2,000 nested
                    # arrays fit in a line and raised RecursionError in the reader).
                    fields = loads_json(line[start + len(HARNESS_EVENT_PREFIX) :][:MAX_HARNESS_LINE], "harness line")
                except InputError:
                    continue
                if isinstance(fields, dict) and fields.get("entry") == HARNESS_FINISHED:
                    self.harness_finished = True  # not an entry point: no app code ran for it
                elif isinstance(fields, dict) and isinstance(fields.get("entry"), str):
                    # Only the last line counts: the app shares stdout and may print the marker itself. An app
                    # thread's uncaught exception (a "thread" record) is no entry point: one while the harness
                    # lingers after its last entry point does not undo the finish.
                    if not fields["entry"].startswith("thread "):
                        self.harness_finished = False
                    rec = {"type": "harness", "entry": fields["entry"], "ok": fields.get("ok") is True}
                    if not rec["ok"]:
                        rec["error"] = str(fields.get("error", ""))[:600]
                        self.harness_failures.append({"entry": rec["entry"], "error": rec["error"]})
                    self.harness_entries += 1
                    self.app_code_ran = self.app_code_ran or bool(rec["ok"])
                    self.writer.write(rec)

    @property
    def output_tail(self) -> str:
        if self.value_mode is ValueMode.SHA256:
            return "(withheld with --values sha256: app logs may print the identifiers)"
        with self._lock:
            return self._output


def _status(opts: RunOptions, text: str) -> None:
    if opts.on_status is not None:
        opts.on_status(text)


def _watch(inst: agent.Instrumented, opts: RunOptions, duration: float) -> str:
    """Relay manual markers until the target ends or DURATION passes; returns why the run stopped."""
    watcher = ControlWatcher(control_path(opts.control))
    deadline = time.monotonic() + duration
    try:
        with consent_watching(watcher.path):
            return _relay_markers(inst, watcher, deadline, duration)
    except KeyboardInterrupt:
        return "interrupted"


def _relay_markers(inst: agent.Instrumented, watcher: ControlWatcher, deadline: float, duration: float) -> str:
    while not inst.wait(0.2):
        for marker in watcher.poll():
            inst.post_control(marker.value)
        if time.monotonic() >= deadline:
            return f"duration of {duration:g} s elapsed"
    return f"target ended ({inst.detach_reason})"


def _header(
    app: Path, backend: Backend, manifest: hostjvm.Manifest, opts: RunOptions, consent: ConsentSettings
) -> dict[str, Any]:
    own = manifest.own_code()
    return {
        "backend": backend.value,
        "parity": parity.for_backend(backend.value),  # what this backend can and cannot see, per data type
        "package": manifest.package,
        # Reading the trace again attributes its reads with these (runtime/trace.py), as the recorder did.
        "app_namespaces": {"own": list(own.own), "extra": list(own.extra)},
        "app": {"file": str(app), "sha256": file_sha256(app) if app.is_file() else ""},
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "started_epoch": time.time(),
        "consent": consent.to_agent() | {"control": str(control_path(opts.control))},
        "settings": {
            "value_mode": opts.value_mode.value,
            "window_s": opts.window_s,
            "duration": opts.duration,
            "consent_action": opts.consent_action if opts.run_consent else "none",
            "screens": opts.screens if backend is Backend.HOSTJVM else None,  # on a device the user opens them
            "clicks": opts.clicks if backend is Backend.HOSTJVM else None,
            "proxy": opts.proxy,
            "device": opts.device,
            "keep_data": opts.keep_data,
            "grant_all": opts.grant_all,
            "pinning_bypass": opts.pinning_bypass,
        },
    }


def _record(
    spawn: Callable[[Recorder], agent.Instrumented],
    writer: TraceWriter,
    recorder: Recorder,
    opts: RunOptions,
    duration: float,
    during: Callable[[agent.Instrumented], None] | None = None,
    close: bool = True,
) -> str:
    """Spawn, resume and watch the target; returns why the run stopped (the trace is closed unless CLOSE
    is False, when the caller still has something to add to the end record)."""
    reason = "session failed"
    inst: agent.Instrumented | None = None
    try:
        inst = spawn(recorder)
        writer.write({"type": "spawned", "pid": inst.pid})
        inst.resume()
        _status(opts, f"recording pid {inst.pid}")
        if during is not None:
            during(inst)
        reason = _watch(inst, opts, duration)
    except AppAuditError as e:
        reason = f"session failed: {e}"
        raise
    finally:
        if inst is not None:
            if not inst.detached.is_set():
                inst.kill()
                inst.wait(5.0)  # let in-flight messages land before the trace is closed
            inst.detach()
        if close:
            writer.close(reason, reads=recorder.reads, output_tail=recorder.output_tail)
    return reason


def run(app: Path, backend: str, out: Path, **options: Any) -> Path:
    """Run APP under the agent on BACKEND ("android" or "hostjvm"); write the JSONL trace to OUT.

    The keyword form (docs/contracts.md); validated into RunOptions, then `run_with`.
    """
    return run_with(app, backend, out, RunOptions.from_kwargs(options))


def run_with(app: Path, backend: str, out: Path, opts: RunOptions) -> Path:
    """`run` with typed options: `prepare`, `execute`, and `cleanup` whatever happened."""
    prepared = prepare(app, backend, opts)
    try:
        return execute(prepared, out)
    finally:
        cleanup(prepared)


@dataclass(frozen=True, slots=True)
class PreparedRun:
    """What `prepare` checked and set up for one run: the validated inputs, the consent detection and
    (hostjvm) the scratch directory the conversion and sandbox use, which `cleanup` removes."""

    app: Path
    backend: Backend
    options: RunOptions
    consent: ConsentSettings
    # TemporaryDirectory's own cleanup (it also removes read-only files the run left), as the run had before
    scratch: tempfile.TemporaryDirectory[str] | None = None

    @property
    def work_dir(self) -> Path | None:
        return Path(self.scratch.name) if self.scratch is not None else None


def prepare(app: Path, backend: str, opts: RunOptions) -> PreparedRun:
    """Check what a run needs before anything is started (the app, the options for this backend, the
    sandbox for hostjvm) and make its scratch directory; InputError / ToolMissingError otherwise."""
    try:
        be = Backend(backend)
    except ValueError:
        raise InputError(f"--backend {backend!r}: expected android or hostjvm") from None
    if not app.is_file():
        what = "not a regular file (a FIFO or device?)" if app.exists() else "no such file"
        raise InputError(f"{app}: {what}; pass an .apk")
    if be is Backend.ANDROID and opts.consent_action != "agree":
        # On a device the user answers the dialog; the harness that plays an answer exists on hostjvm only.
        raise InputError(
            "--consent-action is for the hostjvm harness; on a device tap the dialog or run `appaudit mark refusal`"
        )
    consent = consent_settings(opts.consent_hook, opts.consent_pref, refusal_hook=opts.refusal_hook)
    if be is Backend.ANDROID:
        return PreparedRun(app, be, opts, consent)
    sandbox.bwrap()  # app code runs only in the sandbox: fail before the conversion when bwrap is missing
    return PreparedRun(app, be, opts, consent, tempfile.TemporaryDirectory(prefix="appaudit-run-"))


def execute(prepared: PreparedRun, out: Path) -> Path:
    """Run a prepared session and write the JSONL trace to OUT (the device's own changes are undone
    within the run, before the trace is closed)."""
    if prepared.backend is Backend.HOSTJVM:
        assert prepared.work_dir is not None  # prepare made it
        return _run_hostjvm(prepared.app, out, prepared.options, prepared.consent, prepared.work_dir)
    return _run_android(prepared.app, out, prepared.options, prepared.consent)


def cleanup(prepared: PreparedRun) -> None:
    """Remove what `prepare` made (the hostjvm scratch directory with the converted app)."""
    if prepared.scratch is not None:
        prepared.scratch.cleanup()


def _run_hostjvm(app: Path, out: Path, opts: RunOptions, consent: ConsentSettings, wd: Path) -> Path:
    field_apis = [f"{a['class']}.{a['member']}" for a in agent_apis() if a["kind"] == "field"]
    _status(opts, f"preparing {app.name} for the local JVM")
    common: dict[str, Any] = {
        "profile": opts.profile,
        "proxy": opts.proxy,
        "ca_cert": opts.ca_cert,
        "field_apis": field_apis,
        "consent_target": opts.consent_hook,
        "run_consent": opts.run_consent,
        "consent_action": opts.consent_action,
        "refusal_target": opts.refusal_hook,
        "jvm_args": opts.jvm_args,
        "screens": opts.screens,
        "clicks": opts.clicks,
    }
    if app.suffix == ".jar":
        if opts.manifest is None:
            raise InputError(f"{app}: a .jar needs the manifest's entry points (manifest=...); pass the .apk")
        target = hostjvm.prepare_jar(app, opts.manifest, wd, **common)
    else:
        target = hostjvm.prepare(app, wd, **common)
    package = target.manifest.package
    choice: dict[str, Any] = {"how": "given (--consent-hook / --consent-pref)", "target": consent.hook}
    if consent.hook is None and consent.pref_key is None:
        point = target.consent_point
        if point is not None:
            # Found statically (consentpoint.py): the harness calls it as the user's "agree"; hook it.
            consent = replace(consent, hook=point.target)
            choice = point.to_dict()
        else:
            # The harness calls the contract's consent method (docs/contracts.md); hook it by default.
            consent = replace(consent, hook=f"{package}.PrivacyDialog.onAgree")
            choice = {"how": "no consent point found statically; the contract's default", "target": consent.hook}
    if consent.refusal_hook is None and opts.consent_action == "refuse" and opts.run_consent:
        # The harness then calls the contract's refusal method: hook it so the trace has the refusal.
        consent = replace(consent, refusal_hook=f"{package}.PrivacyDialog.onDisagree")
    profile = opts.profile or hostjvm.DEFAULT_PROFILE
    box = sandbox.for_run(target.argv, wd, profile, opts.proxy, list(target.file_overlay.values()), package)
    header = _header(app, Backend.HOSTJVM, target.manifest, opts, consent) | {"sandbox": box.describe()}
    header |= {"consent_choice": choice, "native_libs": list(target.native_libs)}
    writer = TraceWriter(out, header)
    recorder = Recorder(writer, load_or_none(), target.manifest.own_code(), opts.value_mode)
    config = agent_config(consent, target.file_overlay, package, pinning_bypass=opts.pinning_bypass)

    def spawn(rec: Recorder) -> agent.Instrumented:
        return sandbox.spawn(box, config, rec.on_event, rec.on_output)

    reason = "session failed"
    try:
        reason = _record(spawn, writer, recorder, opts, opts.duration or 60.0, close=False)
    finally:
        # A run that reached no app code is a failed run, never a clean one.
        failed = not recorder.app_code_ran
        writer.close(
            f"failed: no app code ran ({reason})" if failed and not reason.startswith("session failed") else reason,
            reads=recorder.reads,
            output_tail=recorder.output_tail,
            failed=failed,
            harness={
                "entries": recorder.harness_entries,
                "failures": recorder.harness_failures[:100],
                "finished": recorder.harness_finished,
            },
            **({} if failed or recorder.harness_finished else {"degraded": [_unfinished(reason, recorder)]}),
        )
    return out


def _unfinished(reason: str, recorder: Recorder) -> str:
    """Why a hostjvm run that ran app code is incomplete: the harness never printed its last line, so the entry
    points after the one it stopped in (other screens, services, receivers) never ran. A JVM crash names its frame."""
    fatal = _JVM_FATAL.search(recorder.output_tail)
    why = f"the JVM crashed: {fatal.group(1)} in {fatal.group(2)[:160]}" if fatal else reason
    return f"the harness stopped before its last entry point ({why}); later screens, services and receivers did not run"


def _run_android(app: Path, out: Path, opts: RunOptions, consent: ConsentSettings) -> Path:
    """The device run. The trace is opened before the device is touched and closed after its changes are
    undone, so that it ends with why the run stopped, what the preparation noted, and whatever the device
    still holds when it went away; anything that makes the evidence incomplete is listed as `degraded`."""
    dev = device.AndroidDevice.discover(opts.device, opts.adb_runner or device.subprocess_runner)
    manifest = hostjvm.read_manifest(app)
    package = manifest.package
    consent, choice = _device_consent(app, package, consent)
    writer = TraceWriter(out, _header(app, Backend.ANDROID, manifest, opts, consent) | {"consent_choice": choice})
    recorder = Recorder(writer, load_or_none(), manifest.own_code(), opts.value_mode)
    config = agent_config(consent, {}, package, pinning_bypass=opts.pinning_bypass)
    reason = "session failed"
    degraded: list[str] = []
    left: list[dict[str, str]] = []
    if opts.pinning_bypass:
        degraded.append("certificate pinning bypassed by the agent (--bypass-pinning): traffic is not as shipped")

    def spawn(rec: Recorder) -> agent.Instrumented:
        return agent.spawn_package(dev.serial, package, config, rec.on_event)

    def monkey() -> None:
        try:
            res = dev.monkey(package, opts.monkey_events, opts.monkey_seed)
            writer.write({"type": "exercise", "tool": "monkey", "seed": opts.monkey_seed, "rc": res.returncode})
        except AppAuditError as e:  # the run goes on; the trace says the exercise failed
            writer.write({"type": "exercise", "tool": "monkey", "seed": opts.monkey_seed, "error": str(e)})

    def exercise(inst: agent.Instrumented) -> None:
        if opts.monkey_events > 0:
            threading.Thread(target=monkey, daemon=True).start()

    try:
        with dev.prepared(
            app,
            package,
            apk_sha256=file_sha256(app),
            proxy=opts.proxy,
            ca_cert=opts.ca_cert,
            frida_server=opts.frida_server,
            frida_version=agent.frida_version(),
            keep_data=opts.keep_data,
            grant_all=opts.grant_all,
        ) as changes:
            # What preparation did and could not do reaches the trace and the user (it used to be dropped).
            writer.write({"type": "device", "serial": dev.serial, "notes": list(changes.notes)})
            for note in changes.notes:
                _status(opts, f"device: {note}")
            degraded.extend(changes.degraded)
            for reason_ in changes.degraded:
                _status(opts, f"DEGRADED: {reason_}")
            try:
                reason = _record(spawn, writer, recorder, opts, opts.duration or 30.0, exercise, close=False)
            finally:
                with contextlib.suppress(AppAuditError):
                    dev.force_stop(package)
    except device.DeviceChangesLeft as e:
        left = [{"change": u.what, "undo": u.manual} for u in e.left]
        degraded.append(f"device went away: {len(left)} change(s) left on it")
        reason = reason if reason != "session failed" else f"session failed: {e}"
        raise
    except AppAuditError as e:
        if reason == "session failed":
            reason = f"session failed: {e}"
        raise
    finally:
        lost = device_loss(reason)
        if lost:
            degraded.insert(0, lost)
        extra: dict[str, Any] = {"reads": recorder.reads, "output_tail": recorder.output_tail}
        if degraded:
            extra["degraded"] = degraded
        if left:
            extra["device_changes_left"] = left
        writer.close(reason, **extra)
    return out


def _device_consent(app: Path, package: str, consent: ConsentSettings) -> tuple[ConsentSettings, dict[str, Any]]:
    """On a device the user answers the dialog; without --consent-hook/--consent-pref, the app's consent
    method found statically (consentpoint.py) is hooked too, so its call marks consent even where the
    dialog's button is not a View (Compose, Flutter) or its text is not in consent.toml."""
    if consent.hook is not None or consent.pref_key is not None:
        return consent, {"how": "given (--consent-hook / --consent-pref)", "target": consent.hook or consent.pref_key}
    try:
        dexes = [dexfmt.load(data, name) for name, data in unpack(app).dex]
        point = consentpoint.find(dexes, package)
    except AppAuditError as e:
        return consent, {"how": f"static consent-point search failed ({e}); dialog, WebView and manual only"}
    if point is None:
        return consent, {"how": "no consent point found statically; dialog, WebView and manual markers only"}
    return replace(consent, hook=point.target), point.to_dict()


# Frida's detach reasons (frida-core SessionDetachReason) and what they mean for a device run.
_DETACH_MEANING = {
    "connection-terminated": "device disconnected (adb or USB gone)",
    "device-lost": "device disconnected (adb or USB gone)",
    "server-terminated": "frida-server stopped (crashed or killed)",
    "process-terminated": "the app process ended (killed or crashed) before the run's duration",
    "process-replaced": "the app process replaced itself (exec)",
}


def device_loss(reason: str) -> str | None:
    """Why a device run's evidence is incomplete, from the reason it stopped; None for a normal end."""
    if not reason.startswith("target ended ("):
        return None
    detail = reason.removeprefix("target ended (").removesuffix(")")
    kind = detail.split(":", 1)[0].strip()
    meaning = _DETACH_MEANING.get(kind, f"the session ended early ({kind})")
    return f"{meaning}: {detail}"
