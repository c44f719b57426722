"""The device profile: the identifier values a device really has, keyed by ontology ids.

Loaded from a JSON or TOML file (docs/contracts.md "Device profile") or built from runtime hook
events (`data_type` + `value`), so that a run feeds the network matcher what the app really read.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from appaudit import ontology
from appaudit.errors import InputError
from appaudit.limits import BudgetError, loads_json, loads_toml, read_regular

APP_LIST = "app_list"
LOCATION_TYPES = frozenset({"location_precise", "location_coarse"})


@dataclass(frozen=True, slots=True)
class Location:
    """A latitude/longitude pair in decimal degrees."""

    lat: float
    lng: float


@dataclass(frozen=True, slots=True)
class DeviceProfile:
    """Identifier values by ontology id; several values per id are allowed (dual-SIM IMEIs, Wi-Fi and BSSID)."""

    values: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    locations: Mapping[str, tuple[Location, ...]] = field(default_factory=dict)
    app_list: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: list(v) for k, v in sorted(self.values.items())}
        for k, locs in sorted(self.locations.items()):
            out[k] = [{"lat": loc.lat, "lng": loc.lng} for loc in locs]
        if self.app_list:
            out[APP_LIST] = list(self.app_list)
        return out


def _location(raw: Any, where: str) -> Location:
    if isinstance(raw, str) and "," in raw:
        parts = raw.split(",")
        raw = {"lat": parts[0].strip(), "lng": parts[1].strip()} if len(parts) == 2 else raw
    if isinstance(raw, Mapping):
        lat, lng = raw.get("lat", raw.get("latitude")), raw.get("lng", raw.get("lon", raw.get("longitude")))
        try:
            loc = Location(float(lat), float(lng))
        except (TypeError, ValueError):
            loc = None
        if loc and math.isfinite(loc.lat) and math.isfinite(loc.lng) and abs(loc.lat) <= 90 and abs(loc.lng) <= 180:
            return loc
    raise InputError(f"{where}: expected a location {{lat, lng}} in degrees or 'lat,lng', got {raw!r}")


def _scalars(raw: Any, where: str) -> tuple[str, ...]:
    items = raw if isinstance(raw, list) else [raw]
    # A table of named fields ({"ssid": ..., "bssid": ...} for wifi_info) contributes each field's value.
    items = [v for item in items for v in (item.values() if isinstance(item, Mapping) else [item])]
    out: list[str] = []
    for item in items:
        # Numbers are accepted because IMEIs and phone numbers are often written unquoted in TOML/JSON.
        if isinstance(item, bool) or not isinstance(item, str | int):
            raise InputError(f"{where}: expected a string or a list of strings, got {item!r}")
        text = str(item).strip()
        if text and text not in out:
            out.append(text)
    return tuple(out)


def parse_profile(doc: Mapping[str, Any], where: str = "profile") -> DeviceProfile:
    """Validate a parsed profile document; unknown ids and wrong shapes raise InputError naming the key."""
    if not isinstance(doc, Mapping):
        raise InputError(f"{where}: expected a table/object keyed by data-type ids, got {type(doc).__name__}")
    known = ontology.load()
    values: dict[str, tuple[str, ...]] = {}
    locations: dict[str, tuple[Location, ...]] = {}
    app_list: tuple[str, ...] = ()
    for key, raw in doc.items():
        if str(key).startswith("_"):  # "_comment", "_source": annotations, not identifiers
            continue
        if key not in known:
            raise InputError(f"{where}: unknown data type {key!r}; use an id from `appaudit datatypes`")
        if key in LOCATION_TYPES:
            items = raw if isinstance(raw, list) else [raw]
            locations[key] = tuple(_location(r, f"{where}: {key}") for r in items)
        elif key == APP_LIST:
            app_list = _scalars(raw, f"{where}: {key}")
        else:
            vals = _scalars(raw, f"{where}: {key}")
            if vals:
                values[key] = vals
    return DeviceProfile(values=values, locations=locations, app_list=app_list)


def read_profile_document(path: Path) -> dict[str, Any]:
    """The raw profile document of a JSON or TOML file, not yet validated against the ontology.

    The suffix chooses the syntax; other suffixes try JSON, then TOML. A UTF-8 BOM is accepted. The runtime's
    local JVM backend reads profiles through here too, so both sources accept the same files.
    """
    data = read_regular(path, "device profile")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: the device profile is not UTF-8 text; save it as UTF-8 JSON or TOML") from None
    suffix = path.suffix.lower()
    doc: Any = None
    errors: list[str] = []
    for kind in ("toml",) if suffix == ".toml" else ("json",) if suffix == ".json" else ("json", "toml"):
        try:
            # Bounded (appaudit.limits): deep nesting and huge or non-finite numbers are errors, not tracebacks.
            doc = loads_json(text, str(path)) if kind == "json" else loads_toml(text, str(path))
            break
        except BudgetError:
            raise
        except InputError as e:
            errors.append(f"{kind}: {str(e).split('(', 1)[-1].rstrip(')')}")
    if doc is None:
        raise InputError(f"{path}: not a valid device profile ({'; '.join(errors)}); fix the syntax")
    if not isinstance(doc, dict):
        raise InputError(f"{path}: expected a table/object keyed by data-type ids, got {type(doc).__name__}")
    return doc


def load_profile(path: Path) -> DeviceProfile:
    """Read and validate a device profile from JSON or TOML (see read_profile_document)."""
    return parse_profile(read_profile_document(path), str(path))


def profile_from_events(events: Iterable[Mapping[str, Any]]) -> DeviceProfile:
    """Build a profile from runtime hook events, each with `data_type` and `value`.

    Values that do not fit their type (a location without lat/lng, an empty string) are skipped,
    not fatal: a hook may return null or a placeholder, and the remaining values are still useful.
    """
    known = ontology.load()
    values: dict[str, list[str]] = {}
    locations: dict[str, list[Location]] = {}
    apps: list[str] = []
    for ev in events:
        dt, value = ev.get("data_type"), ev.get("value")
        if not isinstance(dt, str) or dt not in known or value is None:
            continue
        try:
            if dt in LOCATION_TYPES:
                items = value if isinstance(value, list) else [value]
                for item in items:
                    loc = _location(item, dt)
                    if loc not in locations.setdefault(dt, []):
                        locations[dt].append(loc)
            elif dt == APP_LIST:
                apps.extend(a for a in _scalars(value, dt) if a not in apps)
            else:
                bucket = values.setdefault(dt, [])
                bucket.extend(v for v in _scalars(value, dt) if v not in bucket)
        except InputError:
            continue
    return DeviceProfile(
        values={k: tuple(v) for k, v in values.items() if v},
        locations={k: tuple(v) for k, v in locations.items()},
        app_list=tuple(apps),
    )


def merge_profiles(*profiles: DeviceProfile) -> DeviceProfile:
    """Union of several profiles (a file plus what the runtime hooks saw), order kept, duplicates dropped."""
    values: dict[str, list[str]] = {}
    locations: dict[str, list[Location]] = {}
    apps: list[str] = []
    for p in profiles:
        for k, vs in p.values.items():
            bucket = values.setdefault(k, [])
            bucket.extend(v for v in vs if v not in bucket)
        for k, locs in p.locations.items():
            lbucket = locations.setdefault(k, [])
            lbucket.extend(loc for loc in locs if loc not in lbucket)
        apps.extend(a for a in p.app_list if a not in apps)
    return DeviceProfile(
        values={k: tuple(v) for k, v in values.items()},
        locations={k: tuple(v) for k, v in locations.items()},
        app_list=tuple(apps),
    )


@dataclass(frozen=True, slots=True)
class TraceValues:
    """The identifier values a runtime trace's hooks reported, and the types they reported only hashed."""

    profile: DeviceProfile
    # Reads recorded with `--values sha256` keep only value_sha256: a digest cannot be turned back into
    # the value, so it cannot seed the matcher (and a hash of the value is not how apps send it anyway).
    hashed_only: tuple[str, ...] = ()


def values_from_trace(records: Iterable[Mapping[str, Any]]) -> TraceValues:
    """Profile values from the `read` records of a runtime trace (appaudit.runtime.trace.read_records)."""
    reads = [r for r in records if r.get("type") == "read" and isinstance(r.get("data_type"), str)]
    profile = profile_from_events(r for r in reads if r.get("value") is not None)
    hashed = {str(r["data_type"]) for r in reads if r.get("value") is None and r.get("value_sha256")}
    usable = set(profile.values) | set(profile.locations) | ({APP_LIST} if profile.app_list else set())
    return TraceValues(profile=profile, hashed_only=tuple(sorted(hashed - usable)))


def _counts(p: DeviceProfile) -> dict[str, set[Any]]:
    out: dict[str, set[Any]] = {k: set(v) for k, v in p.values.items()}
    out.update({k: set(v) for k, v in p.locations.items()})
    if p.app_list:
        out[APP_LIST] = set(p.app_list)
    return out


def added_values(base: DeviceProfile, extra: DeviceProfile) -> dict[str, int]:
    """Per data type, how many values of EXTRA that BASE lacks (what a trace added to a given profile).

    Counts, not values: the report says where the matcher's values came from without repeating them.
    """
    have = _counts(base)
    return {k: n for k, vs in sorted(_counts(extra).items()) if (n := len(vs - have.get(k, set())))}
