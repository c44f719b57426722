"""What each runtime backend (hostjvm, android) can and cannot observe, per data type (parity.toml).

`for_backend(name)` is the summary the backend writes into the trace header (`parity`), so a reader of
a trace knows that, for example, a direct `Build.SERIAL` read is seen on hostjvm but not on a device.
"""

from __future__ import annotations

from typing import Any

from appaudit import data, ontology


def table() -> dict[str, dict[str, dict[str, str]]]:
    """backend -> API kind (and "backend") -> {"sees": .., "misses": ..}."""
    raw = data.load("parity.toml", "appaudit.runtime")
    return {b: {k: {"sees": str(v["sees"]), "misses": str(v["misses"])} for k, v in kinds.items()}
            for b, kinds in raw.items()}  # fmt: skip


def for_backend(backend: str) -> dict[str, Any]:
    """The trace header's `parity`: the backend's overall limits and, per runtime data type, per API kind."""
    kinds = table().get(backend, {})
    # A data type's visibility is that of its API kinds: e.g. serial has a field API (Build.SERIAL), so it
    # lists "field", whose entry says a direct read is seen on hostjvm and missed on ART.
    by_type = {
        dt.id: sorted({a.kind for a in dt.apis if a.kind in kinds})
        for dt in ontology.load().values()
        if dt.device
    }
    return {
        "backend": kinds.get("backend", {}),
        "kinds": {k: v for k, v in kinds.items() if k != "backend"},
        "data_types": {t: v for t, v in by_type.items() if v},
    }
