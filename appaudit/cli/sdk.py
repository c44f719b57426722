"""`appaudit sdk list|show|match|import`: browse and rebuild the SDK signature catalogue."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from appaudit import sdkimport, signatures
from appaudit.cli.base import dump_json, emit, main, output_options, render_table
from appaudit.errors import InputError

# Every matcher `sdk match` tries in auto mode, in the order they are printed.
_KINDS = ("class", "component", "meta", "action", "lib", "host", "policy")


@main.group()
def sdk() -> None:
    """The SDK signature catalogue (sdk_signatures/): list, show, match, import."""


@sdk.command("list")
@click.option(
    "--category",
    type=click.Choice([c.value for c in signatures.Category]),
    help="Only SDKs of this category.",
)
@click.option("--curated", "only_curated", is_flag=True, help="Only hand-curated entries.")
@output_options()
def list_(category: str | None, only_curated: bool, fmt: str, output: Path | None) -> None:
    """List SDK signatures (id, category, name, vendor, whether it collects data, source)."""
    cat = signatures.load()
    sigs = [s for s in cat if (category is None or s.category == category) and (s.curated or not only_curated)]
    sigs.sort(key=lambda s: s.id)
    if fmt == "json":
        emit(dump_json({"count": len(sigs), "signatures": [s.to_dict() for s in sigs]}), output)
        return
    table = Table(title=f"{len(sigs)} SDK signatures", show_lines=False)
    for col in ("id", "category", "name", "vendor", "collects", "source"):
        table.add_column(col, overflow="fold")
    for s in sigs:
        source = "curated" if s.curated else ", ".join(s.provenance[:2])
        table.add_row(s.id, s.category, s.name, s.vendor, "yes" if s.collects else "no", source)
    emit(render_table(table), output)


@sdk.command()
@click.argument("sdk_id")
@output_options()
def show(sdk_id: str, fmt: str, output: Path | None) -> None:
    """Show every field of one SDK signature."""
    cat = signatures.load()
    if sdk_id not in cat.signatures:
        raise InputError(f"{sdk_id}: no such SDK id; run `appaudit sdk list` (or `sdk match NAME`) to find it")
    s = cat.signatures[sdk_id]
    if fmt == "json":
        emit(dump_json(s.to_dict()), output)
        return
    lines = []
    for key, value in s.to_dict().items():
        if isinstance(value, list):
            value = ", ".join(value) if value else "-"
        lines.append(f"{key:13} {value}")
    emit("\n".join(lines) + "\n", output)


@sdk.command()
@click.argument("value")
@click.option(
    "--kind",
    type=click.Choice(("auto", *_KINDS)),
    default="auto",
    show_default=True,
    help="What VALUE is; auto tries every matcher.",
)
@click.option("--app-package", help="The app's own package: its classes are never attributed by prefix.")
@output_options()
def match(value: str, kind: str, app_package: str | None, fmt: str, output: Path | None) -> None:
    """Which SDK a class name, component, meta-data key, action, native lib, host or policy name belongs to.

    VALUE: e.g. com.umeng.analytics.MobclickAgent, Lcom/qq/e/ads/ADActivity;, libjcore230.so,
    https://alog.umeng.com/app_logs, 友盟+推送SDK.
    """
    cat = signatures.load()
    kinds = _KINDS if kind == "auto" else (kind,)
    hits: list[dict[str, str]] = []
    for k in kinds:
        if k == "policy" and kind == "auto" and hits:
            break  # a class or host also contains vendor words; the policy matcher would only add noise
        if k == "policy":
            sig = cat.match_policy_name(value)
        else:
            sig = cat.match(signatures.Kind(k), value, app_package=app_package)
        if sig is not None:
            hits.append({"kind": k, "sdk": sig.id, "name": sig.name, "category": sig.category})
    if fmt == "json":
        emit(dump_json({"value": value, "matches": hits}), output)
        return
    if not hits:
        emit(f"{value}: no SDK matches\n", output)
        return
    emit("".join(f"{h['kind']:9} {h['sdk']:28} {h['category']:12} {h['name']}\n" for h in hits), output)


@sdk.command("import")
@click.option(
    "--sdkdata",
    type=click.Path(file_okay=False, path_type=Path),
    default=lambda: str(signatures.default_dir().parent.parent / "shared" / "sdkdata"),
    show_default="../shared/sdkdata beside the checkout",
    help="Directory with the upstream datasets (Exodus, LibChecker, LibRadar).",
)
@click.option(
    "--signatures",
    "sig_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=lambda: str(signatures.default_dir()),
    show_default="sdk_signatures/ of the checkout",
    help="Catalogue directory: imported/ is rebuilt, curated/ only gets provenance.",
)
@output_options()
def import_(sdkdata: Path, sig_dir: Path, fmt: str, output: Path | None) -> None:
    """Rebuild sdk_signatures/imported/ from the upstream datasets, keeping provenance."""
    result = sdkimport.run(sdkdata, sig_dir)
    if fmt == "json":
        emit(dump_json(result.to_dict()), output)
        return
    d = result.to_dict()
    lines = [
        f"upstream entries: {d['sources']}",
        f"imported entries written: {d['written']} (to {sig_dir / 'imported'})",
        f"merged into curated entries: {len(d['merged_into_curated'])}; merged into other imported: "
        f"{d['merged_imported']}",
        f"folded into curated entries (same product, broader prefix): "
        f"{sum(map(len, d['folded_into_curated'].values()))} -> {', '.join(d['folded_into_curated']) or '-'}",
        f"refused upstream rules: {len(d['refused'])}; dropped entries: {len(d['dropped_entries'])}",
        *(f"  refused {r}" for r in d["refused"][:20]),
        *(f"  dropped {r}" for r in d["dropped_entries"][:20]),
    ]
    emit("\n".join(lines) + "\n", output)
