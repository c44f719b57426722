"""The personal-data ontology: loads and validates data/datatypes.toml (shared/docs/data-types.md as data)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from appaudit import data as bundled
from appaudit.errors import DataError

API_KINDS = frozenset({"method", "field", "file", "command", "content_uri", "service", "property", "string"})
SENSITIVITIES = frozenset({"PI", "S-PI"})
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_REQUIRED = {
    "method": ("class", "method"),
    "field": ("class", "field"),
    "file": ("path",),
    "command": ("command",),
    "content_uri": ("uri",),
    "service": ("action",),
    "property": ("name",),
    "string": ("value",),
}


@dataclass(frozen=True, slots=True)
class Api:
    """One way to read a data type: a method, field, file, command, content URI, service or property."""

    kind: str
    cls: str = ""
    member: str = ""  # method or field name
    target: str = ""  # path, command, uri, action, property or string value
    arg_index: int | None = None
    arg_equals: str | None = None

    @property
    def label(self) -> str:
        if self.kind in ("method", "field"):
            short = self.cls.rsplit(".", 1)[-1]
            arg = f'(…"{self.arg_equals}")' if self.arg_equals is not None else ("()" if self.kind == "method" else "")
            return f"{short}.{self.member}{arg}"
        return f"{self.kind}:{self.target}"

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"kind": self.kind}
        if self.cls:
            d["class"] = self.cls
        if self.member:
            d["field" if self.kind == "field" else "method"] = self.member
        if self.target:
            d["target"] = self.target
        if self.arg_index is not None:
            d["arg_index"] = self.arg_index
            d["arg_equals"] = self.arg_equals
        return d


@dataclass(frozen=True, slots=True)
class DataType:
    """A canonical personal-data type with the APIs that read it and the words policies use for it."""

    id: str
    name: str
    group: str
    sensitivity: str
    device: bool
    permissions: tuple[str, ...]
    words_en: tuple[str, ...]
    words_zh: tuple[str, ...]
    apis: tuple[Api, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "group": self.group,
            "sensitivity": self.sensitivity,
            "device": self.device,
            "permissions": list(self.permissions),
            "words_en": list(self.words_en),
            "words_zh": list(self.words_zh),
            "apis": [a.to_dict() for a in self.apis],
        }


def _api(raw: dict[str, Any], where: str) -> Api:
    kind = raw.get("kind")
    if kind not in API_KINDS:
        raise DataError(f"{where}: unknown api kind {kind!r}; expected one of {sorted(API_KINDS)}")
    missing = [k for k in _REQUIRED[kind] if not raw.get(k)]
    if missing:
        raise DataError(f"{where}: api of kind {kind} lacks {missing}")
    if ("arg_index" in raw) != ("arg_equals" in raw):
        raise DataError(f"{where}: arg_index and arg_equals go together")
    # Kinds other than method and field have one required key, and it holds the target.
    target_key = "" if kind in ("method", "field") else _REQUIRED[kind][0]
    return Api(
        kind=kind,
        cls=raw.get("class", ""),
        member=raw.get("method", raw.get("field", "")),
        target=raw.get(target_key, "") if target_key else "",
        arg_index=raw.get("arg_index"),
        arg_equals=raw.get("arg_equals"),
    )


def parse(doc: dict[str, Any]) -> dict[str, DataType]:
    """Validate a parsed datatypes.toml and return its types by id, in file order."""
    out: dict[str, DataType] = {}
    for i, raw in enumerate(doc.get("datatype", [])):
        where = f"datatypes.toml datatype #{i + 1} ({raw.get('id', '?')})"
        dt_id = raw.get("id", "")
        if not _ID.match(dt_id):
            raise DataError(f"{where}: id must be snake_case")
        if dt_id in out:
            raise DataError(f"{where}: duplicate id")
        if raw.get("sensitivity") not in SENSITIVITIES:
            raise DataError(f"{where}: sensitivity must be one of {sorted(SENSITIVITIES)}")
        device = bool(raw.get("device", False))
        words_en = tuple(raw.get("words_en", ()))
        words_zh = tuple(raw.get("words_zh", ()))
        if not words_en or not words_zh:
            raise DataError(f"{where}: needs at least one English and one Chinese policy word")
        apis = tuple(_api(a, where) for a in raw.get("api", ()))
        if device and not apis:
            raise DataError(f"{where}: a device data type needs at least one api")
        out[dt_id] = DataType(
            id=dt_id,
            name=str(raw.get("name", dt_id)),
            group=str(raw.get("group", "")),
            sensitivity=raw["sensitivity"],
            device=device,
            permissions=tuple(raw.get("permissions", ())),
            words_en=words_en,
            words_zh=words_zh,
            apis=apis,
        )
    if not out:
        raise DataError("datatypes.toml: no datatype entries")
    return out


@cache
def load() -> dict[str, DataType]:
    """The bundled ontology, by id (cached)."""
    return parse(bundled.load("datatypes.toml"))


def get(dt_id: str) -> DataType:
    try:
        return load()[dt_id]
    except KeyError:
        raise DataError(f"unknown data type {dt_id!r}; see `appaudit datatypes`") from None
