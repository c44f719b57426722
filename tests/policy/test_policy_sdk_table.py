"""appaudit.policy.sdk_table: SDK tables in any column order, per-SDK paragraphs, signature matching."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from appaudit import signatures
from appaudit.policy import vocab as vocabulary
from appaudit.policy.extract import GENERIC_LOCATION
from appaudit.policy.load import load
from appaudit.policy.records import list_rows
from appaudit.policy.sdk_table import (
    SdkRow,
    clean_name,
    is_platform_api,
    key_values,
    paragraph_rows,
    role_columns,
    split_company,
    split_name_cell,
    table_rows,
)

SDKLIST = "kirohuji__hope-front__jiamai_sdklist.md"


def column_roles(header: tuple[str, ...], v: vocabulary.Vocab) -> dict[str, int]:
    """Role -> its first column (how table_rows reads `role_columns`)."""
    return {role: cols[0] for role, cols in role_columns(header, v).items()}


def _rows(path: Path) -> list[SdkRow]:
    doc = load(path)
    v, cat = vocabulary.load(), signatures.load()
    rows, _, _ = table_rows(doc, v, cat)
    return rows + paragraph_rows(doc, v, cat) + list_rows(doc, v, cat)


def _rows_in(path: Path, text: str) -> dict[str, SdkRow]:
    """The rows of a policy written to `path`, by name."""
    path.write_text(text, encoding="utf-8")
    return {r.name: r for r in _rows(path)}


def test_corpus_sdk_list(policies_dir: Path) -> None:
    rows = {r.name: r for r in _rows(policies_dir / SDKLIST)}
    assert len(rows) == 15
    jpush = rows["极光推送SDK"]
    assert jpush.sdk_id == "jpush"
    assert jpush.provider == "深圳市和讯华谷信息技术有限公司"
    assert {"imei", "mac", "android_id", "oaid", "imsi", "iccid", "app_list", GENERIC_LOCATION} <= set(jpush.data_types)
    assert jpush.location.endswith("主要SDK列表 row 2")
    # "无" (none) declares nothing; the link column only names the SDK's own policy
    assert rows["谷歌"].data_types == () and rows["谷歌"].links == ("policies.google.com",)
    # the purpose written inside the data cell when the purpose column is a merged cell
    assert rows["小米通道SDK"].purpose == "提供小米终端设备的消息推送服务"
    assert rows["华为通道SDK"].purpose.startswith("通过厂商消息通道")
    assert rows["小米通道SDK"].provider == "北京小米移动软件有限公司"


def test_column_roles_any_order_and_language() -> None:
    v = vocabulary.load()
    assert column_roles(("合作目的", "合作SDK名称", "SDK厂商", "收集个人信息字段及目的", "SDK隐私政策链接"), v) == {
        "purpose": 0,
        "name": 1,
        "provider": 2,
        "data": 3,
        "link": 4,
    }
    assert column_roles(("Privacy policy", "Data collected", "Provider", "SDK name", "Permissions"), v) == {
        "link": 0,
        "data": 1,
        "provider": 2,
        "name": 3,
        "permission": 4,
    }


@pytest.mark.parametrize("order", list(itertools.permutations(range(5)))[::17])
def test_permuted_columns_give_the_same_rows(tmp_path: Path, policies_dir: Path, order: tuple[int, ...]) -> None:
    # The corpus' "other SDKs" table re-written as a Markdown pipe table with its columns permuted.
    (table,) = [t for t in load(policies_dir / SDKLIST).tables if t.headings[-1] == "其他SDK"]
    header = [table.header[i] for i in order]
    lines = ["## 第三方SDK", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r.cells[i] for i in order) + " |" for r in table.rows]
    f = tmp_path / "sdk.md"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reference = {
        r.name: r
        for r in _rows(policies_dir / SDKLIST)
        if r.location.split(" §")[1].startswith("佳麦第三方SDK目录 > 其他SDK")
    }
    got = {r.name: r for r in _rows(f)}
    assert got.keys() == reference.keys()
    for name, row in got.items():
        assert (row.provider, row.purpose, row.data_types, row.links) == (
            reference[name].provider,
            reference[name].purpose,
            reference[name].data_types,
            reference[name].links,
        )


def test_english_table_with_packages_and_permissions(tmp_path: Path) -> None:
    rows = _rows_in(
        tmp_path / "sdk.html",
        "<h2>Third-party SDKs</h2><table><tr><th>Provider</th><th>SDK name</th><th>Package name</th>"
        "<th>Data collected</th><th>Permissions</th><th>Privacy policy</th></tr>"
        "<tr><td>Umeng</td><td>Umeng Analytics</td><td>com.umeng.analytics</td>"
        "<td>IMEI, Android ID, OAID, MAC address</td><td>android.permission.READ_PHONE_STATE; location</td>"
        "<td><a href='https://www.umeng.com/page/policy'>policy</a></td></tr>"
        "<tr><td>Acme</td><td>AcmeTracker</td><td>io.acme.tracker</td><td>see their policy</td><td></td>"
        "<td>https://acme.example.com/privacy</td></tr></table>",
    )
    umeng = rows["Umeng Analytics"]
    assert umeng.sdk_id == "umeng-analytics"
    assert umeng.packages == ("com.umeng.analytics",)
    assert set(umeng.data_types) == {"imei", "android_id", "oaid", "mac"}
    assert "android.permission.READ_PHONE_STATE" in umeng.permissions
    assert "android.permission.ACCESS_FINE_LOCATION" in umeng.permissions
    assert umeng.links == ("https://www.umeng.com/page/policy",)
    acme = rows["AcmeTracker"]
    assert acme.sdk_id is None and acme.to_dict()["matched"] is False  # kept, flagged
    assert acme.data_types == ()  # a row that only points to the SDK's policy declares no types
    assert acme.links == ("https://acme.example.com/privacy",)


def test_package_given_in_text_matches_when_name_does_not(tmp_path: Path) -> None:
    f = tmp_path / "sdk.md"
    f.write_text(
        "## 第三方SDK列表\n\n| SDK名称 | 包名 | 收集个人信息 |\n|---|---|---|\n"
        "| 统计服务 | com.umeng.commonsdk | 设备信息 |\n",
        encoding="utf-8",
    )
    (row,) = _rows(f)
    assert row.sdk_id == "umeng-analytics" and row.packages == ("com.umeng.commonsdk",)


def test_key_values() -> None:
    v = vocabulary.load()
    kv = key_values(
        "SDK名称：友盟统计 使用目的：统计分析；收集个人信息类型：IMEI、OAID；隐私政策链接：https://www.umeng.com/page/policy",
        v,
    )
    assert [r for r, _ in kv] == ["name", "purpose", "data", "link"]
    assert kv[0][1] == "友盟统计" and kv[3][1] == "https://www.umeng.com/page/policy"


def test_per_sdk_paragraph_blocks(tmp_path: Path) -> None:
    rows = _rows_in(
        tmp_path / "p.md",
        "## 第三方SDK说明\n\n"
        "1. 友盟统计SDK\n\n第三方主体：友盟同欣（北京）科技有限公司\n\n使用目的：统计分析\n\n"
        "收集个人信息类型：设备信息（IMEI/MAC/Android ID/OAID）、位置信息\n\n"
        "隐私政策链接：https://www.umeng.com/page/policy\n\n"
        "2. 高德定位SDK\n\n第三方主体：高德软件有限公司\n\n使用目的：定位\n\n收集个人信息类型：经纬度、WiFi列表\n\n"
        "## Third-party SDKs\n\n"
        "SDK name: JPush. Provider: Aurora Mobile. Purpose: push notifications. Data collected: IMEI, app list.\n",
    )
    assert set(rows) == {"友盟统计SDK", "高德定位SDK", "JPush"}
    umeng = rows["友盟统计SDK"]
    assert umeng.sdk_id == "umeng-analytics" and umeng.provider == "友盟同欣（北京）科技有限公司"
    assert {"imei", "mac", "android_id", "oaid", GENERIC_LOCATION} <= set(umeng.data_types)
    assert umeng.links == ("https://www.umeng.com/page/policy",)
    assert rows["高德定位SDK"].sdk_id == "amap-location"
    assert {"location_precise", "wifi_info"} <= set(rows["高德定位SDK"].data_types)
    assert rows["JPush"].sdk_id == "jpush" and {"imei", "app_list"} <= set(rows["JPush"].data_types)


def test_key_value_prose_without_sdk_is_not_a_row(tmp_path: Path) -> None:
    f = tmp_path / "p.md"
    f.write_text("## 相机权限\n\n使用目的：扫码登录\n\n## 联系我们\n\n邮箱：a@b.cn\n", encoding="utf-8")
    assert _rows(f) == []


def test_two_sdks_in_one_block_and_name_before_keys(tmp_path: Path) -> None:
    rows = _rows_in(
        tmp_path / "p.txt",
        "第三方SDK目录\n\n"
        "SDK名称：友盟统计SDK；使用目的：统计分析；收集个人信息：IMEI、OAID；SDK名称：极光推送SDK；使用目的：推送；"
        "收集个人信息：设备型号\n\n"
        "高德定位SDK 使用目的：定位；收集个人信息：经纬度\n",
    )
    assert set(rows) == {"友盟统计SDK", "极光推送SDK", "高德定位SDK"}
    assert set(rows["友盟统计SDK"].data_types) == {"imei", "oaid"}
    assert rows["极光推送SDK"].data_types == ("device_info",) and rows["极光推送SDK"].purpose == "推送"
    assert rows["高德定位SDK"].sdk_id == "amap-location"


def test_bullet_list_of_sdk_links(tmp_path: Path) -> None:
    rows = _rows_in(
        tmp_path / "privacy.html",
        "<h2>Third Party Services</h2><p>The app does use third-party services that may collect information used "
        "to identify you. Link to the privacy policy of third-party service providers used by the app:</p><ul>"
        "<li><a href='https://www.google.com/policies/privacy/'>Google Play Services</a></li>"
        "<li><a href='https://firebase.google.com/support/privacy'>Firebase Crashlytics</a></li>"
        "<li><a href='https://www.jiguang.cn/license/privacy'>JPush</a></li></ul>"
        "<h2>Security</h2><p>We value your trust:</p><ul><li>Encryption in transit</li><li>Access control</li></ul>",
    )
    assert set(rows) == {"Google Play Services", "Firebase Crashlytics", "JPush"}
    assert rows["JPush"].sdk_id == "jpush" and rows["JPush"].data_types == ()
    assert rows["JPush"].links == ("https://www.jiguang.cn/license/privacy",)


def test_merged_cells_in_sdk_table(tmp_path: Path) -> None:
    rows = _rows_in(
        tmp_path / "sdk.html",
        "<h3>第三方SDK</h3><table><tr><th>合作目的</th><th>SDK名称</th><th colspan='2'>收集个人信息</th></tr>"
        "<tr><td rowspan='2'>消息推送</td><td>华为推送SDK</td><td>设备型号</td><td>IMEI</td></tr>"
        "<tr><td>小米推送SDK</td><td>OAID</td><td>Android ID</td></tr></table>",
    )
    assert rows["小米推送SDK"].purpose == "消息推送"
    assert set(rows["华为推送SDK"].data_types) == {"device_info", "imei"}
    assert set(rows["小米推送SDK"].data_types) == {"oaid", "android_id"}


def test_plain_text_sdk_list_one_field_per_line(tmp_path: Path) -> None:
    # The common page shape: a name line, then one "key:value" line per field, no blank lines, with keys
    # the analyser does not read ("处理方式", "客户端") in between and long link keys.
    rows = _rows_in(
        tmp_path / "sdk.txt",
        "第三方SDK目录\n"
        "为实现相关功能，我们接入了以下第三方SDK。\n"
        "1、消息推送(极光推送SDK)\n"
        "运营方:深圳市和讯华谷信息技术有限公司\n"
        "处理方式:去标识化后传输\n"
        "客户端:Android\n"
        "收集个人信息类型:设备标识符(IMEI、Android ID、OAID)、应用安装列表\n"
        "第三方隐私政策或官网链接: https://www.jiguang.cn/license/privacy\n"
        "2、友盟统计SDK\n"
        "收集信息:Mac地址;设备型号\n"
        "使用目的:统计分析\n",
    )
    assert set(rows) == {"消息推送(极光推送SDK)", "友盟统计SDK"}
    jpush = rows["消息推送(极光推送SDK)"]
    assert jpush.sdk_id == "jpush" and jpush.provider == "深圳市和讯华谷信息技术有限公司"
    assert {"imei", "android_id", "oaid", "app_list"} <= set(jpush.data_types)
    assert jpush.links == ("https://www.jiguang.cn/license/privacy",)
    assert rows["友盟统计SDK"].sdk_id == "umeng-analytics"
    assert set(rows["友盟统计SDK"].data_types) == {"mac", "device_info"}


def test_name_cell_with_its_alias_on_a_second_line(tmp_path: Path) -> None:
    # "<br>" inside a cell separates items, but a second line that is a bracketed alias belongs to the name;
    # so does one after a line break written out as a literal "\n" in the page source.
    f = tmp_path / "sdk.html"
    f.write_text(
        "<h2>第三方SDK</h2><table><tr><th>SDK名称</th><th>收集个人信息类型</th></tr>"
        "<tr><td>甲广告SDK<br>（乙联盟）</td><td>设备型号</td></tr>"
        "<tr><td>丙支付 SDK\\n(丁钱包)</td><td>IMEI</td></tr></table>",
        encoding="utf-8",
    )
    assert [r.name for r in _rows(f)] == ["甲广告SDK（乙联盟）", "丙支付 SDK(丁钱包)"]


def test_lead_in_sentence_before_the_records_is_no_row(tmp_path: Path) -> None:
    # The sentence introducing the list ends in a key-like clause ("…可能会收集你的个人信息:"): not a record.
    f = tmp_path / "sdk.md"
    f.write_text(
        "## 第三方SDK\n\n为实现推送功能,我们的应用中集成了以下第三方SDK,这些SDK可能会收集你的个人信息:\n\n"
        "### 极光推送SDK\n- **SDK名称**: 极光推送SDK\n- **服务提供方**: 深圳市和讯华谷信息技术有限公司\n"
        "- **收集的个人信息**: IMEI、OAID\n",
        encoding="utf-8",
    )
    assert [r.name for r in _rows(f)] == ["极光推送SDK"]


def test_partner_link_records_under_a_partner_lead(tmp_path: Path) -> None:
    # A partner page: a paragraph introducing partners, then "**Name**" + "Privacy Policy: [link](url)" per
    # partner. Without the lead-in the same lines are no records (a name with a link says nothing by itself).
    body = (
        "**Acme Ads**\nPrivacy Policy: [acme.example/privacy](https://acme.example/privacy)\n\n"
        "**Quuxly Media**\nPrivacy Policy: [quuxly.example/privacy](https://quuxly.example/privacy)\n"
    )
    f = tmp_path / "partners.md"
    lead = "# Opt out\n\nWe work with analytics and ad partners; see the links below.\n\n"
    f.write_text(lead + body, encoding="utf-8")
    rows = {r.name: r for r in _rows(f)}
    assert set(rows) == {"Acme Ads", "Quuxly Media"}
    assert rows["Acme Ads"].links == ("https://acme.example/privacy",) and rows["Acme Ads"].how == "kv-block"
    g = tmp_path / "plain.md"
    g.write_text("# Links\n\nUseful reading.\n\n" + body, encoding="utf-8")
    assert _rows(g) == []
    # The name and its link line as two paragraphs.
    h = tmp_path / "apart.md"
    h.write_text(lead + body.replace("**\nPrivacy", "**\n\nPrivacy"), encoding="utf-8")
    assert [r.name for r in _rows(h)] == ["Acme Ads", "Quuxly Media"]


def test_module_row_named_by_a_data_word_with_its_package_is_an_sdk_row(tmp_path: Path) -> None:
    # A framework module called "Contacts" with its Java package: an SDK table, not a table of data items.
    # The permissions its row names literally declare the types they are for.
    f = tmp_path / "modules.md"
    f.write_text(
        "### Contacts\n\n<table><tr><th>SDK名称</th><th>包名信息</th><th>使用的权限</th><th>涉及个人信息</th></tr>"
        "<tr><td>Contacts</td><td>io.example.feature.contacts</td>"
        "<td>android.permission.READ_CONTACTS<br>android.permission.ACCESS_FINE_LOCATION</td>"
        "<td>获取联系人信息</td></tr></table>\n",
        encoding="utf-8",
    )
    (row,) = _rows(f)
    assert row.name == "Contacts" and row.packages == ("io.example.feature.contacts",)
    assert set(row.data_types) == {"contacts", "location_precise"}
    assert row.quotes["location_precise"] == "android.permission.ACCESS_FINE_LOCATION"


def test_table_whose_first_column_is_titled_as_the_third_parties(tmp_path: Path) -> None:
    # "第三方服务 | 用途 | …": no "name" header; the column titled as the third parties names the rows,
    # also when a row is a described service rather than a product name.
    rows = _rows_in(
        tmp_path / "policy.md",
        "## 第三方服务\n\n| 第三方服务 | 用途 | 涉及数据 |\n|---|---|---|\n"
        "| 第三方 图像处理服务 | 生成效果图 | 照片 |\n| Firebase Analytics（Google） | 使用统计 | 匿名事件 |\n",
    )
    assert set(rows) == {"第三方 图像处理服务", "Firebase Analytics（Google）"}
    assert rows["Firebase Analytics（Google）"].sdk_id == "firebase-analytics"
    assert rows["第三方 图像处理服务"].purpose == "生成效果图"


def test_table_without_a_name_header_named_by_its_column_of_catalogue_names(tmp_path: Path) -> None:
    # "Service | Purpose | Data collected": no header says "name", but the first column holds known SDKs.
    rows = _rows_in(
        tmp_path / "policy.md",
        "## Services we use\n\n| Service | Purpose | Data collected |\n|---|---|---|\n"
        "| Firebase Crashlytics | Crash reporting | Device model |\n| Google AdMob | Ads | Advertising ID |\n\n"
        "## Cookies\n\n| Cookie | Purpose | Data collected |\n|---|---|---|\n| _sid | Session | Session ID |\n\n"
        # A remarks column that mentions vendors is no name column.
        "## 权限\n\n| 权限名称 | 备注 |\n|---|---|\n| android.permission.CAMERA | 仅华为推送渠道需要 |\n",
    )
    assert set(rows) == {"Firebase Crashlytics", "Google AdMob"}
    assert rows["Google AdMob"].data_types == ("gaid",) and rows["Google AdMob"].purpose == "Ads"


def test_records_led_by_a_provider_key_that_holds_the_sdk_name(tmp_path: Path) -> None:
    # "第三方名称：某SDK" starts each record under a list title: one row per record, named by that value;
    # a company in the same key is the provider and the line before names the SDK.
    rows = _rows_in(
        tmp_path / "sdk.txt",
        "第三方SDK共享清单\n\n第三方名称：友盟统计SDK\n使用目的：统计分析\n收集个人信息：IMEI\n\n"
        "第三方名称：某某推送SDK\n使用目的：消息推送\n收集个人信息：OAID\n\n"
        "1. 统计分析\n第三方名称：甲乙统计SDK\n使用目的：统计\n收集个人信息：设备型号\n\n"
        "极光推送SDK\n第三方名称：深圳市和讯华谷信息技术有限公司\n使用目的：推送\n收集个人信息：Android ID\n",
    )
    assert set(rows) == {"友盟统计SDK", "某某推送SDK", "甲乙统计SDK", "极光推送SDK"}
    assert rows["友盟统计SDK"].data_types == ("imei",) and rows["友盟统计SDK"].provider == ""
    assert rows["某某推送SDK"].data_types == ("oaid",)
    assert rows["极光推送SDK"].provider == "深圳市和讯华谷信息技术有限公司"


def test_a_name_key_qualified_by_a_provider_word_is_the_provider(tmp_path: Path) -> None:
    # "提供者名称" / "Provider name" name the company: each record keeps its SDK name from "第三方SDK名称".
    rows = _rows_in(
        tmp_path / "sdk.txt",
        "（六）第三方SDK接入情况\n"
        "第三方SDK名称：甲乙广告SDK\n\n提供者名称：北京甲乙网络技术有限公司\n\n使用目的：广告投放\n\n"
        "隐私政策详情：https://example.com/a\n\n\n"
        "第三方SDK名称：丙丁统计SDK\n\n提供者名称：上海丙丁科技有限公司\n\n使用目的：统计分析\n\n"
        "隐私政策详情：https://example.com/b\n\n"
        "SDK name: Foo Analytics SDK. Provider name: Foo Inc. Purpose: analytics.\n",
    )
    assert set(rows) == {"甲乙广告SDK", "丙丁统计SDK", "Foo Analytics SDK"}
    assert rows["甲乙广告SDK"].provider == "北京甲乙网络技术有限公司"
    assert rows["丙丁统计SDK"].provider == "上海丙丁科技有限公司"
    assert rows["Foo Analytics SDK"].provider == "Foo Inc"
    v = vocabulary.load()
    assert [r for r, _ in key_values("第三方SDK名称：甲SDK；提供者名称：甲公司；开发者名称：乙公司", v)] == [
        "name",
        "provider",
        "provider",
    ]


def test_platform_system_modules_are_no_sdk_rows(tmp_path: Path) -> None:
    # A HarmonyOS "third-party SDK and system capability" table: the system's own modules are no third party;
    # an ohpm package ("@ohos/hypium", with a slash) is.
    rows = _rows_in(
        tmp_path / "p.md",
        "### 第三方 SDK 与系统能力\n\n| 类型 | 名称 | 用途 | 数据处理 |\n|---|---|---|---|\n"
        "| 测试框架 | Hypium（@ohos/hypium） | 测试 | 无 |\n"
        "| 系统能力 | `@ohos.net.connection` | 网络状态监测 | 仅本地读取 |\n"
        "| 系统能力 | @kit.CameraKit | 扫码 | 不保存图像 |\n\n"
        "本应用使用以下第三方SDK：\n\n- @ohos.web.webview：用于展示页面\n- 友盟统计SDK：用于统计分析\n",
    )
    assert set(rows) == {"Hypium（@ohos/hypium）", "友盟统计SDK"}


def test_a_record_title_in_lenticular_brackets_names_the_sdk_without_them(tmp_path: Path) -> None:
    rows = _rows_in(
        tmp_path / "sdk.txt",
        "七、第三方SDK\n【极光推送SDK（JPush）】\n收集使用目的：消息推送\n收集个人信息类型：设备型号\n"
        "第三方机构名称：深圳市和讯华谷信息技术有限公司\n【甲乙统计SDK】\n收集使用目的：统计\n收集个人信息类型：IMEI\n"
        "第三方机构名称：甲乙公司\n",
    )
    assert set(rows) == {"极光推送SDK（JPush）", "甲乙统计SDK"}
    assert rows["极光推送SDK（JPush）"].sdk_id == "jpush" and rows["甲乙统计SDK"].data_types == ("imei",)


def test_records_whose_name_key_line_is_read_as_a_heading(tmp_path: Path) -> None:
    # "1. 产品名称：X" above its keys, in text laid out by lines, may be read as a heading: its key starts
    # the record (the row is X, not the line "产品名称：X" and not dropped).
    rows = _rows_in(
        tmp_path / "sdk.txt",
        "第三方SDK清单\n\n1. 产品名称：腾讯Bugly\n开发者：深圳市腾讯计算机系统有限公司\n"
        "涉及个人信息：设备型号、系统版本\n使用目的：崩溃分析\n官方链接：https://bugly.qq.com/v2/contract\n\n"
        "2. 产品名称：极光推送\n开发者：甲乙有限公司\n涉及个人信息：设备型号\n使用目的：消息推送\n",
    )
    assert set(rows) == {"腾讯Bugly", "极光推送"}
    assert rows["腾讯Bugly"].sdk_id == "bugly" and rows["腾讯Bugly"].provider == "深圳市腾讯计算机系统有限公司"
    assert rows["极光推送"].data_types == ("device_info",) and rows["极光推送"].how == "kv-block"


def test_a_name_line_above_an_unread_key_names_the_record(tmp_path: Path) -> None:
    # "功能/服务" is a key this module does not read; the record is still named by the line above it,
    # not described by that key line (the "Application: …" header-block rule is for blocks with no name line).
    f = tmp_path / "sdk.md"
    f.write_text(
        "第三方SDK目录如下：\n\n1、甲乙推送 SDK\n\n功能/服务：消息推送\n\n信息类型：设备型号\n\n官网链接：https://a.example/\n\n"
        "2、丙丁统计 SDK\n\n功能/服务：统计\n\n信息类型：IMEI\n\n官网链接：https://b.example/\n",
        encoding="utf-8",
    )
    kv = {r.name: r.data_types for r in _rows(f) if r.how == "kv-block"}
    assert kv == {"甲乙推送 SDK": ("device_info",), "丙丁统计 SDK": ("imei",)}


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("OpenAI、Anthropic、Google Gemini", ["OpenAI", "Anthropic", "Google Gemini"]),
        ("你配置的模型服务商，例如 OpenAI、Kimi、小米 MiMo，或你填写的任何兼容端点", ["OpenAI", "Kimi", "小米 MiMo"]),
        ("服务商登录（Google、xAI、OpenRouter）", ["Google", "xAI", "OpenRouter"]),
        ("语音服务商：字节跳动火山引擎、讯飞、ElevenLabs", ["字节跳动火山引擎", "讯飞", "ElevenLabs"]),
        ("Payment processors such as Stripe, PayPal", ["Stripe", "PayPal"]),
        ("极光推送", ["极光推送"]),
        ("百度地图/定位SDK", ["百度地图/定位SDK"]),  # one SDK with two functions
        ("腾讯移动推送SDK（TPNS移动推送 SDK、信鸽SDK）", ["腾讯移动推送SDK（TPNS移动推送 SDK、信鸽SDK）"]),  # aliases
        ("优量汇广告SDK；（腾讯广点通）", ["优量汇广告SDK；（腾讯广点通）"]),  # a name and its alias on two lines
        ("推送服务、统计服务", ["推送服务、统计服务"]),  # functions, not products
        ("设备型号、IMEI", ["设备型号、IMEI"]),
        # A bracket listing what one SDK contains: one SDK, not its parts.
        ("华为账号SDK（内含华为HMS、AGC）", ["华为账号SDK（内含华为HMS、AGC）"]),
        ("蜂鸟游戏SDK（含蜂鸟支付、蜂鸟登录）", ["蜂鸟游戏SDK（含蜂鸟支付、蜂鸟登录）"]),
        ("Quokka SDK (includes Quokka Pay, Quokka Login)", ["Quokka SDK (includes Quokka Pay, Quokka Login)"]),
    ],
)
def test_split_name_cell(cell: str, names: list[str]) -> None:
    assert split_name_cell(cell, vocabulary.load(), signatures.load()) == names


def test_a_name_cell_packing_several_providers_gives_a_row_each(tmp_path: Path) -> None:
    rows = _rows_in(
        tmp_path / "policy.md",
        "## 第三方服务\n\n| 服务商 | 用途 | 收集信息 |\n|---|---|---|\n"
        "| OpenAI、Anthropic、Google Gemini | 对话 | 对话内容、设备型号 |\n| 极光推送 | 推送 | IMEI |\n",
    )
    assert set(rows) == {"OpenAI", "Anthropic", "Google Gemini", "极光推送"}
    assert rows["Anthropic"].data_types == ("device_info",) and rows["Anthropic"].purpose == "对话"
    assert rows["OpenAI"].location == rows["Google Gemini"].location


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Product names the catalogue lacks, with one it knows: the first column names SDKs.
        (
            "## Services we use\n\n| Service | Purpose | Data collected |\n|---|---|---|\n"
            "| Supabase | Database | Email address |\n| RevenueCat | Purchases | Purchase history |\n"
            "| Firebase Crashlytics | Crashes | Crash logs |\n",
            {"Supabase", "RevenueCat", "Firebase Crashlytics"},
        ),
        # None of them known, under a third-party heading.
        (
            "## Third-party services\n\n| Service | Purpose | Data collected |\n|---|---|---|\n"
            "| Supabase | Database | Email address |\n| RevenueCat | Purchases | Purchase history |\n",
            {"Supabase", "RevenueCat"},
        ),
        (
            "## 第三方服务\n\n| 服务 | 用途 | 收集信息 |\n|---|---|---|\n"
            "| 蜂鸟统计SDK | 统计 | IMEI |\n| 云雀推送 | 推送 | OAID |\n",
            {"蜂鸟统计SDK", "云雀推送"},
        ),
        # Data categories and cookies are no SDKs.
        (
            "## What we collect\n\n| Category | Examples | Collected |\n|---|---|---|\n"
            "| Identifiers | Name, email | Yes |\n"
            "| Geolocation Data | Location | No |\n| Commercial Information | Purchases | Yes |\n",
            set(),
        ),
        ("## Cookies\n\n| Cookie | Purpose | Data |\n|---|---|---|\n| _ga | Analytics | Client ID |\n", set()),
    ],
)
def test_table_without_a_name_header_named_by_product_names(tmp_path: Path, text: str, names: set[str]) -> None:
    f = tmp_path / "policy.md"
    f.write_text(text, encoding="utf-8")
    assert {r.name for r in _rows(f)} == names


@pytest.mark.parametrize(
    ("name", "text", "names"),
    [
        (
            "policy.txt",
            "第三方SDK列表\nSDK名称\t提供方\t使用目的\t收集信息\n极光推送\t深圳市和讯华谷信息技术有限公司\t消息推送\tIMEI、OAID\n"
            "蜂鸟统计SDK\t蜂鸟科技有限公司\t统计分析\tAndroid ID\n",
            {"极光推送", "蜂鸟统计SDK"},
        ),
        (
            "policy.txt",
            "Third-party services\n\nName                 Purpose            Data collected\n"
            "-------------------  -----------------  ------------------\n"
            "Firebase Analytics   analytics          device model\nPostHog              product analytics\n",
            {"Firebase Analytics", "PostHog"},
        ),
        (
            "README.md",
            "## SDKs\n\n```\nSDK name        Purpose     Data\nQuokka SDK      ads         Advertising ID\n```\n",
            {"Quokka SDK"},
        ),
        # Sentences that hold two spaces are no table.
        ("policy.txt", "We collect your name.  We use data.\nWe keep it.  We delete it.\n", set()),
    ],
)
def test_plain_text_table_aligned_by_tabs_or_spaces(tmp_path: Path, name: str, text: str, names: set[str]) -> None:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    rows = {r.name: r for r in _rows(f)}
    assert set(rows) == names
    if "极光推送" in rows:
        assert rows["极光推送"].data_types == ("imei", "oaid") and rows["极光推送"].provider.startswith("深圳市")
        assert rows["极光推送"].purpose == "消息推送" and rows["极光推送"].location.startswith("policy.txt §(top) ")
    if "PostHog" in rows:
        assert rows["PostHog"].data_types == () and rows["Firebase Analytics"].data_types == ("device_info",)


@pytest.mark.parametrize(
    ("name_key", "provider_key"),
    [("第三方SDK名称", "SDK提供方"), ("插件名称", "服务商"), ("SDK名称", "提供者名称"), ("名称", "合作方")],
)
def test_records_of_one_list_with_unusual_keys(tmp_path: Path, name_key: str, provider_key: str) -> None:
    # The second record's name says nothing of an SDK: it is one because it follows the first in the same list.
    rows = _rows_in(
        tmp_path / "policy.txt",
        f"第三方SDK目录\n{name_key}：蜂鸟统计SDK\n{provider_key}：蜂鸟科技有限公司\n使用目的：统计分析\n收集信息：设备型号、IMEI\n\n"
        f"{name_key}：云雀推送\n{provider_key}：云雀科技有限公司\n使用目的：推送\n收集信息：Android ID\n",
    )
    assert set(rows) == {"蜂鸟统计SDK", "云雀推送"}
    assert rows["云雀推送"].provider == "云雀科技有限公司" and rows["云雀推送"].data_types == ("android_id",)
    assert rows["云雀推送"].how == "kv-block"


def test_a_key_value_block_after_a_paragraph_is_not_in_the_sdk_list(tmp_path: Path) -> None:
    rows = _rows_in(
        tmp_path / "policy.txt",
        "第三方SDK目录\nSDK名称：蜂鸟统计SDK\n使用目的：统计分析\n收集信息：IMEI\n\n"
        "如您对本政策有任何疑问，可以通过以下方式与我们联系，我们将在十五个工作日内回复您的请求。\n\n"
        "名称：某某客服中心\n使用目的：处理投诉\n",
    )
    assert set(rows) == {"蜂鸟统计SDK"}


def test_a_record_whose_name_key_lists_several_sdks_gives_a_row_each(tmp_path: Path) -> None:
    rows = _rows_in(
        tmp_path / "policy.txt",
        "广告服务\n使用的SDK：穿山甲SDK、优量汇SDK、蜂鸟广告SDK\n使用目的：广告投放\n收集信息：设备型号、IMEI、OAID\n",
    )
    assert set(rows) == {"穿山甲SDK", "优量汇SDK", "蜂鸟广告SDK"}
    assert all(r.purpose == "广告投放" and r.data_types == ("device_info", "imei", "oaid") for r in rows.values())


@pytest.mark.parametrize("kind", ["合作方类型", "第三方类别", "Partner type"])
def test_a_column_of_third_party_kinds_names_no_row(tmp_path: Path, kind: str) -> None:
    # "合作方类型 | … | 合作方名称": the kind column is no name; the name column holds product names.
    rows = _rows_in(
        tmp_path / "policy.md",
        f"## 第三方信息共享清单\n\n| {kind} | 合作目的 | 共享信息 | 合作方名称 |\n|---|---|---|---|\n"
        "| 广告 | 广告投放 | IMEI、OAID | 蜂鸟广告 |\n| 统计 | 统计分析 | 设备型号 | 云雀统计 |\n",
    )
    assert set(rows) == {"蜂鸟广告", "云雀统计"}
    assert rows["蜂鸟广告"].data_types == ("imei", "oaid") and rows["云雀统计"].purpose == "统计分析"


def test_sdk_table_described_by_key_values_inside_a_cell(tmp_path: Path) -> None:
    rows = _rows_in(
        tmp_path / "policy.md",
        "## 第三方SDK\n\n| SDK | 说明 |\n|---|---|\n"
        "| 蜂鸟统计SDK | 使用目的：统计分析；收集信息：设备型号、IMEI；第三方名称：蜂鸟科技有限公司 |\n"
        "| 云雀推送 | 使用目的：消息推送；收集信息：OAID |\n",
    )
    assert set(rows) == {"蜂鸟统计SDK", "云雀推送"}
    assert rows["蜂鸟统计SDK"].data_types == ("device_info", "imei") and rows["蜂鸟统计SDK"].purpose == "统计分析"
    assert rows["蜂鸟统计SDK"].provider == "蜂鸟科技有限公司" and rows["云雀推送"].data_types == ("oaid",)


def test_a_name_column_with_only_remarks_is_no_sdk_table(tmp_path: Path) -> None:
    f = tmp_path / "policy.md"
    f.write_text(
        "## 第三方SDK\n\n| SDK | 说明 |\n|---|---|\n| 蜂鸟统计SDK | 详见官网 |\n| 云雀推送 | 无 |\n", encoding="utf-8"
    )
    assert _rows(f) == []


@pytest.mark.parametrize(
    ("cell", "name", "company"),
    [
        ("深圳市腾讯计算机系统有限公司（微信SDK）", "微信SDK", "深圳市腾讯计算机系统有限公司"),
        ("Quokka Labs Inc. (Quokkalytics)", "Quokkalytics", "Quokka Labs Inc."),
        ("友盟+（友盟同欣（北京）科技有限公司）", "友盟+", "友盟同欣（北京）科技有限公司"),
        ("蜂鸟科技有限公司（北京）", "蜂鸟科技有限公司（北京）", ""),  # a place, not an SDK
    ],
)
def test_split_company_either_way_round(cell: str, name: str, company: str) -> None:
    assert split_company(cell) == (name, company)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "## 离开设备的数据\n\n| 目的地 | 发送的内容 | 何时 |\n|---|---|---|\n"
            "| **你配置的模型服务商**，例如 Quokka AI、WombatLM，或你填写的任何兼容端点 | 对话 | 每次请求 |\n"
            "| **服务商登录**（Quokka AI、NumbatID） | 令牌 | 登录时 |\n"
            "| **你添加的 MCP 服务器** | 工具调用 | 调用时 |\n"
            "| **你配置的备份目的地**（rclone 远端，如 SMB、WebDAV） | 备份 | 备份时 |\n"
            "| **GitHub** | 更新检查 | 手动 |\n",
            {"Quokka AI", "WombatLM", "NumbatID", "GitHub"},
        ),
        (
            "## Data we share\n\n| Data | Purpose | Shared with |\n|---|---|---|\n"
            "| Crash logs | Fixing bugs | Quokka Crash, Sentry |\n| Usage events | Analytics | PostHog |\n"
            "| Email | Support | Our support team |\n",
            {"Quokka Crash", "Sentry", "PostHog"},
        ),
        (
            "## Recipients\n\n| Recipient | Purpose |\n|---|---|\n| Payment processors | Payments |\n"
            "| Our own servers | Sync |\n",
            set(),
        ),
    ],
)
def test_data_flow_table_names_the_products_in_its_recipient_column(
    tmp_path: Path, text: str, names: set[str]
) -> None:
    f = tmp_path / "policy.md"
    f.write_text(text, encoding="utf-8")
    assert {r.name for r in _rows(f)} == names


def test_header_roles_sdk_qualifying_another_role_and_a_product_column() -> None:
    v = vocabulary.load()
    # "sdk链接" is the link column; "产品/类型" names the products when no other column does.
    assert column_roles(("产品/类型", "第三方公司名称", "使用目的", "共享方式", "sdk链接"), v) == {
        "name": 0,
        "provider": 1,
        "purpose": 2,
        "link": 4,
    }
    assert column_roles(("SDK厂商", "SDK"), v) == {"provider": 0, "name": 1}
    assert column_roles(("合作方类型", "合作方名称"), v) == {"provider": 1}


@pytest.mark.parametrize("cell", ["云服务提供商", "CDN 服务", "广告合作方", "支付机构"])
def test_kinds_of_providers_are_no_product_names(cell: str) -> None:
    from appaudit.policy.names import shaped_name

    assert not shaped_name(cell)


def test_name_cells_that_are_fragments_of_the_row_above_are_skipped(tmp_path: Path) -> None:
    # A Word export split a cell: the purpose's end and a bracketed purpose became name cells of their own.
    rows = _rows_in(
        tmp_path / "policy.md",
        "## 第三方SDK\n\n| SDK名称 | 收集信息 | 第三方名称 |\n|---|---|---|\n"
        "| JPUSH(用于推送消息） | MAC | 深圳市和讯华谷 |\n| 用于上传文件存储） | 文件 | 某某公司 |\n"
        "| （用于识别车牌信息） | 照片 | 某某公司 |\n| 蜂鸟统计SDK | IMEI | 蜂鸟科技 |\n",
    )
    assert set(rows) == {"JPUSH", "蜂鸟统计SDK"}  # the bracketed purpose is no part of the name (`clean_name`)


@pytest.mark.parametrize(
    "text",
    [
        # A Word table per SDK: keys in the first column.
        "## 第三方SDK目录\n\n| SDK名称 | 蜂鸟统计SDK |\n|---|---|\n| 第三方名称 | 蜂鸟科技有限公司 |\n"
        "| 使用目的 | 统计分析 |\n| 收集个人信息类型 | IMEI |\n\n"
        "| SDK名称 | 云雀推送SDK |\n|---|---|\n| 第三方名称 | 云雀网络有限公司 |\n"
        "| 使用目的 | 消息推送 |\n| 收集个人信息类型 | OAID |\n",
        # One column per SDK.
        "## 第三方SDK\n\n| SDK名称 | 蜂鸟统计SDK | 云雀推送SDK |\n|---|---|---|\n| 使用目的 | 统计分析 | 消息推送 |\n"
        "| 收集信息 | IMEI | OAID |\n",
    ],
)
def test_key_value_tables_one_sdk_per_value_column(tmp_path: Path, text: str) -> None:
    f = tmp_path / "policy.md"
    f.write_text(text, encoding="utf-8")
    rows = {r.name: r for r in _rows(f)}
    assert set(rows) == {"蜂鸟统计SDK", "云雀推送SDK"}
    assert rows["蜂鸟统计SDK"].data_types == ("imei",) and rows["云雀推送SDK"].purpose == "消息推送"


def test_a_table_of_data_items_is_no_key_value_table(tmp_path: Path) -> None:
    f = tmp_path / "policy.md"
    text = "## 信息\n\n| 信息名称 | 使用目的 |\n|---|---|\n| 设备型号 | 适配 |\n| IMEI | 统计 |\n"
    f.write_text(text, encoding="utf-8")
    assert _rows(f) == []


def test_a_table_without_a_header_row(tmp_path: Path) -> None:
    rows = _rows_in(
        tmp_path / "policy.html",
        "<html><body><h2>第三方SDK</h2><table>"
        "<tr><td>友盟统计SDK</td><td>统计分析</td><td>IMEI、OAID</td></tr>"
        "<tr><td>极光推送SDK</td><td>消息推送</td><td>Android ID</td></tr>"
        "<tr><td>蜂鸟统计SDK</td><td>统计</td><td>设备型号</td></tr></table>"
        "<h2>共享</h2><table><tr><td>情形</td><td>说明</td></tr><tr><td>获得明确同意</td><td>共享</td></tr>"
        "<tr><td>法律法规要求</td><td>披露</td></tr></table></body></html>",
    )
    assert set(rows) == {"友盟统计SDK", "极光推送SDK", "蜂鸟统计SDK"}
    assert rows["友盟统计SDK"].data_types == ("imei", "oaid") and rows["极光推送SDK"].purpose == "消息推送"


def test_the_collection_list_after_the_sdk_list_is_no_sdk_list(tmp_path: Path) -> None:
    # MIIT appendices: the SDK list, then the personal-information collection list with the same keys.
    rows = _rows_in(
        tmp_path / "policy.txt",
        "第三方SDK目录\n\n1. 蜂鸟统计\n使用目的：统计分析\n第三方名称：蜂鸟科技有限公司\n收集个人信息类型：OAID\n\n"
        "个人信息收集清单\n\n1. 注册登录\n使用目的：创建账号\n收集个人信息类型：手机号码\n\n"
        "2. 意见反馈\n使用目的：处理反馈\n收集个人信息类型：联系方式\n",
    )
    assert set(rows) == {"蜂鸟统计"}


@pytest.mark.parametrize("title", ["第三方SDK条款", "第三方SDK使用规则", "第三方SDK须知", "第三方SDK服务协议"])
def test_a_clause_titled_before_its_keys_is_no_record(tmp_path: Path, title: str) -> None:
    # "3.1.5 第三方SDK条款" / "第三方SDK类服务商：我们的产品中可能会包含…" titles a clause of the policy, not one SDK.
    rows = _rows_in(
        tmp_path / "policy.txt",
        f"隐私政策\n\n3.1.5 {title}\n\n第三方SDK类服务商：我们的产品中可能会包含第三方SDK，"
        "如您使用这类由第三方提供的服务时，您同意将由其直接收集和处理您的信息。\n",
    )
    assert rows == {}


def test_table_of_companies_with_their_services_in_brackets(tmp_path: Path) -> None:
    # "第三方名称" is the company; the service it gives is in brackets after it: one row per company row.
    from appaudit.policy.analyze import analyze

    f = tmp_path / "privacy.md"
    f.write_text(
        "## 9.1 第三方 SDK 目录\n\n本应用接入了下列第三方服务：\n\n"
        "| 第三方名称 | 使用目的 | 收集的个人信息类型 |\n| --- | --- | --- |\n"
        "| 某某地图软件有限公司（某某地图 SDK） | 地点搜索 | 位置信息 |\n"
        "| 某某云计算有限公司（短信服务） | 下发验证码 | 手机号码 |\n"
        "| 某某云计算有限公司（灵犀 / 千问，模型服务） | 智能助手 | 您输入的内容 |\n"
        "| 某某网络有限公司（北京分公司） | 客服 | 手机号码 |\n\n"
        "我们会把您输入的内容发送给模型服务商某某云灵犀处理。\n",
        encoding="utf-8",
    )
    rows = [r["name"] for r in analyze([f]).sections["policy"]["sdk_rows"]]
    assert "短信服务" in rows and "某某云计算有限公司（灵犀 / 千问，模型服务）" in rows
    assert not any("灵犀处理" in n or n == "某某云灵犀" for n in rows)  # the prose mention repeats the table row


def test_company_with_product_shape() -> None:
    from appaudit.policy.sdk_table import _company_with_product

    assert _company_with_product("阿里云计算有限公司（短信服务）")
    assert _company_with_product("Quokka Inc. (Quokka Maps)")
    assert not _company_with_product("某某有限公司（服务）")  # a generic word only
    assert not _company_with_product("某某地图软件有限公司")
    assert not _company_with_product("某某网络有限公司（北京分公司）")


@pytest.mark.parametrize("bullet", ["•", "·", "●", "▪"])
def test_name_lines_with_bulleted_key_value_records_and_no_sdk_cue(tmp_path: Path, bullet: str) -> None:
    """"1. 网易IP查询服务" then bulleted keys ("• 服务地址：…" unread, "• 提供方：…", "• 功能：…"), under a title
    that names no SDK: a record whose keys say who provides it and what for is a third party's record; the bullet
    is no name."""
    text = (
        "三、第三方网络服务\n\n"
        f"1. 蜂鸟IP查询服务\n   {bullet} 服务地址：api.fengniao.example\n   {bullet} 提供方：蜂鸟科技有限公司\n"
        f"   {bullet} 功能：获取当前设备的公网IP地址及归属地\n\n"
        f"2. Quokka Geo API\n   {bullet} 服务地址：api.quokka.example\n   {bullet} 提供方：Quokka Inc.\n"
        f"   {bullet} 功能：查询指定IP的地理位置信息\n"
    )
    rows = _rows_in(tmp_path / "p.txt", text)
    assert set(rows) == {"蜂鸟IP查询服务", "Quokka Geo API"}, rows
    assert rows["蜂鸟IP查询服务"].provider == "蜂鸟科技有限公司"


def test_a_key_value_record_without_a_provider_needs_an_sdk_cue(tmp_path: Path) -> None:
    """Keys of purpose and data alone ("信息名称 / 使用目的" of a data list) make no third party's record."""
    text = "三、我们收集的信息\n\n1. 设备信息\n   • 使用目的：展示设备信息\n   • 收集方式：系统接口\n"
    assert _rows_in(tmp_path / "p.txt", text) == {}


def test_an_english_record_key_of_several_words_stays_in_its_record(tmp_path: Path) -> None:
    """"### OpenAI Whisper API" / "- **Purpose**: …" / "- **Data Sent**: …" / "- **Privacy Policy**: …": a key this
    module does not read ("Data Sent") is part of the record, not a new name."""
    text = (
        "# Privacy Policy\n\n## Third-Party Services\n\n### Quokka Speech API\n- **Purpose**: Audio transcription\n"
        "- **Data Sent**: Audio segments only\n- **Privacy Policy**: [Quokka Privacy](https://quokka.example/privacy)\n"
    )
    rows = _rows_in(tmp_path / "p.md", text)
    assert set(rows) == {"Quokka Speech API"}, rows


def test_a_table_of_third_parties_named_by_services_list_names_or_their_companies(tmp_path: Path) -> None:
    """"| Service | Purpose | Data Shared |" under "relies on the following third parties:" with names of the
    services list, also as companies ("Supabase, Inc.", "Anthropic, PBC"): an SDK table; "PBC" is no name."""
    text = (
        "# Privacy Policy\n\nThe App relies on the following third parties:\n\n| Service | Purpose | Data Shared |\n"
        "|---|---|---|\n| **Anthropic, PBC** | AI text generation | Questions |\n"
        "| **Supabase, Inc.** | Database | Account data |\n| **Vercel** | Web hosting | IP address |\n"
    )
    rows = _rows_in(tmp_path / "p.md", text)
    assert set(rows) == {"Anthropic, PBC", "Supabase, Inc.", "Vercel"}, rows
    # Not without a title or lead-in naming third parties (a table of the app's own features).
    plain = "# Features\n\n| Service | Purpose | Data |\n|---|---|---|\n| Vercel | Hosting | none |\n"
    plain += "| Notes | x | y |\n"
    assert _rows_in(tmp_path / "q.md", plain) == {}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("| Third Party | Purpose | Privacy Policy |\n|---|---|---|\n"
         "| [Sentry](https://sentry.io) | Error tracking | [link](https://sentry.io/privacy) |\n"
         "| [Plausible](https://plausible.io) | Analytics | [link](https://plausible.io/privacy) |\n",
         {"Sentry", "Plausible"}),
        ("| Vendor | Data |\n|---|---|\n| Google Analytics (Google LLC) | Usage data |\n"
         "| Hotjar (Hotjar Ltd.) | Heatmaps |\n",
         {"Google Analytics", "Hotjar"}),
        ("| 合作方 | 用途 | 共享的信息 |\n|---|---|---|\n| 友盟统计 | 统计 | 设备信息 |\n"
         "| 极光推送 | 推送 | 设备标识符 |\n",
         {"友盟统计", "极光推送"}),
        # Companies in a recipient column without an SDK title: no product named.
        ("| 合作方 | 用途 |\n|---|---|\n| 深圳市某某科技有限公司 | 客服 |\n| 北京某某网络有限公司 | 物流 |\n", set()),
    ],
)
def test_a_recipient_column_of_known_products_names_the_rows(tmp_path: Path, text: str, names: set[str]) -> None:
    """A provider-role header ("Third Party", "Vendor", "合作方") whose cells are mostly known products names the
    rows, without an SDK title above the table."""
    rows = _rows_in(tmp_path / "p.md", f"# Privacy Policy\n\n{text}")
    assert {n.split(" (")[0] for n in rows} == names, rows


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # The MIIT sharing-list template written as key lines: the company key first, the product under
        # "产品/类型" (Simplified and Traditional), one record after another.
        (
            "接入第三方SDK说明\n第三方名称：蜂鸟科技有限公司\n产品/类型：蜂鸟号码认证SDK\n使用目的：一键登录\n"
            "收集个人信息：手机号码\n\n第三方名称：云雀信息技术有限公司\n产品/类型：云雀推送\n使用目的：消息推送\n"
            "共享信息：设备标识\n",
            {"蜂鸟号码认证SDK", "云雀推送"},
        ),
        (
            "第三方SDK清單\n合作方名稱：蜂鳥科技有限公司\n產品類型：蜂鳥統計SDK\n使用目的：統計分析\n收集個人信息：設備標識\n",
            {"蜂鳥統計SDK"},
        ),
        # A key table with the product row and no name row.
        (
            "## 第三方SDK\n\n| 第三方名称 | 蜂鸟科技有限公司 |\n|---|---|\n| 产品/类型 | 蜂鸟地图SDK |\n"
            "| 使用目的 | 地图展示 |\n| 收集个人信息 | 位置信息 |\n",
            {"蜂鸟地图SDK"},
        ),
        # A kind in the product key names no product: the name key or nothing.
        (
            "第三方SDK目录\n第三方名称：蜂鸟科技有限公司\n产品/类型：SDK\n使用目的：统计分析\n收集个人信息：设备标识\n",
            set(),
        ),
        (
            "第三方SDK目录\nSDK名称：蜂鸟统计SDK\n产品类型：统计类\n使用目的：统计分析\n收集个人信息：设备标识\n",
            {"蜂鸟统计SDK"},
        ),
    ],
)
def test_product_key_names_the_record_without_a_name_key(tmp_path: Path, text: str, names: set[str]) -> None:
    f = tmp_path / ("policy.md" if text.startswith("##") else "policy.txt")
    f.write_text(text, encoding="utf-8")
    assert {r.name for r in _rows(f)} == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Keys in brackets, one record after another (Simplified and Traditional).
        (
            "隐私政策\n\n第三方SDK列表\n\n【SDK名称】蜂鸟推送SDK\n【使用目的】消息推送\n【收集信息】设备标识\n\n"
            "【SDK名称】云雀统计SDK\n【使用目的】统计分析\n【收集信息】设备标识\n\n结束。\n",
            {"蜂鸟推送SDK", "云雀统计SDK"},
        ),
        (
            "隐私政策\n\n第三方SDK列表\n\n【SDK名稱】蜂鳥推送SDK\n【使用目的】消息推送\n【收集信息】設備標識\n\n結束。\n",
            {"蜂鳥推送SDK"},
        ),
        # A bracketed name over its keys stays the name ("【QuickSDK】" is no key though it ends with "SDK").
        (
            "隐私政策\n\n第三方SDK列表\n\n【蜂鸟SDK】\n使用目的：渠道分发\n收集个人信息：设备标识\n第三方机构名称：蜂鸟科技有限公司\n\n结束。\n",
            {"蜂鸟SDK"},
        ),
    ],
)
def test_keys_in_brackets(tmp_path: Path, text: str, names: set[str]) -> None:
    assert set(_rows_in(tmp_path / "policy.txt", text)) == names


def test_bracket_key_values() -> None:
    v = vocabulary.load()
    assert key_values("【SDK名称】蜂鸟推送SDK 【使用目的】消息推送【收集信息】设备标识", v) == [
        ("name", "蜂鸟推送SDK"), ("purpose", "消息推送"), ("data", "设备标识"),
    ]
    assert key_values("【重要提示】请阅读本政策", v) == []


def test_a_table_of_companies_gives_the_products_each_row_names(tmp_path: Path) -> None:
    # A recipients table, one company a row: the products a row's cell names are rows (the company their
    # provider), a cell that is one product name is that product, a company naming none is a row by its name.
    rows = _rows_in(
        tmp_path / "policy.md",
        "# Privacy\n\n## 3. Processors and sharing\n\n| Processor | Role |\n|------|------|\n"
        "| Google LLC | Sign-in and accounts (Firebase Authentication); push (FCM); ads (AdMob) |\n"
        "| Apple Inc. | Sign in with Apple |\n"
        "| Wombat, Inc. | Storage and delivery of some older photos. |\n",
    )
    assert set(rows) == {"Firebase Authentication", "FCM", "AdMob", "Sign in with Apple", "Wombat"}
    assert rows["AdMob"].provider == "Google LLC"
    assert rows["Wombat"].how == "table"


@pytest.mark.parametrize(
    "text",
    [
        # Not companies in the first column: categories of recipients.
        "| Recipient | Purpose |\n|---|---|\n| Hosting providers | Storage |\n| Analytics partners | Usage data |\n",
        # Not a recipients table: data categories.
        "| Data | Purpose |\n|---|---|\n| Email | Account |\n| Device ID | Ads |\n",
    ],
)
def test_tables_of_categories_are_no_company_rows(tmp_path: Path, text: str) -> None:
    assert not _rows_in(tmp_path / "policy.md", "# Privacy\n\n## Sharing\n\n" + text)


def test_a_data_flow_tables_processed_by_column_names_its_products(tmp_path: Path) -> None:
    rows = _rows_in(
        tmp_path / "policy.md",
        "| Data | Why | Processed by |\n|---|---|---|\n"
        "| Order number and purchase token | To deliver your purchases | Google Play Billing |\n"
        "| Your player ID | To restore progress | Google Play Games, Firebase Authentication |\n"
        "| Settings | To keep preferences | On your device only |\n",
    )
    assert set(rows) == {"Google Play Billing", "Google Play Games", "Firebase Authentication"}


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "policy.txt",
            "Third-party SDK list\n\nQuokka Analytics\nMeasures how the app is used.\nProvider: Quokka Inc.\n"
            "Data collected: device model, app usage\nPrivacy policy: https://quokka.example/privacy\n\n"
            "Wombat Crash\nReports crashes so we can fix them.\nProvider: Wombat Ltd.\nData collected: crash logs\n",
        ),
        (
            "policy.html",
            "<html><body><h2>Third-party SDKs</h2><p>Quokka Analytics</p><p>Measures how the app is used.</p>"
            "<p>Provider: Quokka Inc.</p><p>Data collected: device model, app usage</p>"
            "<p>Wombat Crash</p><p>Reports crashes so we can fix them.</p><p>Provider: Wombat Ltd.</p>"
            "<p>Data collected: crash logs</p></body></html>",
        ),
    ],
)
def test_an_sdk_list_of_title_description_and_key_lines_is_named_by_the_title(
    tmp_path: Path, name: str, text: str
) -> None:
    # Each record: a title line, a description sentence, then "Key: value" lines; the title names it.
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    doc = load(path)
    v, cat = vocabulary.load(), signatures.load()
    rows = {r.name: r for r in paragraph_rows(doc, v, cat)}
    assert set(rows) == {"Quokka Analytics", "Wombat Crash"}
    assert rows["Quokka Analytics"].provider.startswith("Quokka Inc")
    assert "usage_log" in rows["Quokka Analytics"].data_types


def test_an_sdk_list_whose_field_keys_have_no_colon(tmp_path: Path) -> None:
    # A page that sets each key and its value in two elements: the reader joins them with a space ("Provider
    # Quokka Labs"); a title line and a description ending with the version come before the fields.
    text = (
        "<html><body><h2>Third-Party SDK List</h2><p>The app uses the following third-party SDKs:</p>"
        + "".join(
            f"<div><span>{emoji}</span><h3>{name}</h3><p>{desc} · v1.2.3</p>"
            f'<div><span class="label">Provider</span> <span>{maker}</span></div>'
            '<div><span class="label">Usage Purpose</span> <span>Loads images</span></div>'
            '<div><span class="label">License</span> <span>MIT License</span></div>'
            f'<div><span class="label">Project URL</span> <span>github.com/q/{name}</span></div></div>'
            for emoji, name, desc, maker in (
                ("🌐", "QuokkaNet", "Swift HTTP Network Library", "Quokka Labs"),
                ("🖼️", "WombatImage", "Image Loading Library", "Wombat Wang"),
            )
        )
        + "</body></html>"
    )
    path = tmp_path / "sdk.html"
    path.write_text(text, encoding="utf-8")
    rows = {r.name: r for r in _rows(path)}
    assert set(rows) == {"QuokkaNet", "WombatImage"}, set(rows)
    assert rows["QuokkaNet"].provider == "Quokka Labs"


@pytest.mark.parametrize(
    "name",
    ["系统定位", "系統相冊", "手机自带相机", "Android系统", "iOS 系统推送", "鸿蒙系统", "HarmonyOS", "系统通知服务"],
)
def test_the_phones_own_system_is_no_sdk(name: str) -> None:
    assert is_platform_api(name)


@pytest.mark.parametrize("name", ["系统定位SDK", "华为推送", "友盟统计SDK", "鸿蒙推送Kit", "设备信息采集SDK"])
def test_a_product_named_after_a_system_capability_is_still_one(name: str) -> None:
    assert not is_platform_api(name)


def test_a_system_capability_row_in_an_sdk_table_gives_no_row(tmp_path: Path) -> None:
    rows = _rows_in(
        tmp_path / "p.md",
        "第三方SDK目录\n\n| SDK名称 | 第三方名称 | 使用目的 | 收集的个人信息 |\n|---|---|---|---|\n"
        "| 友盟统计SDK | 友盟同欣（北京）科技有限公司 | 统计 | 设备标识 |\n"
        "| 系统定位 | Android系统 | 定位 | 位置信息 |\n"
        "| 系統相冊 | iOS系統 | 選擇頭像 | 照片 |\n",
    )
    assert set(rows) == {"友盟统计SDK"}


@pytest.mark.parametrize(
    "text",
    [
        "第三方SDK清单 蜂鸟统计SDK 使用目的：统计分析 收集信息：设备型号 第三方主体：蜂鸟科技有限公司 云雀推送SDK "
        "使用目的：消息推送 收集信息：设备标识符 第三方主体：云雀网络有限公司 白鹭地图SDK 使用目的：定位 "
        "收集信息：经纬度 第三方主体：白鹭软件有限公司\n",
        "第三方SDK清單 蜂鳥統計SDK 使用目的：統計分析 收集資訊：設備型號 第三方主體：蜂鳥科技有限公司 雲雀推送SDK "
        "使用目的：消息推送 收集資訊：設備標識符 第三方主體：雲雀網絡有限公司 白鷺地圖SDK 使用目的：定位 "
        "收集資訊：經緯度 第三方主體：白鷺軟件有限公司\n",
    ],
)
def test_records_run_together_are_split_at_the_name_ending_a_value(tmp_path: Path, text: str) -> None:
    rows = _rows_in(tmp_path / "p.txt", text)
    names = sorted(n for n in rows if n.endswith("SDK"))
    assert len(names) == 3 and all(" " not in n and "公司" not in n for n in names), sorted(rows)
    assert any(n.startswith(("蜂鸟", "蜂鳥")) for n in names)


def test_a_value_ending_in_a_plain_word_starts_no_record(tmp_path: Path) -> None:
    text = (
        "蜂鸟统计SDK 使用目的：统计分析 收集信息：设备型号 第三方主体：蜂鸟科技有限公司 隐私政策：见官网 "
        "使用目的：补充说明\n"
    )
    assert sorted(_rows_in(tmp_path / "p.txt", text)) == ["蜂鸟统计SDK"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # The product column gives only a kind: the company column names the row (Simplified and Traditional).
        (
            "## 第三方共享清单\n\n| 第三方公司名称 | 产品/类型 | 共享信息名称 | 使用目的 |\n|---|---|---|---|\n"
            "| 蜂鸟科技 | 框架SDK | 相机 | 拍照上传 |\n| 云雀天气 | 云服务 | 位置信息 | 天气预报 |\n",
            {"蜂鸟科技", "云雀天气"},
        ),
        (
            "## 第三方共享清單\n\n| 第三方公司名稱 | 產品/類型 | 共享資訊名稱 | 使用目的 |\n|---|---|---|---|\n"
            "| 星河地图 | 统计类 | 设备标识 | 统计分析 |\n",
            {"星河地图"},
        ),
        # A product named by its function is kept ("号码认证SDK"), and so is a brand.
        (
            "## 第三方SDK清单\n\n| 第三方公司名称 | 产品/类型 | 共享信息名称 | 使用目的 |\n|---|---|---|---|\n"
            "| 某某云计算有限公司 | 号码认证SDK | 手机号码 | 一键登录 |\n"
            "| 蜂鸟科技 | 蜂鸟推送SDK | 设备标识 | 推送 |\n",
            {"号码认证SDK", "蜂鸟推送SDK"},
        ),
    ],
)
def test_a_kind_in_the_product_column_leaves_the_row_to_its_company(
    tmp_path: Path, text: str, names: set[str]
) -> None:
    assert set(_rows_in(tmp_path / "p.md", text)) == names


def test_one_sdk_repeated_per_permission_is_one_row(tmp_path: Path) -> None:
    """A table that repeats its SDK on a row per permission ("mono | 框架SDK | 相机", "… | 录音") lists one SDK:
    one row with every row's data, at the first row."""
    text = (
        "## 框架SDK共享清单\n\n| 第三方公司名称 | 产品/类型 | 共享信息名称 | 使用目的 |\n|---|---|---|---|\n"
        "| 蜂鸟框架 | 框架SDK | 相机 | 拍照上传 |\n| 蜂鸟框架 | 框架SDK | 录制音频 | 语音笔记 |\n"
        "| 蜂鸟框架 | 框架SDK | 读取联系人 | 联系人片段 |\n"
    )
    f = tmp_path / "p.md"
    f.write_text(text, encoding="utf-8")
    rows = _rows(f)
    assert [r.name for r in rows] == ["蜂鸟框架"]
    assert set(rows[0].data_types) == {"camera", "microphone", "contacts"}
    assert rows[0].location.endswith("row 1")
    assert "拍照上传" in rows[0].purpose and "语音笔记" in rows[0].purpose
    # Two SDKs of one table stay two rows.
    two = text + "| 云雀推送 | 推送SDK | 设备标识 | 推送 |\n"
    assert [r.name for r in _rows_in(tmp_path / "q.md", two).values()] == ["蜂鸟框架", "云雀推送"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A Chinese recipient column of companies under a third-party title: each company's products, its own
        # name when it names none; another row's recipient named in a row ("Quokka 底层的云") is not its product.
        (
            "## 第三方服务\n\n| 供應商 | 用途 | 會接觸到的資料 |\n|---|---|---|\n"
            "| Supabase, Inc. | 后端平台 | 电子邮件 |\n"
            "| Amazon Web Services（东京） | Supabase 底层的云端设施 | 同上 |\n"
            "| Apple Inc. | Sign in with Apple | 电子邮件 |\n| Google LLC | 账号登录 | 电子邮件、姓名 |\n",
            {"Supabase", "Amazon Web Services", "Sign in with Apple", "Google"},
        ),
        # Mostly known services: the recipient column names the rows as written.
        (
            "## 第三方服务\n\n| 供应商 | 用途 | 会接触到的资料 |\n|---|---|---|\n"
            "| Supabase, Inc. | 后端平台 | 电子邮件 |\n| Resend | 发送验证码邮件 | 电子邮件地址 |\n",
            {"Supabase, Inc.", "Resend"},
        ),
    ],
)
def test_a_chinese_recipient_table_of_companies(tmp_path: Path, text: str, names: set[str]) -> None:
    assert {n.split("（")[0] for n in _rows_in(tmp_path / "p.md", text)} == names


@pytest.mark.parametrize(
    ("header", "names"),
    [
        ("| 服務 | 提供者 | 用途 | 可能取得的資料 |", {"Quokka Maps", "Cloudflare"}),
        ("| Service | Provider | Purpose | Data |", {"Quokka Maps", "Cloudflare"}),
        ("| 工具 | 提供方 | 用途 | 数据 |", {"Quokka Maps", "Cloudflare"}),
    ],
)
def test_a_first_column_titled_as_the_things_beside_a_provider_names_the_rows(
    tmp_path: Path, header: str, names: set[str]
) -> None:
    """"服务 | 提供者": the services are the rows, their companies the providers."""
    text = (
        f"## 第三方服務\n\n{header}\n|---|---|---|---|\n| Quokka Maps | Quokka Geo LLC | 地圖顯示 | 座標 |\n"
        "| Cloudflare | Cloudflare, Inc. | 託管網頁 | IP 位址 |\n"
    )
    rows = _rows_in(tmp_path / "p.md", text)
    assert set(rows) == names
    assert rows["Quokka Maps"].provider == "Quokka Geo LLC"


@pytest.mark.parametrize(
    ("rows_md", "names"),
    [
        # A kind of recipient in the name column is no SDK; named recipients stay rows.
        (
            "| 微信支付 | 支付 | 订单信息 |\n| 顺丰速运 | 配送 | 收件人地址 |\n| 合作商家 | 履约 | 订单信息 |\n"
            "| 入驻商户 | 售后 | 手机号 |\n",
            {"微信支付", "顺丰速运"},
        ),
        ("| 顺丰速运 | 配送 | 收件人地址 |\n| 第三方物流服务商 | 配送 | 地址 |\n", {"顺丰速运"}),
        # A note in the name column ("说明：…", "注：…") is no row.
        ("| 友盟+ | 统计 | 设备信息 |\n| 说明：以上SDK均为必要SDK | | |\n| 注：详见各SDK隐私政策 | | |\n", {"友盟+"}),
    ],
)
def test_kinds_of_recipients_and_notes_in_the_name_column_are_no_rows(
    tmp_path: Path, rows_md: str, names: set[str]
) -> None:
    text = f"## 第三方SDK及共享清单\n\n| 共享对象 | 共享目的 | 共享信息 |\n|---|---|---|\n{rows_md}"
    assert set(_rows_in(tmp_path / "p.md", text)) == names


@pytest.mark.parametrize(
    "cell", ["GitHub, Inc.（Microsoft）", "GitHub, Inc. (Microsoft)", "Quokka Maps, LLC（Google）"]
)
def test_a_parent_company_in_brackets_after_a_legal_form_is_one_name(tmp_path: Path, cell: str) -> None:
    text = f"## 第三方服务\n\n| 第三方名称 | 用途 |\n|---|---|\n| {cell} | 检查更新 |\n| Sentry | 错误监控 |\n"
    assert set(_rows_in(tmp_path / "p.md", text)) == {cell, "Sentry"}


@pytest.mark.parametrize("sep", [".", "、"])
def test_numbered_records_read_as_nested_headings_are_siblings(tmp_path: Path, sep: str) -> None:
    """Records titled "1.云雀推送", "2.蜂鸟地图", … with "key：value" lines: each its row, also when the loader
    nests each title under the one before (numbered alike, read one level deeper)."""
    text = (
        "# 隐私政策\n\n## 附录：第三方信息共享清单\n\n"
        f"1{sep}云雀推送\n功能：推送\n个人信息：设备标识\n第三方：云雀信息技术有限公司\n\n"
        f"2{sep}蜂鸟地图\n功能：地图\n个人信息：位置信息\n第三方：蜂鸟科技有限公司\n\n"
        f"3{sep}星河统计\n功能：统计\n个人信息：设备型号\n第三方：星河数据有限公司\n"
    )
    assert set(_rows_in(tmp_path / "p.md", text)) == {"云雀推送", "蜂鸟地图", "星河统计"}


@pytest.mark.parametrize(
    ("first", "names"),
    [
        ("服务", {"个推", "高德", "一键登录SDK"}),
        # A purpose header: the provider column names every row.
        ("功能", {"个推", "高德", "中国移动"}),
    ],
)
def test_a_function_in_the_name_column_leaves_the_row_to_its_provider(
    tmp_path: Path, first: str, names: set[str]
) -> None:
    """"消息推送 | 个推": the first column says what is done, the provider column who does it (the row); an SDK
    named by its function ("一键登录SDK") keeps its name."""
    text = (
        f"## 第三方服务\n\n| {first} | 提供方 | 用途 |\n|---|---|---|\n| 消息推送 | 个推 | 推送通知 |\n"
        "| 地图定位 | 高德 | 定位 |\n| 一键登录SDK | 中国移动 | 登录 |\n"
    )
    assert set(_rows_in(tmp_path / "p.md", text)) == names


@pytest.mark.parametrize("header", ["Entity Name", "Vendor name", "Company / Name", "Processor Legal Name"])
def test_recipients_table_titled_by_name_field(tmp_path: Path, header: str) -> None:
    """A subprocessor table whose first column is titled by its field ("Entity Name") lists recipients by their
    legal names: each company is a row; a column of what they do ("Cloud-based ETL") names no product."""
    rows = _rows_in(
        tmp_path / "p.md",
        "## Subprocessors\n\n"
        f"| {header} | Processing Activities | Location |\n| --- | --- | --- |\n"
        "| Quokka Hosting, Inc. | Cloud infrastructure | United States |\n"
        "| Numbat Mail, LLC | Transactional email | Ireland |\n"
        "| Bilby Pipes, Inc. | Cloud-based ETL | United States |\n",
    )
    assert {"Quokka Hosting", "Numbat Mail", "Bilby Pipes"} <= rows.keys()
    assert "Cloud-based ETL" not in rows and "United States" not in rows


def test_name_column_of_data_items_is_no_recipients_table(tmp_path: Path) -> None:
    """A "Data name | Purpose" table is not a table of recipients: its first column is no company header."""
    rows = _rows_in(
        tmp_path / "p.md",
        "## What we collect\n\n| Data name | Purpose |\n| --- | --- |\n"
        "| Email address | Login |\n| Device model | Support |\n",
    )
    assert not rows


def _analyzed(path: Path, text: str) -> dict[str, dict[str, object]]:
    """The merged rows analyze() reports for a policy written to `path`, by name."""
    from appaudit.policy.analyze import analyze

    path.write_text(text, encoding="utf-8")
    return {r["name"]: r for r in analyze([path]).sections["policy"]["sdk_rows"]}


def _numbered_records(num: str, colon: str, blank: bool) -> str:
    records = [("蜂鸟统计", "统计分析使用情况", "设备型号、OAID"), ("云雀推送", "向您推送消息", "Android ID")]
    sep = "\n\n" if blank else "\n"
    return "\n\n".join(
        sep.join((num.format(i=i) + name, f"使用目的{colon}{purpose}", f"收集个人信息{colon}{data}"))
        for i, (name, purpose, data) in enumerate(records, 1)
    )


@pytest.mark.parametrize(
    ("num", "colon", "blank", "suffix"),
    [
        ("{i}、", "：", False, "md"),
        ("{i}、", "：", True, "txt"),
        ("（{i}）", ":", False, "txt"),
        ("({i})", "：", True, "md"),
        ("{i})", ":", True, "md"),
        ("{i}．", "：", False, "txt"),
        ("{i}. ", "：", False, "md"),
        ("{i}.", ":", True, "txt"),
    ],
)
@pytest.mark.parametrize(
    "lead", ["我们接入了以下第三方SDK：", "本应用集成的第三方SDK：", "为实现上述功能，我们在应用中嵌入了下列SDK："]
)
def test_numbered_records_after_an_sdk_lead_in_ending_like_a_key(
    tmp_path: Path, num: str, colon: str, blank: bool, suffix: str, lead: str
) -> None:
    """A lead-in sentence ending in "SDK：" (a person or a verb in it) in a section about sharing is the title
    of the records below, not an empty name key: each numbered title line with its field lines is a row,
    whatever the numbering, colons and blank lines."""
    records = _numbered_records(num, colon, blank)
    text = f"# 隐私政策\n\n## 三、我们如何共享您的信息\n\n{lead}\n\n{records}\n\n## 四、其他\n\n正文。\n"
    rows = _analyzed(tmp_path / f"p.{suffix}", text)
    assert set(rows) == {"蜂鸟统计", "云雀推送"}, rows
    assert rows["云雀推送"]["data_types"] == ["android_id"]


@pytest.mark.parametrize("line", ["蜂鸟统计SDK：", "SDK："])
def test_a_name_key_without_value_is_still_a_key(line: str) -> None:
    # A record's title written as its name key ("蜂鸟统计SDK：" over its fields) stays a key.
    assert key_values(line, vocabulary.load()) == [("name", "")]
    assert key_values("我们使用的SDK名称：蜂鸟统计", vocabulary.load()) == [("name", "蜂鸟统计")]


@pytest.mark.parametrize(
    ("title", "suffix"),
    [
        ("1、蜂鸟统计（蜂鸟科技有限公司）", "md"),
        ("（1）蜂鸟统计(蜂鸟科技有限公司)", "txt"),
        ("1. Quokka Maps (Quokka Labs Inc.)", "md"),
    ],
)
def test_numbered_record_titled_with_its_company_in_brackets(tmp_path: Path, title: str, suffix: str) -> None:
    """A record title naming its company in brackets over purpose and data keys is a third party's record
    without any SDK word around it: the title names who provides it, as a provider key does."""
    fields = "使用目的：统计分析\n收集个人信息：设备型号"
    text = f"## 三、我们如何共享您的信息\n\n{title}\n{fields}\n\n## 四、其他\n\n正文。\n"
    rows = _analyzed(tmp_path / f"p.{suffix}", text)
    assert len(rows) == 1, rows
    ((name, row),) = rows.items()
    assert name in ("蜂鸟统计", "Quokka Maps") and row["provider"], row


@pytest.mark.parametrize(
    "text",
    [
        # The app's own functions, numbered with their purpose and data: no third party named.
        "## 二、我们如何收集信息\n\n1、账号注册\n使用目的：创建账号\n收集个人信息：手机号码\n\n"
        "2、客服反馈\n使用目的：处理反馈\n收集个人信息：联系方式\n",
        # "Operated by …" is a sentence about the heading's product, not a title with its company.
        "## 12. Ads\n\n### 12a. Quokka Ads\n\nOperated by Quokka Labs Inc.\n\nMay collect: IP address.\n\n"
        "Privacy policy: https://quokka.example/privacy\n",
    ],
)
def test_numbered_records_of_no_third_party_give_no_extra_row(tmp_path: Path, text: str) -> None:
    rows = _analyzed(tmp_path / "p.md", text)
    assert not ({"账号注册", "客服反馈", "Operated"} & rows.keys()), rows


@pytest.mark.parametrize(
    ("suffix", "text"),
    [
        (
            "md",
            "## 第三方服务\n\n我们与以下服务商共享必要信息：\n\n- **Sentry**：崩溃分析\n  - 隐私政策：https://sentry.example/p\n"
            "- **Mixpanel**：使用统计\n  - 隐私政策：https://mixpanel.example/p\n"
            "- **Google AdMob**：展示广告\n  - 隐私政策：https://admob.example/p\n",
        ),
        (
            "md",
            "## Service providers\n\nWe share data with these providers:\n\n- **Sentry**: crash reports\n"
            "  - Privacy policy: https://sentry.example/p\n- **Mixpanel**: usage statistics\n"
            "  - Privacy policy: https://mixpanel.example/p\n- **Google AdMob**: ads\n"
            "  - Privacy policy: https://admob.example/p\n",
        ),
    ],
)
def test_product_title_lines_with_a_description_over_their_keys(tmp_path: Path, suffix: str, text: str) -> None:
    """"Name：description" over a nested key line: the name is the product before the colon, and a one-word
    product ("Sentry：…") starts its own record instead of passing for a key the reader does not know."""
    rows = _analyzed(tmp_path / f"p.{suffix}", text)
    assert set(rows) == {"Sentry", "Mixpanel", "Google AdMob"}, rows
    assert all("admob" not in link for link in rows["Mixpanel"]["links"]), rows["Mixpanel"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "## 5.1 第三方服务\n\n| 服务 | 用途 | 共享的数据 |\n|---|---|---|\n| **Wombat Cloud** | 同步 | 您的数据 |\n"
            "| **quokkaweather.io**（可选） | 天气查询 | 城市名称 |\n| **Numbat Maps**(optional) | 地图 | 位置 |\n",
            {"Wombat Cloud", "quokkaweather.io", "Numbat Maps"},
        ),
        (
            "## 第三方SDK\n\n| SDK名称 | 用途 | 收集信息 |\n|---|---|---|\n| 蜂鸟推送SDK | 推送 | 设备标识 |\n"
            "| 统计类SDK（如有） | 统计 | 设备信息 |\n",
            {"蜂鸟推送SDK"},
        ),
    ],
)
def test_optional_mark_after_a_product_is_no_part_of_its_name(tmp_path: Path, text: str, names: set[str]) -> None:
    """"（可选）" / "(optional)" after a product or a host says when it is used, not what it is: the row is named
    without it. After a kind ("统计类SDK（如有）") it still marks no product."""
    assert set(_analyzed(tmp_path / "p.md", text)) == names


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Quokka Push（用于推送消息）", "Quokka Push"),
        ("Wombat Sign In（iOS 用户）", "Wombat Sign In"),
        ("Numbat Cloud (Optional Cloud Sync)", "Numbat Cloud"),
        ("Bilby Pay SDK(仅Android)", "Bilby Pay SDK"),
        ("Quokka Maps (Quokka Labs)", "Quokka Maps (Quokka Labs)"),  # an alias or maker stays as written
    ],
)
def test_brackets_saying_what_for_or_where_only_are_no_part_of_a_name(written: str, name: str) -> None:
    assert clean_name(written) == name


def test_hosts_in_a_destination_column_are_rows(tmp_path: Path) -> None:
    # A data-flow table titled by where data goes: a host there ("quokka.dev") is a destination as a name is.
    text = (
        "## 3. 离开设备的数据\n\n| 目的地 | 发送的数据 | 何时 |\n|---|---|---|\n"
        "| **Wombat AI** | 对话内容 | 发送消息时 |\n| **quokka.dev** | 公开模型元数据请求 | 刷新目录时 |\n"
        "| **你配置的备份目的地** | 备份文件 | 备份时 |\n"
    )
    assert set(_analyzed(tmp_path / "p.md", text)) == {"Wombat AI", "quokka.dev"}


@pytest.mark.parametrize(
    ("suffix", "header"),
    [
        ("md", "**App Name:** Quokka Notes  \n**Package Name:** com.quokka.notes  \n**Developer:** Quokka Team\n"),
        ("txt", "App Name: Quokka Notes Package Name: com.quokka.notes Developer: Quokka Team\n"),
        ("html", "<p>Application Name: Quokka Notes<br>Package Name: com.quokka.notes<br>Developer: Quokka Team</p>"),
        ("txt", "应用名称：蜂鸟记账\n包名：com.fengniao.notes\n开发者：蜂鸟工作室\n"),
    ],
)
def test_the_apps_own_header_block_is_no_row(tmp_path: Path, suffix: str, header: str) -> None:
    """A header block naming the app itself ("App Name: …  Package Name: …  Developer: …") has an SDK record's
    keys but describes the app the policy is about: no row; the SDK record below it stays one."""
    sdk = "SDK名称：云雀推送SDK<br>使用目的：推送"
    sdk = f"<p>{sdk}</p>" if suffix == "html" else "\n" + sdk.replace("<br>", "\n") + "\n"
    rows = _analyzed(tmp_path / f"p.{suffix}", f"{header}\n{sdk}")
    assert set(rows) == {"云雀推送SDK"}, rows


@pytest.mark.parametrize(
    ("written", "name", "company"),
    [
        ("蜂鸟推送SDK——蜂鸟（上海）网络科技有限公司", "蜂鸟推送SDK", "蜂鸟（上海）网络科技有限公司"),
        ("Quokka Maps - Quokka Labs Inc.", "Quokka Maps", "Quokka Labs Inc."),
        ("云雀统计 SDK 云雀（北京）信息技术有限公司", "云雀统计 SDK", "云雀（北京）信息技术有限公司"),
        ("Wombat 3D 第三方主体 Wombat Technologies", "Wombat 3D", "Wombat Technologies"),
        ("Numbat Analytics", "Numbat Analytics", ""),
        ("深圳市某某计算机系统有限公司", "深圳市某某计算机系统有限公司", ""),  # a company alone stays itself
    ],
)
def test_company_written_after_the_name_without_brackets(written: str, name: str, company: str) -> None:
    assert split_company(written) == (name, company)


def test_check_marks_and_emphasis_left_around_names_are_no_part_of_them(tmp_path: Path) -> None:
    """"✅ X" in a list of services used, and Markdown emphasis an HTML page printed as text ("**X**——Company")."""
    md = _analyzed(tmp_path / "p.md", "## 第三方服务\n\n本应用使用以下服务：\n\n- ✅ 蜂鸟推送SDK\n- ✅ 云雀统计SDK\n")
    assert set(md) == {"蜂鸟推送SDK", "云雀统计SDK"}
    html = _analyzed(
        tmp_path / "p.html",
        "<h2>第三方SDK</h2><ul><li>**蜂鸟登录SDK**——蜂鸟（上海）网络科技有限公司；用途：账号登录；收集：设备标识</li>"
        "<li>**云雀广告SDK**——云雀网络有限公司；用途：广告投放；收集：设备型号</li></ul>",
    )
    assert set(html) == {"蜂鸟登录SDK", "云雀广告SDK"}, html
    assert html["蜂鸟登录SDK"]["provider"] == "蜂鸟（上海）网络科技有限公司"


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "index.html",
            "<html><body><h2>第三方SDK</h2><table><tr><th>No.</th><th>Service</th><th>Purpose</th></tr>"
            "<tr><td>1.</td><td>Quokka</td><td>Crash reports</td></tr>"
            "<tr><td>2.</td><td>Sentry</td><td>Errors</td></tr></table></body></html>",
            {"Quokka", "Sentry"},
        ),
        (
            "index.md",
            "# Privacy\n\n## Third-party services\n\n| # | Service | Purpose |\n|---|---|---|\n"
            "| 1 | Quokka | Crash reports |\n| 2 | Sentry | Errors |\n",
            {"Quokka", "Sentry"},
        ),
        (
            # The index column beside a recipients column of names that are no products: no row named "1".
            "index_zh.md",
            "# 隐私政策\n\n## 第三方共享清单\n\n| 序号 | 合作方名称 | 共享信息 | 共享目的 |\n|---|---|---|---|\n"
            "| （1） | 青桔 | IP地址 | 获取天气 |\n| （2） | 白鹭 | 设备型号 | 统计 |\n",
            set(),
        ),
    ],
)
def test_a_column_numbering_the_rows_names_no_sdk(tmp_path: Path, name: str, text: str, expected: set[str]) -> None:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    from appaudit.policy.analyze import analyze

    rows = analyze([f]).sections["policy"]["sdk_rows"]
    assert {r["name"] for r in rows} == expected
    assert all(r["how"] == "table" for r in rows)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "blank.txt",
            "隐私政策\n\n第三方服务\n本应用使用以下第三方服务：\n\n青桔\n用途：获取天气\n\n白鹭\n用途：统计分析\n",
        ),
        (
            "tight.txt",
            "隐私政策\n\n第三方服务\n本应用接入了以下第三方服务:\n青桔\n使用目的: 获取天气\n白鹭\n使用目的: 统计分析\n",
        ),
        (
            "br.html",
            "<html><body><h2>第三方服务</h2><p>本应用使用以下第三方服务：</p>"
            "<p>青桔<br>用途：获取天气</p><p>白鹭<br>用途：统计分析</p></body></html>",
        ),
    ],
)
def test_a_brand_over_its_purpose_key_under_a_lead_in_announcing_services(
    tmp_path: Path, name: str, text: str
) -> None:
    # One "用途：" key is record enough when the lead-in announces a list of services and the name is a brand.
    from appaudit.policy.analyze import analyze

    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    rows = analyze([f]).sections["policy"]["sdk_rows"]
    assert {r["name"] for r in rows} == {"青桔", "白鹭"}
    assert {r["how"] for r in rows} == {"kv-block"}


def test_features_or_permissions_over_a_purpose_key_are_no_services(tmp_path: Path) -> None:
    from appaudit.policy.analyze import analyze

    f = tmp_path / "p.txt"
    f.write_text(
        "隐私政策\n\n权限说明\n本应用会申请以下权限：\n\n相机\n用途：扫码\n\n存储\n用途：保存图片\n\n"
        "第三方服务\n本应用使用以下第三方服务：\n\n位置信息\n用途：获取天气\n\n反馈功能\n用途：收集意见\n\n"
        "广告合作方\n用途：投放广告\n",
        encoding="utf-8",
    )
    assert analyze([f]).sections["policy"]["sdk_rows"] == []


@pytest.mark.parametrize("key", ["Privacy Link", "**Privacy Link**", "Privacy Policy URL", "Policy Link"])
def test_a_link_key_led_by_privacy_belongs_to_its_own_record(tmp_path: Path, key: str) -> None:
    # "Privacy Link: https://…" closes the record it is in: "Privacy" is part of the key, not the next record's
    # name, so each record keeps its own link and its list items are no second rows.
    from appaudit.policy.analyze import analyze

    f = tmp_path / "kv.md"
    f.write_text(
        "# P\n\n## SDKs Used\n"
        f"- **SDK Name**: Quokka Push  \n  **Developer**: Quokka Ltd.  \n  {key}: https://quokka.example/privacy\n\n"
        f"- **SDK Name**: Wombat Push  \n  **Developer**: Wombat Inc.  \n  {key}: https://wombat.example/privacy\n",
        encoding="utf-8",
    )
    rows = analyze([f]).sections["policy"]["sdk_rows"]
    assert [(r["name"], r["how"], r["links"]) for r in rows] == [
        ("Quokka Push", "kv-block", ["https://quokka.example/privacy"]),
        ("Wombat Push", "kv-block", ["https://wombat.example/privacy"]),
    ]


def test_phone_makers_behind_a_push_sdks_vendor_channels_are_rows_beside_their_other_sdks(tmp_path: Path) -> None:
    # Convention C3: makers named as where push messages go ("vendor channels … (such as X, Y)") are rows unless
    # their push SDK is listed; a record of the maker for something else does not stand for it.
    from appaudit.policy.analyze import analyze

    f = tmp_path / "p.md"
    f.write_text(
        "# P\n\n## Sharing\n\n- We use Quokka Push SDK for push notifications. To improve delivery rates we "
        "have enabled its vendor channels, and when offline your messages may be processed through mobile phone "
        "manufacturer platforms (such as Xiaomi, Huawei, OPPO).\n\n## SDKs Used\n"
        "- **SDK Name**: Xiaomi Push  \n  **Developer**: Beijing Xiaomi Mobile Software Co., Ltd.  \n"
        "  **Privacy Link**: https://dev.mi.com/privacy\n\n"
        "- **SDK Name**: Performance Acceleration Library  \n"
        "  **Developer**: Huawei Software Technologies Co., Ltd.  \n"
        "  **Privacy Link**: https://developer.huawei.com/consumer/privacy\n",
        encoding="utf-8",
    )
    names = {r["name"] for r in analyze([f]).sections["policy"]["sdk_rows"]}
    assert {"Huawei", "OPPO", "Xiaomi Push", "Performance Acceleration Library"} <= names
    assert "Xiaomi" not in names  # its push SDK is listed: one record


_TITLED = (
    "<html><body><h2>七、接入第三方SDK说明</h2><table border='1'>"
    "<tr>{title}</tr>"
    "<tr><td>第三方名称</td><td>使用目的</td><td>功能类型</td><td>涉及个人信息</td></tr>"
    "<tr><td>蜂鸟统计SDK{close}<td>统计分析</td><td>统计类SDK</td><td>设备型号、Android ID</td></tr>"
    "<tr><td>云雀地图SDK{close}<td>工单地点确认</td><td>地图定位的SDK</td><td>位置信息</td></tr>"
    "</table></body></html>"
)


@pytest.mark.parametrize(
    ("title", "close"),
    [
        ("<td colspan='4'>本应用接入第三方SDK目录</td>", "</td>"),
        ("<td colspan='4'>本应用接入第三方SDK目录</td>", ""),  # cells closed by the next <td> only
        ("<th colspan=4>Third-party SDK list</th>", "</td>"),
    ],
)
def test_a_title_row_spanning_the_table_is_no_header(tmp_path: Path, title: str, close: str) -> None:
    # The row under a title spanning every column is the header: one row per SDK, named by its name column,
    # not rows made of the purpose or kind columns run together.
    rows = _rows_in(tmp_path / "t.html", _TITLED.format(title=title, close=close))
    assert set(rows) == {"蜂鸟统计SDK", "云雀地图SDK"}
    assert rows["蜂鸟统计SDK"].purpose.startswith("统计分析")
    assert "android_id" in rows["蜂鸟统计SDK"].data_types


@pytest.mark.parametrize(
    ("header", "fields"),
    [
        ("| Item | Description |", ("Content Sent", "Contains Personal Info", "Service Provider", "Privacy Policy")),
        ("| Field | Value |", ("Request Payload", "Retention Period", "Operated By", "Privacy Policy")),
        ("| 项目 | 说明 |", ("Content Sent", "Contains Personal Info", "服务提供方", "隐私政策")),
    ],
)
def test_a_table_of_one_services_fields_names_no_sdks(tmp_path: Path, header: str, fields: tuple[str, ...]) -> None:
    # Under a service's heading, a two-column table of its fields ("Item | Description") lists properties of
    # that one record: its capitalised field labels are no products.
    values = ("Only the text to read aloud", "No", "Quokka Speech Inc.", "https://quokka.example/privacy")
    body = "".join(f"| {f} | {v} |\n" for f, v in zip(fields, values, strict=True))
    rows = _rows_in(
        tmp_path / "f.md",
        f"# Privacy\n\n## 3. Third-Party Services\n\n### 3.1 Quokka Speech\n\n{header}\n|---|---|\n{body}",
    )
    assert not set(rows) & set(fields)


_KIND_FIRST_HTML = (
    "<h3>4. 第三方SDK及服务说明</h3>"
    "<h4>(1) 蜂鸟统计SDK</h4><div><p><strong>第三方类别:</strong> 统计</p>"
    "<p><strong>SDK提供方:</strong> 蜂鸟科技有限公司</p>"
    "<p><strong>收集目的:</strong> 统计分析</p><p><strong>收集信息:</strong> 设备型号</p></div>"
    "<h4>(2) 云雀数据API服务</h4><div><p><strong>第三方类别:</strong> 数据服务</p>"
    "<p><strong>服务提供方:</strong> 云雀数据</p><p><strong>收集目的:</strong> 提供行情查询</p>"
    "<p><strong>收集信息:</strong> 不收集个人信息</p></div>"
    "<h4>(3) 系统能力</h4><div><p><strong>第三方类别:</strong> 系统</p><p><strong>服务提供方:</strong> 手机系统</p>"
    "<p><strong>使用场景:</strong> 选择照片</p></div><h3>5. 反馈</h3><p>我们会收集您的反馈。</p>"
)
_KIND_FIRST_MD = (
    "# 隐私政策\n\n### 4. 第三方SDK及服务说明\n\n#### (1) 蜂鸟统计SDK\n\n第三方类别：统计\n\n"
    "SDK提供方：蜂鸟科技有限公司\n\n收集目的：统计分析\n\n收集信息：设备型号\n\n#### (2) 云雀数据API服务\n\n"
    "第三方类别：数据服务\n\n服务提供方：云雀数据\n\n收集目的：提供行情查询\n\n收集信息：不收集个人信息\n\n"
    "#### (3) 系统能力\n\n第三方类别：系统\n\n服务提供方：手机系统\n\n"
    "使用场景：选择照片\n\n### 5. 反馈\n\n我们会收集您的反馈。\n"
)


@pytest.mark.parametrize(("name", "text"), [("k.html", _KIND_FIRST_HTML), ("k.md", _KIND_FIRST_MD)])
def test_records_opening_with_a_kind_key_are_named_by_their_heading(tmp_path: Path, name: str, text: str) -> None:
    # Each record of an SDK section opens with a key not read ("第三方类别：…") under its product heading: the
    # heading names it (not that first line), a service without "SDK" too; a heading naming a capability of the
    # phone ("系统能力") is no product.
    rows = _rows_in(tmp_path / name, text)
    assert set(rows) == {"蜂鸟统计SDK", "云雀数据API服务"}
    assert rows["云雀数据API服务"].provider == "云雀数据"


_LONG_BRACKET = "Quokka LLC (Quokka Auth, Nestbase, Crashwatch, Cloud Storage, Sign-In, Voice Services, Tilemaker Maps)"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "p.md",
            "# Privacy\n\n## Third-party processors\n\n| Processor | Role | Data they get |\n|---|---|---|\n"
            f"| {_LONG_BRACKET} | Sync, sign-in and crash reports | Email, crash traces |\n"
            "| Railhost Corporation | Backend hosting | HTTPS traffic |\n",
        ),
        (
            "p.html",
            "<h2>Third-party processors</h2><table><tr><th>Processor</th><th>Role</th></tr>"
            f"<tr><td>{_LONG_BRACKET}</td><td>Sync and sign-in</td></tr>"
            "<tr><td>Railhost Corporation</td><td>Backend hosting</td></tr></table>",
        ),
    ],
)
def test_a_company_cell_listing_its_products_in_a_long_bracket(tmp_path: Path, name: str, text: str) -> None:
    # A legal company with its products in brackets, however many: a row each, a generic word among them named
    # with the company's brand ("Quokka Sign-In"); a company listing none is a row by its name.
    rows = _rows_in(tmp_path / name, text)
    assert {"Quokka Auth", "Nestbase", "Crashwatch", "Quokka Cloud Storage", "Quokka Sign-In"} <= set(rows)
    assert "Railhost" in rows
    assert rows["Nestbase"].provider.startswith("Quokka LLC")


@pytest.mark.parametrize(
    "cell", ["Quokka LLC (USA)", "Quokka GmbH (Bar Holdings, Inc., Germany)", "Quokka Inc. (Hosting, Analytics)"]
)
def test_a_company_cell_whose_bracket_lists_no_products(tmp_path: Path, cell: str) -> None:
    # A place, a parent company or functions in the bracket: the company is the row.
    rows = _rows_in(
        tmp_path / "c.md",
        "# Privacy\n\n## Third-party processors\n\n| Processor | Role |\n|---|---|\n"
        f"| {cell} | Backend hosting |\n| Railhost Corporation | Email delivery |\n",
    )
    assert set(rows) == {"Quokka", "Railhost"}


@pytest.mark.parametrize("bar", [" | ", "｜", " ｜ "])
@pytest.mark.parametrize("named", [True, False])
@pytest.mark.parametrize("fmt", ["txt", "md", "html"])
def test_records_on_one_line_between_bars(tmp_path: Path, bar: str, named: bool, fmt: str) -> None:
    # One record a line, its "key：value" fields between bars, ASCII or full-width, led by a name key or by the
    # name alone: a row each, named without the bar.
    lines = [
        f"{'SDK名称：' if named else ''}蜂鸟统计SDK{bar}使用目的：统计分析{bar}收集个人信息：设备型号",
        f"{'SDK名称：' if named else ''}云雀推送SDK{bar}使用目的：消息推送{bar}收集个人信息：Android ID",
    ]
    text = {
        "txt": "第三方SDK列表\n\n" + "\n".join(lines) + "\n",
        "md": "# 隐私政策\n\n## 第三方SDK列表\n\n" + "\n".join(f"- {x}" for x in lines) + "\n",
        "html": "<h2>第三方SDK列表</h2>" + "".join(f"<p>{x}</p>" for x in lines),
    }[fmt]
    rows = _rows_in(tmp_path / f"p.{fmt}", text)
    assert set(rows) == {"蜂鸟统计SDK", "云雀推送SDK"}
    assert rows["蜂鸟统计SDK"].purpose == "统计分析" and rows["云雀推送SDK"].data_types == ("android_id",)
