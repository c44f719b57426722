"""The mitmproxy addon (the one adapter to mitmproxy's flow API): one JSONL line per completed flow.

Load with `mitmdump -s appaudit/network/addon.py --set appaudit_profile=P --set appaudit_output=F`.
Each request is scanned for the profile's identifiers (appaudit.network.detect) when it arrives;
when its response (or error) completes, a line {time, method, url, host, sdk, party, tls, hits, ...}
is appended to the output and flushed, so a crash loses nothing already seen. With
`appaudit_offline` every request is answered locally with 204 and nothing reaches upstream
(docs/contracts.md "Network capture offline"). The addon never breaks traffic: its own failures are
logged and recorded on the line, and the flow continues.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from mitmproxy import ctx, exceptions, http

from appaudit import signatures
from appaudit.errors import AppAuditError, InputError
from appaudit.hosts import host_in
from appaudit.network.detect import Matcher, Request, Scan
from appaudit.network.profile import DeviceProfile, load_profile

if TYPE_CHECKING:
    from appaudit.signatures import Catalogue

log = logging.getLogger(__name__)

# flow.metadata keys: the scan result, set in `request`, written in `response`/`error`. Values are plain
# JSON-like data (dicts, lists, str, bool, int) because mitmproxy's flow file (save_stream_file) stores
# the metadata with each flow and cannot serialise anything else.
_META = "appaudit"


class AppAudit:
    """Records which identifiers each flow carries, to whom, and answers locally when offline."""

    def __init__(self) -> None:
        self.matcher = Matcher(DeviceProfile())
        self.out: IO[str] | None = None
        self.first_party: tuple[str, ...] = ()
        self.offline = False
        self.catalogue: Catalogue | None = None
        self.errors = 0
        self.flows = 0

    def load(self, loader: Any) -> None:
        loader.add_option("appaudit_profile", str | None, None, "Device profile (JSON or TOML keyed by data-type ids).")
        loader.add_option("appaudit_output", str | None, None, "JSONL file the flows are appended to.")
        loader.add_option(
            "appaudit_first_party",
            Sequence[str],
            [],
            "The app's own domains (subdomains included): party 'first'.",
        )
        loader.add_option(
            "appaudit_offline", bool, False, "Answer every request locally with 204; nothing reaches upstream."
        )

    def configure(self, updated: set[str]) -> None:
        opts = ctx.options
        if "appaudit_profile" in updated:
            try:
                profile = load_profile(Path(opts.appaudit_profile)) if opts.appaudit_profile else DeviceProfile()
            except AppAuditError as e:
                raise exceptions.OptionsError(str(e)) from None  # type: ignore[no-untyped-call]
            self.matcher = Matcher(profile)
            if opts.appaudit_profile:
                log.info("appaudit: %d identifier variants from %s", self.matcher.pattern_count, opts.appaudit_profile)
            else:
                # Nothing to look for live; `audit --trace T --flows F` scans the raw flows again with T's values.
                log.warning("appaudit: no device profile: identifiers are found only when the flows are rescanned")
        if "appaudit_output" in updated:
            self._close()
            if opts.appaudit_output:
                path = Path(opts.appaudit_output)
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    # Append: a restarted proxy must not erase what an earlier run of the session captured.
                    self.out = path.open("a", encoding="utf-8")
                except OSError as e:
                    msg = f"{path}: cannot write the capture ({e.strerror})"
                    raise exceptions.OptionsError(msg) from None  # type: ignore[no-untyped-call]
        if "appaudit_first_party" in updated:
            self.first_party = tuple(opts.appaudit_first_party)
        if "appaudit_offline" in updated:
            self.offline = bool(opts.appaudit_offline)
        if self.catalogue is None:
            self.catalogue = signatures.load_or_none(_catalogue_unavailable)

    def request(self, flow: http.HTTPFlow) -> None:
        self.scan(flow)
        if self.offline:
            flow.metadata[_META + ".offline"] = True
            flow.response = http.Response.make(204)

    def scan(self, flow: http.HTTPFlow) -> None:
        """Scan FLOW's request and keep the result in its metadata (never raises: failures become a note)."""
        try:
            req = flow.request
            # The proxy target (absolute-form URL or CONNECT authority), computed once per flow:
            # unlike pretty_url it does not trust the app's Host header, and it costs a tenth.
            url, host = req.url, req.host
            if _is_ip(host):
                # Transparent mode (or an app dialling an IP) gives only an address; the TLS SNI or
                # the Host header still names the service, which is what SDK attribution needs.
                host = flow.client_conn.sni or req.pretty_host
            flow.metadata[_META + ".url"] = [url, host]
            # Raw header bytes, decoded the way detect reads them back (UTF-8 with surrogateescape: lossless).
            headers = tuple(
                (k.decode("utf-8", "surrogateescape"), v.decode("utf-8", "surrogateescape"))
                for k, v in req.headers.fields
            )
            flow.metadata[_META] = _scan_state(
                self.matcher.scan(Request(req.method, url, headers, req.raw_content or b""))
            )
        except Exception as e:  # the addon must never block the traffic it observes
            self.errors += 1
            note = f"appaudit: scan error: {type(e).__name__}: {' '.join(str(e).split())[:160]}"
            log.warning("appaudit: scan failed for %s: %r", flow.request.url, e)
            # The URL and headers are scanned apart from the body, so a failure elsewhere cannot blind them.
            try:
                req = flow.request
                head = tuple((k.decode("latin-1"), v.decode("latin-1")) for k, v in req.headers.fields)
                partial = self.matcher.scan(Request(req.method, req.url, head))
                flow.metadata[_META] = _scan_state(Scan(partial.hits, (note, *partial.notes), partial.errors + 1))
            except Exception:
                flow.metadata[_META] = _scan_state(Scan(notes=(note,), errors=1))
            return
        if flow.metadata[_META].get("errors"):
            self.errors += 1

    def response(self, flow: http.HTTPFlow) -> None:
        self._write(flow)

    def error(self, flow: http.HTTPFlow) -> None:
        self._write(flow)

    def websocket_message(self, flow: http.HTTPFlow) -> None:
        # The upgrade request already has its line; what the client sends over the socket is gathered
        # here and written as one more line (method WEBSOCKET) when the socket closes.
        try:
            if flow.websocket is None or not flow.websocket.messages:
                return
            self._scan_message(flow, flow.websocket.messages[-1])
        except Exception as e:
            self.errors += 1
            log.warning("appaudit: websocket scan failed for %s: %r", flow.request.url, e)

    def _scan_message(self, flow: http.HTTPFlow, msg: Any) -> None:
        if not msg.from_client:
            return
        seen: list[dict[str, str]] = flow.metadata.setdefault(_META + ".ws", [])
        # The same per-flow cap as request bodies (mitmproxy has already undone permessage-deflate here).
        text = msg.content[: self.matcher.max_body_bytes].decode("utf-8", "surrogateescape")
        for hit in self.matcher.scan_text(text, "websocket"):
            if hit.to_dict() not in seen:
                seen.append(hit.to_dict())
        flow.metadata[_META + ".ws_count"] = flow.metadata.get(_META + ".ws_count", 0) + 1

    def websocket_end(self, flow: http.HTTPFlow) -> None:
        try:
            base = self.record(flow)
            base.update(
                method="WEBSOCKET",
                status=None,
                hits=list(flow.metadata.get(_META + ".ws", [])),
                notes=[f"websocket: {flow.metadata.get(_META + '.ws_count', 0)} client messages scanned"],
            )
            self._emit(base)
        except Exception as e:
            self.errors += 1
            log.warning("appaudit: could not record websocket %s: %r", flow.request.url, e)

    def done(self) -> None:
        self._close()

    def record(self, flow: http.HTTPFlow) -> dict[str, Any]:
        """The JSONL object for FLOW."""
        req = flow.request
        url, host = flow.metadata.get(_META + ".url") or (req.url, req.host)
        sig = None
        if self.catalogue is not None:
            try:
                sig = self.catalogue.match_host(host)
            except Exception as e:  # a catalogue bug must not lose the flow
                log.warning("appaudit: match_host(%r) failed: %r", host, e)
        scan = flow.metadata.get(_META)
        if not isinstance(scan, dict):
            scan = {"hits": [], "notes": ["appaudit: request not scanned"]}
        return {
            "time": req.timestamp_start,
            "method": req.method,
            "url": url,
            "host": host,
            "sdk": sig.id if sig is not None else None,
            "party": "first" if host_in(host, self.first_party) else "third",
            "tls": req.scheme == "https",
            "status": flow.response.status_code if flow.response else None,
            "offline": bool(flow.metadata.get(_META + ".offline", self.offline)),
            "error": flow.error.msg if flow.error else None,
            "hits": list(scan.get("hits", [])),
            "notes": list(scan.get("notes", [])),
            # Parts of the request that could not be scanned normally: a degraded capture, counted by load_flows.
            "scan_errors": int(scan.get("errors", 0) or 0),
        }

    def _write(self, flow: http.HTTPFlow) -> None:
        try:
            if flow.metadata.get(_META + ".written") or flow.request.method == "CONNECT":
                return
            flow.metadata[_META + ".written"] = True
            try:
                rec = self.record(flow)
            except Exception as e:
                # Keep the flow's line (it proves the host was contacted) even when the details fail.
                self.errors += 1
                log.warning("appaudit: could not build the record of %s: %r", flow.request.url, e)
                rec = _fallback_record(flow, f"appaudit: record failed: {type(e).__name__}: {e}")
            self._emit(rec)
        except Exception as e:
            self.errors += 1
            log.warning("appaudit: could not record %s: %r", flow.request.url, e)

    def _emit(self, rec: dict[str, Any]) -> None:
        line = json.dumps(rec, ensure_ascii=False, default=str)
        self.flows += 1
        if self.out is not None:
            self.out.write(line + "\n")
            self.out.flush()  # per line: a crash or kill loses nothing already seen

    def _close(self) -> None:
        if self.out is not None:
            try:
                self.out.close()
            except OSError as e:
                log.warning("appaudit: closing the capture failed: %r", e)
            self.out = None


def _text(value: str) -> str:
    # Header names are decoded with surrogateescape; the flow file stores metadata as UTF-8, which has
    # no lone surrogates, so a non-UTF-8 byte becomes U+FFFD here rather than break the save.
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _scan_state(scan: Scan) -> dict[str, Any]:
    """A Scan as the plain data flow.metadata may hold (see _META)."""
    return {
        "hits": [{k: _text(v) for k, v in h.to_dict().items()} for h in scan.hits],
        "notes": [_text(n) for n in scan.notes],
        "errors": scan.errors,
    }


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _fallback_record(flow: http.HTTPFlow, note: str) -> dict[str, Any]:
    req = flow.request
    return {
        "time": req.timestamp_start,
        "method": req.method,
        "url": req.url,
        "host": req.host,
        "sdk": None,
        "party": "third",
        "tls": req.scheme == "https",
        "status": None,
        "offline": None,
        "error": None,
        "hits": [],
        "notes": [note],
        "scan_errors": 1,
    }


def _catalogue_unavailable(e: Exception) -> None:
    """signatures.load_or_none's error report: flows are then recorded without an SDK, never dropped."""
    log.warning("appaudit: SDK catalogue unavailable, hosts will not be attributed: %r", e)


class Rescan(NamedTuple):
    """What `rescan` wrote: flows read and written, flows with hits, and what could not be read.

    A NamedTuple, not a dataclass: mitmdump loads this file as a script without registering it in
    sys.modules, where the dataclass decorator looks the module up.
    """

    flows: int
    flows_with_hits: int
    notes: tuple[str, ...] = ()


def rescan(flow_file: Path, profile: DeviceProfile, output: Path, first_party: Sequence[str] = ()) -> Rescan:
    """Scan the flows of a mitmproxy flow file again with PROFILE and write a fresh JSONL capture to OUTPUT.

    The lines are the ones the live addon writes (same scan, same record), so `load_flows` and
    `audit --flows` read them unchanged; only the profile differs, typically widened by the values the
    runtime hooks reported, which a real device does not reveal before the run. OUTPUT is overwritten:
    it is derived from the flow file, which holds every flow. Raises InputError for an unreadable file.
    """
    from mitmproxy import io as mio  # the flow-file reader: only this function needs it

    addon = AppAudit()
    addon.matcher = Matcher(profile)
    addon.first_party = tuple(first_party)
    addon.catalogue = signatures.load_or_none(_catalogue_unavailable)
    notes: list[str] = []
    written = with_hits = 0
    try:
        src = flow_file.open("rb")
    except OSError as e:
        raise InputError(f"{flow_file}: cannot read the flow file ({e.strerror}); check the path") from None
    # Written beside OUTPUT and renamed over it at the end: a file that is not a flow file leaves no
    # empty or half-written capture behind.
    tmp = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        addon.out = tmp.open("w", encoding="utf-8")
    except OSError as e:
        src.close()
        raise InputError(f"{output}: cannot write the capture ({e.strerror})") from None
    done = False
    try:
        try:
            for flow in mio.FlowReader(src).stream():
                if not isinstance(flow, http.HTTPFlow):
                    continue  # raw TCP/UDP/DNS flows carry no HTTP request to scan
                # Forget the live scan stored with the flow: this pass decides the hits anew.
                for key in [k for k in flow.metadata if str(k).startswith(_META) and k != _META + ".offline"]:
                    del flow.metadata[key]
                before = addon.flows
                addon.scan(flow)
                addon._write(flow)
                if flow.websocket is not None:
                    for msg in flow.websocket.messages:
                        addon._scan_message(flow, msg)
                    addon.websocket_end(flow)
                written += addon.flows - before
                with_hits += bool(flow.metadata.get(_META, {}).get("hits") or flow.metadata.get(_META + ".ws"))
        except (exceptions.FlowReadException, *_HOSTILE_FLOW_ERRORS) as e:
            # A proxy killed mid-write leaves a cut last flow; the flows before it are still good. mitmproxy's
            # reader lets other errors through for hostile files: a tnetstring nested 10,000 deep
            # (RecursionError) or a record that is not a flow dict (KeyError, AttributeError ...).
            why = " ".join(str(e).split())[:160] if isinstance(e, exceptions.FlowReadException) else _flow_error(e)
            if not written:
                raise InputError(f"{flow_file}: not a mitmproxy flow file ({why}); pass the .mitm file") from None
            notes.append(f"{flow_file}: stopped at an unreadable flow after {written} ({why})")
        done = True
    finally:
        src.close()
        addon._close()
        if done:
            os.replace(tmp, output)
        else:
            tmp.unlink(missing_ok=True)
    if addon.errors:
        notes.append(f"{addon.errors} flow(s) could not be scanned; their lines say why")
    return Rescan(flows=written, flows_with_hits=with_hits, notes=tuple(notes))


_HOSTILE_FLOW_ERRORS = (RecursionError, KeyError, AttributeError, TypeError, ValueError, IndexError, OverflowError)


def _flow_error(e: BaseException) -> str:
    if isinstance(e, RecursionError):
        return "a tnetstring nested too deep to read"
    return f"not a flow record: {type(e).__name__}"


# mitmdump -s appaudit/network/addon.py loads the addons listed here.
addons = [AppAudit()]
