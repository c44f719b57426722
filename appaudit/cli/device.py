"""`appaudit profile`: a device's real identifier values, read over adb, as the device profile that
`appaudit proxy --profile`, `rescan --profile` and the hostjvm backend's `--profile` read."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import click

from appaudit import limits
from appaudit.cli.base import main, stderr
from appaudit.errors import InputError
from appaudit.network.profile import parse_profile
from appaudit.runtime import device

# android.os.Build fields the hostjvm stubs serve from a profile's "_build" table.
BUILD_PROPS = {
    "MODEL": "ro.product.model",
    "BRAND": "ro.product.brand",
    "MANUFACTURER": "ro.product.manufacturer",
    "VERSION.RELEASE": "ro.build.version.release",
    "VERSION.SDK_INT": "ro.build.version.sdk",
}


@main.command("profile")
@click.option("--device", "serial", metavar="SERIAL", help="adb serial (default: the only device attached).")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The device profile (JSON) to write.",
)
def profile_cmd(serial: str | None, output: Path) -> None:
    """Read the device's real identifiers over adb into a device profile (JSON).

    Reads, where the device allows it: Android ID, serial, IMEI/MEID, ICCID, IMSI and phone number (SIM
    table), Wi-Fi MAC, SSID/BSSID, Bluetooth MAC, OAID (vendor provider), GAID, installed packages and
    the last known location. Root (`adb root`, or su) unlocks the privileged ones; what cannot be read
    is listed, never guessed. The reads are data: appaudit/runtime/device_ids.toml.

    Use the profile so the network matcher knows what to look for:
    `appaudit proxy --profile device.json -o live.jsonl`, or `appaudit rescan live.mitm --profile device.json`.
    The file holds the device's identifiers: keep it private.
    """
    dev = device.AndroidDevice.discover(serial, device.subprocess_runner)
    found = device.read_identifiers(dev)
    build: dict[str, object] = {}
    for name, prop in BUILD_PROPS.items():
        value = dev.getprop(prop)
        if value:
            build[name] = int(value) if name == "VERSION.SDK_INT" and value.isdigit() else value
    doc: dict[str, object] = {
        "_comment": "Identifier values of a real device, read by `appaudit profile`; keep this file private.",
        "_source": {
            "device": dev.serial,
            "read_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "unreadable": found.unreadable,
        },
        "_build": build,
        **found.doc,
    }
    parse_profile(doc, str(output))  # the format the proxy and rescan read; fails here, not there
    try:
        # The device's IMEI, phone number, location...: readable by its owner only, never a half-written file.
        text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
        limits.atomic_write_bytes(output, text.encode("utf-8"), mode=0o600)
    except OSError as e:
        raise InputError(f"{output}: cannot write ({e.strerror or e}); choose a writable output path") from None
    read = ", ".join(f"{k} ({len(v) if isinstance(v, list) else 1})" for k, v in found.doc.items()) or "nothing"
    stderr.print(f"{dev.serial}: read {read}", markup=False, highlight=False)
    for data_type, why in sorted(found.unreadable.items()):
        stderr.print(f"  not readable: {data_type}: {why}", markup=False, highlight=False)
    stderr.print(f"wrote {output}", markup=False, highlight=False)
