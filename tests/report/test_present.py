"""How evidence reads to a person: plain text for any value, URL and value redaction, local paths cut."""

from __future__ import annotations

from appaudit.model import Evidence, Source
from appaudit.report import present
from appaudit.report.i18n import messages
from appaudit.report.options import RenderOptions


def test_plain_never_prints_python_values() -> None:
    assert present.plain(None) == "—" and present.plain([]) == "—" and present.plain(True) == "yes"
    assert present.plain({"a": [1, None], "b": {"c": False}}) == "a: 1, —; b: c: no"
    assert present.plain(2.50) == "2.5" and present.plain(("x", "y")) == "x, y"


def test_urls_keep_keys_and_hosts_but_not_values() -> None:
    url = "https://t.example:8443/u/867530912345678/p?imei=8675&v=2#s"
    assert present.redact_url(url, False) == "https://t.example:8443/u/•••/p?imei=•••&v=•••#•••"
    assert present.redact_url(url, True) == url
    e = Evidence("imei", Source.NETWORK, "t", f"POST {url}", {"kind": "transfer"})
    assert present.redact_locator(e, False).startswith("POST https://t.example:8443/u/•••")


def test_local_paths() -> None:
    assert present.local_path("/home/me/out/app.apk") == "app.apk"
    assert present.local_path("C:\\Users\\me\\app.apk") == "app.apk"
    assert present.local_path("sample_apks/demo.apk") == "sample_apks/demo.apk"  # relative stays
    assert present.scrub_paths("log: /tmp/x/y.log; see out/z") == "log: y.log; see out/z"
    assert present.scrub_paths("file:/sys/class/net/wlan0/address") == "file:/sys/class/net/wlan0/address"


def test_sentences_for_each_kind() -> None:
    en, opts = messages("en"), RenderOptions()
    call = Evidence(
        "imei", Source.CODE, "jpush", "Lcn/j/D;->imei()V @0x2",
        {"kind": "call_site", "api": "TelephonyManager.getDeviceId()", "caller_class": "cn.j.D",
         "caller_method": "imei(Landroid/content/Context;)V", "reachable": True, "entry": {"component": "a.Main"}},
    )  # fmt: skip
    assert (
        present.sentence(call, en, opts) == "cn.j.D.imei() calls TelephonyManager.getDeviceId(); reachable from a.Main"
    )
    read = Evidence("clipboard", Source.RUNTIME, "app", "CM.getPrimaryClip", {"kind": "read", "value": "secret text"})
    assert present.sentence(read, en, opts) == (
        "app read Clipboard through CM.getPrimaryClip; value redacted (11 characters)"
    )
    assert "secret text" in present.sentence(read, en, RenderOptions(show_values=True))
    row = Evidence(
        None, Source.POLICY, "jpush", "p.md §SDK row 2", {"kind": "sdk_row", "name": "极光", "data_types": []}
    )
    assert present.sentence(row, en, opts) == "The policy's SDK list names 极光 (—) without listing data types"
    odd = Evidence(None, Source.RUNTIME, "x", "y", {"kind": "future_kind", "z": {"q": 1}})
    assert present.sentence(odd, en, opts) == "future_kind evidence"


def test_transfer_sentence_says_tls_only_when_recorded() -> None:
    en, opts = messages("en"), RenderOptions()

    def sent(**detail: object) -> str:
        e = Evidence("imei", Source.NETWORK, "t", "POST https://h.example/x", {"kind": "transfer", **detail})
        return present.sentence(e, en, opts)

    assert en.evidence("cleartext") in sent(host="h.example", tls=False)
    assert en.evidence("tls") in sent(host="h.example", tls=True)
    # a flow whose TLS was not recorded is neither (it used to read as cleartext)
    unknown = sent(host="h.example")
    assert en.evidence("cleartext") not in unknown and en.evidence("tls") not in unknown
    assert en.evidence("party_third") in sent(host="h.example", party="third")
