"""Finding an app's consent point statically, for apps that are not ours.

Owns: the app method that runs when the user accepts the privacy policy, found in the dex as (1) the caller
of an SDK "privacy granted" API (Umeng submitPolicyGrantResult, JPush setAuth, AMap updatePrivacyAgree...,
listed in consent_apis.toml), else (2) the caller of a deferred SDK init listed there, else (3) a method in
the app's own package that writes a SharedPreferences key named like an agreement ("agree", "privacy",
"隐私"...). Callers inside the SDK's own package are not consent points (the SDK calling itself). The
hostjvm harness calls the chosen method as the user's "agree" and the agent hooks it, so the pre/post-
consent split means something; the trace header records how it was chosen (`ConsentPoint.how`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from appaudit.data import load as load_data
from appaudit.static import dex as dexfmt
from appaudit.static.callsites import descriptor, dotted

_EDITOR = "Landroid/content/SharedPreferences$Editor;"
_PUTS = frozenset({"putBoolean", "putString", "putInt", "putLong"})
# Names that say "this is the accept handler": preferred among several callers.
_ACCEPT_NAMES = re.compile(r"(?i)agree|accept|consent|privacy|allow|confirm|grant|同意")
# Harness-callable only: no constructors or class initialisers.
_NOT_CALLABLE = ("<init>", "<clinit>")


@dataclass(frozen=True, slots=True)
class ConsentPoint:
    """A method to call (and hook) as the user's consent: `target` is `pkg.Class.method`."""

    target: str
    how: str  # e.g. "caller of com.umeng.commonsdk.UMConfigure.submitPolicyGrantResult (SDK privacy-grant API)"
    candidates: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"target": self.target, "how": self.how, "candidates": list(self.candidates)}


@dataclass(frozen=True, slots=True)
class _Api:
    owner: str  # descriptor
    method: str
    grant: bool


@cache
def _config() -> tuple[tuple[_Api, ...], re.Pattern[str]]:
    doc = load_data("consent_apis.toml", "appaudit.runtime")
    apis = tuple(
        _Api(descriptor(str(a["class"])), str(a["method"]), bool(a.get("grant", False)))
        for a in doc["api"]
    )
    return apis, re.compile(str(doc["prefs"]["key_pattern"]))


def _package_of(desc: str, depth: int = 2) -> str:
    return ".".join(dotted(desc).split(".")[:depth])


def find(dexes: Sequence[dexfmt.Dex], app_package: str = "") -> ConsentPoint | None:
    """The best consent point in DEXES, or None when the app calls no listed API and writes no agreement key."""
    contract = _contract(dexes, app_package)
    if contract is not None:
        return contract
    apis, key_pattern = _config()
    by_key = {(a.owner, a.method): a for a in apis}
    found: list[tuple[int, str, str]] = []  # (rank, target, how); lower rank is better
    for d in dexes:
        n_met = len(d.method_ids)
        site_at = bytearray(n_met)
        kind: dict[int, _Api | None] = {}
        for i, (c, _p, n) in enumerate(d.method_ids):
            owner = d.types[c]
            name = d.strings[n]
            api = by_key.get((owner, name))
            if api is not None:
                site_at[i] = 1
                kind[i] = api
            elif owner == _EDITOR and name in _PUTS:
                site_at[i] = 1
                kind[i] = None
        if not any(site_at):
            continue
        dexfmt.scan_code(
            d,
            edge_to=bytearray(n_met),
            site_at=site_at,
            string_at=bytearray(len(d.strings)),
            field_at=bytearray(len(d.field_ids)),
        )
        for caller, mid, pc in d.invoke_sites:
            cdef = d.classes[d.m_class[caller]]
            cls, mname, _proto = d.method_key(d.m_mid[caller])
            if mname in _NOT_CALLABLE:
                continue
            target = f"{dotted(cls)}.{mname}"
            api = kind[mid]
            if api is None:
                regs = d.registers_at(caller, pc)
                args = d.invoke_args(caller, pc)
                key = regs.get(args[1]) if len(args) > 1 else None
                if key is None or key[0] != "string" or not key_pattern.search(key[1]):
                    continue
                if not (app_package and dotted(cls).startswith(app_package + ".")):
                    continue  # an SDK's own bookkeeping (HMS 'hasRequestAgreement'), not the app's dialog
                rank, how = 20, f"writes the agreement key {key[1]!r} to SharedPreferences"
            else:
                # The SDK calling its own API (a wrapper inside com.umeng...) is not the app's consent point.
                if _package_of(cdef.descriptor) == _package_of(api.owner):
                    continue
                api_name = f"{dotted(api.owner)}.{api.method}"
                rank = 0 if api.grant else 10
                what = "SDK privacy-grant API" if api.grant else "SDK init deferred to consent"
                how = f"caller of {api_name} ({what})"
            if app_package and dotted(cls).startswith(app_package + "."):
                rank -= 2  # the app's own code before a wrapper library's
            if _ACCEPT_NAMES.search(mname) or _ACCEPT_NAMES.search(dotted(cls).rsplit(".", 1)[-1]):
                rank -= 1
            found.append((rank, target, how))
        d.invoke_sites.clear()
    if not found:
        return None
    found.sort()
    best = found[0]
    others: list[str] = []
    for _r, t, _h in found[1:]:
        if t != best[1] and t not in others:
            others.append(t)
    return ConsentPoint(best[1], best[2], tuple(others[:5]))


def _contract(dexes: Sequence[dexfmt.Dex], app_package: str) -> ConsentPoint | None:
    """The contract's `<pkg>.PrivacyDialog.onAgree` (docs/contracts.md) when the app has it: our sample apps."""
    if not app_package:
        return None
    want = descriptor(f"{app_package}.PrivacyDialog")
    for d in dexes:
        for c in d.classes:
            if c.descriptor == want and any(
                d.method_key(d.m_mid[m])[1] == "onAgree" for m in range(c.first_method, c.end_method)
            ):
                return ConsentPoint(f"{app_package}.PrivacyDialog.onAgree", "the contract's PrivacyDialog.onAgree")
    return None
