"""The app manifest as records: identity, permissions, components, meta-data, <queries>, cleartext policy.

Pure functions over `apk.XmlNode` trees (no androguard here). Strings from the manifest are
attacker-controlled: `clean` strips control characters and caps their length before they reach a
report.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from appaudit import data as bundled
from appaudit import permissions
from appaudit.static.apk import ApkPart, XmlNode, parse_xml, resource_file, resource_string

MAX_STRING = 300
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean(value: str) -> str:
    """A manifest string safe to print: no control or bidi characters, at most MAX_STRING characters."""
    v = _CONTROL.sub("", value)
    return v if len(v) <= MAX_STRING else v[:MAX_STRING] + "…"


class ComponentType(enum.Enum):
    ACTIVITY = "activity"
    ACTIVITY_ALIAS = "activity-alias"
    SERVICE = "service"
    RECEIVER = "receiver"
    PROVIDER = "provider"


@cache
def self_start_actions() -> dict[str, str]:
    """Broadcast actions that wake the app (data/self_start_actions.toml): action -> why."""
    return {a["name"]: a["why"] for a in bundled.load("self_start_actions.toml")["action"]}


@dataclass(frozen=True, slots=True)
class IntentFilter:
    actions: tuple[str, ...]
    categories: tuple[str, ...]
    data: tuple[str, ...]  # scheme://host/path fragments as declared

    def to_dict(self) -> dict[str, Any]:
        return {"actions": list(self.actions), "categories": list(self.categories), "data": list(self.data)}


@dataclass(frozen=True, slots=True)
class Component:
    type: ComponentType
    name: str
    exported: bool
    exported_explicit: bool
    enabled: bool
    permission: str
    intent_filters: tuple[IntentFilter, ...]
    self_start: tuple[str, ...]  # self-start actions among the filters (receivers only)
    target: str = ""  # activity-alias targetActivity
    authorities: str = ""  # providers
    process: str = ""

    @property
    def actions(self) -> tuple[str, ...]:
        return tuple(a for f in self.intent_filters for a in f.actions)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "type": self.type.value,
            "name": self.name,
            "exported": self.exported,
            "exported_explicit": self.exported_explicit,
            "enabled": self.enabled,
            "permission": self.permission or None,
            "intent_filters": [f.to_dict() for f in self.intent_filters],
            "self_start": list(self.self_start),
        }
        if self.target:
            d["target"] = self.target
        if self.authorities:
            d["authorities"] = self.authorities
        if self.process:
            d["process"] = self.process
        return d


@dataclass(frozen=True, slots=True)
class Permission:
    name: str
    protection_level: str
    play_restricted: bool
    max_sdk: int | None
    sdk23_only: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "protection_level": self.protection_level,
            "play_restricted": self.play_restricted,
            "max_sdk": self.max_sdk,
            "sdk23_only": self.sdk23_only,
        }


@dataclass(frozen=True, slots=True)
class NetworkSecurity:
    cleartext_permitted: bool  # effective default for hosts without a domain-config
    source: str  # "network-security-config", "usesCleartextTraffic", or "default for targetSdk"
    config_file: str
    cleartext_domains: tuple[str, ...]
    user_cas_trusted: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "cleartext_permitted": self.cleartext_permitted,
            "source": self.source,
            "config_file": self.config_file or None,
            "cleartext_domains": list(self.cleartext_domains),
            "user_cas_trusted": self.user_cas_trusted,
        }


@dataclass(frozen=True, slots=True)
class Manifest:
    package: str
    version_name: str
    version_code: str
    min_sdk: int | None
    target_sdk: int | None
    application: str  # Application subclass, "" when none
    framework_classes: tuple[str, ...]  # backupAgent, appComponentFactory: also instantiated by the system
    debuggable: bool
    allow_backup: bool
    permissions: tuple[Permission, ...]
    custom_permissions: tuple[tuple[str, str], ...]  # (name, protectionLevel as declared)
    components: tuple[Component, ...]
    meta_data: tuple[tuple[str, str], ...]  # (name, value or resource)
    queries: dict[str, list[str]] = field(default_factory=dict)  # packages, actions, providers
    network: NetworkSecurity | None = None
    splits: tuple[str, ...] = ()
    features: tuple[str, ...] = ()
    label: str = ""  # the app's name as users see it (application android:label, resolved from resources)

    def to_dict(self) -> dict[str, Any]:
        return {
            "package": self.package,
            "version_name": self.version_name,
            "version_code": self.version_code,
            "min_sdk": self.min_sdk,
            "target_sdk": self.target_sdk,
            "label": self.label,
            "application": self.application or None,
            "framework_classes": list(self.framework_classes),
            "debuggable": self.debuggable,
            "allow_backup": self.allow_backup,
            "custom_permissions": [{"name": n, "protection_level": p} for n, p in self.custom_permissions],
            "components": [c.to_dict() for c in self.components],
            "meta_data": [{"name": n, "value": v} for n, v in self.meta_data],
            "queries": self.queries,
            "network_security": self.network.to_dict() if self.network else None,
            "splits": list(self.splits),
            "uses_features": list(self.features),
        }


# android:protectionLevel as compiled into binary XML (R.attr.protectionLevel): base level in the low
# 4 bits, flags above. Part of the AXML format, like the attribute names themselves.
_PROTECTION_BASE = {0: "normal", 1: "dangerous", 2: "signature", 3: "signatureOrSystem", 4: "internal"}
_PROTECTION_FLAGS = {0x10: "privileged", 0x20: "development", 0x40: "appop", 0x80: "pre23", 0x100: "installer",
                     0x200: "verifier", 0x400: "preinstalled", 0x800: "setup", 0x1000: "instant", 0x2000: "runtime"}


def protection_level(value: str) -> str:
    """`0x00000012` -> `signature|privileged`; text values are returned cleaned."""
    if not value.startswith("0x"):
        return clean(value) or "normal"
    try:
        n = int(value, 16)
    except ValueError:
        return clean(value)
    names = [_PROTECTION_BASE.get(n & 0xF, f"level{n & 0xF}")]
    names += [name for bit, name in _PROTECTION_FLAGS.items() if n & bit]
    return "|".join(names)


def _int(value: str) -> int | None:
    try:
        return int(value, 0) if value else None
    except ValueError:
        return None


def _bool(value: str, default: bool) -> bool:
    if value.lower() == "true":
        return True
    if value.lower() == "false":
        return False
    return default


def _class_name(package: str, name: str) -> str:
    name = clean(name)
    if name.startswith("."):
        return package + name
    if "." not in name and name:
        return f"{package}.{name}"
    return name


def _filters(node: XmlNode) -> tuple[IntentFilter, ...]:
    out = []
    for f in node.find_all("intent-filter"):
        data = []
        for d in f.find_all("data"):
            scheme = d.get("android:scheme")
            host = d.get("android:host")
            path = d.get("android:path") or d.get("android:pathPrefix") or d.get("android:pathPattern")
            mime = d.get("android:mimeType")
            text = (f"{scheme}://" if scheme else "") + host + path + (f" ({mime})" if mime else "")
            if text:
                data.append(clean(text))
        out.append(
            IntentFilter(
                actions=tuple(clean(a.get("android:name")) for a in f.find_all("action") if a.get("android:name")),
                categories=tuple(
                    clean(c.get("android:name")) for c in f.find_all("category") if c.get("android:name")
                ),
                data=tuple(data),
            )
        )
    return tuple(out)


def parse(parts: list[ApkPart]) -> Manifest:
    """The base manifest (parts[0]) merged with the components and permissions of split manifests."""
    base = parts[0]
    root = base.manifest
    if root is None:  # apk.unpack guarantees a base manifest; keep the type checker honest
        raise ValueError("base part has no manifest")
    package = clean(root.get("package"))
    sdk = next(iter(root.find_all("uses-sdk")), XmlNode("uses-sdk", {}))
    min_sdk = _int(sdk.get("android:minSdkVersion"))
    target_sdk = _int(sdk.get("android:targetSdkVersion")) or min_sdk
    app = next(iter(root.find_all("application")), XmlNode("application", {}))

    perms: dict[str, Permission] = {}
    custom: dict[str, str] = {}
    components: list[Component] = []
    meta: list[tuple[str, str]] = []
    queries: dict[str, list[str]] = {"packages": [], "actions": [], "providers": []}
    features: list[str] = []
    for part in parts:
        if part.manifest is None:
            continue
        m = part.manifest
        for tag in ("uses-permission", "uses-permission-sdk-23", "uses-permission-sdk-m"):
            for p in m.find_all(tag):
                name = clean(p.get("android:name"))
                if not name or name in perms:
                    continue
                info = permissions.lookup(name)
                perms[name] = Permission(
                    name=name,
                    protection_level=info.protection_level,
                    play_restricted=info.play_restricted,
                    max_sdk=_int(p.get("android:maxSdkVersion")),
                    sdk23_only=tag != "uses-permission",
                )
        for p in m.find_all("permission"):
            if p.get("android:name"):
                custom.setdefault(clean(p.get("android:name")), protection_level(p.get("android:protectionLevel")))
        for f in m.find_all("uses-feature"):
            if f.get("android:name"):
                features.append(clean(f.get("android:name")))
        for q in m.find_all("queries"):
            for c in q.children:
                if c.tag == "package" and c.get("android:name"):
                    queries["packages"].append(clean(c.get("android:name")))
                elif c.tag == "intent":
                    queries["actions"] += [clean(a.get("android:name")) for a in c.find_all("action")]
                elif c.tag == "provider" and c.get("android:authorities"):
                    queries["providers"].append(clean(c.get("android:authorities")))
        a = next(iter(m.find_all("application")), None)
        if a is None:
            continue
        meta += _meta(a)
        for c in a.children:
            try:
                ctype = ComponentType(c.tag)
            except ValueError:
                continue
            components.append(_component(ctype, c, package, target_sdk))
            meta += _meta(c)
    return Manifest(
        package=package,
        version_name=clean(root.get("android:versionName")),
        version_code=clean(root.get("android:versionCode")),
        min_sdk=min_sdk,
        target_sdk=target_sdk,
        application=_class_name(package, app.get("android:name")) if app.get("android:name") else "",
        framework_classes=tuple(
            _class_name(package, app.get(a))
            for a in ("android:backupAgent", "android:appComponentFactory")
            if app.get(a)
        ),
        debuggable=_bool(app.get("android:debuggable"), False),
        allow_backup=_bool(app.get("android:allowBackup"), True),
        permissions=tuple(sorted(perms.values(), key=lambda p: p.name)),
        custom_permissions=tuple(sorted(custom.items())),
        components=tuple(components),
        meta_data=tuple(meta),
        queries={k: sorted(set(v)) for k, v in queries.items()},
        network=_network(base, app, target_sdk),
        splits=tuple(p.name for p in parts[1:]),
        features=tuple(sorted(set(features))),
        label=clean(resource_string(base.arsc, app.get("android:label") or root.get("android:label"))),
    )


def _meta(node: XmlNode) -> list[tuple[str, str]]:
    return [
        (clean(md.get("android:name")), clean(md.get("android:value") or md.get("android:resource")))
        for md in node.find_all("meta-data")
        if md.get("android:name")
    ]


def _component(ctype: ComponentType, c: XmlNode, package: str, target_sdk: int | None) -> Component:
    filters = _filters(c)
    explicit = c.get("android:exported")
    if explicit:
        exported = _bool(explicit, False)
    elif ctype is ComponentType.PROVIDER:
        # Providers were exported by default before API 17 (Android docs, <provider> android:exported).
        exported = (target_sdk or 1) < 17
    else:
        exported = bool(filters)
    actions = self_start_actions()
    self_start: tuple[str, ...] = ()
    if ctype is ComponentType.RECEIVER:
        self_start = tuple(sorted({a for f in filters for a in f.actions if a in actions}))
    return Component(
        type=ctype,
        name=_class_name(package, c.get("android:name")),
        exported=exported,
        exported_explicit=bool(explicit),
        enabled=_bool(c.get("android:enabled"), True),
        permission=clean(c.get("android:permission")),
        intent_filters=filters,
        self_start=self_start,
        target=_class_name(package, c.get("android:targetActivity")) if c.get("android:targetActivity") else "",
        authorities=clean(c.get("android:authorities")),
        process=clean(c.get("android:process")),
    )


def _network(base: ApkPart, app: XmlNode, target_sdk: int | None) -> NetworkSecurity:
    """Cleartext policy: network security config, else usesCleartextTraffic, else the platform default.

    Default: cleartext permitted below targetSdk 28, denied from 28 (Android 9 behaviour change).
    """
    default = (target_sdk or 1) < 28
    uses = app.get("android:usesCleartextTraffic")
    permitted = _bool(uses, default) if uses else default
    source = "usesCleartextTraffic" if uses else f"default for targetSdk {target_sdk}"
    ref = app.get("android:networkSecurityConfig")
    path = None
    if ref:
        # Usually one res/xml file is a network security config; resources.arsc (slow to parse on
        # big apps) is read only when that does not decide it.
        path = next(iter(base.xml_files)) if len(base.xml_files) == 1 else resource_file(base.arsc, ref)
    domains: list[str] = []
    user_cas = False
    if path and path in base.xml_files:
        try:
            nsc = parse_xml(base.xml_files[path], f"{base.name}!{path}")
        except Exception:
            nsc = None
        if nsc is not None:
            for cfg in nsc.find_all("base-config"):
                if cfg.get("android:cleartextTrafficPermitted") or cfg.get("cleartextTrafficPermitted"):
                    permitted = _bool(
                        cfg.get("android:cleartextTrafficPermitted") or cfg.get("cleartextTrafficPermitted"), permitted
                    )
                    source = "network-security-config"
                user_cas |= any(c.get("src") == "user" for t in cfg.find_all("trust-anchors") for c in t.children)
            for dc in nsc.iter():
                if dc.tag == "domain-config" and _bool(dc.get("cleartextTrafficPermitted"), False):
                    domains += [clean(d.text) for d in dc.find_all("domain") if d.text]
    return NetworkSecurity(
        cleartext_permitted=permitted,
        source=source,
        config_file=path or "",
        cleartext_domains=tuple(sorted(set(domains))),
        user_cas_trusted=user_cas,
    )
