"""`appaudit static APP`: permissions, SDKs and attributed sensitive call sites of an APK or bundle."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from appaudit.cli.base import emit, main, output_options, stderr
from appaudit.report import markdown as md
from appaudit.report import render

_FORMATS = ("json", "md", "html", "sarif")


def static_markdown(s: dict[str, Any]) -> str:
    """A Markdown summary of sections["static"]: permissions, SDKs, call sites by type and actor."""
    app = s["app"]
    lines = [
        f"## Static analysis: {md.text(app['package'])} {md.text(app['version_name'])}",
        "",
        f"minSdk {app['min_sdk']}, targetSdk {app['target_sdk']}; {len(app['dex_files'])} dex files, "
        f"{app['classes']} classes, {app['methods']} methods.",
        "",
        "### Permissions",
        "",
        "| permission | protection level | Play-restricted | maxSdk |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {md.cell(p['name'])} | {p['protection_level']} | {'yes' if p['play_restricted'] else ''} | "
        f"{p['max_sdk'] or ''} |"
        for p in s["permissions"]
    ]
    lines += ["", "### SDKs", "", "| id | name | category | confidence | evidence |", "|---|---|---|---|---|"]
    for x in s["sdks"]:
        kinds = sorted({e["kind"] for e in x["evidence"]})
        label = f"{x['category']} (library)" if x["library"] else x["category"]
        lines.append(f"| {x['id']} | {md.cell(x['name'])} | {label} | {x['confidence']} | {', '.join(kinds)} |")
    groups: dict[tuple[str, str], list[int]] = {}
    for c in s["call_sites"]:
        g = groups.setdefault((c["data_type"], c["actor"]), [0, 0])
        g[0] += 1
        g[1] += 1 if c["reachable"] else 0
    lines += ["", "### Sensitive call sites", "", "| data type | actor | sites | reachable |", "|---|---|---|---|"]
    lines += [f"| {dt} | {actor} | {n} | {r} |" for (dt, actor), (n, r) in sorted(groups.items())]
    m = s["manifest"]
    self_start = [c["name"] for c in m["components"] if c["self_start"]]
    net = m.get("network_security") or {}
    lines += ["", "### Manifest", ""]
    lines.append(f"- self-start receivers: {', '.join(map(md.text, self_start)) or 'none'}")
    lines.append(f"- cleartext traffic permitted: {net.get('cleartext_permitted')} ({net.get('source')})")
    if s["skipped"]:
        lines += ["", "### Skipped", ""] + [f"- {md.text(n)}" for n in s["skipped"]]
    return "\n".join(lines) + "\n"


@main.command("static")
@click.argument("app", type=click.Path(path_type=Path))
@output_options(_FORMATS)
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar on stderr (default: when stderr is a terminal)."
)
def static(app: Path, fmt: str, output: Path | None, progress: bool | None) -> None:
    """Statically analyse APP (.apk, .apks/.xapk/.apkm bundle, or a folder of split APKs).

    Reports the manifest (permissions with protection levels, components, self-start receivers,
    cleartext policy), the embedded SDKs with their evidence, and every sensitive call site with
    its data type, caller, owning SDK and whether an entry point reaches it.
    """
    from appaudit.static.scan import scan

    show = sys.stderr.isatty() if progress is None else progress
    report = scan(app, progress=show)
    text = render(report, fmt)
    if fmt == "md":  # the shared renderer shows findings; add what the static scan itself found
        text = text.rstrip("\n") + "\n\n" + static_markdown(report.sections["static"])
    section = report.sections["static"]
    emit(text, output)
    stderr.print(
        f"{report.app.package}: {len(section['permissions'])} permissions, {len(section['sdks'])} SDKs, "
        f"{len(section['call_sites'])} sensitive call sites "
        f"({sum(1 for c in section['call_sites'] if c['reachable'])} reachable)"
        + (f"; {len(section['skipped'])} parts skipped" if section["skipped"] else "")
    )
