"""The record segmenter on the layouts SDK lists are written in: every row names the SDK (not the company),
says how it was found and where, and data-item tables, documents and denied mentions give no row."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from appaudit.policy import records
from appaudit.policy.analyze import analyze
from appaudit.policy.records import item_head
from appaudit.policy.sdk_table import HOW


def _rows(tmp_path: Path, name: str, text: str) -> dict[str, dict[str, Any]]:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    rows = analyze([f]).sections["policy"]["sdk_rows"]
    for r in rows:
        assert r["how"] in HOW and r["location"].startswith(name), r
    return {r["name"]: r for r in rows}


def test_kv_block_whose_first_key_is_the_company_under_a_circled_title(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "sdk.txt",
        "第三方SDK目录\n"
        "①友盟统计SDK\n主体名称：友盟同欣（北京）科技有限公司\n使用目的：统计分析\n收集个人信息：IMEI、OAID\n\n"
        "②极光推送SDK\n公司名称：深圳市和讯华谷信息技术有限公司\n使用目的：消息推送\n收集个人信息：Android ID\n",
    )
    assert set(rows) == {"友盟统计SDK", "极光推送SDK"}
    assert rows["友盟统计SDK"]["provider"] == "友盟同欣（北京）科技有限公司"
    assert rows["友盟统计SDK"]["data_types"] == ["imei", "oaid"] and rows["友盟统计SDK"]["how"] == "kv-block"
    assert rows["极光推送SDK"]["sdk_id"] == "jpush"
    # Where: the section path and paragraph in `location`, the source line of the name in `line`.
    assert rows["友盟统计SDK"]["line"] == 2 and rows["极光推送SDK"]["line"] == 7


def test_numbered_prose_list_with_quoted_names(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "policy.txt",
        "1.2 我们接入的第三方SDK\n"
        "1.2.1 “极光推送”：该SDK由深圳市和讯华谷信息技术有限公司提供，用于消息推送，收集设备标识符（IMEI、OAID）。\n"
        "1.2.2 “友盟统计”：该SDK由友盟同欣（北京）科技有限公司提供，用于统计分析，收集您的Android ID。\n",
    )
    assert set(rows) == {"极光推送", "友盟统计"}
    assert rows["极光推送"]["how"] == "list" and rows["极光推送"]["provider"] == "深圳市和讯华谷信息技术有限公司"
    assert {"imei", "oaid"} <= set(rows["极光推送"]["data_types"])
    assert rows["友盟统计"]["data_types"] == ["android_id"]


def test_heading_per_sdk(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "privacy.md",
        "# Privacy Policy\n\n## Firebase Crashlytics\n\nThe app uses Firebase Crashlytics, which collects crash logs "
        "and your device model.\n\n## Contact\n\nWrite to us.\n",
    )
    assert set(rows) == {"Firebase Crashlytics"}
    r = rows["Firebase Crashlytics"]
    assert r["how"] == "heading" and r["sdk_id"] == "crashlytics"
    assert set(r["data_types"]) == {"usage_log", "device_info"}


def test_link_lines_without_bullets(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "policy.txt",
        "The app does use third party services that may collect information used to identify you.\n"
        "Privacy policies of third party service providers used by the app:\n"
        "Google Play Services\nhttps://policies.google.com/privacy\n"
        "AdMob\nhttps://support.google.com/admob/answer/6128543\n"
        "Firebase Crashlytics: https://firebase.google.com/support/privacy/\n",
    )
    assert set(rows) == {"Google Play Services", "AdMob", "Firebase Crashlytics"}
    assert rows["AdMob"]["links"] == ["https://support.google.com/admob/answer/6128543"]
    assert all(r["how"] == "list" for r in rows.values())


@pytest.mark.parametrize("bullet", ["o ", "+ ", "· ", "- "])
def test_text_bullets_and_dash_purposes(tmp_path: Path, bullet: str) -> None:
    rows = _rows(
        tmp_path,
        "policy.txt",
        "Currently the following 3rd party services are used:\n"
        f"{bullet}Google AdMob - for advertisements in the free version\n"
        f"{bullet}Firebase Analytics - for aggregated usage analytics\n"
        f"{bullet}Github Pages - for hosting the companion website\n",
    )
    assert set(rows) == {"Google AdMob", "Firebase Analytics", "Github Pages"}
    assert rows["Google AdMob"]["purpose"] == "for advertisements in the free version"


def test_html_table_inside_mdx(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "sdk.mdx",
        "import Table from './Table'\nexport const meta = {}\n\n## 第三方SDK列表\n\n"
        "<table><tr><th>SDK名称</th><th>第三方名称</th><th>收集个人信息</th></tr>"
        "<tr><td>Bugly SDK</td><td>腾讯科技（深圳）有限公司</td><td>设备型号、Android ID</td></tr></table>\n",
    )
    assert rows["Bugly SDK"]["data_types"] == ["device_info", "android_id"] and rows["Bugly SDK"]["how"] == "table"


def test_prose_mentions_in_english_and_chinese(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "policy.md",
        "We use Firebase Crashlytics and Google AdMob, which collect crash logs and your advertising ID.\n\n"
        "We do not use Google Analytics. To display content you like we collect your browsing history.\n\n"
        "我们接入了极光推送SDK，用于向您推送消息。\n",
    )
    assert set(rows) == {"Firebase Crashlytics", "Google AdMob", "极光推送SDK"}
    r = rows["Firebase Crashlytics"]
    assert r["how"] == "prose" and r["quote"].startswith("We use Firebase Crashlytics")
    assert {"usage_log", "gaid"} <= set(r["data_types"])
    assert rows["极光推送SDK"]["sdk_id"] == "jpush"


def test_vendor_data_item_table_is_not_an_sdk_table(tmp_path: Path) -> None:
    # An SDK vendor's own policy: one data item per row. Its items are declared, but they are no SDK rows.
    f = tmp_path / "vendor.md"
    f.write_text(
        "## 推送SDK隐私政策\n\n我们收集的信息如下：\n\n| 信息名称 | 使用目的 | 是否必须 |\n|---|---|---|\n"
        "| 设备型号 | 适配机型 | 是 |\n| IMEI | 识别设备 | 是 |\n| IP地址 | 网络诊断 | 否 |\n",
        encoding="utf-8",
    )
    s = analyze([f]).sections["policy"]
    assert s["sdk_rows"] == []
    assert {"device_info", "imei", "ip_address"} <= set(s["declared_data_types"])


def test_table_named_by_provider_with_packages(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "sdks.md",
        "# Third-Party SDKs\n\nThis app uses the following SDKs, among others:\n\n"
        "| Provider | Android | iOS |\n| --- | --- | --- |\n"
        "| Firebase | `com.google.firebase:firebase-auth` | `FirebaseAuth` |\n"
        "| Facebook | `com.facebook.android:facebook-login` | `FBSDKLoginKit` |\n",
    )
    assert set(rows) == {"Firebase", "Facebook"}
    assert "com.google.firebase" in rows["Firebase"]["packages"]


def test_document_links_and_app_store_links_are_no_rows(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "policy.md",
        "More about how data is handled through the following links:\n\n"
        "- [Firebase Crashlytics Terms](https://firebase.google.com/terms/crashlytics/)\n"
        "- [Firebase Privacy and Security](https://firebase.google.com/support/privacy/)\n\n"
        "This policy covers our apps:\n\n- Hemlock [Android](https://play.google.com/store/apps/details?id=x)\n"
        "- COOL Libraries [Android](https://play.google.com/store/apps/details?id=y)\n",
    )
    assert rows == {}


def test_item_head() -> None:
    assert item_head("1.2.1 “极光推送”：该SDK由…提供") == ("极光推送", "该SDK由…提供")
    assert item_head("o Google AdMob - for ads") == ("Google AdMob", "for ads")
    assert item_head("Google Play Services: https://policies.google.com/privacy")[0] == "Google Play Services"


def test_table_of_contents_links_are_no_rows(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "policy.html",
        "<p>This policy explains our services and the third-party services we use:</p><ul>"
        "<li><a href='#collect'>What we collect</a></li><li><a href='#share'>Who we share it with</a></li>"
        "<li><a href='/contact'>Contact</a></li></ul>",
    )
    assert rows == {}


def test_prose_repeating_a_listed_sdk_with_its_vendor_is_merged(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "policy.txt",
        "The app uses third party services.\nPrivacy policies of third party service providers used by this app:\n"
        "• Google Analytics for Firebase: https://firebase.google.com/support/privacy\n\n"
        "This information is only used in the Google Firebase development console.\n",
    )
    assert set(rows) == {"Google Analytics for Firebase"}


def test_rows_come_in_document_order_with_their_lines(tmp_path: Path) -> None:
    # Found by different passes (prose first in the file, then a table): listed as written, each with its line.
    f = tmp_path / "policy.md"
    f.write_text(
        "# Policy\n\nWe use Firebase Crashlytics to collect crash logs.\n\n## 第三方SDK列表\n\n"
        "| SDK名称 | 收集个人信息 |\n|---|---|\n| 极光推送SDK | IMEI |\n",
        encoding="utf-8",
    )
    rows = analyze([f]).sections["policy"]["sdk_rows"]
    assert [(r["name"], r["how"], r["line"]) for r in rows] == [
        ("Firebase Crashlytics", "prose", 3),
        ("极光推送SDK", "table", 9),
    ]


def test_list_item_whose_tail_is_only_data_words_declares_them(tmp_path: Path) -> None:
    # "AppsFlyer – advertising ID" declared no type for its row (no collect verb), so an app whose AppsFlyer
    # sent the advertising ID got SDK_EXCEEDS_DISCLOSURE although the policy's SDK list names it.
    rows = _rows(
        tmp_path,
        "p.md",
        "# Privacy\n## Third parties\nOur app integrates the following SDKs:\n\n"
        "- Firebase Crashlytics: crash logs, device model\n"
        "- [AppsFlyer](https://www.appsflyer.com/legal/privacy-policy/) - advertising ID\n"
        "- Google AdMob: to show ads near your location\n"
        "- Umeng: does not collect IMEI\n",
    )
    assert set(rows["Firebase Crashlytics"]["data_types"]) == {"usage_log", "device_info"}
    assert rows["AppsFlyer"]["data_types"] == ["gaid"]
    assert rows["Google AdMob"]["data_types"] == []  # a purpose, not a list of data
    assert rows["Umeng"]["data_types"] == []  # denied


def test_product_items_with_purposes_under_a_third_party_lead(tmp_path: Path) -> None:
    # "- Product（alias）：用于…" items under a lead-in naming third-party services are records even when the
    # products are not in the catalogue; recipient categories and data items in the same shape are not.
    rows = _rows(
        tmp_path,
        "policy.md",
        "### 3. 第三方共享\n为实现业务功能，可能涉及以下第三方服务：\n"
        "- Acme 登录（AcmeAuth）：用于登录授权；\n"
        "- 某云存储与 CDN（XYZ/CDN）：用于图片存储与分发；\n"
        "- Web 渲染（WebKit，若内嵌页面）。\n\n"
        "### 4. 其他\n我们可能与以下第三方共享：\n- 广告合作方：用于广告投放；\n- 设备型号：用于适配；\n",
    )
    assert set(rows) == {"Acme 登录（AcmeAuth）", "某云存储与 CDN（XYZ/CDN）", "Web 渲染（WebKit，若内嵌页面）"}
    assert rows["Acme 登录（AcmeAuth）"]["how"] == "list"
    rows = _rows(
        tmp_path,
        "en.md",
        "We share data with the following third-party service providers:\n\n"
        "- Payment processors: used to process payments\n- Ad networks: used for ads\n",
    )
    assert rows == {}


def test_item_head_keeps_separators_inside_a_bracketed_alias() -> None:
    assert item_head("- Web 渲染（WebKit，若内嵌页面）：用于展示") == ("Web 渲染（WebKit，若内嵌页面）", "用于展示")
    assert item_head("- 某SDK（别名）。") == ("某SDK（别名）", "")


def test_parts_of_a_named_service_listed_under_it(tmp_path: Path) -> None:
    # "The app uses Google Firebase for:" then one bullet per part: each part is a row, named with its parent
    # unless the catalogue knows the part by itself; the parent's own prose mention is merged into them.
    rows = _rows(
        tmp_path,
        "policy.md",
        "## Analytics\n\nThe app uses **Google Firebase** for:\n\n"
        "- **Crashlytics** — crash reports with the device model.\n"
        "- **Remote Config** — settings fetched from our servers.\n",
    )
    assert set(rows) == {"Crashlytics", "Google Firebase Remote Config"}
    assert rows["Crashlytics"]["sdk_id"] == "crashlytics" and rows["Crashlytics"]["how"] == "list"
    assert rows["Google Firebase Remote Config"]["line"] == 6
    # Without a use verb and a colon the lead names no parent: lower-case features are no rows either way.
    rows = _rows(tmp_path, "other.md", "## Ads\n\nGoogle Firebase is great. We log:\n\n- crash reports\n- sessions\n")
    assert rows == {}


def test_app_header_block_is_no_sdk_row(tmp_path: Path) -> None:
    # A header of "key: value" lines about the app itself: its package and publisher are not an SDK record.
    rows = _rows(
        tmp_path,
        "policy.md",
        "# Privacy\n\n**Application:** Demo\n**Package:** `com.example.demo`\n**Publisher:** Example Ltd\n\n"
        "We use no third-party SDK.\n",
    )
    assert rows == {}


def test_name_written_as_the_embedded_sdk_is_a_prose_row(tmp_path: Path) -> None:
    rows = _rows(tmp_path, "policy.md", "Ads are delivered through the Appodeal mediation SDK, which shows videos.\n")
    assert rows["Appodeal"]["how"] == "prose" and rows["Appodeal"]["sdk_id"] == "appodeal"
    assert _rows(tmp_path, "no.md", "We do not use the Appodeal SDK.\n") == {}


def test_numbered_paragraphs_each_naming_itself_an_sdk(tmp_path: Path) -> None:
    # "（1）推送SDK：…" paragraphs under "这些SDK包括：": the items call themselves SDKs, none is in the catalogue.
    rows = _rows(
        tmp_path,
        "policy.html",
        "<h3>第三方服务</h3><p>我们可能会使用第三方服务商提供的SDK。这些SDK包括：</p>"
        "<p>（1）推送SDK：为了及时提供通知，我们使用了消息推送SDK，这些SDK需要访问您的手机型号。</p>"
        "<p>（2）地图SDK：我们使用了地图SDK，为了方便选择地址。</p>",
    )
    assert set(rows) == {"推送SDK", "地图SDK"}
    assert rows["推送SDK"]["how"] == "list"


def test_list_item_in_a_section_titled_third_party_sdk(tmp_path: Path) -> None:
    # Each SDK a one-item list after the previous SDK's "official URL:" line: the section title is the lead-in;
    # the link labels are no names.
    rows = _rows(
        tmp_path,
        "policy.html",
        "<h3>Access of third-party SDK</h3><ul><li><strong>AppsFlyer</strong></li>"
        "<p>Attribution.</p><p>official URL:<a href='https://a.example/privacy'>https://a.example/privacy</a></p>"
        "<li><strong>AppMetrica</strong></li><p>Statistics.</p></ul>",
    )
    assert set(rows) == {"AppsFlyer", "AppMetrica"}
    # The same lines under an unrelated title are no SDK list.
    rows = _rows(
        tmp_path,
        "other.html",
        "<h3>Contact</h3><p>official URL:<a href='https://a.example/'>https://a.example/</a></p><ul><li>Unity</li></ul>",
    )
    assert rows == {}


def test_component_from_a_vendor_in_prose(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "privacy.md",
        "- The app contains third-party components, including map rendering software from "
        "[MapBox, Inc.](https://www.mapbox.com/)\n",
    )
    assert rows["MapBox"]["how"] == "prose" and rows["MapBox"]["sdk_id"] == "mapbox"
    rows = _rows(tmp_path, "ads.md", "The app shows rewarded videos and serves ads from Google AdMob only.\n")
    assert rows["Google AdMob"]["sdk_id"] == "admob"
    assert _rows(tmp_path, "no-ads.md", "The app serves no ads from Google AdMob.\n") == {}


def test_named_company_data_is_disclosed_to_is_a_prose_row(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "policy.md",
        "为保证商品送达，我们会向为本商城提供物流系统的杭州某某供应链管理有限公司披露订单相关的配送信息。\n\n"
        "我们不会向北京某某科技有限公司提供您的个人信息。\n",
    )
    assert set(rows) == {"杭州某某供应链管理有限公司"}
    assert rows["杭州某某供应链管理有限公司"]["how"] == "prose"
    assert rows["杭州某某供应链管理有限公司"]["quote"].startswith("为保证商品送达")


def test_example_providers_in_brackets_before_via_sdk(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "policy.txt",
        "消息通知：终端设备制造商（甲厂、乙厂、OPPO等）可能通过SDK等技术使用你的手机型号。\n"
        "我们的合作方（如丙公司）不会通过SDK收集你的信息。\n"
        "示例（如下图）展示了设置方法。\n",
    )
    assert set(rows) == {"甲厂", "乙厂", "OPPO"}
    assert rows["OPPO"]["how"] == "prose" and rows["OPPO"]["data_types"] == ["device_info"]


def test_line_of_a_name_joined_with_its_alias(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "policy.html",
        "<h2>第三方SDK</h2>\n<table>\n<tr><th>SDK名称</th><th>收集个人信息类型</th></tr>\n"
        "<tr><td>甲广告SDK<br>（乙联盟）</td><td>设备型号</td></tr>\n</table>\n",
    )
    assert rows["甲广告SDK（乙联盟）"]["line"] == 4


def test_names_enumerated_with_one_that_has_its_verb(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "privacy.md",
        "We use the following services: Firebase Analytics, Firebase Crashlytics and Google AdMob.\n\n"
        "Unlike Sentry, Bugsnag is not something we include.\n",
    )
    assert set(rows) == {"Firebase Analytics", "Firebase Crashlytics", "Google AdMob"}


def test_numbered_kv_record_with_its_company_in_brackets(tmp_path: Path) -> None:
    # "1. Name（Company）" then indented "key：value" lines: one kv-block row named without the company (the
    # provider), not a second list row for the same item.
    rows = _rows(
        tmp_path,
        "sdk.md",
        "## 第三方合作方\n\n1. 友盟+（友盟同欣（北京）科技有限公司）\n   使用目的：统计分析\n   收集信息：设备型号\n"
        "2. 腾讯广告（深圳市某某计算机系统有限公司）\n   使用目的：广告投放\n   收集信息：IMEI、OAID\n",
    )
    assert set(rows) == {"友盟+", "腾讯广告"}
    assert rows["友盟+"]["provider"] == "友盟同欣（北京）科技有限公司" and rows["友盟+"]["how"] == "kv-block"
    assert rows["腾讯广告"]["data_types"] == ["imei", "oaid"]


def test_function_provided_by_named_sdks_in_chinese_prose(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "policy.txt",
        "本应用的支付功能由微信、支付宝向你提供服务。\n我们的客服由专人提供。\n微信是一款社交软件。\n",
    )
    assert set(rows) == {"微信", "支付宝"}
    assert rows["支付宝"]["sdk_id"] == "alipay" and rows["支付宝"]["how"] == "prose"


def test_item_names_without_their_maker(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "policy.md",
        "## 第三方SDK\n\n我们接入了以下第三方SDK：\n\n"
        "- 极光推送（由深圳市和讯华谷信息技术有限公司提供）：用于消息推送\n"
        "- 友盟统计（友盟同欣（北京）科技有限公司）：用于统计分析\n\n"
        "## Third-party services\n\nWe use the following third-party services:\n\n"
        "- **Sentry** by Functional Software, Inc. — crash reports\n"
        "- **Google Analytics** by Google LLC — statistics\n",
    )
    assert set(rows) == {"极光推送", "友盟统计", "Sentry", "Google Analytics"}
    assert rows["极光推送"]["provider"] == "深圳市和讯华谷信息技术有限公司"
    assert rows["Google Analytics"]["provider"] == "Google LLC"


def test_heading_naming_two_sdks_and_a_brand_with_its_product_word(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "p.md",
        "# Third-party services\n\n"
        "#### Firebase Analytics / Firebase Performance Monitoring\n\n"
        "Our apps use Google Firebase Analytics to learn how the apps are used. It may collect IP addresses.\n\n"
        "#### Unity Analytics\n\nUnity Analytics helps us understand how players use the game.\n\n"
        "### What app metrics are collected\n\nA list of app metrics.\n",
    )
    assert {"Firebase Analytics", "Firebase Performance Monitoring", "Unity Analytics"} <= set(rows)
    fa = rows["Firebase Analytics"]
    assert fa["how"] == "heading" and fa["sdk_id"] == "firebase-analytics"
    assert "ip_address" in rows["Firebase Analytics"]["data_types"]
    # A lower-case word in a title is no product ("metrics"), and no prose row repeats a heading row.
    assert not any("metrics" in n.lower() for n in rows)
    assert not any(n.startswith("Google") for n in rows)


def test_sub_headings_of_a_third_party_services_section(tmp_path: Path) -> None:
    text = (
        "## 4. Third-Party Services\n\n"
        "### a) Acmeflow\n- We use Acmeflow for subscription payments\n\n"
        "### b) DataBrick Cloud\n- Stores your notes\n\n"
        "### c) Sentry\n- Collects crash reports and error logs\n\n"
        "### d) Payments\n- Payments are processed by the store\n\n"
        "### e) Cloud Storage\n- Backups go to cloud storage\n\n"
        "## 5. Data Sharing\n\n### a) With Service Providers\n- Hosting\n\n### b) Advertising Partners\n- Ads\n"
    )
    rows = _rows(tmp_path, "p.md", text)
    # Proper nouns: written inside a sentence, or in camel case; "Payments" only starts its sentence.
    assert set(rows) == {"Acmeflow", "DataBrick Cloud", "Sentry"}
    assert all(r["how"] == "heading" for r in rows.values())
    assert rows["Sentry"]["sdk_id"] == "sentry" and rows["Acmeflow"]["sdk_id"] is None
    # Without a catalogue SDK among them, sub-headings are only titles; a Chinese title needs the catalogue.
    assert _rows(tmp_path, "q.md", text.replace("### c) Sentry\n- Collects crash reports and error logs\n\n", "")) == {}
    # A section titled only as services is the app's own features.
    own = "## Our Services\n\n### Cloud Sync\n\nSyncs.\n\n### Premium\n\nThemes.\n\n### Sentry\n\nCrash reports.\n"
    assert set(_rows(tmp_path, "o.md", own)) <= {"Sentry"}
    zh = "## 六、第三方服务\n\n### 6.1 WebDAV 同步服务\n\n用户自行配置。\n\n### 6.2 友盟统计SDK\n\n用于统计分析。\n"
    assert set(_rows(tmp_path, "z.md", zh)) == {"友盟统计SDK"}


def test_link_lines_half_of_them_catalogue_names_under_a_category_line(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "p.md",
        "**Third Part Policy check list**\n\n**Advertisement platform**\n\n"
        "Admob:   [https://www.google.com/ads/privacy](https://www.google.com/ads/privacy)\n\n"
        "Acmeads:   [https://acmeads.example/privacy](https://acmeads.example/privacy)\n\n"
        "**Useful links**\n\n"
        "Our blog:   [https://blog.example.org](https://blog.example.org)\n\n"
        "Our shop:   [https://shop.example.org](https://shop.example.org)\n\n"
        "**Follow us / download**\n\nWeChat: [https://weixin.qq.com/r/abc](https://weixin.qq.com/r/abc)\n\n"
        "Weibo: [https://weibo.com/ourapp](https://weibo.com/ourapp)\n\n"
        "Google Play: [https://play.google.com/store/apps/details?id=a.b](https://play.google.com/store/apps/details?id=a.b)\n\n"
        "App Store: [https://apps.apple.com/app/id1](https://apps.apple.com/app/id1)\n",
    )
    assert set(rows) == {"Admob", "Acmeads"}
    assert rows["Admob"]["how"] == "list" and rows["Admob"]["sdk_id"] == "admob" and rows["Acmeads"]["sdk_id"] is None


def test_named_examples_of_a_recipient_category(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "p.txt",
        "您通过第三方支付机构（如微信支付、支付宝、某某银行一网通等）支付订单时，我们会收集您的支付流水记录，并与支付机构共享。\n\n"
        "我们可能与合作伙伴（如广告主、广告平台）共享去标识化信息。\n\n"
        "We share your order details with payment processors (such as PayPal and Acmepay) to complete the purchase.\n\n"
        "我们不会与服务商（如高德地图）共享您的位置信息。\n",
    )
    assert set(rows) == {"微信支付", "支付宝", "某某银行一网通", "PayPal", "Acmepay"}
    assert rows["支付宝"]["how"] == "prose" and rows["支付宝"]["sdk_id"] == "alipay"
    assert rows["某某银行一网通"]["quote"].startswith("您通过第三方支付机构")


def test_heading_row_quotes_its_heading_and_points_to_its_line(tmp_path: Path) -> None:
    # The name is mentioned earlier in prose: the row's line is its heading's, the quote is the heading.
    rows = _rows(
        tmp_path,
        "p.md",
        "# Privacy\n\n## 1. Use\n\n- Messages are written with OpenAI's API\n\n"
        "## 2. Third-Party Services\n\n### a) OpenAI\n- Generates text\n\n### b) Sentry\n- Collects crash reports\n",
    )
    assert rows["OpenAI"]["line"] == 9 and rows["OpenAI"]["quote"] == "a) OpenAI"
    assert rows["Sentry"]["line"] == 12 and rows["Sentry"]["how"] == "heading"


# ---------------------------------------------------------------- names the catalogue lacks, by their shape


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("为了向您推送消息，我们接入了蜂鸟推送SDK，该SDK会收集您的设备标识符（IMEI、OAID）。", {"蜂鸟推送SDK"}),
        ("我们集成了蜂鸟统计SDK和云雀推送SDK，用于统计分析和消息推送。", {"蜂鸟统计SDK", "云雀推送SDK"}),
        ("本应用使用了由北京某某科技有限公司提供的闪电地图SDK，用于定位，会收集您的位置信息。", {"闪电地图SDK"}),
        ("为实现分享功能，我们使用了星河分享 SDK，该SDK需要获取您的设备型号。", {"星河分享 SDK"}),
        ("我们接入了蜂鸟推送、云雀统计和星河开放平台，以便向您推送消息。", {"蜂鸟推送", "云雀统计", "星河开放平台"}),
        ("支付功能由我们接入的Quokkapay（袋鼠付）SDK完成。", {"Quokkapay（袋鼠付）SDK"}),
        ("Our app integrates the Quokka SDK to measure how screens are used.", {"Quokka SDK"}),
    ],
)
def test_chinese_and_sdk_suffixed_names_the_catalogue_lacks(tmp_path: Path, sentence: str, names: set[str]) -> None:
    rows = _rows(tmp_path, "policy.txt", sentence + "\n")
    assert set(rows) == names
    assert all(r["how"] == "prose" and r["quote"] == sentence and r["sdk_id"] is None for r in rows.values())


@pytest.mark.parametrize(
    "sentence",
    [
        "我们可能会接入第三方SDK，请您审慎阅读第三方SDK的隐私政策。",  # the category, not one SDK
        "为保障聚合广告 SDK 及相关服务的正常运行，我们会定期审查第三方 SDK。",
        "本模块是集成型统一推送服务，模块集成的三方SDK说明如下。",
        "我们不会接入蜂鸟推送SDK。",  # denied
        "我们使用了北京七陌科技SDK。",  # a company, not a product
        "第三方SDK列表",
        "请参阅相关SDK的说明，或联系官方人员查询SDK版本。",
    ],
)
def test_generic_or_denied_sdk_mentions_are_no_rows(tmp_path: Path, sentence: str) -> None:
    assert _rows(tmp_path, "policy.txt", sentence + "\n") == {}


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        (
            "We use third-party services such as Supabase, RevenueCat and PostHog, which may collect device data.",
            {"Supabase", "RevenueCat", "PostHog"},
        ),
        ("We use the following third-party services: Quokkalytics, Wombatly and Numbat Cloud.",
         {"Quokkalytics", "Wombatly", "Numbat Cloud"}),
        ("Payments are processed by Stripe, a third-party payment processor.", {"Stripe"}),
        ("You can log in to the app with Sign in with Google or Sign in with Apple.",
         {"Sign in with Google", "Sign in with Apple"}),
    ],
)
def test_latin_product_names_in_a_third_party_sentence(tmp_path: Path, sentence: str, names: set[str]) -> None:
    rows = _rows(tmp_path, "policy.txt", sentence + "\n")
    assert names <= set(rows), rows
    assert all(rows[n]["how"] == "prose" and rows[n]["quote"] == sentence for n in names)


@pytest.mark.parametrize(
    "sentence",
    [
        "We may use Service Providers to monitor and analyze the use of our Service.",  # generator's defined terms
        "This SERVICE is provided by Snapdragon Apps at no cost and is intended for use as is.",  # the developer
        "We share data with third parties such as Analytics Providers and Business Partners.",  # categories
        "Our services are hosted on servers provided by Google LLC.",  # a company
        "If you use third-party social media accounts (e.g. Facebook) to sign in, we receive your username.",
        "We do not use third-party services such as Quokkalytics.",  # denied
    ],
)
def test_latin_capitalised_words_that_are_no_product(tmp_path: Path, sentence: str) -> None:
    assert _rows(tmp_path, "policy.txt", sentence + "\n") == {}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Third-party services\n\nWe use the following third-party services:\n\n- Supabase (database and "
            "authentication)\n- RevenueCat (in-app purchases)\n- PostHog (analytics)\n",
            {"Supabase", "RevenueCat", "PostHog"},
        ),
        (
            "Our app relies on these service providers:\n\n* Quokkalytics - usage analytics\n* WombatPay - payments\n",
            {"Quokkalytics", "WombatPay"},
        ),
        (
            "我们接入了以下第三方服务：\n\n1. 蜂鸟推送：用于消息推送\n2. 云雀统计：用于统计分析\n"
            "3. 星河开放平台：用于分享\n",
            {"蜂鸟推送", "云雀统计", "星河开放平台"},
        ),
    ],
)
def test_list_items_named_as_products_under_a_third_party_lead(tmp_path: Path, text: str, names: set[str]) -> None:
    rows = _rows(tmp_path, "policy.md", text)
    assert set(rows) == names and all(r["how"] == "list" for r in rows.values())


@pytest.mark.parametrize(
    "text",
    [
        "We may share your information with the following third parties:\n\n- With Service Providers: to run "
        "the app\n- For business transfers: in a merger\n- With Affiliates: our group companies\n",
        "We share data with these partners:\n\n1) Suppliers, service providers and other partners. We send data.\n"
        "2) Authorized partners for advertising. We share statistics.\n",
        "我们会与以下第三方共享信息：\n\n（1）为您展示和推送商品或服务\n（2）广告合作方：用于广告推送\n",
    ],
)
def test_list_items_that_are_purposes_or_categories_are_no_rows(tmp_path: Path, text: str) -> None:
    assert _rows(tmp_path, "policy.md", text) == {}


def test_aligned_plain_text_table_rows_point_to_their_lines(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "policy.txt",
        "隐私政策\n\n第三方SDK列表\nSDK名称\t使用目的\t收集信息\n"
        "极光推送\t消息推送\tIMEI\n蜂鸟统计SDK\t统计分析\tAndroid ID\n",
    )
    assert set(rows) == {"极光推送", "蜂鸟统计SDK"}
    assert rows["极光推送"]["how"] == "table" and rows["极光推送"]["line"] == 5 and rows["蜂鸟统计SDK"]["line"] == 6


def test_one_sdk_named_in_both_languages_of_a_set_is_one_row(tmp_path: Path) -> None:
    (tmp_path / "zh.md").write_text(
        "## 第三方SDK\n\n| SDK名称 | 使用目的 | 收集信息 |\n|---|---|---|\n"
        "| 友盟统计 | 统计 | IMEI |\n| 极光推送 | 推送 | OAID |\n",
        encoding="utf-8",
    )
    (tmp_path / "en.md").write_text(
        "## Third-party SDKs\n\n| SDK name | Purpose | Data collected |\n|---|---|---|\n"
        "| Umeng Analytics | analytics | Android ID |\n| JPush | push | OAID |\n"
        "| Firebase Crashlytics | crashes | crash logs |\n",
        encoding="utf-8",
    )
    rows = {r["name"]: r for r in analyze([tmp_path / "zh.md", tmp_path / "en.md"]).sections["policy"]["sdk_rows"]}
    # One row each, named by both names as written (either language's label matches it).
    assert set(rows) == {"友盟统计 / Umeng Analytics", "极光推送 / JPush", "Firebase Crashlytics"}
    # The row declares what either language's record lists, and points to the first record.
    assert rows["友盟统计 / Umeng Analytics"]["data_types"] == ["imei", "android_id"]
    assert rows["友盟统计 / Umeng Analytics"]["location"].startswith("zh.md")
    # A bilingual name in one cell is one row, named as written.
    name = "友盟统计 (Umeng Analytics)"
    one = _rows(tmp_path, "one.md", f"## 第三方SDK\n\n| SDK名称 | 使用目的 |\n|---|---|\n| {name} | 统计 |\n")
    assert list(one) == [name] and one[name]["sdk_id"] == "umeng-analytics"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # TermsFeed: each service under its own line, defined by a sentence naming its maker.
        (
            "Analytics\n\nWe may use third-party Service Providers to monitor and analyze the use of our Service.\n\n"
            "Quokkalytics\n\nQuokkalytics is an analytics service provided by Quokka Labs Inc. You can opt out.\n\n"
            "Wombat Metrics\n\nWombat Metrics is provided by Wombat Inc.\n",
            {"Quokkalytics", "Wombat Metrics"},
        ),
        # iubenda: "Name (Company)" title, "X or Y is a … service provided by …", "Personal Data processed: …".
        (
            "Analytics\nQuokkalytics (Quokka Labs Ltd.)\nQuokkalytics or Quokka Analytics is an analysis service "
            "provided by Quokka Labs Ltd.\nPersonal Data processed: Usage Data.\n",
            {"Quokkalytics"},
        ),
        # A catalogue name defined the same way is used, not only mentioned.
        ("Google Analytics is a web analytics service offered by Google that tracks website traffic.\n",
         {"Google Analytics"}),
        ("蜂鸟统计是由蜂鸟科技有限公司提供的统计服务，用于分析应用的使用情况。\n", {"蜂鸟统计"}),
        # Handing the work to someone: a third party without the words "third party".
        ("Push notifications are delivered through Quokka Push. In-app purchases are handled by WombatPay.\n",
         {"Quokka Push", "WombatPay"}),
        # The sentence's title line says third parties.
        ("Third-party services\n\nWe use Quokkalytics and Wombat Crash to find crashes.\n",
         {"Quokkalytics", "Wombat Crash"}),
    ],
)
def test_services_defined_or_handed_work_in_prose(tmp_path: Path, text: str, names: set[str]) -> None:
    rows = _rows(tmp_path, "policy.txt", text)
    assert set(rows) == names
    assert all(r["how"] == "prose" and r["quote"] for r in rows.values())


@pytest.mark.parametrize(
    "text",
    [
        "MyDiary is a service provided by Acme Ltd. (\"we\", \"us\").\n",  # the app itself
        "This SERVICE is provided by Snapdragon Apps at no cost and is intended for use as is.\n",
        "微刻运动是由合肥某某网络科技有限公司提供的产品和服务。\n",
        "博物馆导览系统是一款由某某（以下简称“我们”）提供的服务。\n",
        "您可选择是否访问第三方提供的链接、内容、产品和服务。\n",
        "Metrics can be sent to the State to enable public health teams to understand the app.\n",
    ],
)
def test_self_introductions_and_authorities_are_no_rows(tmp_path: Path, text: str) -> None:
    assert _rows(tmp_path, "policy.txt", text) == {}


def test_numbered_records_named_by_their_title_line_in_an_sdk_list(tmp_path: Path) -> None:
    # MIIT-style list in a .txt: "1. 微信SDK" / "2. 蜂鸟统计" read as headings, each with its keys; once the list
    # has started (its title, or an SDK record), a record whose name says nothing of an SDK is one too.
    rows = _rows(
        tmp_path,
        "policy.txt",
        "第三方SDK目录\n\n1. 蜂鸟统计\n使用目的：统计分析\n第三方名称：蜂鸟科技有限公司\n"
        "收集个人信息类型：设备型号、OAID\n隐私政策链接：https://fengniao.example/privacy\n\n"
        "2. 云雀推送\n使用目的：消息推送\n第三方名称：云雀网络有限公司\n收集个人信息类型：Android ID\n\n"
        "3. 微信SDK\n使用目的：微信登录、分享\n第三方名称：深圳市腾讯计算机系统有限公司\n收集个人信息类型：IMEI\n",
    )
    assert set(rows) == {"蜂鸟统计", "云雀推送", "微信SDK"}
    assert rows["云雀推送"]["provider"] == "云雀网络有限公司" and rows["云雀推送"]["data_types"] == ["android_id"]


def test_key_value_contact_block_after_the_sdk_list_is_no_row(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "policy.txt",
        "第三方SDK目录\n\n1. 微信SDK\n使用目的：微信登录\n第三方名称：深圳市腾讯计算机系统有限公司\n\n"
        "如您对本隐私政策有任何疑问、意见或建议，您可以通过以下方式与我们联系，我们将在十五个工作日内答复。\n\n"
        "5. 联系我们\n公司名称：某某网络有限公司\n使用目的：答复问题\n",
    )
    assert set(rows) == {"微信SDK"}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "## Payments\n\nThe payment processors we work with are:\n\n"
            "### Stripe\n\nTheir Privacy Policy can be viewed at https://stripe.com/us/privacy\n\n"
            "### WombatPay\n\nTheir Privacy Policy can be viewed at "
            "https://wombatpay.example/privacy\n\n### Contact Us\n\nSee https://example.com/privacy\n",
            {"Stripe", "WombatPay"},
        ),
        ("## Usage Data\n\nRead our privacy policy: https://example.com/privacy-policy\n", set()),
    ],
)
def test_product_heading_whose_section_links_to_its_privacy_policy(tmp_path: Path, text: str, names: set[str]) -> None:
    rows = _rows(tmp_path, "policy.md", text)
    assert set(rows) == names and all(r["how"] == "heading" for r in rows.values())


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "## Third-party services\n\n**Quokkalytics** – usage analytics, collects device model.\n\n"
            "**WombatPay** – payments.\n\n**Firebase Crashlytics**: crash reports.\n",
            {"Quokkalytics", "WombatPay", "Firebase Crashlytics"},
        ),
        # Paragraphs led by words that are no product, or outside a third-party section, give none.
        ("## Contact\n\n**Email**: help@example.com\n\n**Note**: we answer within a week.\n", set()),
        ("## About\n\n**Quokkalytics** – our own analytics dashboard.\n\n**WombatPay** – our wallet.\n", set()),
    ],
)
def test_paragraphs_led_by_product_names_are_list_items(tmp_path: Path, text: str, names: set[str]) -> None:
    rows = _rows(tmp_path, "policy.md", text)
    assert set(rows) == names and all(r["how"] == "list" for r in rows.values())


@pytest.mark.parametrize(
    "sentence",
    [
        "我们会通过短信、在线客服或站内信与您联系。",  # channels, not products
        "您可以通过银行卡支付、扫码支付完成订单。",
        "极光推送SDK（以下简称“本SDK”）是由深圳市和讯华谷信息技术有限公司提供的推送服务。",  # an SDK's own policy
        "We use AES encryption and OAuth to protect the data sent to third-party services.",
    ],
)
def test_channels_self_names_and_techniques_are_no_rows(tmp_path: Path, sentence: str) -> None:
    assert _rows(tmp_path, "policy.txt", sentence + "\n") == {}


def test_open_platform_reached_through_is_a_row(tmp_path: Path) -> None:
    rows = _rows(tmp_path, "policy.txt", "在您使用微信登录时，我们会通过星河开放平台获取您的昵称和头像。\n")
    assert set(rows) == {"星河开放平台"}


def test_iubenda_headings_with_their_maker_and_third_parties_listed_after_a_colon(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "policy.md",
        "# QuokkaNotes\n\nWe respect your privacy.\n\n## Analytics\n\n#### Quokkalytics (Quokka Labs Ltd.)\n\n"
        "Quokkalytics helps us count visits.\n\nPersonal Data processed: Usage Data.\n\n## Sharing\n\n"
        "We share data with the following third parties: Wombat Ads (advertising), Numbat Cloud (hosting).\n",
    )
    assert set(rows) == {"Quokkalytics", "Wombat Ads", "Numbat Cloud"}
    assert rows["Quokkalytics"]["how"] == "heading" and rows["Quokkalytics"]["provider"] == "Quokka Labs Ltd."
    assert rows["Wombat Ads"]["how"] == "prose"


def test_the_documents_title_is_no_product_heading(tmp_path: Path) -> None:
    text = "# QuokkaNotes (Quokka Labs Ltd.)\n\nOur privacy policy: https://quokka.example/privacy\n"
    assert _rows(tmp_path, "policy.md", text) == {}


def test_names_one_per_paragraph_under_a_third_party_lead(tmp_path: Path) -> None:
    # App Privacy Policy Generator text saved without its links: the names are paragraphs of their own.
    rows = _rows(
        tmp_path,
        "policy.txt",
        "The app does use third party services that may collect information used to identify you.\n\n"
        "Link to privacy policy of third party service providers used by the app\n\nGoogle Play Services\n\nAdMob\n\n"
        "Quokkalytics\n\nWombat Crash Reporter\n\nLog Data\n\nWe collect data in case of an error in the app.\n",
    )
    assert set(rows) == {"Google Play Services", "AdMob", "Quokkalytics", "Wombat Crash Reporter"}


@pytest.mark.parametrize(
    "text",
    [
        "## Sharing\n\nWe have shared your data with the following categories of third parties:\n\n- Ad Networks\n"
        "- Cloud Computing Services\n- Data Analytics Services\n- Performance Monitoring Tools\n",
        "We may share your data with the following categories of third parties: Ad Networks, Cloud Computing "
        "Services and Retargeting Platforms.\n",
        "## Contents\n\nLog Data\n\nCookies\n\nSecurity\n\nContact Us\n",
    ],
)
def test_categories_of_third_parties_and_section_titles_are_no_rows(tmp_path: Path, text: str) -> None:
    assert _rows(tmp_path, "policy.md", text) == {}


@pytest.mark.parametrize("name", ["policy.txt", "policy.md"])
def test_names_one_per_line_joined_into_their_lead_in(tmp_path: Path, name: str) -> None:
    rows = _rows(
        tmp_path,
        name,
        "Privacy Policy\n\nThe app does use third party services that may collect information used to identify you.\n\n"
        "Link to privacy policy of third party service providers used by the app\nGoogle Play Services\nAdMob\n"
        "Quokkalytics\nWombat Crash Reporter\n\nLog Data\n\nWe collect data in case of an error.\n",
    )
    assert set(rows) == {"Google Play Services", "AdMob", "Quokkalytics", "Wombat Crash Reporter"}
    assert all(r["how"] == "list" for r in rows.values())
    assert rows["AdMob"]["line"] == 7 and rows["Wombat Crash Reporter"]["line"] == 9


def test_lines_under_a_lead_that_are_no_names_give_no_rows(tmp_path: Path) -> None:
    text = (
        "We use third party services:\nto count visits\nand to show ads.\n\nCategories of third parties:\nAd Networks\n"
        "Cloud Computing Services\n"
    )
    assert _rows(tmp_path, "policy.txt", text) == {}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("The app uses technology developed by Apple and Google called Quokka Exposure Alerts to exchange keys.\n",
         {"Quokka Exposure Alerts"}),
        (
            "The following companies provide services to us but do not have access to your data.\n\n"
            "Numbat Cloud Platform (NCP) provide cloud storage and cloud services for the data uploaded.\n",
            {"Numbat Cloud Platform (NCP)"},
        ),
        # The developer introducing itself is no third party.
        ("When Niuinfo or we are mentioned, it means Niuinfo Ltd.\n\nNiuinfo provides collaboration tools and "
         "services to help you.\n", set()),
    ],
)
def test_products_named_as_a_makers_technology_or_as_the_subject_providing_a_service(
    tmp_path: Path, text: str, names: set[str]
) -> None:
    rows = _rows(tmp_path, "policy.txt", text)
    assert set(rows) == names and all(r["how"] == "prose" for r in rows.values())


@pytest.mark.parametrize(
    ("text", "own"),
    [
        ("方解石工作室 [Calcitem Studio] （以下简称 “Calcitem” 或 “我们”）十分重视您的隐私。\n\n"
         "我们的客户服务供应商可能代表 Calcitem 处理信息，数据共享给 Calcitem 的合作方。\n", "Calcitem"),
        ("The controller of your personal data is HabitatMap Incorporated.\n\n"
         "You can learn what personal data are processed by HabitatMap and for what purposes.\n", "HabitatMap"),
        ('Quokka Labs Ltd. ("we", "us") respects your privacy.\n\nData is processed by Quokka Labs for the app.\n',
         "Quokka Labs"),
    ],
)
def test_the_policys_own_author_is_no_shaped_row(tmp_path: Path, text: str, own: str) -> None:
    assert own not in _rows(tmp_path, "policy.txt", text)


def test_a_third_party_named_beside_the_author_is_kept(tmp_path: Path) -> None:
    text = (
        'Quokka Labs Ltd. ("we", "us") respects your privacy.\n\n'
        "Payments are processed by Stripe. Crashes are sent to Wombat Crash.\n"
    )
    assert set(_rows(tmp_path, "policy.txt", text)) == {"Stripe", "Wombat Crash"}


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("通知滤盒使用微软公司出品的第三方 Bug 分析平台 Quokka AppWatch 进行设备数据的收集。", {"Quokka AppWatch"}),
        ("我们使用 Quokkalytics 统计应用的使用情况。", {"Quokkalytics"}),
        ("本应用仅在检查更新时连接 WombatHub 服务器，不上传任何个人信息。", {"WombatHub"}),
        ("加密保护：使用AES-256加密算法保护敏感数据。", set()),  # a technique
        ("Widget数据：使用App Groups安全机制在主应用和Widget间共享数据。", set()),
        ("4.基于 SD card 访问权限的附加服务。", set()),  # an English phrase
        ("退出方式：可通过iOS设置→隐私关闭个性化广告。", set()),
        ("您可以通过App-商家信息-更改你的个人信息。", set()),  # a menu path
    ],
)
def test_latin_names_in_chinese_prose(tmp_path: Path, sentence: str, names: set[str]) -> None:
    assert set(_rows(tmp_path, "policy.txt", sentence + "\n")) == names


def test_libraries_linked_to_their_code_pages(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "policy.md",
        "当应用程序崩溃时，我们的应用程序通过 [quokkacatch](https://pub.dev/packages/quokkacatch) 和 "
        "[wCrash](https://github.com/example/wCrash) 收集并存储崩溃数据。\n\n"
        "See the [docs](https://github.com/example/docs) for details.\n",
    )
    assert set(rows) == {"quokkacatch", "wCrash"} and all(r["how"] == "prose" for r in rows.values())


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("This analytics service is provided via the Google product Quokkabase (https://quokkabase.example/).\n",
         {"Quokkabase"}),
        ("All of the data will be saved on WombatCenter (https://wombatcenter.example/).\n", {"WombatCenter"}),
        ("Crash reports go to the crash reporting tool Numbat Crash.\n", {"Numbat Crash"}),
        ("Your notes are saved on Your Device only.\n", set()),
        # "Us" later in a run-on sentence does not make the service the app itself.
        ("Quokka Ads Quokka Ads is an advertising service provided by Quokka Inc Privacy Policy Analytics The "
         "services in this section enable Us to monitor game data.\n", {"Quokka Ads Quokka Ads"}),
    ],
)
def test_products_by_apposition_saved_on_or_defined_in_run_on_text(
    tmp_path: Path, text: str, names: set[str]
) -> None:
    assert set(_rows(tmp_path, "policy.txt", text)) == names


def test_latin_sub_headings_of_a_chinese_third_party_section(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "policy.md",
        "# 隐私政策\n\n## 6. 第三方服务\n\n我们集成了以下第三方服务。\n\n### 6.1 Firebase Analytics（Google）\n\n"
        "- 目的：统计应用使用情况\n\n### 6.2 Quokka Vision Framework\n\n- 目的：提供文字识别功能\n\n"
        "### 6.3 第三方服务管理\n\n- 定期审查：我们定期审查第三方服务的安全性\n",
    )
    assert {"Quokka Vision Framework"} <= set(rows) and "第三方服务管理" not in rows
    assert rows["Quokka Vision Framework"]["how"] == "heading"


def test_a_row_named_in_two_languages_points_to_its_first_record_line(tmp_path: Path) -> None:
    zh = "## 第三方SDK\n\n| SDK名称 | 使用目的 |\n|---|---|\n| 友盟统计 | 统计 |\n"
    (tmp_path / "zh.md").write_text(zh, encoding="utf-8")
    en = "## SDKs\n\n| SDK name | Purpose |\n|---|---|\n| Umeng Analytics | stats |\n"
    (tmp_path / "en.md").write_text(en, encoding="utf-8")
    rows = analyze([tmp_path / "zh.md", tmp_path / "en.md"]).sections["policy"]["sdk_rows"]
    assert [(r["name"], r["line"]) for r in rows] == [("友盟统计 / Umeng Analytics", 5)]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("本应用中使用了以下第三方SDK：蜂鸟统计、云雀推送、星河分享。", {"蜂鸟统计", "云雀推送", "星河分享"}),
        ("第三方服务商：蜂鸟统计、QuokkaPay，用于统计与支付。", {"蜂鸟统计", "QuokkaPay"}),
        ("Analytics: Quokkalytics. Crash reporting: Wombat Crash.", {"Quokkalytics", "Wombat Crash"}),
        ("第三方SDK：请见下表。", set()),
        ("SDK用途：用于加固APP代码，不容易被反编译。", set()),  # a key of a record, not a list
        ("第三方机构名称：Quokka(Block, Inc.)", set()),
        ("Analytics: We count visits to improve the app.", set()),
    ],
)
def test_names_listed_after_a_colon(tmp_path: Path, sentence: str, names: set[str]) -> None:
    assert set(_rows(tmp_path, "policy.txt", sentence + "\n")) == names


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("This app uses PostHog to count screens.", {"PostHog"}),
        ("The app uses OpenStreetMap tiles.", {"OpenStreetMap"}),
        ("We use RevenueCat and Quokkabase for purchases.", {"RevenueCat"}),  # only the invented spelling
        # A well-known service (services.py) is known, however it is spelt.
        ("We use RevenueCat and Supabase for purchases.", {"RevenueCat", "Supabase"}),
        ("We use Dark Mode and Material Design.", set()),
    ],
)
def test_we_use_without_third_party_words_takes_invented_names_only(
    tmp_path: Path, sentence: str, names: set[str]
) -> None:
    assert set(_rows(tmp_path, "policy.txt", sentence + "\n")) == names


@pytest.mark.parametrize(
    "sentence",
    [
        "本应用基于鸿蒙SDK开发，使用 WebView 加载网页。",
        "The app is built with the HarmonyOS SDK and the Android SDK, and uses the WebView.",
        "我们使用安卓SDK提供的定位接口。",
    ],
)
def test_platform_sdks_are_no_third_parties(tmp_path: Path, sentence: str) -> None:
    assert _rows(tmp_path, "policy.txt", sentence + "\n") == {}


def test_an_sdks_own_policy_does_not_list_the_sdk_itself(tmp_path: Path) -> None:
    text = (
        "极光推送SDK隐私政策\n\n深圳市和讯华谷信息技术有限公司提供的极光推送SDK（以下简称“本SDK”）重视您的隐私。\n\n"
        "开发者集成了极光推送SDK后，本SDK会收集设备标识符。\n"
    )
    assert _rows(tmp_path, "policy.txt", text) == {}


def test_a_third_party_introduced_with_a_short_name_is_not_the_author(tmp_path: Path) -> None:
    text = "我们接入了蜂鸟科技有限公司（以下简称“蜂鸟”）提供的蜂鸟统计SDK，用于统计分析。\n"
    assert set(_rows(tmp_path, "policy.txt", text)) == {"蜂鸟统计SDK"}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # The opening names the author with a short name of its own: it is no third party.
        ("《独立游戏开发者Quokka用户隐私协议》\n\n用户与独立游戏开发者Quokka（以下简称“Quokka”）达成协议。\n\n"
         "我们接入了蜂鸟统计SDK。数据共享给 Quokka 的服务器。\n", {"蜂鸟统计SDK"}),
        ("本应用集成了蜂鸟统计SDK（以下简称“蜂鸟”），用于统计分析。\n", {"蜂鸟统计SDK"}),
    ],
)
def test_the_authors_short_name_in_the_opening(tmp_path: Path, text: str, names: set[str]) -> None:
    assert set(_rows(tmp_path, "policy.txt", text)) == names


def test_the_generators_service_provider_is_the_author(tmp_path: Path) -> None:
    text = (
        'This privacy policy applies to the Quokka Notes app (hereby referred to as "Application") for mobile '
        'devices that was created by Wombat Labs (hereby referred to as "Service Provider") as a Free service.\n\n'
        "Your data is processed by Wombat Labs and crash reports are sent to Numbat Crash.\n"
    )
    assert set(_rows(tmp_path, "policy.txt", text)) == {"Numbat Crash"}


@pytest.mark.parametrize("name", ["policy.txt", "policy.md"])
def test_names_one_per_line_after_a_blank_line_under_a_long_lead(tmp_path: Path, name: str) -> None:
    # The newer App Privacy Policy Generator text: a long lead ending with a colon, a blank line, then the names.
    rows = _rows(
        tmp_path,
        name,
        "Privacy Policy\n\nPlease note that the Application utilizes third-party services that have their own "
        "Privacy Policy about handling data. Below are the links to the Privacy Policy of the third-party service "
        "providers used by the Application:\n\nGoogle Play Services\nAdMob\nQuokkalytics\n\n"
        "The Service Provider may disclose User Provided and Automatically Collected Information.\n",
    )
    assert set(rows) == {"Google Play Services", "AdMob", "Quokkalytics"}
    assert rows["AdMob"]["line"] == 6


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("Our advertising partners are Quokka Ads and WombatMob.", {"Quokka Ads", "WombatMob"}),
        ("The third-party services we use include Quokkalytics and Wombat Crash.", {"Quokkalytics", "Wombat Crash"}),
        ("Third-party libraries used: Quokka Maps, WombatKit.", {"Quokka Maps", "WombatKit"}),
        ("我们的合作伙伴包括蜂鸟统计、云雀推送。", {"蜂鸟统计", "云雀推送"}),
        ("Our partners are important to us.", set()),
        ("Service providers are bound by contracts.", set()),
        ("我们的合作伙伴包括广告合作方、支付机构。", set()),
    ],
)
def test_third_parties_named_as_what_the_partners_are(tmp_path: Path, sentence: str, names: set[str]) -> None:
    assert set(_rows(tmp_path, "policy.txt", sentence + "\n")) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Powered by WordPress\n\n© 2024 Acme\n", set()),
        ("Proudly hosted on Netlify.\n", set()),
        ("This page is hosted on GitHub Pages. Its HTML includes no analytics scripts.\n", set()),
        ("This privacy policy is published on Notion.\n", set()),
        ("This website is served by Quokka Hosting.\n", set()),
        ("The website is hosted by Quokka Hosting.\n", {"Quokka Hosting"}),
        ("Your photos are hosted on Quokka Cloud.\n", {"Quokka Cloud"}),
        ("GitHub may process visitors' IP addresses when serving the website.\n", set()),
        ("Maps in the app are powered by Quokka Maps.\n", {"Quokka Maps"}),
    ],
)
def test_page_footers_credit_the_site_not_the_app(tmp_path: Path, text: str, names: set[str]) -> None:
    assert set(_rows(tmp_path, "policy.txt", text)) == names


@pytest.mark.parametrize(
    "sentence",
    [
        "WE USE RevenueCat and Our Services Are Quokka Push",
        "Libraries used: Sentry. The app integrates PostHog",
        # The non-ASCII letters re.I matches to ASCII ones: long s, Kelvin sign, dotted and dotless i.
        "We \u017fometimes u\u017fe Mixpanel; our partners \u0130nclude X; the app rel\u0131es on Y; tools: \u212a",
    ],
)
def test_the_use_anchor_matches_where_the_case_insensitive_pattern_does(sentence: str) -> None:
    # `_EN_ANCHOR` runs without re.I on folded text for speed: the matches must be re.I's.
    with_re_i = re.compile(records._EN_ANCHOR.pattern, re.I)
    assert [m.span() for m in records._EN_ANCHOR.finditer(records._ascii_folded(sentence))] == [
        m.span() for m in with_re_i.finditer(sentence)
    ]
    assert list(with_re_i.finditer(sentence))


@pytest.mark.parametrize(
    "item",
    ["请您理解并知悉：您主动向外部第三方提供的个人信息，我们不会干预。",
     "接入第三方SDK：我们会对接入的SDK进行严格的安全检测。",
     "我们的产品服务还会包含第三方SDK或其他类似的应用程序：由其直接收集和处理你的信息。"],
)
def test_list_items_that_are_clauses_give_no_row(tmp_path: Path, item: str) -> None:
    # A numbered item of a third-party section that is a sentence to the reader names no SDK.
    rows = _rows(
        tmp_path,
        "policy.txt",
        "第三方SDK\n我们接入的第三方SDK如下：\n1. 友盟统计SDK：用于统计分析，收集设备标识符（OAID）。\n"
        f"2. {item}\n3. 极光推送SDK：用于消息推送，收集设备标识符（Android ID）。\n",
    )
    assert set(rows) == {"友盟统计SDK", "极光推送SDK"}


@pytest.mark.parametrize(
    ("item", "want"),
    [("我们使用了蜂鸟统计SDK", {"蜂鸟统计SDK"}), ("我们的产品集成友盟+SDK", {"友盟+SDK"}),
     ("我们可能会使用程序化广告SDK（穿山甲、优量汇）来为你推荐广告", {"穿山甲", "优量汇"})],
)
def test_list_item_clause_keeps_the_sdk_it_names(tmp_path: Path, item: str, want: set[str]) -> None:
    rows = _rows(
        tmp_path,
        "policy.txt",
        "第三方SDK\n我们接入的第三方SDK如下：\n1. 极光推送SDK：用于消息推送，收集设备标识符（Android ID）。\n"
        f"2. {item}：用于统计分析与广告，收集您的设备信息。\n",
    )
    assert set(rows) == {"极光推送SDK"} | want


@pytest.mark.parametrize(
    "heading", ["六、暂未接入的第三方服务", "6. 未接入的第三方SDK", "Third-party services we do not use"]
)
def test_a_section_saying_its_services_are_not_used_lists_no_rows(tmp_path: Path, heading: str) -> None:
    rows = _rows(
        tmp_path,
        "sdk.md",
        "# SDK 清单\n\n## 一、已接入\n\n- 极光推送SDK：用于消息推送\n- 友盟统计SDK：用于统计分析\n\n"
        f"## {heading}\n\n- 消息推送（Firebase Cloud Messaging / APNs）\n- 崩溃监控（Sentry / Firebase Crashlytics）\n"
        "- 行为统计（Firebase Analytics / 友盟 / GA4 等）\n",
    )
    assert set(rows) == {"极光推送SDK", "友盟统计SDK"}


@pytest.mark.parametrize(
    "opening",
    ["感谢您使用 Quokka Notes。", "Thank you for choosing Quokka Notes.",
     "本政策说明在使用 Quokka Notes 扩展（「扩展」）时我们收集哪些数据。",
     'This policy applies to Quokka Notes (the "App").',
     "Quokka Notes is a combination of services provided by Quokka Notes itself and third-party services."],
)
def test_the_app_named_where_the_policy_introduces_it_is_no_third_party(tmp_path: Path, opening: str) -> None:
    body = "我们通过 Quokka Notes 服务同步数据，并使用 Firebase Crashlytics 收集崩溃日志。\n"
    assert "Quokka Notes" in _rows(tmp_path, "plain.md", f"# Privacy\n\nHello.\n\n{body}")  # a third party so
    rows = _rows(tmp_path, "privacy.md", f"# Privacy\n\n{opening}\n\n{body}")
    assert "Quokka Notes" not in rows and "Firebase Crashlytics" in rows


def test_link_labels_and_cookie_kinds_are_no_rows(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "privacy.md",
        "# Privacy\n\n## Third-party services\n\nWe use the following third-party services:\n\n"
        "- [Firebase Crashlytics](https://firebase.google.com/support/privacy)\n"
        "- [Official website](https://www.example.org/)\n- [Homepage](https://www.example.net/)\n"
        "- [Sentry](https://sentry.io/privacy/)\n\n## Cookies\n\nWe use these cookies:\n\n"
        "- Essential Cookies: required to log in ([Google](https://policies.google.com/privacy))\n"
        "- Performance/Analytical Cookies: Google Analytics ([opt out](https://tools.google.com/dlpage/gaoptout/))\n",
    )
    assert not {"Official website", "Homepage", "Essential Cookies", "Performance/Analytical Cookies"} & set(rows)
    assert {"Firebase Crashlytics", "Sentry"} <= set(rows)


@pytest.mark.parametrize(
    "sentence",
    ["我们通过 Apple 提供的 StoreKit 框架获取订阅状态。", "订阅验证通过 Apple StoreKit 框架完成。",
     "我们使用 Google 开发的 Material 组件库展示界面。", "您使用我们的服务时，我们可能通过WEB日志记录访问情况。",
     "本应用使用 AppStorage 及 SharedPreferences 保存本地数据。", "所有通信通过 HTTP Basic Auth 保护。",
     "您输入的第三方服务 API Key 仅保存在本机。", "我们严格依照要求接入，并向您公示 SDK 开发者与隐私政策链接。",
     "应用内无任何广告、数据统计、用户行为埋点类 SDK。", "若不进行登录，则无法使用 Quokka AI 相关功能。"],
)
def test_makers_frameworks_logs_access_terms_and_clauses_are_no_prose_rows(tmp_path: Path, sentence: str) -> None:
    rows = _rows(tmp_path, "policy.txt", f"隐私政策\n\n{sentence}\n")
    assert rows == {}


def test_a_product_named_before_provided_stays_a_row(tmp_path: Path) -> None:
    # "通过 X 提供的…接口": a camel-case X is the product itself, not its maker.
    text = "隐私政策\n\n本应用通过 AppGalleryConnect 提供的“用华为账号登录”接口认证身份。\n"
    rows = _rows(tmp_path, "policy.txt", text)
    assert set(rows) == {"AppGalleryConnect"}


def test_headings_per_third_party_with_link_bullets(tmp_path: Path) -> None:
    # A page of third parties, one heading each, its section linking to the party's own site; link labels
    # ("Official website") and a heading whose links go to other sites ("PCI Compliance") are no rows.
    rows = _rows(
        tmp_path,
        "THIRD_PARTIES.md",
        "# Third parties\n\n## Billing\n\n### Quokkapay\n\nWe partner with Quokkapay to offer payments.\n\n"
        "* [Official website](https://quokkapay.com/)\n* [Quokkapay Privacy Policy](https://quokkapay.com/privacy)\n\n"
        "### WombatDesk\n\nWombatDesk provides us with customer support tools.\n\n"
        "* [Official website](https://www.wombat-desk.io/)\n\n"
        "### Numbat Mail\n\nWe send newsletters with Numbat Mail.\n\n* [Homepage](https://numbatmail.net/)\n\n"
        "### Koala Cloud Hosting\n\nKoala Cloud Hosting (KCH) hosts our servers.\n\n* [Website](https://kch.koala.example/)\n\n"
        "### PCI Compliance\n\nFor more information on PCI Compliance, see:\n\n"
        "* [PCI Compliance Guide](https://www.pcicomplianceguide.org/faq/)\n",
    )
    assert set(rows) == {"Quokkapay", "WombatDesk", "Numbat Mail", "Koala Cloud Hosting"}
    assert rows["WombatDesk"]["how"] == "heading"


def test_the_apps_own_heading_linking_its_site_is_no_row(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "privacy.md",
        "# Privacy\n\nThank you for using Quokka Maps.\n\n## Quokka Maps\n\nSee [our site](https://quokkamaps.org/).\n\n"
        "## Wombat Geo\n\nSearches are sent to Wombat Geo: [site](https://wombatgeo.com/).\n",
    )
    assert "Quokka Maps" not in rows and "Wombat Geo" in rows


@pytest.mark.parametrize("tag", ["h6", "h5", "h4"])
def test_third_parties_one_per_html_heading_line_in_markdown(tmp_path: Path, tag: str) -> None:
    # App Privacy Policy Generator's HTML pasted into a Markdown page: names as headings with no text.
    rows = _rows(
        tmp_path,
        "Privacy_Policy.md",
        "<h2>Privacy Policy</h2>\n<p>\nThe app does use third-party\nservices that may collect information used to "
        f"identify you.\n</p>\n<p>\n<{tag}>- Google Play Services</{tag}>\n<{tag}>- Quokka Crash for Wombat</{tag}>\n"
        f"<{tag}>- RevenueCat</{tag}>\n</p>\n<p>\nLog data is collected in case of an error.\n</p>\n",
    )
    assert {"Google Play Services", "Quokka Crash for Wombat", "RevenueCat"} <= set(rows)
    assert rows["RevenueCat"]["how"] == "list"


def test_html_heading_lines_without_a_third_party_lead_are_no_rows(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "README.md",
        "<p>\nOur team.\n</p>\n<h6>- Quokka Notes</h6>\n<h6>- Wombat Board</h6>\n\nSome text about the project.\n",
    )
    assert rows == {}


@pytest.mark.parametrize(
    ("sentence", "names"),
    [("本应用支持您接入第三方服务（例如：QuokkaAI、Wombat翻译、Numbat、袋鼠助手等），相关服务由对应服务提供者提供。",
      {"QuokkaAI", "Wombat翻译", "Numbat", "袋鼠助手"}),
     ("You may connect third-party AI services (e.g. Quokka AI, Wombat Chat or Numbat Cloud) with your own key.",
      {"Quokka AI", "Wombat Chat", "Numbat Cloud"}),
     ("我们接入第三方推送平台（如：极光推送、个推推送），用于向您推送消息。", {"极光推送", "个推推送"}),
     ("如果您使用第三方服务例如Quokka翻译，那么第三方服务商需要收集需要翻译的文字。", {"Quokka翻译"}),
     ("您可以接入第三方平台，比如 QuokkaAI、Wombat云，以便生成摘要。", {"QuokkaAI", "Wombat云"})],
)
def test_named_examples_of_third_party_services_however_hedged(
    tmp_path: Path, sentence: str, names: set[str]
) -> None:
    assert names <= set(_rows(tmp_path, "policy.txt", f"隐私政策\n\n{sentence}\n"))


@pytest.mark.parametrize(
    "sentence",
    ["我们不会接入第三方服务（例如：QuokkaAI、Numbat等）。",
     "第三方服务（例如：广告主、广告平台）可能获取您的信息。",
     "You may use third-party services (e.g. your bank or your email provider) at your own risk.",
     "如果您使用第三方服务例如翻译功能，那么第三方服务商需要收集需要翻译的文字。"],
)
def test_denied_or_category_examples_of_third_party_services_are_no_rows(tmp_path: Path, sentence: str) -> None:
    assert _rows(tmp_path, "policy.txt", f"隐私政策\n\n{sentence}\n") == {}


def test_another_product_of_the_same_vendor_is_no_repeat(tmp_path: Path) -> None:
    # "Firebase Firestore" resolves to the same catalogue entry as "Firebase (Google)" but is another product;
    # "Google Firebase" in prose repeats the heading row.
    rows = _rows(
        tmp_path,
        "privacy.md",
        "# Privacy\n\n## Third-party services\n\n### Firebase (Google)\n\n- Purpose: database, crash reporting\n"
        "- Privacy: https://firebase.google.com/support/privacy\n\n## Storage\n\n"
        "User data is stored in Firebase Firestore (Google Cloud Platform). We use Google Firebase to sign you in.\n",
    )
    assert "Firebase Firestore" in rows and "Google Firebase" not in rows


@pytest.mark.parametrize(
    "opening",
    ["《融云 RTC 隐私政策》\n\n更新时间：2024 年 1 月 1 日", "# 融云 Privacy Policy\n\nLast updated: 2024",
     "隐私政策\n\n融云 RTC 服务是北京某某科技有限公司（“融云”或“我们”）提供的通信云服务。"],
)
def test_the_service_named_by_the_title_or_beside_we_is_the_author(tmp_path: Path, opening: str) -> None:
    # An SDK vendor's own policy: its name is no third party of the policy.
    body = "您应当向终端用户阐明融云产品集成于您的服务中。\n\nThe app uses Firebase Crashlytics to report crashes.\n"
    assert "融云" in _rows(tmp_path, "plain.md", f"隐私政策\n\n{body}")  # a row where nothing names the author
    assert set(_rows(tmp_path, "privacy.md", f"{opening}\n\n{body}")) == {"Firebase Crashlytics"}


@pytest.mark.parametrize("title", ["# App Privacy Policy", "# Privacy Policy", "隐私政策", "# Our App Privacy Policy"])
def test_a_generic_title_names_no_author(tmp_path: Path, title: str) -> None:
    rows = _rows(tmp_path, "privacy.md", f"{title}\n\nWe use AppsFlyer and Firebase Crashlytics to measure installs.\n")
    assert {"AppsFlyer", "Firebase Crashlytics"} <= set(rows)


@pytest.mark.parametrize(
    ("text", "name"),
    [("Nominatim to resolve search terms or locations", "Nominatim"),
     ("Google LLC for\n  cloud infrastructure and services.", "Google LLC"),
     ("Quokka Group LLC d/b/a Quokkamail\n  for email processing.", "Quokka Group LLC d/b/a Quokkamail"),
     ("Google Analytics for Firebase", "Google Analytics for Firebase"),
     ("Sign in with Google to sync", "Sign in with Google")],
)
def test_item_name_ends_before_a_purpose_told_by_a_preposition(text: str, name: str) -> None:
    assert item_head(text)[0] == name


def test_subprocessor_links_with_their_purpose_after_for(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "subprocessors.md",
        "# Subprocessors\n\nWe use the following third-party subprocessors for our Services:\n\n"
        "* [Quokka Cloud LLC](https://quokka.example/gdpr) for\n  cloud infrastructure and services.\n"
        "* [Wombat Group LLC d/b/a Wombatmail](https://wombat.example/gdpr)\n  for email processing.\n"
        "* [Numbat Geo](https://numbat.example/) to resolve search terms or locations\n",
    )
    assert set(rows) == {"Quokka Cloud LLC", "Wombat Group LLC d/b/a Wombatmail", "Numbat Geo"}


@pytest.mark.parametrize(
    ("sentence", "name"),
    [("Error reporting via Bugsnag is opt-in, see the FAQ for more information.", "Bugsnag"),
     ("Push notifications are delivered to your device, with error monitoring through Sentry.", "Sentry"),
     ("Crash reports using Firebase Crashlytics are sent only after you agree.", "Firebase Crashlytics")],
)
def test_a_function_done_by_way_of_a_catalogue_sdk_is_its_use(tmp_path: Path, sentence: str, name: str) -> None:
    # One-word names the catalogue imported need a link on their paragraph (see `_plausible_name`).
    text = f"# Privacy\n\n{sentence} [FAQ](https://example.org/faq)\n"
    assert name in _rows(tmp_path, "privacy.md", text)


@pytest.mark.parametrize(
    "sentence",
    ["You need to log in through WeChat authorization to apply for a position.",
     "We never send error reports via Bugsnag.", "Error reporting via Bugsnag is not used by this app."],
)
def test_logging_in_through_an_account_or_a_denied_function_is_no_use(tmp_path: Path, sentence: str) -> None:
    rows = _rows(tmp_path, "privacy.md", f"# Privacy\n\n{sentence} [FAQ](https://example.org/faq)\n")
    assert not {"WeChat", "Bugsnag"} & set(rows)


@pytest.mark.parametrize(
    ("sentence", "hosts"),
    [("For that it will connect to either `quokka-geo.is` or `wombatip.net` to find your city.",
      {"quokka-geo.is", "wombatip.net"}),
     ("The desktop application downloads the spellchecker dictionary from redirector.numbat.com.",
      {"redirector.numbat.com"}),
     ("The app will download the language files from https://models.quokka.org/vosk/ or https://koala.example.com/m.",
      {"models.quokka.org", "koala.example.com"}),
     ("Crash reports are sent to `errors.wombat.io` when enabled.", {"errors.wombat.io"})],
)
def test_hosts_the_app_reaches_are_rows(tmp_path: Path, sentence: str, hosts: set[str]) -> None:
    # As prose and as a table cell (a feature table of what connects where).
    assert hosts <= set(_rows(tmp_path, "privacy.md", f"# Privacy\n\n{sentence}\n"))
    table = f"# Privacy\n\n| Feature | Description | Default |\n|---|---|---|\n| Sync | {sentence} | On |\n"
    assert hosts <= set(_rows(tmp_path, "table.md", table))


@pytest.mark.parametrize(
    "sentence",
    ["Contact us at support@quokka.org or visit quokka.org for help.", "We never send data to wombat.io.",
     "The file is saved as notes.json in the app folder.", "Data is sent to us.", "See quokka.org/privacy for more."],
)
def test_hosts_not_reached_by_the_app_are_no_rows(tmp_path: Path, sentence: str) -> None:
    assert _rows(tmp_path, "privacy.md", f"# Privacy\n\n{sentence}\n") == {}


@pytest.mark.parametrize(
    ("sentence", "names"),
    [("If you choose to synchronise with a third-party, such as QuokkaDrive, the notes are sent to your account.",
      {"QuokkaDrive"}),
     ("We rely on cloud services, such as Wombat Cloud and NumbatDB, to store backups.", {"Wombat Cloud", "NumbatDB"})],
)
def test_names_after_a_comma_and_such_as_following_third_party_words(
    tmp_path: Path, sentence: str, names: set[str]
) -> None:
    assert names <= set(_rows(tmp_path, "privacy.md", f"# Privacy\n\n{sentence}\n"))


def test_a_third_party_such_as_a_common_noun_is_no_row(tmp_path: Path) -> None:
    text = "# Privacy\n\nIf you pay through a third-party, such as your bank, its terms apply.\n"
    assert _rows(tmp_path, "privacy.md", text) == {}


def test_a_catalogue_sdk_item_that_says_it_collects_is_a_row_in_any_list(tmp_path: Path) -> None:
    # A list about "technologies we use" (no third-party lead): the item naming a catalogue SDK with what it
    # collects is its record; the other items (local storage, a Chinese item named by a brand word) are not.
    rows = _rows(
        tmp_path,
        "privacy.md",
        "# Privacy\n\n## 9.1 Technologies We Use\n\n- **Local storage**: SharedPreferences and SQLite keep settings\n"
        "- **Firebase Analytics**: Collects anonymous usage data to improve the app (can be disabled)\n"
        "- **微信专清**：收集您的微信缓存文件大小\n- **Crash logs**: kept on the device\n",
    )
    assert set(rows) == {"Firebase Analytics"}
    assert rows["Firebase Analytics"]["how"] == "list"


def test_a_catalogue_sdk_item_that_does_not_collect_is_no_row_in_any_list(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "privacy.md",
        "# Privacy\n\n## Technologies\n\n- **Local storage**: settings stay on the device\n"
        "- **Firebase Analytics**: not collected; analytics are disabled in this build\n",
    )
    assert rows == {}


@pytest.mark.parametrize(
    ("sentence", "names"),
    [("我们会通过 SDK 将 GPS 信息与位置服务提供商（Android为高德地图定位，IOS为百度地图定位）进行共享。",
      {"高德地图定位", "百度地图定位"}),
     ("我们会将设备标识符与推送服务商（安卓端：极光推送，iOS：个推推送）共享，用于推送消息。",
      {"极光推送", "个推推送"})],
)
def test_providers_named_per_platform_in_brackets(tmp_path: Path, sentence: str, names: set[str]) -> None:
    assert names <= set(_rows(tmp_path, "policy.txt", f"隐私政策\n\n{sentence}\n"))


@pytest.mark.parametrize(
    ("sentence", "name"),
    [("经过您的授权，我们将从苹果公司的Healthkit接收并向其发送您的运动数据。", "Healthkit"),
     ("我们会将崩溃日志发送至腾讯公司的 Bugly 平台。", "Bugly")],
)
def test_a_latin_product_of_a_named_company_in_chinese_prose(tmp_path: Path, sentence: str, name: str) -> None:
    assert name in _rows(tmp_path, "policy.txt", f"隐私政策\n\n{sentence}\n")


@pytest.mark.parametrize(
    ("sentence", "name"),
    [("Quokka API Services are used only to authenticate mail accounts through OAuth.", "Quokka API Services"),
     ("WombatPush is used to deliver notifications.", "WombatPush"),
     ("Numbat Cloud is also used for third-party backups.", "Numbat Cloud")],
)
def test_a_product_subject_put_to_a_use_is_a_row(tmp_path: Path, sentence: str, name: str) -> None:
    assert name in _rows(tmp_path, "privacy.md", f"# Privacy\n\n{sentence}\n")


@pytest.mark.parametrize(
    "sentence",
    ["Dark Mode is used to reduce eye strain.", "Cookies are used to remember your settings.",
     "Location Services are used for maps.", "Your Personal Data is used to provide the app.",
     "MyApp is used to take notes, and we do not share data."],
)
def test_a_feature_or_data_subject_put_to_a_use_is_no_row(tmp_path: Path, sentence: str) -> None:
    assert _rows(tmp_path, "privacy.md", f"# Privacy\n\n{sentence}\n") == {}


# A catalogue product or a well-known service named anywhere in a sentence about data or use (records.py
# `_mentioned`): verbs of collecting, sharing, processing, using on either side, of containing, integrating,
# allowing or providing before it; appositions and passives; a third-party section; a bullet that is its link.
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Information may be collected by our ad network, Unity Ads.", "Unity Ads"),
        ("We may allow Google Analytics to collect usage data.", "Google Analytics"),
        ("This app contains Unity Analytics.", "Unity Analytics"),
        ("The app includes Firebase Crashlytics, which records crash logs.", "Firebase Crashlytics"),
        ("Crash logs are sent automatically to Firebase Crashlytics.", "Firebase Crashlytics"),
        ("Usage data is processed by Google Analytics for Firebase on our behalf.", "Google Analytics for Firebase"),
        ("We work with AppsFlyer, an attribution provider, which receives your advertising ID.", "AppsFlyer"),
        ("Our servers are hosted on Amazon Web Services in Frankfurt.", "Amazon Web Services"),
        ("Your prompts are forwarded to OpenAI to generate an answer.", "OpenAI"),
        ("本应用内置了友盟统计，用于统计分析。", "友盟统计"),
        ("您的设备信息会被极光推送收集，用于消息推送。", "极光推送"),
        ("为了实现推送功能，我们允许个推获取您的设备标识。", "个推"),
        ("我们的广告合作方穿山甲可能收集您的设备信息。", "穿山甲"),
        ("我们的服务器部署在阿里云，数据存储于境内。", "阿里云"),
        ("翻译功能会将您输入的文本上传至百度翻译。", "百度翻译"),
        ("Our analytics provider (Mixpanel) receives anonymous usage events.", "Mixpanel"),
        ("Mixpanel, our analytics provider, receives anonymous usage events.", "Mixpanel"),
        ("We partner with AppLovin to show ads.", "AppLovin"),
        ("Google's Firebase Analytics helps us understand usage.", "Firebase Analytics"),
        ("Notes are summarised by OpenAI's GPT-4o model.", "OpenAI"),
        ("我们与穿山甲合作，为您展示广告。", "穿山甲"),
        ("支付通过支付宝完成。", "支付宝"),
        ("推送服务由极光提供。", "极光"),
        ("我们的服务器位于阿里云杭州节点。", "阿里云"),
        # Traditional Chinese: names and verbs read in their Simplified form, the name kept as written.
        ("您的資料會傳輸至阿里雲進行儲存。", "阿里雲"),
        ("我們使用友盟統計分析您的使用情況。", "友盟統計"),
        ("# Third-party services\n\nUnity Ads.\n", "Unity Ads"),
        ("- [Firebase Crashlytics](https://firebase.google.com/support/privacy)\n", "Firebase Crashlytics"),
    ],
)
def test_product_named_anywhere_in_a_sentence_about_data(tmp_path: Path, text: str, want: str) -> None:
    name = "policy.md" if text.startswith(("#", "-")) else "policy.txt"
    rows = _rows(tmp_path, name, text)
    assert set(rows) == {want}, rows


@pytest.mark.parametrize(
    "text",
    [
        # Denied, in the clause or the list's lead-in.
        "We do not use Google Analytics or any other tracker.",
        "本应用不包含友盟统计。",
        "我們沒有使用友盟統計。",
        "## 未集成的第三方服务\n\n本应用未集成以下服务：\n\n- 在线支付（Stripe / PayPal 等）\n"
        "- 消息推送（Firebase Cloud Messaging）\n",
        # A contact channel on a platform is the reader's account there.
        "您可以通过微信联系我们。",
        "You can reach us via Discord or Telegram.",
        "如您使用分享功能，我们会将内容传输至微信、QQ或微博。",
        # In a third-party section a platform the reader has an account on still needs a verb.
        "## 第三方服务\n\n我们在微博上有官方页面。\n",
        "The app serves no ads from Unity Ads.",
        # Catalogue aliases that name a kind of function; a Chinese name run into a feature word.
        "当您进行实人认证时，我们会收集您的面部信息。",
        "增长分析功能会收集您的使用记录。",
        "我们使用号码认证服务验证您的手机号。",
        "我们会收集灯塔模式下的位置信息。",
        "在极光主题下，我们收集您的偏好设置。",
        # An imported one-word name that is an English word starting a sentence ("Batch processing …").
        "Batch processing of analytics data is used to compute statistics.",
        # No verb of data or use, no third-party section.
        "Google Analytics is a web analytics service.",
        # The subject of a verb of containing is no product the app contains.
        "Wikipedia contains some information about how browsers determine your location.",
        # The reader's account on a platform, logging in or sharing there.
        "If you link your Facebook account, we receive your name.",
        "When you apply online you need to log in through WeChat authorization, we collect your WeChat login data.",
        "These cookies allow you to share what you have been doing on social media, such as Facebook or Twitter.",
        # An SDK's identifier listed among data; a URL's host; a record's provider field.
        "涉及个人信息：设备标识符（IMEI、ICCID、UTDID、OAID）",
        "第三方机构名称：腾讯云计算（北京）有限责任公司",
        # Web tracking techniques, not the SDK named like them.
        "当您使用第三方的网页时，这些第三方可能会放置他们自己的Cookie或网络Beacon。",
        "We use cookies and web beacons to collect usage data.",
        # Platforms and stores.
        "We use Google Play to distribute the app and the App Store to sell it.",
    ],
)
def test_no_row_for_denied_or_data_mentions(tmp_path: Path, text: str) -> None:
    name = "policy.md" if text.startswith(("#", "-")) else "policy.txt"
    assert _rows(tmp_path, name, text) == {}


def test_platform_items_of_a_service_list_are_no_rows(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "policy.md",
        "# Third-party services\n\nThe app relies on the following services:\n\n"
        "- Apple App Store / StoreKit: purchases\n- Google Play: distribution\n- RevenueCat: subscription status\n",
    )
    assert set(rows) == {"RevenueCat"}


def test_a_carrier_named_as_a_company_is_no_row(tmp_path: Path) -> None:
    # "中国移动" is also a catalogue name (its one-tap login SDK): named as the carrier, it is a company.
    assert _rows(tmp_path, "policy.txt", "在您注销手机号码后，中国移动会根据法律法规的要求处理您的个人信息。\n") == {}


def test_a_lead_in_denying_something_else_keeps_its_items(tmp_path: Path) -> None:
    # "not persisted" denies keeping the data, not using the product the item names.
    rows = _rows(
        tmp_path,
        "policy.md",
        "## Our server\n\nThe following data is sent to our server but is not persisted there:\n\n"
        "* Your IP address: the app guesses your location using the MaxMind GeoLite2 database.\n",
    )
    assert set(rows) == {"MaxMind GeoLite2"}


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # A data topic before the colon is no record field: the product after it is named as used.
        ("Location: your coordinates are sent to Open-Meteo for the forecast.", {"Open-Meteo"}),
        # A bare company handling purchases names no product.
        ("Subscription data is handled by Apple as the payment processor.", set()),
    ],
)
def test_topic_labels_and_bare_companies(tmp_path: Path, text: str, want: set[str]) -> None:
    assert set(_rows(tmp_path, "policy.txt", text + "\n")) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # A lead with its verb before a colon speaks of the names listed after it.
        ("Third-party services used by the app: Supabase (database), Stripe (payments) and Sentry (errors).\n",
         {"Supabase", "Stripe", "Sentry"}),
        # Items headed by a known product, then what it does, under any heading.
        ("## Analytics\n\n- **Sentry** — crash reporting\n- **PostHog** — product analytics\n", {"Sentry", "PostHog"}),
        ("## 数据处理\n\n- 阿里云：服务器托管\n- 七牛云：图片存储\n", {"阿里云", "七牛云"}),
        # Not contact handles on a platform, nor the app's code host, nor a feature named after a product.
        ("## Contact\n\n- WeChat: acme_app\n- GitHub: https://github.com/acme/app\n", set()),
        ("## Features\n\n- Google Drive backup: back up your notes\n", set()),
        # A name labelling a feature, then described: "微信专清：清理微信…" names no recipient.
        ("7)微信专清：帮助您深度扫描和清理微信使用中产生的临时文件。\n", set()),
    ],
)
def test_lists_of_services_and_labels(tmp_path: Path, text: str, want: set[str]) -> None:
    name = "policy.md" if text.startswith(("#", "-")) else "policy.txt"
    assert set(_rows(tmp_path, name, text)) == want


def test_licence_lists_give_no_prose_rows(tmp_path: Path) -> None:
    from appaudit.policy.load import load
    from appaudit.policy.vocab import load as load_vocab
    from appaudit.signatures import load as load_catalogue

    f = tmp_path / "policy.md"
    f.write_text(
        "## Acknowledgements\n\n- OkHttp: Apache License 2.0\n\n## Analytics\n\n- **Sentry** — crash reporting\n",
        encoding="utf-8",
    )
    rows = records.prose_rows(load(f), load_vocab(), load_catalogue())
    assert [r.name for r in rows] == ["Sentry"]


# ---------------------------------------------------------------- the product-likeness check (round 6)


def _row(name: str, how: str = "list", sdk_id: str | None = None, quote: str = "") -> Any:
    from appaudit.policy.sdk_table import SdkRow

    return SdkRow(name, "", (), (), (), "", (), sdk_id, "", "", how=how, quote=quote)


@pytest.mark.parametrize(
    ("name", "how", "sdk_id", "quote"),
    [
        # Section and scenario headings, cell labels and defined terms, in every layout.
        ("Disclosure Scenario", "table", None, ""),
        ("Legal Obligations", "table", None, ""),
        ("Service Providers", "list", None, ""),
        ("With Your Consent", "table", None, ""),
        ("For Your Safety", "heading", None, ""),
        ("Third-Party SDKs & Services", "heading", None, ""),
        ("Other Recipients", "list", None, ""),
        ("Web", "prose", None, ""),
        ("Google Consent Mode", "prose", None, ""),
        # Dates and version lines, sentences run into a name.
        ("Last updated: July 2026 (version 33)", "kv-block", None, ""),
        ("Effective date 2025-01-01", "list", None, ""),
        ("Acme employees see this data. Here's Acme's", "kv-block", None, ""),
        # Identifiers and keys the app stores.
        ("Google Advertising ID", "prose", "google-ad-id", ""),
        ("Firebase installation identifier", "list", None, ""),
        ("appId", "prose", None, ""),
        ("userID", "table", None, ""),
        ("exampleapp.session", "table", None, ""),
        ("`notes.device-id`", "table", None, ""),
        ("Twitter", "prose", None, "Twitter handle"),
        ("PayPal", "prose", "paypal", "我们不会存储您的 PayPal 凭据或银行卡号。"),
        # Chinese titles, labels and kinds of SDK.
        ("个人信息保护规则", "list", None, ""),
        ("描述", "list", None, ""),
        ("适用场景", "table", None, ""),
        ("推送/统计/崩溃分析类 SDK（如有）", "list", None, ""),
        ("广告类SDK", "table", None, ""),
        ("云存储与内容安全/图像识别服务", "list", None, ""),
        ("某某的支付方式 SDK", "prose", None, ""),
        # Notes, field labels and roles of a list item; a kind of party; clauses opening with a denial or a purpose.
        ("Important", "list", None, ""),
        ("Data Shared", "list", None, ""),
        ("Open Source", "list", None, ""),
        ("Event Hosts", "table", None, ""),
        ("關聯方SDK", "prose", None, ""),
        ("没有广告 SDK", "prose", None, ""),
        ("提供基础服务", "prose", None, ""),
        ("您通知消息时，请开启推送", "prose", None, ""),
        # Answer cells of a "shared? / sold?" column, with or without a check mark.
        ("❌ 否", "table", None, ""),
        ("✅ Yes", "table", None, ""),
        ("No", "table", None, ""),
        ("無", "table", None, ""),
        ("N/A", "table", None, ""),
        # Traditional Chinese data items (資訊) and a lower-case common word that is also a catalogue name.
        ("藍牙 beacon 訊號資訊（UUID、RSSI）", "list", "tencent-beacon", ""),
        ("周邊 wifi 熱點資訊", "list", None, ""),
        ("附近 beacon 的信号信息", "list", "tencent-beacon", ""),
    ],
)
def test_rows_that_are_no_product(name: str, how: str, sdk_id: str | None, quote: str) -> None:
    from appaudit.policy import services

    assert records.unlike_product(_row(name, how, sdk_id, quote), services.load())


@pytest.mark.parametrize(
    ("name", "how", "sdk_id", "quote"),
    [
        ("Firebase Crashlytics", "table", "crashlytics", ""),
        ("Google", "list", None, ""),  # a company alone is its product where a list names it
        ("OPPO", "table", None, ""),
        ("Google API Services", "list", None, ""),
        ("uuid", "table", None, ""),  # a package, lower case
        ("sentry_flutter", "table", None, ""),
        ("com.umeng.umsdk", "table", None, ""),
        ("ipwho.is", "prose", None, ""),
        ("paddle.com", "prose", None, ""),
        ("Close", "heading", None, ""),
        ("Office 2019", "list", None, ""),  # a year without a date word
        ("Twitter", "prose", None, "We share crash reports with Twitter for ads measurement."),
        ("PayPal", "prose", "paypal", "Payments are handled by PayPal."),
        ("统计SDK", "list", None, ""),
        ("推送SDK", "list", None, ""),
        ("地图与定位（CoreLocation/Maps）", "list", None, ""),
        ("定位服务（如高德）", "list", None, ""),
        ("语音评测", "table", None, ""),
        ("阿里云号码认证与一键登录", "table", None, ""),  # a table's name cell may join two products
        ("Firefox账号登陆同步服务用于接入由Mozilla提供的服务", "list", None, ""),
        ("Sign in with Google", "prose", None, ""),
        ("✅ 是（僅 Google AdMob）", "table", "admob", ""),  # an answer naming the service keeps it
        ("腾讯灯塔Beacon", "list", "tencent-beacon", ""),
        ("Beacon 统计", "list", "tencent-beacon", ""),
        ("Nordic 資料", "table", None, ""),  # a table's name cell with a Latin brand
    ],
)
def test_rows_that_are_products(name: str, how: str, sdk_id: str | None, quote: str) -> None:
    from appaudit.policy import services

    assert not records.unlike_product(_row(name, how, sdk_id, quote), services.load())


def test_scenario_table_and_family_heading_give_no_rows(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "privacy.md",
        "# Privacy Policy\n\n## 5. Sharing\n\nWe share your data only as below:\n\n"
        "| Sharing Case | Description |\n|---|---|\n"
        "| Legal Obligations | Disclose data to authorities as required by law |\n"
        "| Service Providers | Disclose data to contracted providers to operate the service |\n"
        "| With Your Consent | Disclose to third parties with your explicit consent |\n\n"
        "## 6. Firebase Services\n\nThe app uses the following SDKs:\n\n"
        "| SDK | Purpose |\n|---|---|\n| Firebase Crashlytics | crash reports |\n| Firebase App Check | integrity |\n",
    )
    assert set(rows) == {"Firebase Crashlytics", "Firebase App Check"}


def test_chinese_category_items_and_rule_links_give_no_rows(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "privacy.md",
        "## 七、第三方服务\n\n本应用可能接入以下类型的第三方服务：\n\n"
        "（1）定位服务（如高德地图）：获取位置；\n（2）微信开放平台：微信登录与分享；\n（3）支付宝：会员购买；\n"
        "（4）推送/统计类 SDK（如有）：用于消息通知；\n（5）云存储与内容审核服务：用于上传存储。\n\n"
        "## 八、SDK 说明\n\n##### 8.1 极光推送SDK\n\n个人信息保护规则：[https://example.cn/privacy](https://example.cn/privacy)\n",
    )
    assert "推送/统计类 SDK（如有）" not in rows and "云存储与内容审核服务" not in rows
    assert "个人信息保护规则" not in rows
    assert {"微信开放平台", "支付宝", "极光推送SDK"} <= set(rows)


def test_one_heading_per_recipient_with_record_keys(tmp_path: Path) -> None:
    # Sub-headings two levels under a third-party title, each a recipient's record ("Has access to:",
    # "Legal Address:"): rows even when no sentence capitalises the name inside it.
    rows = _rows(
        tmp_path,
        "subprocessors.md",
        "# Third-Party Services\n\nWe rely on the services below.\n\n## Services with access to personal data\n\n"
        "### Quokkadata\n\nApplication monitoring.\n\n* **Has access to:** request logs.\n\n"
        "*Legal Address:* 1 Main St, Springfield\n\n"
        "### Wombatmail\n\nE-mail delivery.\n\n* **Has access to:** your e-mail address.\n\n"
        "### Platypay\n\nPayments.\n\n*Data Processing Location:* EU\n\n"
        "## Our commitments\n\n### Security\n\nWe encrypt data.\n\n### Retention\n\nWe keep data for a year.\n",
    )
    assert {"Quokkadata", "Wombatmail", "Platypay"} <= set(rows)
    assert all(rows[n]["how"] == "heading" for n in ("Quokkadata", "Wombatmail", "Platypay"))
    assert "Security" not in rows and "Retention" not in rows


def test_record_key_headings_need_a_product_name(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "sharing.md",
        "# Third-Party Sharing\n\n## Categories\n\n### Analytics providers\n\n* Has access to: usage data.\n\n"
        "### Payment processors\n\n* Has access to: billing address.\n",
    )
    assert not rows


def test_policy_scope_names_its_author(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "privacy.md",
        "# 隐私政策\n\n本隐私政策说明当您使用 Quokkaenv 网站与桌面应用时，Quokkaenv 如何收集、使用和共享信息。\n\n"
        "本政策仅适用于某某网络技术有限公司的WombatCloud开发者中心应用。\n\n"
        "## 第三方服务\n\n我们使用 Quokkaenv 的许可证服务与 WombatCloud 统计服务处理信息，"
        "并接入了友盟统计SDK收集设备信息。\n",
    )
    assert "Quokkaenv" not in rows and not any("WombatCloud" in n for n in rows)
    assert any("友盟" in n for n in rows)
    rows = _rows(
        tmp_path,
        "policy.md",
        "# Privacy\n\nThis Privacy Policy explains how Numbat Notes collects and uses information. "
        "This policy applies to Numbat Notes.\n\n## Third parties\n\nNumbat Notes shares crash reports with "
        "Sentry. We use Firebase Crashlytics to collect crash logs.\n",
    )
    assert not any("Numbat" in n for n in rows) and "Firebase Crashlytics" in rows


def test_two_chinese_headings_of_one_catalogue_entry_are_two_rows(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "third-party.md",
        "# 第三方信息共享清单\n\n#### 3. 间接使用的第三方代码或插件\n\n"
        "##### 3.1 腾讯云慧眼人脸核身SDK\n\n个人信息保护规则：[https://privacy.example.com/a](https://privacy.example.com/a)\n\n"
        "##### 3.2 腾讯优图人脸核身SDK\n\n个人信息保护规则：[https://privacy.example.com/b](https://privacy.example.com/b)\n\n"
        "##### 3.3 Bugly SDK\n\n个人信息保护规则：[https://privacy.example.com/c](https://privacy.example.com/c)\n",
    )
    assert set(rows) == {"腾讯云慧眼人脸核身SDK", "腾讯优图人脸核身SDK", "Bugly SDK"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Who we share with: Firebase (Firestore, Storage), Google Maps Platform (Geocoding, Places), "
        "Google Analytics/Crashlytics, and other third-party service providers as described below.",
        "Shared with: Firebase (Google), Google Analytics, Crashlytics.",
        "We share data with Firebase (Authentication, Firestore) and Google Analytics / Crashlytics.",
    ],
)
def test_names_enumerated_after_bracketed_products_share_the_verb(tmp_path: Path, sentence: str) -> None:
    rows = _rows(tmp_path, "policy.md", "# Privacy\n\n## Sharing\n\n" + sentence + "\n")
    assert {"Google Analytics", "Crashlytics"} <= {n.split(" / ")[0] for n in rows} | set(rows), rows


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("This data is kept by our analytics vendor, Adjust,and provided when you start the app.", "Adjust"),
        ("Referral data is held by the attribution provider (Adjust) for 90 days.", "Adjust"),
        ("Card details are kept by our payment processor, Stripe.", "Stripe"),
    ],
)
def test_name_in_apposition_to_a_recipient(tmp_path: Path, sentence: str, name: str) -> None:
    rows = _rows(tmp_path, "policy.md", "# Privacy\n\n## Referral data\n\n" + sentence + "\n")
    assert name in rows


def test_apposition_denied_gives_no_row(tmp_path: Path) -> None:
    rows = _rows(tmp_path, "policy.md", "# Privacy\n\nNo data is kept by our analytics vendor, Adjust.\n")
    assert "Adjust" not in rows


@pytest.mark.parametrize(
    ("items", "want", "not_want"),
    [
        (
            "- **文本摘要**：DeepSeek（处理转录文本以生成笔记）；\n- **语音转写**：阿里云 OSS（存储音频）；\n"
            "- **短信服务**（正式期）：短信服务商（发送验证码）；\n"
            "- **支付服务**（正式期）：微信支付、支付宝（完成充值）。\n",
            {"DeepSeek", "阿里云 OSS", "微信支付", "支付宝"},
            {"文本摘要", "语音转写", "支付服务", "短信服务商"},
        ),
        (
            "- Crash reporting: Sentry (stack traces)\n- Text summaries: DeepSeek\n- Payments: Stripe, PayPal\n",
            {"Sentry", "DeepSeek", "Stripe", "PayPal"},
            {"Crash reporting", "Text summaries", "Payments"},
        ),
        (
            "- 分享：实现分享内容到微信、微信朋友圈等功能\n- 版本：1.0.0\n",
            set(),
            {"实现分享内容到微信", "1.0.0"},
        ),
    ],
)
def test_items_labelled_by_what_their_products_do(
    tmp_path: Path, items: str, want: set[str], not_want: set[str]
) -> None:
    rows = _rows(tmp_path, "policy.md", "# 隐私政策\n\n## 第三方共享\n\n我们可能与以下第三方共享必要信息：\n\n" + items)
    assert want <= set(rows) and not (not_want & set(rows)), set(rows)


def test_possessive_destination_is_no_row() -> None:
    from appaudit.policy import services

    assert records.unlike_product(_row("your Notion database", "list"), services.load())
    assert records.unlike_product(_row("your Google Drive backup", "prose"), services.load())


def test_bold_pseudo_headings_per_service(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "privacy.md",
        "# Privacy\n\n## Third-parties\n\n**Quokkaprint**\n\nWe have selected Quokkaprint to run our shop. "
        "The following details will be shared with Quokkaprint:\n\n* Your name\n* Your delivery address\n\n"
        "**Wombatpay and Numbatcash**\n\nWe use Wombatpay and Numbatcash to handle payments.\n\n"
        "**Important**\n\nWe never sell data.\n\n"
        "## Our team\n\n**Platypus**\n\nPlatypus is our mascot and shares jokes.\n",
    )
    assert {"Quokkaprint", "Wombatpay", "Numbatcash"} <= set(rows)
    assert rows["Quokkaprint"]["how"] == "heading"
    assert "Important" not in rows and "Platypus" not in rows  # no product, or not a third-party section


@pytest.mark.parametrize(
    ("quote", "name"),
    [
        ("Some rooms are bridged to third-party services, such as IRC networks, Twitter or email.", "Twitter"),
        ("Some rooms are bridged to third-party services, such as IRC networks, Twitter or email.", "IRC"),
        ("您可以通过微信、短信或电话与我们联系。", "微信"),
    ],
)
def test_channels_are_no_rows(quote: str, name: str) -> None:
    from appaudit.policy import services

    assert records.unlike_product(_row(name, "prose", None, quote), services.load())
    assert not records.unlike_product(_row(name, "prose", None, f"We share usage data with {name} for analytics."),
                                      services.load())


@pytest.mark.parametrize(
    ("item", "want", "not_want"),
    [
        ("- Firebase (Google): Authentication, Crashlytics, Cloud Messaging\n",
         {"Firebase Authentication", "Crashlytics", "Firebase Cloud Messaging"}, set()),
        ("- Firebase: Crashlytics\n", {"Crashlytics"}, set()),
        ("- Firebase (Google LLC): Remote Config and Performance Monitoring\n",
         {"Firebase Remote Config", "Firebase Performance Monitoring"}, set()),
        ("- GitHub: [Acme Issues](https://github.com/acme/acme/issues)\n", set(), {"GitHub Acme Issues"}),
        ("- Firebase: crash reports and usage statistics\n", {"Firebase"}, {"Firebase crash reports"}),
    ],
)
def test_products_listed_after_their_parent(tmp_path: Path, item: str, want: set[str], not_want: set[str]) -> None:
    rows = _rows(tmp_path, "policy.md", "# Privacy\n\n## Third-party services\n\nWe use the following services:\n\n"
                 + item + "- Sentry: crash reports\n")
    assert want <= set(rows) and not (not_want & set(rows)), set(rows)


def test_clause_run_into_a_name_is_no_row() -> None:
    from appaudit.policy import services

    assert records.unlike_product(_row("The app uses Google Firebase", "list", "firebase-core"), services.load())
    assert not records.unlike_product(_row("The Trade Desk", "list"), services.load())


def test_numbered_sub_headings_of_ad_partners(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "privacy.md",
        "# Privacy\n\n## 12. Advertising partners\n\n### 12a. Google AdMob\n\nMay collect: advertising ID.\n\n"
        "### 12b. Meta Audience Network\n\nOperated by Meta Platforms, Inc.\n\n"
        "May collect: advertising ID, IP address.\n",
    )
    assert {"Google AdMob", "Meta Audience Network"} <= set(rows)


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Text recognition is performed by Google MLKit Text Recognition, on your device.",
         "Google MLKit Text Recognition"),
        ("The document scanner is provided by the cunning_document_scanner library.", "cunning_document_scanner"),
        ("Charts are drawn with the `fl-chart-pro` package, which sends nothing.", "fl-chart-pro"),
    ],
)
def test_products_named_as_agents_and_code_packages(tmp_path: Path, sentence: str, name: str) -> None:
    rows = _rows(tmp_path, "policy.md", "# Privacy\n\n## Third-party components\n\n" + sentence + "\n")
    assert name in rows, set(rows)


def test_operator_named_after_by_is_no_row(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "policy.md",
        "# Privacy\n\nThis privacy policy applies to all applications offered by Quokka Labs. "
        "We do not collect data on websites operated by Wombat Studio.\n",
    )
    assert not rows


@pytest.mark.parametrize(
    "text",
    [
        "# Privacy\n\n## Services we use\n\n- Quokkalytics — product analytics (events)\n- Wombatmail — e-mail\n",
        "# Privacy\n\n## Third parties\n\nQuokkalytics — product analytics\n\nWombatmail — transactional e-mail\n",
        "# Privacy\n\n## Data\n\nWe use these tools:\n\n- **Quokkalytics** (analytics) — sees page views\n"
        "- **Wombatmail** (email) — sees your address\n",
        "# Privacy\n\n## Subprocessors\n\n- Quokkalytics – analytics\n- Wombatmail – e-mail delivery\n",
    ],
)
def test_name_purpose_pairs_under_a_recipients_title(tmp_path: Path, text: str) -> None:
    rows = _rows(tmp_path, "policy.md", text)
    assert {"Quokkalytics", "Wombatmail"} <= set(rows), set(rows)


def test_items_under_a_denied_recipients_lead_are_no_rows(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "policy.md",
        "# Privacy\n\n## Sharing\n\nWe do not directly share your data with third parties. However:\n\n"
        "- **Quokka Services**: analytics data is shared as described above\n"
        "- **Local Only**: all media remains on your device\n",
    )
    assert not rows


def test_company_names_with_generic_words() -> None:
    from appaudit.policy import services

    svc = services.load()
    assert records.unlike_product(_row("Google Consent Mode", "prose"), svc)
    assert records.unlike_product(_row("Apple Privacy Settings", "list"), svc)
    for name in ("Google User Messaging Platform", "Google Cloud Messaging", "Google Sign-In", "Microsoft Clarity"):
        assert not records.unlike_product(_row(name, "list"), svc), name
    for name in ("Business Transfers", "Law Enforcement", "Cloud Hosting", "Crash Reports", "Local Only"):
        assert records.unlike_product(_row(name, "heading"), svc), name


def test_the_author_listed_among_services_is_no_row(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "policy.md",
        '# Quokkanote Privacy Policy\n\nQuokka Labs ("we") runs Quokkanote.\n\n## Services we use\n\n'
        "- Quokkanote Cloud: stores your notes\n- Sentry: crash reports\n- Wombatmail: e-mail delivery\n",
    )
    assert "Sentry" in rows and "Wombatmail" in rows and not any("Quokka" in n for n in rows)


def test_names_listed_each_with_a_purpose(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "policy.md",
        "# Privacy\n\nWe work with the following partners: **Quokkalytics** for analytics, **Wombatmail** for "
        "e-mail and **Sentry** for crash reports.\n",
    )
    assert {"Quokkalytics", "Wombatmail", "Sentry"} <= set(rows)


@pytest.mark.parametrize(
    "name",
    ["Web Beacons", "Children's Privacy", "Flash Cookies", "Error Reporting", "International Transfers",
     "Do Not Track", "Sale of Data", "Data Controller", "第三方SDK列表", "合作方名称", "收集信息", "信息共享",
     "广告合作伙伴", "应用权限"],
)
def test_generator_titles_and_chinese_kinds_are_no_product(name: str) -> None:
    from appaudit.policy import services

    assert records.unlike_product(_row(name, "list"), services.load())


@pytest.mark.parametrize(
    "name", ["Meta Pixel", "Google Tag Manager", "Branch", "Segment", "统计SDK", "华为推送", "穿山甲", "腾讯云"]
)
def test_products_pass_the_check(name: str) -> None:
    from appaudit.policy import services

    assert not records.unlike_product(_row(name, "list"), services.load())


def test_a_stand_in_is_no_product() -> None:
    from appaudit.policy import services

    assert records.unlike_product(_row("Firebase", "prose", "firebase-core", "The project includes a Firebase stub."),
                                  services.load())
    assert not records.unlike_product(_row("Firebase", "prose", "firebase-core", "The app includes Firebase."),
                                      services.load())


@pytest.mark.parametrize(
    ("quote", "name"),
    [
        ("您可以把您的 WebDAV 网盘（如坚果云）设置为备份空间。", "坚果云"),
        ("You can back up to your own server (e.g. Nextcloud) at any time.", "Nextcloud"),
        ("你可以直接通过手机的备份功能（iCloud / Google Drive / 本地）保留数据。", "Google Drive"),
        ("Use your phone's backup feature (iCloud / Google Drive) to keep a copy.", "Google Drive"),
    ],
)
def test_examples_of_the_readers_own_destination_are_no_rows(quote: str, name: str) -> None:
    from appaudit.policy import services

    assert records.unlike_product(_row(name, "prose", None, quote), services.load())
    assert not records.unlike_product(_row(name, "prose", None, f"备份数据会上传到{name}。"), services.load())


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("We host the majority of the Service in Quokka Beasts data centres.", "Quokka Beasts"),
        ("Backups are stored on Wombatcloud servers in Finland.", "Wombatcloud"),
        ("Numbatix is a Processor of your data, managing the server on our behalf.", "Numbatix"),
        ("Platypo acts as our sub-processor for e-mail delivery.", "Platypo"),
    ],
)
def test_premises_and_processors_named(tmp_path: Path, sentence: str, name: str) -> None:
    rows = _rows(tmp_path, "policy.md", "# Privacy\n\n## Who has access\n\n" + sentence + "\n")
    assert name in rows, set(rows)


def test_a_party_described_in_brackets_is_not_the_author(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "policy.md",
        "# Privacy\n\nNumbatix (the company, employees and contractors) cannot read your messages.\n\n"
        "## Who has access\n\nNumbatix is a Processor of your data, managing the server on our behalf.\n",
    )
    assert "Numbatix" in rows
    rows = _rows(tmp_path, "policy2.md", '# Privacy\n\nNumbatix ("Company") runs the app.\n\n## Access\n\n'
                 "Numbatix is a Processor of your data.\n")
    assert "Numbatix" not in rows


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        ("Purchase data is collected by Quokka In-App Purchasing.", {"Quokka In-App Purchasing"}),
        ("Usage statistics are analysed by Wombalytics on our behalf.", {"Wombalytics"}),
        ("Information collected by Us is kept for a year.", set()),
        ("Data collected by the App stays on your device.", set()),
        ("Data Collected by Third Parties is described below.", set()),
        ("Information collected by Apple is governed by its policy.", set()),
    ],
)
def test_products_as_agents_of_collecting(tmp_path: Path, sentence: str, want: set[str]) -> None:
    rows = _rows(tmp_path, "policy.md", "# Privacy\n\n## Information shared by our partners\n\n" + sentence + "\n")
    assert set(rows) == want


def test_the_agent_of_collecting_outside_third_party_text_is_often_the_author(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "policy.md",
        "# Privacy\n\n## Business transfer\n\nThe information collected by Quokkainfo will be deemed an asset.\n",
    )
    assert not rows


def test_a_list_item_reads_its_lead_in_as_context(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "policy.md",
        "# Privacy\n\n## Data\n\nInformation shared by our partners:\n\n- Device type\n"
        "- Advertising identifiers are kept by the ad network\n"
        "- Purchase data is collected by Quokka In-App Purchasing\n",
    )
    assert "Quokka In-App Purchasing" in rows


@pytest.mark.parametrize("name", ["Asia", "North America", "Hong Kong", "Frankfurt", "EU Region"])
def test_places_are_no_product(name: str) -> None:
    from appaudit.policy import services

    assert records.unlike_product(_row(name, "prose", None, f"The backend is hosted in {name}."), services.load())


def test_place_after_hosted_in_gives_no_row(tmp_path: Path) -> None:
    text = "# Privacy\n\n## Backend\n\nThe app talks to a private backend hosted in Asia.\n"
    rows = _rows(tmp_path, "policy.md", text)
    assert "Asia" not in rows


def test_device_makers_an_sdk_shares_data_with_are_rows(tmp_path: Path) -> None:
    """Label convention C3: makers named as recipients of device data for push are rows, the SDK said before them."""
    rows = _rows(
        tmp_path,
        "p.txt",
        "为与您使用的终端机型适配消息推送功能，我们可能会通过 SDK 等技术与终端设备制造商（华为、小米、OPPO、VIVO等）"
        "共享手机型号、版本及相关设备信息。\n",
    )
    assert set(rows) == {"华为", "小米", "OPPO", "VIVO"}
    assert all(r["how"] == "prose" for r in rows.values())
    denied = _rows(tmp_path, "q.txt", "我们不会通过 SDK 与终端设备制造商（华为、小米等）共享您的设备信息。\n")
    assert denied == {}


def test_a_key_run_into_a_record_name_is_not_part_of_it(tmp_path: Path) -> None:
    """A saved page that lost its line breaks runs the next key into the name ("騰訊X5公司名稱：…")."""
    rows = _rows(
        tmp_path,
        "p.txt",
        "第三方SDK列表\n"
        "1、騰訊X5公司名稱：深圳市騰訊計算機系統有限公司使用目的：網頁瀏覽收集個人信息類型：設備型號\n"
        "2、微信開放平臺SDK公司名稱：深圳市騰訊計算機系統有限公司使用目的：接入微信開放平臺SDK收集個人信息類型：設備標識信息\n",
    )
    assert {"騰訊X5", "微信開放平臺SDK"} <= set(rows), rows
    assert not any("公司" in n for n in rows)


def test_a_bracketed_clause_after_a_name_does_not_make_it_the_author(tmp_path: Path) -> None:
    """'Razorpay (we do not store card details)' is no definition 'Acme ("we")': Razorpay stays a third party."""
    rows = _rows(
        tmp_path,
        "p.md",
        "- Transaction Data: Payment details processed via PhonePe and Razorpay (we do not store card details).\n\n"
        "## Sharing\n\nInformation is only shared with third parties like PhonePe and Razorpay for payments.\n",
    )
    assert {"PhonePe", "Razorpay"} <= set(rows)
    text = "Acme Labs (we or us) built Quokka.\n\nWe use Acme Labs and Sentry to store crash logs.\n"
    own = _rows(tmp_path, "q.md", text)
    assert set(own) == {"Sentry"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("We share your advertising ID with AppsFlyer Ltd. for install attribution.", "AppsFlyer"),
        ("Usage events are sent to Mixpanel, Inc. in the United States.", "Mixpanel"),
        ("Crash reports are transmitted to Bugsnag Inc for analysis.", "Bugsnag"),
    ],
)
def test_a_product_named_with_its_company_suffix_as_recipient_is_a_row(tmp_path: Path, text: str, name: str) -> None:
    """'shared with AppsFlyer Ltd.': the product's maker named as the one data goes to; the product is the row."""
    rows = _rows(tmp_path, "p.txt", f"Privacy Policy\n\n{text}\n")
    assert set(rows) == {name}, rows
    # A company given as a record's provider field stays no row of its own.
    assert _rows(tmp_path, "q.txt", "Privacy Policy\n\nProvider: AppsFlyer Ltd.\n") == {}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("We rely on Mapbox for maps.", "Mapbox"),
        ("The map screen relies on Mapbox to draw tiles.", "Mapbox"),
        ("Search is built using Algolia.", "Algolia"),
    ],
)
def test_the_object_of_a_verb_of_use_is_a_product(tmp_path: Path, text: str, name: str) -> None:
    """A one-word imported name right after a verb of use is the product, without a product word near it."""
    rows = _rows(tmp_path, "p.txt", f"Privacy Policy\n\n{text}\n")
    assert name in rows, rows


@pytest.mark.parametrize(
    ("text", "name", "types"),
    [
        ("我们借助极光认证实现一键登录，需要获取您的手机号码。", "极光认证", ["phone_number"]),
        ("本应用使用极光认证完成一键登录。", "极光认证", []),
    ],
)
def test_a_login_sdk_of_no_account_platform_is_used_like_any_sdk(
    tmp_path: Path, text: str, name: str, types: list[str]
) -> None:
    """A one-tap login SDK is an SDK the app uses; logging in with a platform's account ("使用微信登录") is the
    reader's account there, not a row from that sentence alone."""
    rows = _rows(tmp_path, "p.txt", f"隐私政策\n\n{text}\n")
    assert set(rows) == {name} and rows[name]["data_types"] == types, rows
    assert _rows(tmp_path, "q.txt", "隐私政策\n\n您可以使用微信登录本应用。\n") == {}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "- **Service Providers:** With trusted third-party service providers who help us run the app "
            "(e.g., Firebase, Google Cloud)",
            {"Firebase", "Google Cloud"},
        ),
        ("We work with analytics vendors that measure retention (for example Mixpanel or Amplitude).",
         {"Mixpanel", "Amplitude"}),
        ("- 您上传的照片会发送至AI模型服务商（如Replicate/Stability AI等）进行推理计算", {"Replicate", "Stability AI"}),
        ("语音会上传至云服务商进行识别（例如阿里云、腾讯云）。", {"阿里云", "腾讯云"}),
        (
            "您可以选择与我们合作的第三方支付机构（包括微信支付、支付宝支付及银联、网联等支付通道，以下称“支付机构”）"
            "所提供的支付服务，我们需要将您的订单号与交易金额与这些支付机构共享。",
            {"微信支付", "支付宝支付", "银联", "网联"},
        ),
        ("与我们合作的第三方配送公司（包括顺丰、圆通等，以下称“配送公司”）将为您完成订单的交付。", {"顺丰", "圆通"}),
    ],
)
def test_examples_in_brackets_after_a_kind_of_recipient_are_rows(tmp_path: Path, text: str, names: set[str]) -> None:
    """The kind of recipient need not stand right before the bracket; one example the lists lack ("Stability
    AI") counts with a known one."""
    rows = _rows(tmp_path, "p.txt", f"Privacy Policy\n\n{text}\n")
    assert set(rows) == names, rows


@pytest.mark.parametrize(
    "text",
    [
        "You can log in with social media accounts (e.g., Facebook, Google).",
        "We do not share data with service providers (e.g. Firebase, Sentry).",
        "我们不会向第三方服务商（如阿里云、腾讯云）提供您的信息。",
        "Data is stored by our service providers (e.g., hosting, email delivery).",
        "第三方服务（包括推送、统计分析等，以下称“服务”）会处理您的设备信息。",
        "如您访问第三方服务，例如外部 RSS 源站、浏览器、系统分享目标应用等，该等第三方可能独立处理您的个人信息。",
    ],
)
def test_bracketed_examples_give_no_row_when_denied_accounts_or_kinds(tmp_path: Path, text: str) -> None:
    """Denied recipients, the reader's accounts and kinds of service give no row."""
    assert _rows(tmp_path, "p.txt", f"Privacy Policy\n\n{text}\n") == {}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("为了推荐附近的服务，我们接入了高德软件有限公司提供的高德定位SDK，该SDK会收集您的位置信息。", "高德定位SDK"),
        ("我们接入了由高德软件有限公司提供的高德定位SDK。", "高德定位SDK"),
    ],
)
def test_a_company_named_with_its_product_gives_way_to_the_product(tmp_path: Path, text: str, name: str) -> None:
    """A catalogue name written as a company ("高德软件有限公司") names the same SDK as the product after it:
    the product is the row; the company alone still gives one."""
    assert set(_rows(tmp_path, "p.txt", f"隐私政策\n\n{text}\n")) == {name}
    assert set(_rows(tmp_path, "q.txt", "隐私政策\n\n我们接入了高德软件有限公司的SDK。\n")) == {"高德软件"}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("## 第三方服务\n\n### 七牛云\n用于图片存储。\n\n### 阿里云\n用于服务器托管。\n", {"七牛云", "阿里云"}),
        ("## 第三方服务\n\n### 环信\n用于即时通讯。\n\n### 七牛云\n用于图片存储。\n", {"环信", "七牛云"}),
        ("## Third-party services\n\n### Supabase\nStores your account.\n\n### Vercel\nHosts our website.\n",
         {"Supabase", "Vercel"}),
    ],
)
def test_service_list_names_as_sub_headings_of_a_third_party_section(
    tmp_path: Path, text: str, names: set[str]
) -> None:
    """Sub-headings that are names of the services list (not only catalogue SDKs) say the run names products."""
    rows = _rows(tmp_path, "p.md", f"# 隐私政策\n\n{text}")
    assert set(rows) == names and all(r["how"] == "heading" for r in rows.values()), rows
    # Not under a section that is not about third parties ("Our Services" / "### Hosting" / "### Storage").
    plain = "# Policy\n\n## Our services\n\n### Hosting\nWe host data.\n\n### Storage\nWe store data.\n"
    assert _rows(tmp_path, "q.md", plain) == {}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Payment information is collected by our payment processor (Stripe) and never stored on our servers.",
         {"Stripe"}),
        ("Crash reports are sent to Sentry, but we never sell them.", {"Sentry"}),
        ("We use Sentry and do not use Firebase.", {"Sentry"}),
        ("We use Sentry and never share your data with Firebase.", {"Sentry"}),
        ("We do not use Firebase and Sentry.", set()),
        ("Firebase and Sentry are not used.", set()),
    ],
)
def test_a_denial_in_a_predicate_of_its_own_denies_only_what_follows(
    tmp_path: Path, text: str, names: set[str]
) -> None:
    """"… (Stripe) and never stored on our servers": the denial is about the data after the name, not the name."""
    assert set(_rows(tmp_path, "p.txt", f"Privacy Policy\n\n{text}\n")) == names


def test_list_items_of_companies_with_their_products_in_brackets(tmp_path: Path) -> None:
    """"- Google LLC (Google AdMob, Firebase Analytics)": the products in brackets are the rows, not the company."""
    rows = _rows(
        tmp_path,
        "p.md",
        "# Privacy Policy\n\nWe share information with:\n\n- Google LLC (Google AdMob, Firebase Analytics)\n"
        "- Meta Platforms, Inc. (Facebook Audience Network)\n",
    )
    assert set(rows) == {"Google AdMob", "Firebase Analytics", "Facebook Audience Network"}, rows


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Usage events stay on our servers, and Amplitude receives an anonymous copy.", "Amplitude"),
        ("We keep no logs, but Amplitude may collect the screens you open.", "Amplitude"),
        ("Errors are reported and Bugsnag stores crash reports for 30 days.", "Bugsnag"),
        ("Display stores your settings on the device.", ""),
        ("Smart processes your photos on the device.", ""),
    ],
)
def test_a_one_word_name_that_is_the_subject_of_a_verb_of_data(tmp_path: Path, text: str, name: str) -> None:
    """A one-word imported name ("Amplitude", also an English word) as the subject of receiving or collecting, not
    as a sentence's first word, where an English word is as likely ("Display stores your settings")."""
    rows = _rows(tmp_path, "p.txt", f"Privacy Policy\n\n{text}\n")
    assert (name in rows) if name else rows == {}, rows


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("本应用集成了 StoreKit 用于处理 App Store 软件内购买（IAP）。", {"StoreKit"}),
        ("In-app purchases are processed by Google Play; we never see your card details.", {"Google Play"}),
        ("我们的付费服务通过 Google Play 完成支付。", {"Google Play"}),
        ("The app is available on Google Play.", set()),
        ("You can download the app from Google Play or the App Store.", set()),
        ("The app integrates StoreKit to sell the Pro upgrade.", {"StoreKit"}),
    ],
)
def test_a_platform_integrated_or_named_as_a_purchase_processor(tmp_path: Path, text: str, names: set[str]) -> None:
    """Label conventions: a store named as the processor of a purchase and a platform framework the app
    integrates are rows; a platform named as such is not."""
    assert set(_rows(tmp_path, "p.txt", f"Privacy Policy\n\n{text}\n")) == names


def test_a_latin_name_after_a_zh_verb_of_use_ends_before_the_verb_after_it(tmp_path: Path) -> None:
    """"通过 OneSignal 向您发送通知": the name is the Latin word, not "OneSignal 向您发送通知"."""
    rows = _rows(tmp_path, "p.txt", "隐私政策\n\n本应用通过 Quokkapush 向您发送通知，付费通过 Wombatpay 完成支付。\n")
    assert set(rows) == {"Quokkapush", "Wombatpay"}, rows


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("为实现分享功能，我们使用了MobTech的ShareSDK，ShareSDK会收集您的设备信息。", {"ShareSDK"}),
        ("We use Google's Firebase to store notes.", {"Firebase"}),
        ("我们使用了极光的极光推送SDK。", {"极光推送SDK"}),
    ],
)
def test_a_maker_written_before_its_product_is_no_row(tmp_path: Path, text: str, names: set[str]) -> None:
    """"MobTech的ShareSDK": the maker and then its product; the product is the row."""
    assert set(_rows(tmp_path, "p.txt", f"Privacy Policy\n\n{text}\n")) == names


@pytest.mark.parametrize(
    "line",
    ["Data Shared: Location information for map display", "Information collected: your device model",
     "共享信息：位置信息", "Personal data processed: email address"],
)
def test_a_data_field_line_is_no_product(tmp_path: Path, line: str) -> None:
    """A record's data field read as a name (a nested "- Data Shared: …" item under one SDK's bullet)."""
    text = (
        "# Privacy Policy\n\nThe app uses the following third-party SDKs:\n\n### 2. Map SDK\n\n"
        f"- **Google Maps SDK**: For map display\n  - {line}\n  - Privacy Policy: https://policies.google.com/privacy\n"
    )
    rows = _rows(tmp_path, "p.md", text)
    assert len(rows) == 1 and next(iter(rows)).startswith("Google Maps"), rows


@pytest.mark.parametrize(
    "text",
    [
        "我们会与第三方服务商（如蜂鸟统计、云雀推送）共享您的设备信息。",
        "我们会与第三方服务提供商（例如蜂鸟统计、云雀推送）共享您的设备信息。",
        "我们会向第三方合作方（如蜂鸟统计、云雀推送等）提供您的设备信息。",
    ],
)
def test_examples_of_third_party_providers_the_lists_lack(tmp_path: Path, text: str) -> None:
    """"第三方服务商（如…）": product-shaped examples are rows even when no list knows them; kinds give none."""
    assert set(_rows(tmp_path, "p.txt", f"隐私政策\n\n{text}\n")) == {"蜂鸟统计", "云雀推送"}
    kinds = "我们会与第三方服务商（如广告主、广告平台）共享您的设备信息。"
    assert _rows(tmp_path, "q.txt", f"隐私政策\n\n{kinds}\n") == {}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("We use your data to:\n\n- Monitor app stability with Firebase Crashlytics\n", {"Firebase Crashlytics"}),
        ("- Measure how features are used via Amplitude\n", {"Amplitude"}),
        ("- 2.2 Diagnose crashes using Bugsnag\n", {"Bugsnag"}),
        ("- Sign in with Google\n", {"Sign in with Google"}),  # the sign-in feature, not "Google" by the tool rule
        ("- We never track you with Google Analytics\n", set()),
    ],
)
def test_a_function_done_with_a_tool_names_it(tmp_path: Path, text: str, names: set[str]) -> None:
    """"Monitor app stability with Firebase Crashlytics": a verb of a function, then the tool doing it."""
    assert set(_rows(tmp_path, "p.md", f"# Privacy Policy\n\n{text}")) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "## 四、使用的第三方服务\n\n- **华为 Map Kit**（地图底图）——由华为提供地图服务；\n"
            "- **华为 Account Kit**（华为账号登录）；\n"
            "- **华为云（Cloud Foundation Kit）**（仅在开启云同步时使用）。\n",
            {"华为 Map Kit", "华为 Account Kit", "华为云"},
        ),
        (
            "## Third-party services\n\n- Quokka Maps — base map tiles\n- Supabase — account storage\n"
            "- Vercel — web hosting\n",
            {"Quokka Maps", "Supabase", "Vercel"},
        ),
    ],
)
def test_services_list_names_count_as_known_items_of_a_services_list(
    tmp_path: Path, text: str, names: set[str]
) -> None:
    """Items naming services-list products ("华为云（…）", "Supabase") count as known, as catalogue names do:
    a run of three under a third-party heading with one unknown product is a list of services; "——" ends a name."""
    rows = _rows(tmp_path, "p.md", f"# 隐私政策\n\n{text}")
    assert {n.split("（")[0] for n in rows} == names, rows
    assert all(r["how"] == "list" for r in rows.values())


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("支付账号等敏感支付信息由微信支付、支付宝等持牌机构处理，我们一般仅接收支付结果，不收集您的完整银行卡号。",
         {"微信支付", "支付宝"}),
        ("推送消息通过极光推送发送，我们不会向其提供您的位置信息。", {"极光推送"}),
        ("我们不会使用友盟统计，我们也不会共享您的信息。", set()),
    ],
)
def test_a_zh_denial_in_a_clause_with_its_own_subject(tmp_path: Path, text: str, names: set[str]) -> None:
    """"…由微信支付处理，我们…不收集…": a later clause with its own subject denies its own object only."""
    assert set(_rows(tmp_path, "p.txt", f"隐私政策\n\n{text}\n")) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("2. AI 交互：为了实现深度思考分析，您提交的问题将发送至第三方服务商（DeepSeek）进行处理。", {"DeepSeek"}),
        ("- Analytics: usage events are sent to Mixpanel for product analytics.", {"Mixpanel"}),
        ("第三方机构名称：Quokka Labs", set()),
    ],
)
def test_a_labelled_paragraph_sending_data_to_a_name(tmp_path: Path, text: str, names: set[str]) -> None:
    """A label then a sentence sending data to the name is no record field whose value is the name."""
    assert set(_rows(tmp_path, "p.txt", f"Privacy Policy\n\n{text}\n")) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("为保证消息及时送达，我们会将您的设备标识信息发送至手机厂商推送通道（华为、小米、OPPO、vivo）。",
         {"华为", "小米", "OPPO", "vivo"}),
        ("To deliver push notifications we share your device token with phone manufacturers (e.g. Huawei, Xiaomi).",
         {"Huawei", "Xiaomi"}),
        ("我们的应用适配多家手机厂商（如华为、小米）。", set()),
        ("我们接入了第三方SDK（友盟、极光推送），用于统计与推送。", {"友盟", "极光推送"}),
        ("本应用包含调用第三方服务（DeepSeek API、WebDAV）的功能。", {"DeepSeek API"}),
    ],
)
def test_bare_bracket_examples_and_device_makers_of_push(tmp_path: Path, text: str, names: set[str]) -> None:
    """A bracket without "如"/"e.g." lists recipients when every item is known; device makers given as the push
    channels data goes to are rows (label convention C3), not makers named otherwise."""
    assert set(_rows(tmp_path, "p.txt", f"隐私政策\n\n{text}\n")) == names


def test_bracket_examples_under_a_heading_of_services_not_used(tmp_path: Path) -> None:
    text = "# 清单\n\n## 六、暂未接入的第三方服务\n\n- 第三方地图组件（如 Google Maps、Mapbox）\n"
    assert _rows(tmp_path, "p.md", text) == {}


def test_the_provider_of_a_record_named_again_in_prose_is_no_row(tmp_path: Path) -> None:
    """"Bilibili IP查询服务" / "• 提供方：哔哩哔哩": the provider is the record's company, not a second row."""
    text = (
        "第三方网络服务\n\n1. Bilibili IP查询服务\n   • 服务地址：api.live.bilibili.com\n   • 提供方：哔哩哔哩\n"
        "   • 功能：查询指定IP的地理位置信息\n"
    )
    rows = _rows(tmp_path, "p.txt", text)
    assert set(rows) == {"Bilibili IP查询服务"}, rows
    assert rows["Bilibili IP查询服务"]["provider"] == "哔哩哔哩"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("我们使用阿里云/腾讯云等云服务存储数据。", {"阿里云", "腾讯云"}),
        ("我们使用Firebase/Crashlytics收集崩溃日志。", {"Firebase", "Crashlytics"}),
        ("隐私政策：https://www.umeng.com/page/policy", set()),
        ("see https://github.com/firebase/crashlytics for details", set()),
    ],
)
def test_names_joined_by_a_slash_are_no_url(tmp_path: Path, text: str, names: set[str]) -> None:
    """"阿里云/腾讯云": two names; a name inside a URL's host or path is none."""
    assert set(_rows(tmp_path, "p.txt", f"隐私政策\n\n{text}\n")) == names


@pytest.mark.parametrize(
    "text",
    [
        "## Third-Party Services\n\nThe app uses **no third-party services**:\n\n- No Google Analytics\n- No Firebase\n"
        "- No Sentry\n",
        "## Services\n\n- No Google Analytics\n- No Firebase\n- ❌ Sentry\n",
        "## 第三方服务\n\n本应用没有接入以下SDK：\n\n- 友盟统计\n- 极光推送\n",
        "## 第三方服务\n\n- 无友盟统计\n- 不使用极光推送\n",
    ],
)
def test_denied_list_items_and_leads_give_no_rows(tmp_path: Path, text: str) -> None:
    """"uses no third-party services:" / "- No Firebase": what the list denies is no row."""
    assert _rows(tmp_path, "p.md", f"# Privacy Policy\n\n{text}") == {}


def test_a_lead_that_denies_then_turns_to_what_it_lists(tmp_path: Path) -> None:
    """"We never sell your data, although we use service providers such as:": the items are used."""
    text = (
        "# Privacy Policy\n\nWe will never sell your data to third parties, although we use certain service providers "
        "to process your data, such as:\n\n- [Hetzner](https://hetzner.com), provides cloud servers.\n"
        "- [Vercel](https://vercel.com), provides hosting for the website.\n"
    )
    assert set(_rows(tmp_path, "p.md", text)) == {"Hetzner", "Vercel"}


def test_a_service_named_by_another_spelling_in_a_kept_rows_cell_is_no_second_row(tmp_path: Path) -> None:
    """"| **Anthropic, PBC** | AI text generation (Claude) |": Claude is Anthropic's spelling, one row; a service
    only partly named alike stays its own row ("Google Translate" beside "Google Cloud")."""
    text = (
        "# Privacy Policy\n\nThe App relies on the following third parties:\n\n| Service | Purpose | Data Shared |\n"
        "|---|---|---|\n| **Anthropic, PBC** | AI text generation (Claude) | Scrubbed questions and context |\n"
        "| **Google Cloud** | Hosting of the backend servers | Account data |\n"
        "| **RevenueCat, Inc.** | Subscription management | Purchase events |\n\n"
        "Text you choose to translate is sent to Google Translate.\n"
    )
    rows = _rows(tmp_path, "p.md", text)
    assert set(rows) == {"Anthropic, PBC", "Google Cloud", "RevenueCat, Inc.", "Google Translate"}, rows


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("To protect against tampering, Quokka Notes uses freeRASP, a Runtime Application Self-Protection (RASP) SDK "
         "developed by Talsec a.s.", {"freeRASP"}),
        ("We use third-party services such as jsDelivr and freeRASP.", {"jsDelivr", "freeRASP"}),
        ("Quokka Notes uses RevenueCat for subscriptions.", {"RevenueCat"}),
        ("We use freeRASP to detect tampering.", set()),  # a lower-camel word needs third-party words
        ("The app uses iPhone features.", set()),
        ("Quokka Notes uses Dark Mode.", set()),
    ],
)
def test_lower_camel_names_and_the_app_named_as_subject(tmp_path: Path, text: str, names: set[str]) -> None:
    """"Quokka Notes uses freeRASP, a … SDK": the app's name as the subject of using; a product spelt in lower
    camel case where the sentence speaks of third parties."""
    assert set(_rows(tmp_path, "p.txt", f"Privacy Policy\n\n{text}\n")) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("门店定位基于腾讯地图实现。", {"腾讯地图"}),
        ("我们的推送服务依托极光推送提供。", {"极光推送"}),
        ("Addresses you type are geocoded with Google Maps Platform.", {"Google Maps Platform"}),
        ("您可以基于微信登录。", set()),  # the reader's account on a platform, not an SDK the app uses
    ],
)
def test_a_product_a_function_is_built_on(tmp_path: Path, text: str, names: set[str]) -> None:
    """"基于X实现", "geocoded with X": a function done by way of a product (catalogue or services list)."""
    assert set(_rows(tmp_path, "p.txt", f"隐私政策\n\n{text}\n")) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("We do not use Google Analytics, but we use Plausible.", {"Plausible"}),
        ("We don't use Mixpanel; however Sentry receives crash reports.", {"Sentry"}),
        ("我们不使用友盟，但使用极光推送发送通知。", {"极光推送"}),
        ("We use Sentry, but we do not share data with Plausible.", {"Sentry"}),
    ],
)
def test_a_denial_before_a_turn_denies_only_what_it_names(tmp_path: Path, text: str, names: set[str]) -> None:
    """"We do not use X, but we use Y": Y is used."""
    assert set(_rows(tmp_path, "p.txt", f"Privacy Policy\n\n{text}\n")) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Deep links are created through our partner Branch.", {"Branch"}),
        ("Attribution is handled by our measurement partner Adjust, which receives your advertising ID.",
         {"Adjust"}),
        ("The website is deployed on Vercel.", {"Vercel"}),
        ("We are not a partner Branch of any bank.", set()),
        ("You can download the app from Google Play.", set()),
    ],
)
def test_a_name_after_a_kind_of_recipient_or_a_place_it_runs(tmp_path: Path, text: str, names: set[str]) -> None:
    """"our measurement partner Adjust" (no comma), "deployed on Vercel": apposition makes a one-word name a
    product; a denial or a store named as such does not."""
    assert set(_rows(tmp_path, "p.txt", f"Privacy Policy\n\n{text}\n")) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("我们可能会与第三方广告合作伙伴合作。我们的合作伙伴包含但不限于腾讯、字节跳动等。", {"腾讯", "字节跳动"}),
        ("Our advertising partners include Google and Meta.", {"Google", "Meta"}),
        ("Our partners include advertisers and publishers.", set()),
        ("我们的合作伙伴包括广告主、媒体等。", set()),
        ("我们不会向合作伙伴提供您的信息，合作伙伴包括腾讯等。", set()),
    ],
)
def test_partners_named_as_such_are_rows_companies_included(tmp_path: Path, text: str, names: set[str]) -> None:
    """"我们的合作伙伴包含但不限于腾讯等": parties named as the partners, companies too; kinds of party give none."""
    assert set(_rows(tmp_path, "p.txt", f"Privacy Policy\n\n{text}\n")) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("我們接入了蜂鳥統計、雲雀推送。", {"蜂鳥統計", "雲雀推送"}),
        ("我們接入了第三方SDK（如友盟、極光推送），這些SDK會蒐集您的裝置資訊。", {"友盟", "極光推送"}),
        ("該SDK會蒐集您的裝置資訊。", set()),
    ],
)
def test_traditional_chinese_names_by_shape(tmp_path: Path, text: str, names: set[str]) -> None:
    """Shapes read in Simplified characters ("蜂鳥統計" is a product like "蜂鸟统计", "這些SDK" no brand), names kept
    as written."""
    assert set(_rows(tmp_path, "p.txt", f"隱私權政策\n\n{text}\n")) == names


def test_a_product_named_as_a_records_provider_company_is_no_second_row(tmp_path: Path) -> None:
    """"【okhttp】 … 第三方机构名称：Square(Block, Inc.)": Square is okhttp's maker here, not a payment service row."""
    text = (
        "第三方SDK\n\n【okhttp】\n收集使用目的：请求网络服务\n收集个人信息类型：查看网络状态\n"
        "第三方机构名称：Square(Block, Inc.)\n第三方隐私政策链接：https://square.github.io/okhttp/\n"
    )
    assert set(_rows(tmp_path, "p.txt", text)) == {"okhttp"}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("消息推送由蜂鸟推送提供，会收集您的设备标识符。", {"蜂鸟推送"}),
        ("地图由云雀地图SDK提供。", {"云雀地图SDK"}),
        ("该功能由系统推送提供。", set()),
        ("本服务由北京蜂鸟科技有限公司提供。", set()),
        ("定位由系统定位服务提供。", set()),
    ],
)
def test_a_zh_product_providing_a_function(tmp_path: Path, text: str, names: set[str]) -> None:
    """"由蜂鸟推送提供": a product the lists lack, by its shape; the system, a company or a kind give none."""
    assert set(_rows(tmp_path, "p.txt", f"隐私政策\n\n{text}\n")) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("We use Quokkalytics to measure how the app is used.", {"Quokkalytics"}),
        ("We use Wombatmetrics to track crashes.", {"Wombatmetrics"}),
        ("We rely on Mapbox for maps.", {"Mapbox"}),
        ("We use Metrics to monitor performance.", set()),
        ("We use Caching to store data locally.", set()),
        ("We use Statistics to understand usage.", set()),
        ("We rely on Placed data.", set()),
        ("The app uses Smart features.", set()),
    ],
)
def test_one_word_names_used_for_something_and_english_words(tmp_path: Path, text: str, names: set[str]) -> None:
    """"We use Quokkalytics to measure …": one capitalised word used to do something with data is a product; an
    English noun, plural or adjective ("Metrics", "Caching", "Smart features") is not, catalogue entry or not."""
    assert set(_rows(tmp_path, "p.txt", f"Privacy Policy\n\n{text}\n")) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Products named together as providing a function are one row each, Simplified and Traditional.
        ("支付功能由支付宝、微信支付提供。", {"支付宝", "微信支付"}),
        ("支付功能由蜂鸟支付和云雀支付提供。", {"蜂鸟支付", "云雀支付"}),
        ("支付功能由支付寶、微信支付提供。", {"支付寶", "微信支付"}),
        # A catalogue name and a known service after a separator are two names, not one run together.
        ("您通过第三方支付机构（如微信支付、支付宝、招行一网通等）充值时，我们会与支付机构共享订单信息。",
         {"微信支付", "支付宝", "招行一网通"}),
        # A sentence with one Traditional character, or Taiwan's words that change length ("雲端儲存"): the
        # names are still read in Simplified characters and kept as written.
        ("我們使用阿里雲提供的雲端儲存服務。", {"阿里雲"}),
        ("我们使用支付寶完成支付。", {"支付寶"}),
    ],
)
def test_chinese_products_named_together_and_in_traditional(tmp_path: Path, text: str, names: set[str]) -> None:
    assert set(_rows(tmp_path, "policy.txt", text)) == names


def test_traditional_name_gets_the_catalogue_id(tmp_path: Path) -> None:
    rows = _rows(tmp_path, "policy.txt", "支付功能由支付寶、微信支付提供。")
    assert rows["支付寶"]["sdk_id"] is not None
    assert rows["支付寶"]["sdk_id"] == _rows(tmp_path, "p2.txt", "支付功能由支付宝提供。")["支付宝"]["sdk_id"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A label, then the author's sentence of use: the name is used, no field's value.
        ("三、第三方服务\n推送服务：我们使用了蜂鸟推送服务。\n", {"蜂鸟推送"}),
        ("三、第三方服务\n推送服务：我们使用个推推送服务。\n", {"个推推送"}),
        ("三、第三方服务\n推送服務：我們使用了蜂鳥推送。\n", {"蜂鳥推送"}),
        ("地图：本应用接入了高德地图，用于定位。\n", {"高德地图"}),
        # A field's value stays none.
        ("推送服务：蜂鸟推送服务的隐私政策\n", set()),
    ],
)
def test_label_before_the_authors_sentence_of_use(tmp_path: Path, text: str, names: set[str]) -> None:
    assert set(_rows(tmp_path, "policy.txt", text)) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Phone makers listed as the parties push data goes to, or whose push channels the app uses: a row each.
        ("为提供推送，我们会将设备信息共享给华为、小米、OPPO、vivo等手机厂商。", {"华为", "小米", "OPPO", "vivo"}),
        ("我们接入了华为、荣耀、魅族等厂商的推送通道。", {"华为", "荣耀", "魅族"}),
        ("我們接入了華為、小米、OPPO、vivo等手機廠商的推送通道。", {"華為", "小米", "OPPO", "vivo"}),
        ("我们与华为、小米、VIVO等终端设备制造商共享设备型号。", {"华为", "小米", "VIVO"}),
        # Devices, a denial, or makers named with no data and no use: none.
        ("本应用支持华为、小米、OPPO、vivo手机。", set()),
        ("我们不会将您的信息共享给华为、小米等手机厂商。", set()),
        ("我们测试了华为、小米、OPPO等厂商的手机。", set()),
        # Whose rules or systems the app follows, or a brand of phone: no party.
        ("我们会根据华为、小米等手机厂商的要求使用权限。", set()),
        ("为适配华为、小米、OPPO等厂商的系统，我们会读取设备型号。", set()),
        ("华为、小米等品牌手机用户可以使用本应用的全部功能。", set()),
        # Their push services as the subject of a verb of data.
        ("华为、小米等厂商的推送服务会收集您的设备标识。", {"华为", "小米"}),
        ("为提供推送，我们会将设备信息共享给华为等手机厂商。", set()),
    ],
)
def test_phone_makers_listed_as_push_recipients(tmp_path: Path, text: str, names: set[str]) -> None:
    assert set(_rows(tmp_path, "policy.txt", text)) == names


@pytest.mark.parametrize(
    "text",
    [
        # Kinds of software and the reader's devices are no third party.
        "隐私政策\n\n我们使用了开源地图组件。\n",
        "隐私政策\n\n我们接入了Android系统定位和iOS系统定位。\n",
        "隐私政策\n\n我们接入了自研推送服务。\n",
        "隐私政策\n\n如您使用iPhone，请在“设置-隐私”中关闭定位权限。\n",
        "隱私政策\n\n如您使用iPhone，請在「設定」中關閉定位權限。\n",
    ],
)
def test_kinds_of_software_and_devices_give_no_row(tmp_path: Path, text: str) -> None:
    assert _rows(tmp_path, "policy.txt", text) == {}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A name's other name in brackets right after it is kept with it: either spelling matches a list's.
        ("AI对话功能由深度求索（DeepSeek）提供。", "深度求索（DeepSeek）"),
        ("我们使用了蜂鸟推送（Fengniao Push）为您推送消息。", "蜂鸟推送（Fengniao Push）"),
        ("We use Umeng (友盟) for analytics.", "Umeng (友盟)"),
        # A purpose, a company or an example in the bracket is no other name.
        ("我们使用腾讯Bugly（用于崩溃分析）收集崩溃信息。", "腾讯Bugly"),
        ("我们使用高德地图（高德软件有限公司）提供定位。", "高德地图"),
        ("We use Mixpanel (analytics) to measure usage.", "Mixpanel"),
    ],
)
def test_prose_name_keeps_its_other_name_in_brackets(tmp_path: Path, text: str, name: str) -> None:
    assert set(_rows(tmp_path, "policy.txt", text)) == {name}


def test_prose_name_with_alias_repeats_the_list_row(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "policy.md",
        "## 一、我们收集的信息\n\n广告由蜂鸟广告平台 Quokka（QuokkaADN）提供，其SDK会处理OAID。\n\n"
        "## 二、第三方SDK清单\n\n- **Quokka 广告 SDK（QuokkaADN）**——蜂鸟科技有限公司；用途：广告；收集：OAID。\n",
    )
    assert len(rows) == 1, rows


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Carriers listed after the word for them, as the parties a phone number goes to (one-click login).
        ("一键登录时，我们会把您的手机号提供给运营商（中国移动、中国联通、中国电信）进行校验。",
         {"中国移动", "中国联通", "中国电信"}),
        # Named as the carriers' network, no party data is given to; a list of kinds, none.
        ("您的手机号会通过运营商（中国移动、中国联通、中国电信）网络传输。", set()),
        ("我们会将信息提供给合作方（广告主、广告平台）。", set()),
        # A maker's product: the product after "的"; a function word alone is none.
        ("我们使用了友盟+提供的统计服务和U-Push推送服务。", {"友盟+", "U-Push"}),
        ("我们使用了蜂鸟科技的云雀推送。", {"云雀推送"}),
        # A catalogue name made of generic words is a kind in prose.
        ("为实现一键登录，本应用使用了中国移动、中国联通、中国电信提供的号码认证服务。",
         {"中国移动", "中国联通", "中国电信"}),
    ],
)
def test_carriers_makers_products_and_kinds_in_chinese_prose(tmp_path: Path, text: str, names: set[str]) -> None:
    assert set(_rows(tmp_path, "policy.txt", text)) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Chinese names one per line under the lead-in, joined by a plain-text reader without spaces.
        ("隐私政策\n\n本APP使用了以下第三方SDK：\n友盟\n极光推送\nBugly\n\n结束。\n", {"友盟", "极光推送", "Bugly"}),
        ("隐私政策\n\n本應用接入了以下第三方SDK：\n蜂鳥推送\n雲雀統計\n\n結束。\n", {"蜂鳥推送", "雲雀統計"}),
    ],
)
def test_chinese_name_lines_under_a_lead_in(tmp_path: Path, text: str, names: set[str]) -> None:
    assert set(_rows(tmp_path, "policy.txt", text)) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Name lines led by the function they serve: the function is no part of the name.
        ("隐私政策\n\n我们使用的第三方服务：\n消息推送（个推）\n地图定位（高德地图）\n\n结束。\n",
         {"个推", "高德地图"}),
        ("隐私政策\n\n第三方服务提供商：\n地图定位——高德地图\n消息推送——蜂鸟推送\n\n结束。\n",
         {"高德地图", "蜂鸟推送"}),
        # A brand before the bracket keeps it ("蜂鸟推送（FengPush）" is a name with its alias).
        ("隐私政策\n\n我们使用的第三方服务：\n蜂鸟推送（FengPush）\n高德地图\n\n结束。\n",
         {"蜂鸟推送（FengPush）", "高德地图"}),
    ],
)
def test_name_lines_led_by_their_function(tmp_path: Path, text: str, names: set[str]) -> None:
    assert set(_rows(tmp_path, "policy.txt", text)) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A function, then the product serving it, one per paragraph under an SDK heading.
        ("隐私政策\n\n## 第三方SDK\n\n消息推送：个推\n\n地图定位：高德地图\n\n结束。\n", {"个推", "高德地图"}),
        ("隱私政策\n\n## 第三方SDK\n\n消息推送：極光推送\n\n統計分析：友盟\n\n結束。\n", {"極光推送", "友盟"}),
        # Field lines of a contact section are none.
        ("隐私政策\n\n## 联系我们\n\n客服电话：400-123-4567\n\n邮箱：privacy@example.com\n\n结束。\n", set()),
    ],
)
def test_function_labelled_paragraphs_under_an_sdk_heading(tmp_path: Path, text: str, names: set[str]) -> None:
    assert set(_rows(tmp_path, "policy.md", text)) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("You can create an account with Google Sign-In or Sign in with Apple; we receive your email.",
         {"Google Sign-In", "Sign in with Apple"}),
        ("Accounts: Kakao sign-in and Naver Login are offered.", {"Kakao sign-in", "Naver Login"}),
        ("您可以通过 Apple 登录使用本应用。", {"Apple 登录"}),
        # Named twice, in two languages or two forms: one row per provider.
        ("Sign in with Apple is offered.\n\n您也可以使用 Apple 登录。", {"Sign in with Apple"}),
    ],
)
def test_a_sign_in_feature_named_by_its_provider_is_a_row(tmp_path: Path, text: str, names: set[str]) -> None:
    """Readers list "Google Sign-In", "Sign in with Apple" as services the app uses (batches 8-9)."""
    assert set(_rows(tmp_path, "p.txt", f"Privacy Policy\n\n{text}\n")) == names


@pytest.mark.parametrize(
    "text",
    [
        "When you register or sign in with Google, we receive your email address.",  # the reader's act
        "We do not offer Sign in with Apple.",
        "您可以使用微信登录本应用。",  # a Chinese social login: the reader's account there
    ],
)
def test_no_sign_in_row_for_the_act_a_denial_or_a_chinese_social_login(tmp_path: Path, text: str) -> None:
    assert _rows(tmp_path, "p.txt", f"Privacy Policy\n\n{text}\n") == {}


def test_a_sign_in_feature_gives_way_to_the_providers_sign_in_sdk_row(tmp_path: Path) -> None:
    text = (
        "Privacy Policy\n\nYou can use Sign in with Apple.\n\n| SDK | Purpose |\n|---|---|\n"
        "| sign_in_with_apple | Apple sign-in |\n| Firebase Analytics | analytics |\n"
    )
    assert set(_rows(tmp_path, "p.md", text)) == {"sign_in_with_apple", "Firebase Analytics"}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A store or its billing framework named as the processor of purchases is a row as written.
        ("- Payment processing handled by: Apple App Store, Google Play Store, Stripe\n",
         {"Apple App Store", "Google Play Store", "Stripe"}),
        ("Subscription data: we use third-party payment processors (Apple App Store and Google Play Store via "
         "RevenueCat).\n", {"Apple App Store", "Google Play Store", "RevenueCat"}),
        ("The App receives transaction and entitlement information from Apple's StoreKit service to restore "
         "previous purchases.\n", {"StoreKit"}),
        ("## Third-Party Services\n\n### Payments\n\n- RevenueCat for subscription management\n"
         "- App Store payment processing (iOS)\n- Google Play payment processing (Android)\n",
         {"RevenueCat", "App Store", "Google Play"}),
        ("Apple 提供“通过 Apple 登录”、App Store 购买及 Apple 推送通知服务（APNs）。",
         {"Apple 登录", "App Store", "APNs"}),
        # A store named as where the app is sold or as the reader's records there is no row.
        ("您可以在 App Store 下载本应用。", set()),
        ("您的 App Store 购买记录由 Apple 保存。", set()),
        ("The app is distributed via Google Play. It contains no in-app purchases.\n", set()),
        ("Deleting the App does not erase your App Store purchase history.\n", set()),
        ("Download the app on the App Store or Google Play. Subscriptions renew automatically.\n", set()),
        ("You can manage your subscription in your Google Play account settings.\n", set()),
    ],
)
def test_a_store_named_as_the_processor_of_purchases_is_a_row(tmp_path: Path, text: str, names: set[str]) -> None:
    assert set(_rows(tmp_path, "policy.md", text)) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Bare items under category sub-headings of a third-party section: the product-named items are rows.
        (
            "# Privacy\n\n## 4. Third-Party Services\n\nWe utilize the following services:\n\n"
            "### Authentication & User Management\n\n- Supabase Authentication\n- Google Sign-In\n- Apple Sign-In\n"
            "- Email verification services\n\n### Analytics and Monitoring\n\n- App performance analytics\n"
            "- Usage pattern analysis\n- Error reporting and crash analytics\n\n### Cloud\n\n"
            "- WombatDB for database and real-time features\n- Content delivery networks for global access\n",
            {"Supabase Authentication", "Google Sign-In", "Apple Sign-In", "WombatDB"},
        ),
        # Capitalised words with no brand in them under such a sub-heading are no products.
        ("# Privacy\n\n## Third-Party Services\n\n### Your Rights\n\n- Right of Access\n- Right to Erasure\n"
         "- Data Portability\n", set()),
        ("# Privacy\n\n## Third-Party Services\n\n### Data they receive\n\n- Device Model\n- IP Address\n"
         "- Advertising ID\n", set()),
        # The same items outside a third-party section are no rows.
        ("# Privacy\n\n## Sign-in\n\n### Options\n\n- Quokka Sign-In\n- Email and password\n", set()),
    ],
)
def test_bare_items_under_a_third_party_sections_sub_heading(tmp_path: Path, text: str, names: set[str]) -> None:
    assert set(_rows(tmp_path, "policy.md", text)) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # An apposition after a name says it is a recipient, even for a word alias opening the sentence.
        ("- Stripe (our payment provider).\n", {"Stripe"}),
        ("Stripe, our payment processor, receives your card number.\n", {"Stripe"}),
        ("Stripe the data before saving.\n", set()),
        ("We never use Stripe (our old payment provider).\n", set()),
        # A bracket saying the resource on a host is the author's: no recipient.
        ("On launch, the App fetches a configuration file from GitHub Pages (a Quokka-controlled URL).\n", set()),
    ],
)
def test_an_apposition_after_a_name_says_what_it_is(tmp_path: Path, text: str, names: set[str]) -> None:
    assert set(_rows(tmp_path, "policy.md", text)) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Providers listed before one sign-in feature's name share its words: a row each.
        ("- **Authentication Data**: OAuth tokens from Google/Apple Sign-In\n", {"Google Sign-In", "Apple Sign-In"}),
        ("You can log in with Google, Facebook or Apple Sign-In.\n",
         {"Google Sign-In", "Facebook Sign-In", "Apple Sign-In"}),
        ("We do not offer Google or Apple Sign-In.\n", set()),
    ],
)
def test_providers_listed_before_a_sign_in_feature_share_it(tmp_path: Path, text: str, names: set[str]) -> None:
    assert set(_rows(tmp_path, "policy.md", text)) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A product the author runs on its own servers, or one set against what the app does, is no recipient.
        ("Piwik is open source software that is hosted on our own server infrastructure to ensure your privacy "
         "(unlike platforms such as Google Analytics).\n", set()),
        ("We use Matomo, self-hosted on our servers, instead of Google Analytics.\n", set()),
        ("We use a self-hosted Plausible instance. Crashes are sent to Sentry.\n", {"Sentry"}),
        ("Analytics are handled by Mixpanel; backups are hosted on our own servers.\n", {"Mixpanel"}),
        # A vendor-family list item whose text names its products gives way to them.
        ("We use these third-party services:\n\n* **Google Services (Sign-In):** We use Google Sign-In "
         "for authentication.\n* **Quokka:** We use Quokka for backend services.\n", {"Google Sign-In", "Quokka"}),
    ],
)
def test_products_run_by_the_author_or_set_against_it_are_no_rows(tmp_path: Path, text: str, names: set[str]) -> None:
    assert set(_rows(tmp_path, "policy.md", text)) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Items under a heading that denies them name no SDK the app uses, catalogue names with "SDK" included.
        ("## Not included in the current public scope\n\n- rewarded ads\n"
         "- Google AdMob / Google Mobile Ads SDK browser integration\n- account sign-in SDKs\n", set()),
        ("## SDKs we use\n\n- Google Mobile Ads SDK for banners\n- Firebase Crashlytics SDK\n",
         {"Google Mobile Ads SDK", "Firebase Crashlytics SDK"}),
    ],
)
def test_items_under_a_denying_heading_name_no_sdk(tmp_path: Path, text: str, names: set[str]) -> None:
    assert set(_rows(tmp_path, "policy.md", text)) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Names in an unfilled template placeholder offering alternatives are no rows.
        ("Your settings may be backed up to [Firebase/Google Drive/Other Service].\n", set()),
        ("Analytics data is sent to [Insert analytics provider, e.g. Mixpanel].\n", set()),
        ("We use [Mixpanel](https://mixpanel.com) to measure usage.\n", {"Mixpanel"}),
    ],
)
def test_names_in_a_template_placeholder_are_no_rows(tmp_path: Path, text: str, names: set[str]) -> None:
    assert set(_rows(tmp_path, "policy.md", text)) == names


def test_a_vendor_item_with_its_product_in_brackets_is_the_product(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "policy.md",
        "## Third-Party Services We Use\n\nWe utilize third-party services to operate the App:\n"
        "*   **Supabase:** We use Supabase to store your account.\n"
        "*   **Google (Gemini API):** We use Google's Gemini AI to generate insights.\n"
        "*   **Apple (App Store & In-App Purchases):** Apple processes these transactions.\n",
    )
    assert set(rows) == {"Supabase", "Gemini API", "Apple"}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A "no" inside a condition says when, and denies nothing after it.
        ("To fetch a logo, the app contacts the site directly, or — if the site has none — falls back to one of "
         "our icon providers, DuckDuckGo.\n", {"DuckDuckGo"}),
        ("If you have no account, we do not share data with our analytics provider, Mixpanel.\n", set()),
        ("Neither our analytics vendor, Mixpanel, nor Amplitude receive your data.\n", set()),
    ],
)
def test_a_no_inside_a_condition_denies_nothing_after_it(tmp_path: Path, text: str, names: set[str]) -> None:
    assert set(_rows(tmp_path, "policy.md", text)) == names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("我们接入了高德地图SDK（高德开放平台），收集您的位置信息。", "高德地图SDK"),
        ("我们接入了高德地图SDK(高德开放平台)，收集您的位置信息。", "高德地图SDK"),
        ("我们接入了百度定位SDK（百度地图开放平台），收集位置信息。", "百度定位SDK"),
        ("我们接入了腾讯地图SDK（腾讯位置服务），收集位置信息。", "腾讯地图SDK"),
        ("我们接入了友盟统计SDK（友盟同欣），收集设备信息。", "友盟统计SDK"),
        ("我們接入了友盟統計SDK（友盟同欣），收集設備資訊。", "友盟統計SDK"),
    ],
)
def test_a_chinese_name_in_brackets_after_a_product_is_the_same_record(tmp_path: Path, text: str, name: str) -> None:
    # The bracket holds the record's platform, maker or other name: one record in the text, one row.
    rows = _rows(tmp_path, "p.txt", text)
    assert len(rows) == 1, rows
    assert next(iter(rows)).startswith(name)


def test_products_listed_in_a_bracket_stay_rows(tmp_path: Path) -> None:
    # Several names in one bracket are products of their own, not the other name of the one before.
    rows = _rows(tmp_path, "p.txt", "我们接入了极光推送SDK、友盟统计SDK（友盟同欣），用于推送和统计，收集设备信息。")
    assert len(rows) == 2, rows


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("我们接入了腾讯云天御验证码，收集设备信息。", "腾讯云天御验证码"),
        ("我們接入了騰訊雲天御驗證碼，收集設備資訊。", "騰訊雲天御驗證碼"),
    ],
)
def test_a_chinese_vendor_run_into_its_product_is_one_row(tmp_path: Path, text: str, name: str) -> None:
    rows = _rows(tmp_path, "p.txt", text)
    assert list(rows) == [name]


def test_vendor_and_product_after_a_separator_stay_two(tmp_path: Path) -> None:
    rows = _rows(tmp_path, "p.txt", "我们的服务器托管于阿里云、并接入了天御验证码，收集设备信息。")
    assert len(rows) == 2, rows


@pytest.mark.parametrize(
    "text",
    [
        "您可以通过抖音、快手、小红书搜索“星海”了解我们的活动。",
        "您可以通過抖音、小紅書搜索「星海」了解我們的活動。",
        "请您在微信中打开本小程序，获取您的位置信息以展示附近门店。",
        "請您在微信中打開本小程序，獲取您的位置資訊以展示附近門店。",
        "您可以关注我们的微信公众号或微博官方账号获取更新，我们会收集您的反馈信息。",
        "You can find us on Facebook or search for us on Instagram; we collect your feedback.",
    ],
)
def test_a_social_platform_the_reader_goes_to_is_no_row(tmp_path: Path, text: str) -> None:
    # The reader searching, opening or following the app there: a place the reader goes, not a recipient.
    assert _rows(tmp_path, "p.txt", text) == {}


def test_a_social_sdk_the_app_integrates_is_still_a_row(tmp_path: Path) -> None:
    rows = _rows(tmp_path, "p.txt", "我们接入了微信开放平台SDK，该SDK会收集您的设备标识符。")
    assert list(rows) == ["微信开放平台SDK"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "隐私政策\n我们接入了高德地图SDK，用于定位，收集位置信息。\n高德开放平台会收集您的位置信息。\n",
            "高德地图SDK",
        ),
        (
            "隐私政策\n我们接入了穿山甲广告SDK，收集设备信息。\n巨量引擎会收集您的设备标识。\n",
            "穿山甲广告SDK",
        ),
        (
            "隱私政策\n我們接入了穿山甲廣告SDK，收集設備資訊。\n巨量引擎會收集您的設備標識。\n",
            "穿山甲廣告SDK",
        ),
    ],
)
def test_the_maker_or_its_platform_in_another_sentence_is_the_same_record(
    tmp_path: Path, text: str, name: str
) -> None:
    rows = _rows(tmp_path, "p.txt", text)
    assert list(rows) == [name], rows


def test_a_maker_alone_is_still_a_row(tmp_path: Path) -> None:
    # No product of it named: the maker is the record ("我们会将广告转化数据共享给巨量引擎").
    rows = _rows(
        tmp_path,
        "p.txt",
        "隐私政策\n我们会将广告转化数据共享给巨量引擎，收集您的设备标识。\n高德开放平台会收集您的位置信息。\n",
    )
    assert set(rows) == {"巨量引擎", "高德开放平台"}, rows


def test_an_sdk_in_the_summary_table_and_the_detailed_list_is_one_row(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "p.md",
        "第三方SDK目录\n\n| SDK名称 | 使用目的 | 收集的个人信息 |\n|---|---|---|\n"
        "| 友盟+SDK | 统计 | 设备标识 |\n| 极光推送 | 推送 | 设备标识 |\n\n"
        "附：第三方SDK详细说明\n\n1. 友盟统计SDK\n使用目的：统计分析\n收集信息：设备标识\n\n"
        "2. 極光推送SDK（JPush）\n使用目的：推送\n收集信息：設備標識\n",
    )
    assert len(rows) == 2, rows
    assert {r["sdk_id"] for r in rows.values()} == {"umeng-analytics", "jpush"}


def test_two_products_of_one_catalogue_sdk_in_one_list_stay_two(tmp_path: Path) -> None:
    # In one structure two items are two records, however the catalogue groups them.
    rows = _rows(tmp_path, "p.md", "第三方SDK目录\n\n- 微信SDK：用于微信登录、分享\n- 微信支付SDK：用于支付\n")
    assert len(rows) == 2, rows


@pytest.mark.parametrize(
    "text",
    [
        "本应用所使用的第三方SDK，例如XX统计SDK、XX推送SDK，会收集您的设备标识。",
        "本應用所使用的第三方SDK，例如××統計SDK，會收集您的設備標識。",
        "第三方SDK列表\n\n1. XX地图SDK：用于定位，收集位置信息\n",
        "Third-party SDKs\n\n- [SDK name]: collects your device ID\n",
    ],
)
def test_a_placeholder_name_is_no_row(tmp_path: Path, text: str) -> None:
    assert _rows(tmp_path, "p.md", text) == {}


def test_a_library_whose_name_starts_with_xx_is_a_row(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "p.md",
        "Third-party libraries\n\n- xxHash: fast hashing of your files\n- Maxx SDK: collects your device ID\n",
    )
    assert set(rows) == {"xxHash", "Maxx SDK"}, rows


@pytest.mark.parametrize(
    "text",
    [
        "我们会与关联方抖音、今日头条共享您的设备信息，以提供一致的服务。",
        "我們會與關聯方抖音共享您的設備資訊。",
        "我们会与关联公司腾讯云共享您的设备信息。",
    ],
)
def test_the_authors_affiliates_are_no_rows(tmp_path: Path, text: str) -> None:
    assert _rows(tmp_path, "p.txt", text) == {}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("我们的关联方使用友盟统计SDK收集您的设备信息。", "友盟统计SDK"),
        ("我们与关联公司共享信息，并接入了极光推送SDK收集设备标识。", "极光推送SDK"),
        ("我们旗下的星海音乐与字节跳动旗下的穿山甲SDK会收集您的设备信息。", "穿山甲SDK"),
    ],
)
def test_an_sdk_near_the_word_affiliate_is_still_a_row(tmp_path: Path, text: str, name: str) -> None:
    assert list(_rows(tmp_path, "p.txt", text)) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "本应用不接入任何第三方广告SDK，如穿山甲、优量汇、快手联盟。",
        "本應用不接入任何第三方廣告SDK，例如穿山甲、優量匯。",
        "我们未集成第三方统计SDK（例如友盟）。",
    ],
)
def test_examples_of_a_denied_sdk_kind_are_no_rows(tmp_path: Path, text: str) -> None:
    assert _rows(tmp_path, "p.txt", text) == {}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("我们未集成第三方统计SDK（例如友盟），但使用了极光推送SDK收集设备标识。", ["极光推送SDK"]),
        ("我们接入了第三方SDK，如极光推送、友盟统计，收集设备标识。", ["极光推送", "友盟统计"]),
        ("本应用不会收集您的IMEI，我们接入了第三方SDK，如极光推送，收集设备标识。", ["极光推送"]),
    ],
)
def test_examples_of_a_used_sdk_kind_stay_rows(tmp_path: Path, text: str, names: list[str]) -> None:
    assert list(_rows(tmp_path, "p.txt", text)) == names


@pytest.mark.parametrize(
    "text",
    [
        "自2.0版本起，我们已停止使用友盟统计SDK。",
        "自2.0版本起，我們已停止使用友盟統計SDK。",
        "本应用已弃用极光推送SDK。",
    ],
)
def test_an_sdk_the_app_stopped_using_is_no_row(tmp_path: Path, text: str) -> None:
    assert _rows(tmp_path, "p.txt", text) == {}


@pytest.mark.parametrize(
    "text",
    [
        "我们已于去年3月移除了蜂鸟推送SDK。",
        "自4.1版本起，本应用去掉了友盟统计SDK，相关信息不再收集。",
        "我们已取消接入高德定位SDK。",
        "新版本下架了穿山甲广告SDK。",
        "我們已於去年移除了極光推送SDK。",
    ],
)
def test_an_sdk_the_app_removed_is_no_row(tmp_path: Path, text: str) -> None:
    assert _rows(tmp_path, "p.txt", text) == {}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("移除蜂鸟推送SDK后，我们改用极光推送SDK收集设备标识。", ["极光推送SDK"]),
        ("我们去掉了蜂鸟统计SDK，换用云雀统计SDK收集设备型号。", ["云雀统计SDK"]),
        ("我们接入了极光推送SDK，收集的数据将在30天后删除。", ["极光推送SDK"]),
    ],
)
def test_the_sdk_switched_to_is_a_row_by_its_own_name(tmp_path: Path, text: str, names: list[str]) -> None:
    assert list(_rows(tmp_path, "p.txt", text)) == names


def test_an_sdk_used_after_consent_is_a_row(tmp_path: Path) -> None:
    rows = _rows(tmp_path, "p.txt", "我们仅在您同意后才初始化友盟统计SDK，收集设备信息。")
    assert list(rows) == ["友盟统计SDK"]


@pytest.mark.parametrize(
    "text",
    [
        "您可以选择将笔记导出到百度网盘、坚果云或OneDrive。",
        "您可以選擇將筆記匯出到坚果云或Dropbox。",
        "如您开启同步，您的数据将同步到您自己的WebDAV网盘（如坚果云）。",
    ],
)
def test_a_destination_the_reader_picks_is_no_row(tmp_path: Path, text: str) -> None:
    assert _rows(tmp_path, "p.txt", text) == {}


def test_images_the_reader_picks_uploaded_to_a_cloud_stay_a_row(tmp_path: Path) -> None:
    # The reader picks the images, not the place: the app uploads them there.
    rows = _rows(tmp_path, "p.txt", "您选择导入的图片会上传至阿里云OSS进行处理。")
    assert len(rows) == 1, rows


def test_an_ai_service_the_reader_configures_is_a_row(tmp_path: Path) -> None:
    # The app sends the reader's input to the service configured (the labels' convention): a recipient.
    rows = _rows(tmp_path, "p.md", "当您使用AI功能时，您的输入会发送到您配置的第三方 AI 服务（如 OpenAI、豆包等）。")
    assert "OpenAI" in rows, rows


_MAKER_RECORDS = (
    "第三方SDK清单\n"
    "1. SDK名称：OPUSH SDK\n使用目的：OPPO手机消息推送\n第三方主体：某某移动通信有限公司\n"
    "2. SDK名称：HeyTap推送SDK\n使用目的：推送\n第三方主体：广东欢太科技有限公司\n"
    "3. SDK名称：VPush SDK\n使用目的：推送通知\n第三方主体：维沃移动通信有限公司\n\n"
)


@pytest.mark.parametrize(
    "tail",
    [
        "推送时，我们会把设备标识符提供给OPPO、vivo等手机厂商的推送服务。\n",
        "為推送訊息，設備標識符會提供給OPPO、vivo的推送通道。\n",
    ],
)
def test_a_maker_whose_push_sdk_is_listed_is_no_second_row(tmp_path: Path, tail: str) -> None:
    rows = _rows(tmp_path, "p.txt", _MAKER_RECORDS + tail)
    assert "OPPO" not in rows and "vivo" not in rows
    assert {"OPUSH SDK", "HeyTap推送SDK", "VPush SDK"} <= set(rows)


def test_makers_without_a_listed_push_sdk_stay_rows(tmp_path: Path) -> None:
    text = (
        "第三方SDK清单\n1. SDK名称：蜂鸟推送SDK\n使用目的：推送\n\n"
        "推送时，设备标识符会提供给华为、OPPO、vivo等手机厂商的推送通道。\n"
    )
    rows = _rows(tmp_path, "p.txt", text)
    assert {"华为", "OPPO", "vivo"} <= set(rows)


def test_makers_another_push_sdk_relays_to_stay_rows(tmp_path: Path) -> None:
    text = (
        "<html><body><h1>第三方SDK清单</h1><h3>1. 蜂鸟推送SDK</h3><ul>"
        "<li>使用目的：消息推送，集成华为、小米、OPPO、vivo厂商通道</li><li>第三方主体：蜂鸟科技有限公司</li>"
        "</ul></body></html>"
    )
    rows = _rows(tmp_path, "list.html", text)
    assert {"华为", "小米", "OPPO"} <= set(rows)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("为实现分享功能，我们接入了微信、QQ、微博等第三方分享SDK，会收集设备型号。", ["微信", "QQ", "微博"]),
        ("我们集成了蜂鸟、云雀、白鹭统计SDK，会收集设备型号。", ["蜂鸟统计SDK", "云雀统计SDK", "白鹭统计SDK"]),
        ("我們整合並接入了蜂鳥、雲雀等推送SDK，會收集設備型號。", ["蜂鳥", "雲雀"]),
    ],
)
def test_brands_sharing_one_sdk_word_are_a_row_each(tmp_path: Path, text: str, names: list[str]) -> None:
    rows = _rows(tmp_path, "p.txt", text)
    assert all(any(n in r for r in rows) for n in names), rows


@pytest.mark.parametrize(
    "text",
    [
        "我们接入了推送、统计、地图等第三方SDK，会收集设备型号。",
        "我们不会接入蜂鸟、云雀等统计SDK。",
        "我们使用了设备型号、IMEI等信息初始化SDK。",
        "我们接入了腾讯、阿里巴巴等公司的SDK。",
    ],
)
def test_kinds_data_or_denied_brands_before_a_shared_sdk_word_are_no_rows(tmp_path: Path, text: str) -> None:
    assert _rows(tmp_path, "p.txt", text) == {}


def test_carriers_sharing_one_sign_in_sdk_word_are_a_row_each(tmp_path: Path) -> None:
    rows = _rows(tmp_path, "p.txt", "注册时我们接入了中国移动、联通、电信一键登录SDK，会获取您的本机号码。")
    assert {"中国移动一键登录SDK", "联通一键登录SDK", "电信一键登录SDK"} <= set(rows)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("我們透過Mailchimp寄送電子報，Mailchimp會取得您的電子郵件地址。", "Mailchimp"),
        ("您的筆記透過 Quokkasync 在裝置間同步。", "Quokkasync"),
        ("我們透過蜂鳥推送SDK發送通知。", "蜂鳥推送SDK"),
    ],
)
def test_a_product_after_traditional_by_way_of_is_a_row(tmp_path: Path, text: str, name: str) -> None:
    assert name in _rows(tmp_path, "p.txt", text)


@pytest.mark.parametrize(
    "text",
    [
        "如需刪除資料，請透過電子郵件與我們聯絡。",
        "您可以透過裝置設定管理廣告追蹤偏好。",
        "我們會透過簡訊或電話通知您。",
    ],
)
def test_a_channel_after_traditional_by_way_of_is_no_row(tmp_path: Path, text: str) -> None:
    assert _rows(tmp_path, "p.txt", text) == {}


@pytest.mark.parametrize(
    "text",
    [
        "第三方SDK：指由第三方提供的软件开发工具包，例如蜂鸟统计SDK、极光推送SDK等工具。",
        "“推送服务”是指由服务商提供的消息通道，如个推、极光推送。",
        "本政策所称“统计工具”，系指友盟统计等第三方工具。",
        "第三方SDK：係指由第三方提供的工具，例如友盟統計、極光推送。",
    ],
)
def test_examples_in_a_definition_are_no_rows(tmp_path: Path, text: str) -> None:
    assert _rows(tmp_path, "p.txt", text) == {}


@pytest.mark.parametrize(
    "text",
    ["第三方SDK：指我们接入的极光推送SDK，会收集设备标识符。", "第三方SDK：我们接入了极光推送SDK，会收集设备标识符。"],
)
def test_a_definition_of_what_the_app_uses_names_it(tmp_path: Path, text: str) -> None:
    assert "极光推送SDK" in _rows(tmp_path, "p.txt", text)


@pytest.mark.parametrize("number", ["4.1 ", "2) ", "b. ", ""])
def test_parts_under_a_numbered_sdk_heading_are_named_without_the_number(tmp_path: Path, number: str) -> None:
    text = (
        f"# Privacy\n\n## 4. Third-party services\n\n### {number}Google Firebase\n\n"
        "- **Services Used**: Authentication, Cloud Messaging\n- **Purpose**: sign-in and notifications\n"
    )
    names = sorted(_rows(tmp_path, "policy.md", text))
    assert names == ["Google Firebase Authentication", "Google Firebase Cloud Messaging"], names


@pytest.mark.parametrize(
    "text",
    [
        "# 隐私政策\n\n## 九、如何联系我们\n\n如有问题，请通过以下方式联系我们：\n\n"
        "* 个人博客: https://blog.example.net/\n* 知乎: [某人](https://www.zhihu.com/people/someone)\n"
        "* 微博: https://weibo.com/someone\n* Email: someone@example.com\n",
        "# Privacy Policy\n\n## 12. Contact Us\n\nReach us here:\n\n"
        "- Zhihu: [me](https://www.zhihu.com/people/me)\n- Weibo: https://weibo.com/me\n",
        "# 隱私權政策\n\n## 聯絡方式\n\n- 知乎：https://www.zhihu.com/people/someone\n",
    ],
)
def test_a_contact_sections_channels_are_no_rows(tmp_path: Path, text: str) -> None:
    """Items of a contact section giving a channel to reach the author ("知乎: link") name no service of the app."""
    assert _rows(tmp_path, "p.md", text) == {}


def test_a_contact_section_keeps_a_service_in_prose(tmp_path: Path) -> None:
    """Only its channel items are skipped: a sentence there naming a service the app uses is still read."""
    text = "# 隐私政策\n\n## 联系我们\n\n我们通过 Zendesk 处理您的反馈邮件。\n\n- 邮箱: a@example.com\n"
    assert set(_rows(tmp_path, "p.md", text)) == {"Zendesk"}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A denied installation of an SDK ("不安装", Traditional "不安裝").
        ("# 隐私政策\n\n使用谷歌账号登录时，我们通过标准授权流程获取邮箱；应用内不安装 Google SDK。\n", set()),
        ("# 隱私權政策\n\n使用 Google 帳號登入時，App 內**不安裝** Foo SDK。\n", set()),
        ("# 隐私政策\n\n本应用未安装任何蜂鸟统计SDK。\n", set()),
        # "安装了" is a verb of use: the name starts after it.
        ("# 隐私政策\n\n我们安装了蜂鸟统计SDK，用于统计分析。\n", {"蜂鸟统计SDK"}),
    ],
)
def test_installing_an_sdk_or_not(tmp_path: Path, text: str, names: set[str]) -> None:
    assert set(_rows(tmp_path, "p.md", text)) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # "不含" denies; "社群登入" (Taiwan: social sign-in) is a kind, no brand.
        ("# 隱私權政策\n\n本 App **不含**第三方廣告 SDK、行為追蹤 SDK 或社群登入 SDK。\n", set()),
        ("# 隐私政策\n\n本应用不含蜂鸟统计SDK。\n", set()),
        # A clause after a comma is no part of a product's name ("传输给客服，这样可以帮助客服…").
        ("# 隐私政策\n\n## 联系我们\n\n您可以将截图传输给客服，这样可以帮助客服更快地理解您的问题。\n", set()),
        ("# 隐私政策\n\n您可以把问题发送给客服，以便帮助客服人员处理。\n", set()),
    ],
)
def test_denied_kinds_and_clauses_name_no_sdk(tmp_path: Path, text: str, names: set[str]) -> None:
    assert set(_rows(tmp_path, "p.md", text)) == names


@pytest.mark.parametrize(
    "text",
    [
        "👶\n\n# iFoo 隐私协议\n\n欢迎使用 iFoo。我们重视您的隐私。\n\n## 广告\n\n我们使用 Google AdMob 展示广告。\n",
        "![logo](logo.png)\n\n# iFoo 隐私政策\n\n欢迎使用 iFoo。\n\n## 广告\n\n我们使用 Google AdMob 展示广告。\n",
    ],
)
def test_the_title_after_a_decoration_names_the_app(tmp_path: Path, text: str) -> None:
    """The policy's title heading after a decoration line ("👶", a logo) names the app: no row of its own."""
    assert set(_rows(tmp_path, "p.md", text)) == {"Google AdMob"}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Data the app gets from a platform's sign-in, each item the platform's name with data words.
        (
            "# 隐私政策\n\n#### 微信平台信息\n通过微信登录时，我们会获取：\n"
            "- **微信用户唯一标识（OpenID）**: 用于身份识别\n- **微信授权的头像和昵称**: 用于展示资料\n",
            set(),
        ),
        (
            "# 隐私政策\n\n## 第三方信息\n使用QQ登录时我们获得：\n- QQ昵称\n- QQ头像图片\n",
            set(),
        ),
        # Items that are the products themselves stay rows.
        ("# 隐私政策\n\n## 支付\n付款时你可以选择：\n- 微信支付\n- 支付宝\n", {"微信支付", "支付宝"}),
        # Under an SDK lead-in, categories beside products are no candidates.
        (
            "# 隐私政策\n\n## 八、第三方服务\n\n本平台可能接入第三方SDK：\n- 微信支付\n- 第三方打印服务商\n"
            "- 第三方快递服务商\n",
            {"微信支付"},
        ),
    ],
)
def test_list_items_naming_a_platform_and_more(tmp_path: Path, text: str, names: set[str]) -> None:
    assert set(_rows(tmp_path, "p.md", text)) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("# 隐私政策\n\n本应用并未内置云雀广告SDK。\n", set()),
        ("# 隐私政策\n\n本应用没有内置任何蜂鸟推送SDK。\n", set()),
        ("# 隐私政策\n\n本应用内置了蜂鸟统计SDK，用于统计分析。\n", {"蜂鸟统计SDK"}),
    ],
)
def test_built_in_sdks_or_not(tmp_path: Path, text: str, names: set[str]) -> None:
    """"内置" (built in) is a verb of use: the name starts after it, and a negator before it denies."""
    assert set(_rows(tmp_path, "p.md", text)) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("# 隐私政策\n\n支付信息由云雀支付、蜂鸟支付等持牌机构处理，我们仅接收支付结果。\n", {"云雀支付", "蜂鸟支付"}),
        ("# 隐私政策\n\n支付功能由云雀支付、蜂鸟支付等第三方支付平台负责。\n", {"云雀支付", "蜂鸟支付"}),
        ("# 隐私政策\n\n消息推送由蜂鸟推送提供。\n", {"蜂鸟推送"}),
        # A category or the author doing the work names no product.
        ("# 隐私政策\n\n退款由第三方支付机构处理。\n", set()),
        ("# 隐私政策\n\n您的订单由我们的客服团队处理。\n", set()),
    ],
)
def test_products_that_do_the_work(tmp_path: Path, text: str, names: set[str]) -> None:
    """"由 X、Y 等…机构处理/负责/提供": the products named before the category are rows."""
    assert set(_rows(tmp_path, "p.md", text)) == names


@pytest.mark.parametrize(
    ("title", "subs", "names"),
    [
        ("第三方SDK", ["蜂鸟推送", "云雀统计"], {"蜂鸟推送", "云雀统计"}),
        (
            "我们接入的第三方SDK",
            ["蜂鸟推送SDK", "云雀统计SDK", "星河开放平台"],
            {"蜂鸟推送SDK", "云雀统计SDK", "星河开放平台"},
        ),
        ("第三方服務", ["蜂鳥推送SDK", "雲雀統計SDK"], {"蜂鳥推送SDK", "雲雀統計SDK"}),
        # Kinds are no products; one name alone is no run.
        ("第三方SDK", ["推送SDK", "统计SDK"], set()),
        ("第三方SDK", ["蜂鸟推送SDK"], set()),
        # Not under a third-party title.
        ("我们的功能", ["蜂鸟推送", "云雀统计"], set()),
    ],
)
def test_chinese_product_sub_headings_of_a_third_party_section(
    tmp_path: Path, title: str, subs: list[str], names: set[str]
) -> None:
    """"## 第三方SDK" / "#### 蜂鸟推送SDK" / prose: each sub-heading that is a Chinese product name is a row."""
    body = "".join(f"#### {s}\n用于推送和统计，由某某科技有限公司提供，收集设备型号。\n\n" for s in subs)
    assert set(_rows(tmp_path, "p.md", f"# 隐私政策\n\n## {title}\n\n{body}")) == names


def test_merge_of_a_hostile_number_of_heading_rows_keeps_them_and_drops_exact_repeats() -> None:
    """Past `_MERGE_SCAN` kept rows a heading row is compared by its exact key only (bounded work): every distinct
    row is kept, a repeat of the same name is still dropped, and small lists keep the full comparison."""
    n = records._MERGE_SCAN + 300
    rows = [_row(f"Quokka{i} Maps", "heading") for i in range(n)] + [_row("Quokka5 Maps", "heading")]
    kept = records.merge(rows)
    assert len(kept) == n
    # Below the bound a heading repeating a kept row inside a longer name is dropped as before.
    small = records.merge([_row("Quokka Maps SDK", "list"), _row("Quokka Maps", "heading")])
    assert [r.name for r in small] == ["Quokka Maps SDK"]


def test_a_linked_policy_item_first_is_no_title_of_the_app(tmp_path: Path) -> None:
    """The first block's text names the app only as a title line: a list item linking to an SDK's policy
    ("- [友盟+隐私政策](…)") right under the headings is no title, so that SDK stays a row."""
    text = (
        "# 隐私政策\n\n## 附：第三方SDK\n\n- [友盟+隐私政策](https://www.umeng.com/page/policy)\n\n"
        "我们接入了友盟+SDK，用于统计分析。\n"
    )
    assert any(name.startswith("友盟+") for name in _rows(tmp_path, "p.md", text))
    # A title line first still names the app ("X隐私政策" then "欢迎使用X"): no row of its own.
    own = "蜂鸟笔记隐私政策\n\n欢迎使用蜂鸟笔记。我们接入了友盟+SDK，用于统计分析。\n"
    rows = _rows(tmp_path, "q.txt", own)
    assert rows and all(name.startswith("友盟+") for name in rows)


@pytest.mark.parametrize(
    ("full", "short"),
    [
        ("Firebase Cloud Messaging", "FCM"),
        ("Amazon Web Services", "AWS"),
        ("Apple Push Notification service", "APNs"),
        ("Google Cloud Platform", "GCP"),
    ],
)
def test_acronym_of_a_listed_service_is_the_same_row(full: str, short: str) -> None:
    rows = [
        replace(_row(short, "table"), data_types=("device_id",)),
        replace(_row("Stripe", "table"), data_types=("payment_info",)),
        replace(_row(full, "table"), data_types=("usage_log",)),
    ]
    out = records.merge(rows)
    assert [r.name for r in out] == ["Stripe", full]
    assert set(out[1].data_types) == {"device_id", "usage_log"}


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("FCM", "Firebase"),  # one word gives no initials
        ("AWS", "amazon web services"),  # lower-case words: no product name's initials
        ("GCM", "Firebase Cloud Messaging"),  # other initials
        ("APNS", "Apple 推送服务"),  # not Latin
    ],
)
def test_acronym_rows_kept_without_their_full_name(one: str, other: str) -> None:
    rows = [_row(one, "table"), _row(other, "table")]
    assert [r.name for r in records.merge(rows)] == [one, other]


@pytest.mark.parametrize(
    ("head", "names"),
    [
        ("Tilemaker / FreeTiles、Routewise、Geofinder", {"Tilemaker", "FreeTiles", "Routewise", "Geofinder"}),
        ("✅ Kestrel、Brambleway", {"Kestrel", "Brambleway"}),
        ("Sentry、Mixpanel", {"Sentry", "Mixpanel"}),
    ],
)
def test_latin_names_joined_by_enumeration_comma_are_a_row_each(tmp_path: Path, head: str, names: set[str]) -> None:
    text = (
        "# 隐私政策\n\n## 第三方服务\n\n- **Quillpay** — 用于处理购买。\n"
        f"- **{head}** — 用于地图和搜索，这些服务会接收您的位置。\n"
    )
    rows = _rows(tmp_path, "p.md", text)
    assert names <= set(rows), rows.keys()
    assert not any("、" in n for n in rows)


def test_enumeration_with_a_phrase_is_not_split_into_latin_rows(tmp_path: Path) -> None:
    text = "# 隐私政策\n\n## 第三方服务\n\n- **Quillpay** — 用于处理购买。\n- **Kestrel、some helper** — 用于天气。\n"
    rows = _rows(tmp_path, "p.md", text)
    assert "some helper" not in rows


@pytest.mark.parametrize("mark", ["❌ 没有", "❌ 不使用", "❌ 未接入"])
def test_checklist_of_used_and_unused_services_gives_the_used_ones(tmp_path: Path, mark: str) -> None:
    text = (
        "# 隐私政策\n\n## 第三方服务\n\n本应用只使用下列服务：\n"
        f"- {mark}统计分析工具。\n- {mark}崩溃报告工具。\n- {mark}广告 SDK。\n- {mark}社交登录。\n"
        "- ✅ **Stripe** — 仅用于处理一次性内购。\n"
        "- ✅ **Mapbox、Algolia** — 用于地图和搜索，这些服务会接收您的坐标。\n"
    )
    rows = _rows(tmp_path, "p.md", text)
    assert {"Mapbox", "Algolia"} <= set(rows), rows.keys()
    assert not any("工具" in n or "SDK" in n or "登录" in n for n in rows), rows.keys()


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "p.md",
            "## 1. 我们收集的信息\n\n我们接入的第三方SDK：\n\n- com.quokka.android:maps\n- io.wombat.sdk.push\n"
            "- com.github.numbat-dev:ImageCrop:2.1.0\n- org.bilby.zxing-lite\n\n## 2. 信息的存储\n\n正文。\n",
        ),
        (
            "p.txt",
            "1. 我们收集的信息\n\n本应用集成了以下SDK：\n\ncom.quokka.android:maps\nio.wombat.sdk.push\n"
            "com.github.numbat-dev:ImageCrop:2.1.0\norg.bilby.zxing-lite\n\n2. 信息的存储\n\n正文。\n",
        ),
        (
            "p.html",
            "<h2>Third-party libraries</h2><p>The app includes the following SDKs:</p><ul>"
            "<li>com.quokka.android:maps</li><li>io.wombat.sdk.push</li>"
            "<li>com.github.numbat-dev:ImageCrop:2.1.0</li><li>org.bilby.zxing-lite</li></ul>",
        ),
    ],
)
def test_sdk_list_of_library_coordinates(tmp_path: Path, name: str, text: str) -> None:
    """Libraries listed by their build coordinates under a lead-in naming SDKs ("group:artifact", a Java
    package of three parts): each is a row named as written, none of them a catalogue name."""
    rows = _rows(tmp_path, name, text)
    assert set(rows) == {
        "com.quokka.android:maps",
        "io.wombat.sdk.push",
        "com.github.numbat-dev:ImageCrop:2.1.0",
        "org.bilby.zxing-lite",
    }, rows


@pytest.mark.parametrize(
    "text",
    [
        # Packages of other apps the app looks for, under no lead-in naming SDKs.
        "## 应用列表\n\n为判断是否安装了分享目标应用，我们会检测以下应用：\n\n"
        "- com.quokka.chat\n- com.wombat.video.app\n",
        # Web domains are no coordinates.
        "## 第三方SDK\n\n我们接入的第三方SDK：\n\n- www.quokka.example.com\n- api.wombat.example.net\n",
    ],
)
def test_package_names_or_domains_outside_an_sdk_list_are_no_rows(tmp_path: Path, text: str) -> None:
    rows = _rows(tmp_path, "p.md", text)
    assert not {n for n in rows if n.startswith(("com.", "www.", "api."))}, rows


@pytest.mark.parametrize(
    ("title", "purpose", "name"),
    [
        ("(1)Quokka云同步服务", "用于同步您的书签。协议地址:https://quokka.example/privacy", "Quokka云同步服务"),
        ("(2)云雀翻译服务", "用来翻译您浏览的网页。隐私政策:https://yunque.example/privacy", "云雀翻译服务"),
    ],
)
def test_title_line_run_into_its_purpose_line_in_text(tmp_path: Path, title: str, purpose: str, name: str) -> None:
    """A text item's title line and the purpose line under it, which the reader runs together ("(1)X服务用于…"):
    the row is named by the title."""
    text = f"隐私协议\n\n1.集成了哪些第三方SDK与功能组件\n{title}\n{purpose}\n\n2.读写存储权限\n\n正文。\n"
    assert set(_rows(tmp_path, "p.txt", text)) == {name}


@pytest.mark.parametrize(
    ("sdk_item", "names"),
    [
        # The open platform's record says nothing of payment: the payment product named in prose is its own row.
        ("- 微信开放平台：用于微信登录与分享", {"微信开放平台", "微信支付", "支付宝"}),
        # The record covers payment itself: the prose mention repeats it.
        ("- 微信开放平台：用于微信登录、微信支付", {"微信开放平台", "支付宝"}),
    ],
)
def test_a_vendors_payment_product_beside_its_open_platform(tmp_path: Path, sdk_item: str, names: set[str]) -> None:
    text = (
        "# 隐私政策\n\n## 一、会员与支付\n\n"
        "您购买会员时，支付账号等信息由微信支付、支付宝等持牌机构处理，我们仅接收支付结果。\n\n"
        f"## 二、第三方SDK\n\n{sdk_item}\n- 支付宝：用于支付宝付款\n"
    )
    assert set(_rows(tmp_path, "p.md", text)) == names


@pytest.mark.parametrize(
    ("item", "name"),
    [
        ("1. 本平台使用蜂鸟开放平台提供的登录、支付等服务。隐私政策：https://fengniao.example/p", "蜂鸟开放平台"),
        ("- 本功能使用 Quokka AI 服务，对话内容将发送至其服务器。隐私政策：https://quokka.example/p", "Quokka AI 服务"),
        ("- 本应用还集成了云雀推送，用于消息推送。https://yunque.example/privacy", "云雀推送"),
    ],
)
def test_an_item_written_as_what_the_app_uses_is_named_by_the_product(tmp_path: Path, item: str, name: str) -> None:
    text = f"# 隐私政策\n\n## 四、我们如何使用第三方服务\n\n{item}\n"
    assert set(_rows(tmp_path, "p.md", text)) == {name}


def test_a_function_named_with_its_product_in_brackets_merges_under_the_product(tmp_path: Path) -> None:
    # "崩溃报告（Sentry）" in one structure, "Sentry" in another: one row named by the product (was "Sentry /
    # 崩溃报告（Sentry）").
    text = (
        "# 隐私政策\n\n## 一、我们收集的信息\n\n### 2. 崩溃报告（Sentry）\n\n- 收集信息：崩溃堆栈、设备型号\n"
        "- 使用目的：修复崩溃\n\n## 二、第三方SDK\n\n| SDK | 用途 | 隐私政策链接 |\n|---|---|---|\n"
        "| Sentry | 崩溃报告 | https://sentry.example/privacy |\n"
    )
    rows = _rows(tmp_path, "p.md", text)
    assert set(rows) == {"Sentry"}, rows


_ZH_SUBJECT_ITEMS = (
    ("蜂鸟统计工具", "会收集你的访问信息、访问操作过程"),
    ("云雀监控平台", "可能会获取您的访问日志"),
    ("Quokkacdn", "会收集你的访问信息"),
    ("青松 音乐", "将记录您的IP地址"),
)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "bold.md",
            "# 隐私政策\n\n### 本站内置的第三方服务会通过以下途径获取你的以下信息：\n\n"
            + "".join(f"- **{n}** {t}\n" for n, t in _ZH_SUBJECT_ITEMS)
            + "\n## 其他\n我们不会出售你的信息。\n",
        ),
        (
            "plain.md",
            "# 隐私政策\n\n本应用接入的第三方服务会获取您的以下信息：\n"
            + "".join(f"- {n}{t}\n" for n, t in _ZH_SUBJECT_ITEMS),
        ),
        (
            "list.html",
            "<html><body><h1>隐私政策</h1><h2>第三方服务</h2><p>本应用内置的第三方服务会获取您的以下信息：</p><ul>"
            + "".join(f"<li><b>{n}</b> {t}</li>" for n, t in _ZH_SUBJECT_ITEMS)
            + "</ul><p>我们不会出售您的信息。</p></body></html>",
        ),
        (
            "numbered.txt",
            "隐私政策\n\n第三方服务\n本应用接入的第三方服务会通过以下方式获取您的信息：\n\n"
            + "".join(f"{i}. {n}：{t}\n" for i, (n, t) in enumerate(_ZH_SUBJECT_ITEMS, 1)),
        ),
    ],
)
def test_zh_list_items_whose_subject_is_the_service_taking_the_readers_data(
    tmp_path: Path, name: str, text: str
) -> None:
    # Under a lead-in naming third-party services, an item "<名称> 会收集你的…" is that service's record,
    # catalogue name or not; the name stops before the verb.
    rows = _rows(tmp_path, name, text)
    assert set(rows) == {n for n, _t in _ZH_SUBJECT_ITEMS}
    assert {r["how"] for r in rows.values()} == {"list"}


def test_zh_list_items_told_by_the_author_or_a_category_name_no_service(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "clauses.md",
        "# 隐私政策\n\n## 第三方\n本应用使用的第三方服务会获取您的信息：\n\n"
        "- 我们会收集您的设备信息\n- 广告合作伙伴会获取您的访问日志\n- 您的好友会看到您的昵称\n",
    )
    assert rows == {}


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "crlf.txt",
            "隐私政策\r\n\r\n6. 信息安全\r\n\r\n(a) 我们保护您的信息。\r\n\r\n7.api使用\r\n"
            "蜂鸟搜索引擎\r\napi：https://search.fengniao.example/s?q=\r\n\r\n"
            "云雀搜索引擎\r\napi：https://yunque.example/search?q=\r\n\r\n"
            "青松天气\r\nhttps://www.qingsong.example/\r\n\r\n8.本政策的更改\r\n\r\n(a) 我们可能更新本政策。\r\n",
        ),
        (
            "apis.md",
            "# Privacy Policy\n\n## APIs used\n\nQuokka Search\n\nURL: https://quokka.example/search\n\n"
            "Wombat Weather\n\nEndpoint: https://api.wombat.example/v1\n\nNumbat Maps\n\nhttps://numbat.example/\n",
        ),
        (
            "half.txt",
            "隐私政策\n\n三、调用的接口\n蜂鸟搜索引擎\n网址: https://search.fengniao.example/s?q=\n"
            "云雀搜索引擎\n网址: https://yunque.example/search?q=\n青松天气\nhttps://www.qingsong.example/\n",
        ),
    ],
)
def test_names_each_over_its_address_in_a_section_of_apis(tmp_path: Path, name: str, text: str) -> None:
    # A name line, then its address on the next line (bare or after a label such as "api："): in a section titled
    # as the APIs the site or app calls, each is an outside service; the label line itself names nothing.
    rows = _rows(tmp_path, name, text)
    zh = not name.endswith(".md")
    assert set(rows) == (
        {"蜂鸟搜索引擎", "云雀搜索引擎", "青松天气"} if zh else {"Quokka Search", "Wombat Weather", "Numbat Maps"}
    )
    assert all(r["how"] == "list" for r in rows.values())


def test_names_over_addresses_outside_a_section_of_apis_are_no_rows(tmp_path: Path) -> None:
    # The same lines under a title about something else (the author's own sites) or about the reader's API key.
    for title in ("联系我们", "保护您的 API 密钥"):
        text = f"隐私政策\n\n三、{title}\n官方主页\n网址: https://home.example/\n博客\n网址: https://blog.example/\n"
        assert _rows(tmp_path, "own.txt", text) == {}


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "brackets.txt",
            "隐私政策\n\n第三方服务\n本应用使用以下第三方服务：\n"
            "1. 青桔（用于获取天气）\n2. 白鹭（用于统计分析）\n3. Quokka（用于崩溃上报）\n",
        ),
        (
            "colons.txt",
            "隐私政策\n\n第三方服务\n本应用使用以下第三方服务：\n"
            "青桔：用于获取天气\n白鹭: 用于统计分析\nQuokka：用于崩溃上报\n",
        ),
        (
            "bold.md",
            "# 隐私政策\n\n## 第三方服务\n\n本应用集成了以下第三方服务:\n\n"
            "1. **青桔**：用于获取天气\n2. **白鹭**：用于统计分析\n3. **Quokka**：用于崩溃上报\n",
        ),
        (
            "commas.html",
            "<html><body><h2>第三方服务</h2><p>本应用集成了以下第三方服务：</p><ol>"
            "<li>青桔，用于获取天气</li><li>白鹭，用于统计分析</li><li>Quokka，用于崩溃上报</li></ol></body></html>",
        ),
    ],
)
def test_zh_brands_with_their_purpose_under_a_lead_in_announcing_services(
    tmp_path: Path, name: str, text: str
) -> None:
    # A bare brand then what it is for ("青桔（用于获取天气）"), under "以下第三方服务：", is a service even when no
    # catalogue knows it; the purpose is no part of its name.
    rows = _rows(tmp_path, name, text)
    assert set(rows) == {"青桔", "白鹭", "Quokka"}
    assert {r["how"] for r in rows.values()} == {"list"}


def test_zh_features_or_data_with_purposes_are_no_services(tmp_path: Path) -> None:
    # The same shape naming features or data ("用户反馈", "设备型号"), or brands under a lead-in announcing no list
    # of services, gives no row.
    rows = _rows(
        tmp_path,
        "features.txt",
        "隐私政策\n\n第三方服务\n本应用使用以下第三方服务：\n1. 用户反馈（用于改进产品）\n2. 设备型号（用于适配）\n"
        "3. 消息推送（用于通知）\n\n其他\n我们重视您的隐私。\n青桔：用于获取天气\n白鹭：用于统计分析\n",
    )
    assert rows == {}


@pytest.mark.parametrize(
    "item", ["- `quokkatar` 会收集你的访问信息、评论填写的个人信息", "- quokkatar会获取您的评论信息"]
)
def test_a_lower_case_latin_service_taking_the_readers_data_in_a_zh_list(tmp_path: Path, item: str) -> None:
    # A one-item run under a lead-in of third-party services: a code-styled or lower-case Latin name is the
    # subject all the same.
    rows = _rows(
        tmp_path,
        "one.md",
        f"# 隐私政策\n\n### 在评论时，本站内置的第三方服务会通过以下途径获取你的相关信息：\n\n{item}\n\n"
        "### 其他\n\n- 评论时会记录你的 QQ 账号\n",
    )
    assert set(rows) == {"quokkatar"}


_PARTS_MD = (
    "# 隐私政策\n\n## 六、第三方 SDK 说明\n\n以下为本应用接入的第三方 SDK 与技术组件：\n\n"
    "### 1. 媒体相关组件\n\n- photo_grabber：拍照、选择图片\n- clip_player / tune_player：音视频播放\n"
    "- recorder：录音\n\n### 2. 本地存储插件\n\n- secure_vault_store：保存登录令牌\n- prefs_keeper：保存偏好设置\n\n"
    "## 七、联系我们\n\n邮箱：a@example.com\n"
)
_PARTS_HTML = (
    "<html><body><h2>六、第三方 SDK 说明</h2><p>以下为本应用接入的第三方 SDK 与技术组件:</p>"
    "<h3>1. 媒体相关组件</h3><ul><li>photo_grabber: 拍照、选择图片</li><li>clip_player / tune_player: 音视频播放</li>"
    "<li>recorder: 录音</li></ul><h3>2. 本地存储插件</h3><ul><li>secure_vault_store: 保存登录令牌</li>"
    "<li>prefs_keeper: 保存偏好设置</li></ul><h2>七、联系我们</h2><p>邮箱：a@example.com</p></body></html>"
)


@pytest.mark.parametrize(
    ("name", "text"),
    [("parts.md", _PARTS_MD), ("parts.html", _PARTS_HTML), ("parts2.md", _PARTS_MD.replace("\n\n- ", "\n- "))],
)
def test_code_identifiers_in_groups_of_an_sdk_section(tmp_path: Path, name: str, text: str) -> None:
    # A section titled as third-party SDKs, split into groups titled by what their parts do ("媒体相关组件",
    # "本地存储插件"): each group's "identifier：purpose" items are the section's SDKs; a plain word among them
    # ("recorder") is carried by the identifiers around it, and slashed identifiers are a row each.
    rows = _rows(tmp_path, name, text)
    assert set(rows) == {
        "photo_grabber", "clip_player", "tune_player", "recorder", "secure_vault_store", "prefs_keeper"
    }
    assert {r["how"] for r in rows.values()} == {"list"}


def test_code_identifiers_outside_an_sdk_section_are_no_rows(tmp_path: Path) -> None:
    # The same groups under a section that names no third parties (settings the app stores), or identifiers of
    # stored fields, give nothing.
    rows = _rows(
        tmp_path,
        "fields.md",
        "# 隐私政策\n\n## 三、本地保存的数据\n\n### 1. 偏好相关组件\n\n- user_name：昵称\n- dark_mode：显示模式\n"
        "- last_login：上次登录时间\n",
    )
    assert rows == {}


_SLASHED = "QuokkaMaps / Geowalker / tile_fetcher 等地图与定位组件"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("kv.txt", f"第三方SDK说明\n\n1. 地图相关组件\n{_SLASHED}\n使用目的：展示地图\n收集个人信息：位置信息\n"),
        (
            "kv.md",
            f"# 隐私政策\n\n## 七、第三方 SDK 说明\n\n以下为接入的第三方 SDK：\n\n### 2. 地图相关组件\n\n- {_SLASHED}\n"
            "- 使用目的: 展示地图、解析地点\n- 收集个人信息: 位置信息\n",
        ),
        (
            "kv.html",
            f"<h2>七、第三方 SDK 说明</h2><h3>2. 地图相关组件</h3><p>{_SLASHED}</p><p>使用目的：展示地图</p>"
            "<p>收集个人信息：位置信息</p>",
        ),
    ],
)
def test_a_record_titled_by_slashed_names_closed_by_etc(tmp_path: Path, name: str, text: str) -> None:
    # A record whose title line names several parts with slashes and closes with "等…组件": a row each, the open
    # end dropped.
    rows = _rows(tmp_path, name, text)
    assert set(rows) == {"QuokkaMaps", "Geowalker", "tile_fetcher"}
    assert {r["how"] for r in rows.values()} == {"kv-block"}


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Google / Apple", {"Google", "Apple"}),  # only companies: the sign-in providers
        ("clip_player / tune_player", {"clip_player", "tune_player"}),
        ("Quokka Maps / Geowalker", {"Quokka Maps / Geowalker"}),  # a product with its other name: one record
        ("蜂鸟地图/定位SDK", {"蜂鸟地图/定位SDK"}),  # no spaces: one name
    ],
)
def test_slashed_name_cells_of_an_sdk_table(tmp_path: Path, cell: str, expected: set[str]) -> None:
    rows = _rows(
        tmp_path,
        "t.md",
        "# 隐私政策\n\n## 第三方SDK列表\n\n| SDK名称 | 使用目的 | 收集个人信息 |\n|---|---|---|\n"
        f"| {cell} | 登录 | 设备型号 |\n| 蜂鸟统计SDK | 统计 | 设备型号 |\n",
    )
    assert set(rows) == expected | {"蜂鸟统计SDK"}


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("k.html", "<h2>信息共享</h2><p>我们会与可信第三方服务（高德地图、云存储）共享必要信息。</p>"),
        ("k.md", "# 隐私政策\n\n## 信息共享\n\n- **服务提供商：** 与帮助运营应用的第三方服务（高德地图、推送服务）\n"),
        ("k.txt", "信息共享\n我们会与第三方服务商(高德地图、云存储)共享必要信息。\n"),
    ],
)
def test_a_kind_of_service_beside_a_product_in_a_recipients_bracket(tmp_path: Path, name: str, text: str) -> None:
    # The bracket after a kind of recipient names a product and a kind of service ("云存储", "推送服务"): the
    # product is a row, the kind none.
    rows = _rows(tmp_path, name, text)
    assert set(rows) == {"高德地图"}


def test_a_bracket_of_only_kinds_of_service_names_no_one(tmp_path: Path) -> None:
    rows = _rows(tmp_path, "k.txt", "信息共享\n我们会与第三方服务（云存储、推送服务）共享必要信息。\n")
    assert rows == {}


@pytest.mark.parametrize(
    "sentence",
    [
        "当您登录时，我们可能会收集您的登录日志信息，包括IP 地址、错误崩溃信息、极光推送插件。",
        "为实现消息提醒，本应用内置了极光推送组件。",
        "Crash reports are handled by the Sentry plugin bundled with the app.",
    ],
)
def test_a_catalogue_name_written_as_a_plugin_is_embedded(tmp_path: Path, sentence: str) -> None:
    # "<catalogue name>插件/组件/plugin" says the SDK is part of the app, as "<name>SDK" does, whatever the verb.
    rows = _rows(tmp_path, "p.txt", f"隐私政策\n\n一、我们收集的信息\n{sentence}\n")
    assert len(rows) == 1 and next(iter(rows.values()))["how"] == "prose"


def test_a_catalogue_name_in_a_denied_plugin_sentence_is_no_row(tmp_path: Path) -> None:
    rows = _rows(tmp_path, "p.txt", "隐私政策\n\n一、第三方\n本应用没有接入极光推送插件。\n")
    assert rows == {}


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "r.md",
            "# 隐私政策\n\n## 八、第三方SDK\n\n### 1. 云雀存储 SDK\n\n- SDK名称：云雀对象存储（QOS）\n"
            "- 使用目的：上传图片\n- 收集个人信息：您上传的图片\n\n### 2. 蜂鸟推送 SDK\n\n"
            "- SDK名称：蜂鸟消息推送\n- 使用目的：消息推送\n"
            "- 收集个人信息：设备型号\n",
        ),
        (
            "r.html",
            "<h2>8. Third-Party SDKs</h2><h3>8.1 Quokka Storage SDK</h3><ul><li>Service Name: Quokka Object Storage"
            " (QOS)</li><li>Provider: Quokka Cloud Ltd.</li><li>Purpose: image uploads</li><li>Data collected: images"
            "</li></ul><h3>8.2 Wren Push SDK</h3><ul><li>Service Name: Wren Messaging</li><li>Provider: Wren Inc."
            "</li><li>Purpose: push</li><li>Data collected: device model</li></ul>",
        ),
    ],
)
def test_a_records_heading_and_its_name_key_are_one_row(tmp_path: Path, name: str, text: str) -> None:
    # A section titled by a product, holding one "key：value" record whose name key gives another name: one row
    # per record, named by both names as written.
    rows = _rows(tmp_path, name, text)
    assert len(rows) == 2, rows
    assert all(" / " in n and r["how"] == "kv-block" for n, r in rows.items())


def test_a_heading_over_several_records_is_no_records_name(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "g.md",
        "# 隐私政策\n\n## 八、第三方SDK\n\n### 云雀推送 SDK\n\nSDK名称：云雀推送\n\n使用目的：消息推送\n\n"
        "SDK名称：云雀统计\n\n使用目的：统计分析\n",
    )
    assert not any(" / " in n for n in rows)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "t.md",
            "# 隐私政策\n\n## 一、支付\n\n购买会员时，您可以使用微信支付完成付款。\n\n## 七、第三方SDK\n\n"
            "### 1. 微信支付客户端 SDK\n\n- SDK名称：OpenPay客户端SDK\n- 使用目的：完成支付\n"
            "- 收集个人信息：订单号\n",
        ),
        (
            "t.html",
            "<h2>一、支付</h2><p>购买会员时，您可以使用微信支付完成付款。</p><h2>七、第三方SDK</h2>"
            "<h3>1. 微信支付客户端 SDK</h3><p>SDK名称：OpenPay客户端SDK</p><p>使用目的：完成支付</p>",
        ),
    ],
)
def test_a_prose_name_inside_the_heading_of_a_record_is_that_record(tmp_path: Path, name: str, text: str) -> None:
    # A product named in prose by the words of a record's heading, whose name key names it otherwise: one row.
    rows = _rows(tmp_path, name, text)
    assert set(rows) == {"OpenPay客户端SDK"}


def test_two_tables_of_one_section_are_told_apart_and_keep_document_order(tmp_path: Path) -> None:
    # Their rows were both "row 1", "row 2": the listing interleaved the tables and a reader could not tell them
    # apart. The second table's rows are "table 2 row n".
    rows = _rows(
        tmp_path,
        "policy.md",
        "# 第三方共享清单\n\n| SDK名称 | 使用目的 | 收集个人信息 |\n|---|---|---|\n| 蜂鸟地图SDK | 定位 | 位置信息 |\n"
        "| 云雀推送SDK | 推送 | 设备型号 |\n\n| SDK名称 | 使用目的 | 收集个人信息 |\n|---|---|---|\n"
        "| 鹈鹕统计SDK | 统计 | IMEI |\n| 鸬鹚语音SDK | 语音输入 | 麦克风 |\n",
    ).values()  # in document order
    assert [(r["name"], r["location"].split("§", 1)[1], r["line"]) for r in rows] == [
        ("蜂鸟地图SDK", "第三方共享清单 row 1", 5),
        ("云雀推送SDK", "第三方共享清单 row 2", 6),
        ("鹈鹕统计SDK", "第三方共享清单 table 2 row 1", 10),
        ("鸬鹚语音SDK", "第三方共享清单 table 2 row 2", 11),
    ]


def test_a_row_written_before_the_previous_row_gets_its_line_only_when_written_once() -> None:
    from appaudit.policy.records import with_lines
    from appaudit.policy.sdk_table import SdkRow

    text = "Intro naming Wombat Push.\nQuokka Analytics\nWombat Push\nNumbat Maps\nWombat Push again\n"

    def row(name: str) -> SdkRow:
        return SdkRow(name, "", (), (), (), "", (), None, f"p.md §x ¶{name}", "p.md", how="list")

    # Numbat Maps (line 4) first moves the search past line 4; Quokka Analytics, written once above it, is still
    # found; Wombat Push, written three times, is not guessed.
    got = with_lines([row("Numbat Maps"), row("Quokka Analytics"), row("Wombat Push")], "p.md", text)
    assert [(r.name, r.line) for r in got] == [("Numbat Maps", 4), ("Quokka Analytics", 2), ("Wombat Push", 5)]


def test_a_table_rows_line_is_its_table_line_not_an_earlier_mention(tmp_path: Path) -> None:
    # The introduction names the SDK first; the row's line is the table's.
    f = tmp_path / "policy.md"
    f.write_text(
        "# 隐私政策\n\n我们使用蜂鸟地图SDK为您提供定位。\n\n## 第三方SDK\n\n| SDK名称 | 使用目的 | 收集个人信息 |\n"
        "|---|---|---|\n| 蜂鸟地图SDK | 定位 | 位置信息 |\n",
        encoding="utf-8",
    )
    rows = analyze([f]).sections["policy"]["sdk_rows"]
    table = next(r for r in rows if r["how"] == "table")
    assert (table["name"], table["line"]) == ("蜂鸟地图SDK", 9)
