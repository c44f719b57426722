"""English SDK rows of the record readers (records.py, sdk_table.py) on the ways English policies write their
third parties: every case written as several synthetic variants, each with a counter-case that gives no row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from appaudit.policy.analyze import analyze


def _rows(tmp_path: Path, text: str, name: str = "privacy.md") -> dict[str, dict[str, Any]]:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return {r["name"]: r for r in analyze([f]).sections["policy"]["sdk_rows"]}


@pytest.mark.parametrize("dash", ["--", "-", "—"])
def test_list_items_with_a_double_hyphen_dash_name_their_services(tmp_path: Path, dash: str) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## Services we rely on\n\nThe app works with these services:\n\n"
        f"- **Paddlewing** {dash} Handles subscription receipts.\n"
        f"- **Glimmer Insights** {dash} Counts screens opened, without identifiers.\n"
        f"- **Sentry** {dash} Receives crash reports.\n",
    )
    assert set(rows) == {"Paddlewing", "Glimmer Insights", "Sentry"}
    assert all(r["how"] == "list" for r in rows.values())


def test_data_items_with_a_double_hyphen_dash_are_no_rows(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## What we collect\n\nWe collect the following:\n\n"
        "- **Age range** -- Given when you set up the app.\n"
        "- **Usage statistics** -- Daily counts kept on your device.\n"
        "- **Feedback** -- The text you send us.\n",
    )
    assert rows == {}


def test_recipient_table_companies_with_a_place_in_brackets(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## Processors\n\n| Provider | Role | Data touched |\n|---|---|---|\n"
        "| Quillmap, Inc. (USA) | Map tiles and routes | Coordinates |\n"
        "| NORTH Europe B.V. (Netherlands) | Backup search | Search text |\n"
        "| Larkbase (cloud hosting) | Hosts our reports | IP address |\n"
        "| Brightwave Labs, Inc. dba Tallyho (EU region) | Crash reporting | Stack traces |\n"
        "| Orchard Inc. (USA) / Gizmo LLC (USA) | Speech to text while you dictate | A few seconds of audio |\n",
    )
    # The company without its place; a legal suffix stays where the rest is no name ("NORTH Europe" reads as
    # words); the trading name after "dba"; two companies joined by a slash are two rows.
    assert set(rows) == {"Quillmap", "NORTH Europe B.V.", "Larkbase", "Tallyho", "Orchard", "Gizmo"}
    assert all(r["how"] == "table" for r in rows.values())
    assert rows["Quillmap"]["provider"] == "Quillmap, Inc. (USA)"


def test_recipient_table_of_internal_teams_gives_no_rows(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## Who sees your data\n\n| Recipient | Purpose |\n|---|---|\n"
        "| Our support team (internal) | Answering your emails |\n"
        "| Law enforcement (when required) | Legal obligations |\n",
    )
    assert rows == {}


@pytest.mark.parametrize("made", ["is made by", "is developed by", "is published by", "was created by"])
def test_an_app_made_by_its_author_is_no_row(tmp_path: Path, made: str) -> None:
    rows = _rows(
        tmp_path,
        f"Pebbledash {made} Moorhen Works LLC. It is a puzzle game without accounts.\n\n"
        "## What the app sends\n\nCrash reports are sent to Sentry. No data is collected or transmitted by "
        "Pebbledash beyond that.\n",
    )
    assert set(rows) == {"Sentry"}


def test_a_service_provided_by_a_company_is_still_a_row(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## Analytics\n\nFirebase is provided by Google LLC. We use Firebase Analytics to count "
        "screens opened.\n",
    )
    assert any(name.startswith("Firebase") for name in rows)


@pytest.mark.parametrize("title", ["#Crumbwell Crash Data Privacy Policy", "# Crumbwell Privacy Policy"])
def test_a_title_written_without_its_heading_space_names_the_app(tmp_path: Path, title: str) -> None:
    rows = _rows(
        tmp_path,
        f"{title}\n\n## Facts\n\n* Crumbwell uses Sentry to collect crash reports.\n"
        "* Nothing else is collected or transmitted by Crumbwell.\n",
    )
    assert set(rows) == {"Sentry"}


@pytest.mark.parametrize(
    "aliases", ['("Sentry," "Sentry.io," "we," or "us")', "(“Sentry”, “we”, “us”)", '("Sentry" or "we")']
)
def test_the_author_named_in_one_file_is_no_row_in_another(tmp_path: Path, aliases: str) -> None:
    policy = tmp_path / "privacy-policy.md"
    policy.write_text(
        f"# Privacy Policy\n\nThis policy explains how Functional Software, Inc. {aliases} handles your data.\n",
        encoding="utf-8",
    )
    subs = tmp_path / "subprocessors.md"
    subs.write_text(
        "## Subprocessors\n\nThe following is a list of subprocessors that Sentry may engage to provide its "
        "services, such as hosting by Amazon Web Services.\n",
        encoding="utf-8",
    )
    names = {r["name"] for r in analyze([policy, subs]).sections["policy"]["sdk_rows"]}
    # The author is a known service here: only the other file says it is the author.
    assert "Sentry" not in names and "Amazon Web Services" in names


def test_a_generic_term_quoted_beside_we_names_no_author(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        'Rookery Labs, Inc. ("Company", "we", "us") operates the app.\n\n## Providers\n\n'
        "Emails are delivered through Company Mail Relay, a service we pay for.\n",
    )
    assert "Company Mail Relay" in rows


def test_a_name_and_description_table_of_subprocessors(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "# Subprocessors\n\nWe engage these vendors to run the service.\n\n| Name | Description | Location |\n"
        "|---|---|---|\n| Auth0 | Authentication service | United States |\n"
        "| Postmark | Email delivery | United States |\n| Fathom Analytics | Website analytics | Canada |\n",
    )
    assert set(rows) == {"Auth0", "Postmark", "Fathom Analytics"}
    assert all(r["how"] == "table" for r in rows.values())


def test_a_name_and_description_table_of_stored_fields_gives_no_rows(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## Data we store\n\n| Name | Description |\n|---|---|\n"
        "| Email address | Used to sign you in |\n| Phone number | Used for two-step login |\n"
        "| Location | Shows nearby stores |\n",
    )
    assert rows == {}


@pytest.mark.parametrize(
    "sentence",
    [
        "Card data follows PCI-DSS, set by a council that is a joint effort of brands like Visa, Mastercard and "
        "Discover.",
        "The standard comes from an alliance founded by companies such as Visa and Mastercard.",
    ],
)
def test_members_of_a_standards_body_are_no_rows(tmp_path: Path, sentence: str) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## Service Providers\n\n### Payments\n\nWe use Stripe to process payments.\n\n"
        f"We never store your card number. {sentence}\n",
    )
    assert set(rows) == {"Stripe"}


@pytest.mark.parametrize(
    "sentence",
    [
        "The server forwards your question, without the install ID, to OpenRouter for an answer.",
        "Your photo is uploaded (without its location data) to Cloudinary for resizing.",
    ],
)
def test_a_without_aside_denies_the_data_not_the_recipient(tmp_path: Path, sentence: str) -> None:
    rows = _rows(tmp_path, f"# Privacy\n\n## What leaves your phone\n\n{sentence}\n")
    assert len(rows) == 1


@pytest.mark.parametrize(
    "sentence",
    ["We work without OpenRouter, Cloudinary or any other cloud service.", "Your photos are never sent to Cloudinary."],
)
def test_a_denied_recipient_stays_denied(tmp_path: Path, sentence: str) -> None:
    assert _rows(tmp_path, f"# Privacy\n\n## What leaves your phone\n\n{sentence}\n") == {}


@pytest.mark.parametrize(
    "sentence",
    [
        "The app checks Expo's servers for new content.",
        "Leaderboards run on Supabase's infrastructure in Frankfurt.",
        "Forecasts are looked up on Open-Meteo’s API when you open the map.",
    ],
)
def test_a_products_servers_reached_by_the_app(tmp_path: Path, sentence: str) -> None:
    rows = _rows(tmp_path, f"# Privacy\n\n## Updates\n\n{sentence}\n")
    assert len(rows) == 1


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("Information Collection and Use", True),
        ("Data Collection and Uses", True),
        ("Collection and Use of Information", True),
        # Legal transfer mechanisms are no recipients.
        ("Standard Contractual Clauses", True),
        ("Binding Corporate Rules", True),
        ("EU Adequacy Decision", True),
        ("Quokka Collection", False),
        ("UseQuill", False),
    ],
)
def test_section_titles_and_legal_mechanisms_are_no_products(name: str, title: bool) -> None:
    from appaudit.policy import services as policy_services
    from appaudit.policy.records import unlike_product
    from appaudit.policy.sdk_table import SdkRow

    row = SdkRow(name, "", (), (), (), "", (), None, "p.md §(top) ¶4", "p.md", how="list")
    assert unlike_product(row, policy_services.load()) is title


@pytest.mark.parametrize(
    "sentence",
    [
        "We switched from Mixpanel to PostHog last year.",
        "Analytics moved away from Mixpanel; PostHog counts screens now.",
        "We no longer use Mixpanel; PostHog counts screens now.",
        "PostHog counts screens. Our old policy, from when we were using Mixpanel, is in the archive.",
    ],
)
def test_a_service_used_before_is_no_row(tmp_path: Path, sentence: str) -> None:
    assert set(_rows(tmp_path, f"# Privacy\n\n## Analytics\n\n{sentence}\n")) == {"PostHog"}


def test_data_sent_from_the_device_to_a_service_is_a_row(tmp_path: Path) -> None:
    rows = _rows(tmp_path, "# Privacy\n\n## Analytics\n\nScreen counts are sent from your phone to Mixpanel.\n")
    assert set(rows) == {"Mixpanel"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Where the law asks for it, a Google UMP consent form appears before the first ad.",
        "Sign-in goes through the Auth0 library built into the app.",
        "Your feedback opens in an Intercom widget.",
    ],
)
def test_a_part_of_a_product_the_app_shows_names_it(tmp_path: Path, sentence: str) -> None:
    assert len(_rows(tmp_path, f"# Privacy\n\n## Your choices\n\n{sentence}\n")) == 1


def test_a_part_of_a_product_the_app_does_not_contain_is_no_row(tmp_path: Path) -> None:
    text = "# Privacy\n\n## Your choices\n\nThere is no Intercom widget and no Auth0 library in the app.\n"
    assert _rows(tmp_path, text) == {}


@pytest.mark.parametrize(
    "item",
    [
        "- **Blocked apps** -- The apps you choose to monitor (e.g., Instagram, TikTok, YouTube, Reddit).",
        "- **Sources** -- Sites that you pick to track (for example, Reddit, YouTube or Medium).",
    ],
)
def test_apps_the_reader_picks_as_examples_are_no_rows(tmp_path: Path, item: str) -> None:
    assert _rows(tmp_path, f"# Privacy\n\n## What you provide\n\n{item}\n") == {}


def test_a_platform_the_app_sends_data_to_stays_a_row(tmp_path: Path) -> None:
    text = "# Privacy\n\n## Sharing\n\nWe pass your watch history to YouTube for recommendations.\n"
    assert set(_rows(tmp_path, text)) == {"YouTube"}


@pytest.mark.parametrize(
    "sentence",
    [
        "We send crash reports to Sentry, which we never share with anyone else.",
        "Screen counts are sent to Mixpanel so that we do not need accounts.",
        "Crash logs are uploaded to Sentry, which does not receive your name.",
    ],
)
def test_a_negation_in_a_later_clause_leaves_the_recipient(tmp_path: Path, sentence: str) -> None:
    assert len(_rows(tmp_path, f"# Privacy\n\n## Data\n\n{sentence}\n")) == 1


@pytest.mark.parametrize(
    "sentence",
    ["Mixpanel is a tool we do not use.", "We do not send data to Sentry, which we trust.", "We never use Sentry."],
)
def test_a_denied_name_stays_denied_before_a_later_clause(tmp_path: Path, sentence: str) -> None:
    assert _rows(tmp_path, f"# Privacy\n\n## Data\n\n{sentence}\n") == {}


@pytest.mark.parametrize(
    "sentence",
    [
        "No data is shared with Google Analytics or Facebook.",
        "No personal data is sent to Mixpanel.",
        "Nothing is ever sent to Cloudinary.",
        "Nothing else leaves the phone for Sentry.",
    ],
)
def test_a_subject_denying_what_goes_anywhere_gives_no_row(tmp_path: Path, sentence: str) -> None:
    assert _rows(tmp_path, f"# Privacy\n\n## Analytics\n\n{sentence}\n") == {}


@pytest.mark.parametrize(
    "sentence",
    [
        "No data leaves your device except crash reports sent to Sentry.",
        "No account is needed; crash reports are sent to Sentry.",
        "Crash reports are sent to Sentry. No other data is shared.",
    ],
)
def test_an_exception_or_another_clause_keeps_the_recipient(tmp_path: Path, sentence: str) -> None:
    assert set(_rows(tmp_path, f"# Privacy\n\n## Analytics\n\n{sentence}\n")) == {"Sentry"}


@pytest.mark.parametrize("title", ["Services we use", "Sub-processors", "Tools we rely on"])
def test_product_subheadings_under_a_recipients_title_are_rows(tmp_path: Path, title: str) -> None:
    rows = _rows(
        tmp_path,
        f"# Privacy Policy\n\n## {title}\n\n### Supabase\n\nStores your account and notes.\n\n"
        "### RevenueCat\n\nHandles subscriptions.\n",
    )
    assert set(rows) == {"Supabase", "RevenueCat"} and all(r["how"] == "heading" for r in rows.values())


def test_subheadings_under_a_section_of_our_own_services_are_no_rows(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy Policy\n\n## Our services\n\n### Reminders\n\nWe send you reminders.\n\n"
        "### Backups\n\nYour notes are backed up on your phone.\n",
    )
    assert rows == {}


@pytest.mark.parametrize("lead", ["We share data with:", "Your information is sent to:", "We use:"])
def test_a_list_after_a_lead_in_naming_its_recipients(tmp_path: Path, lead: str) -> None:
    rows = _rows(
        tmp_path,
        f"# Privacy Policy\n\n## Sharing\n\n{lead}\n\n1. Stripe — payments\n2. Postmark — transactional email\n"
        "3. Heroku — hosting\n",
    )
    assert set(rows) == {"Stripe", "Postmark", "Heroku"}


def test_a_list_of_kinds_of_recipients_after_such_a_lead_in_gives_no_rows(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy Policy\n\n## Sharing\n\nWe may share your data with:\n\n- Our support staff — to answer you\n"
        "- Law enforcement — when the law requires it\n- A buyer of our business — in a merger\n",
    )
    assert rows == {}


@pytest.mark.parametrize("hosted", ["(self-hosted)", "(hosted by us)", "(on our own servers)"])
def test_a_labelled_product_the_author_hosts_is_no_row(tmp_path: Path, hosted: str) -> None:
    rows = _rows(
        tmp_path,
        f"# Privacy Policy\n\n## Service providers\n\n- **Analytics:** Umami {hosted}, Sentry\n- **Email:** Resend\n",
    )
    assert set(rows) == {"Sentry", "Resend"}


def test_a_table_of_legal_companies_names_their_products(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy Policy\n\n## Sub-processors\n\n| Sub-processor | Location | Function |\n|---|---|---|\n"
        "| Amazon Web Services, Inc. | United States | Cloud hosting |\n"
        "| Google LLC | United States | Email (Google Workspace) |\n| Zendesk, Inc. | Ireland | Customer support |\n",
    )
    assert set(rows) == {"Amazon Web Services", "Google Workspace", "Zendesk"}
    assert rows["Google Workspace"]["provider"] == "Google LLC"


def test_a_place_column_of_a_company_table_is_no_product(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy Policy\n\n## Subprocessors\n\n| Company | Location | Processing Purpose |\n|---|---|---|\n"
        "| Brightline Hosting, Inc | United States | Infrastructure services |\n"
        "| Quarry Cloud, LLC | European Union | Infrastructure services |\n",
    )
    assert set(rows) == {"Brightline Hosting", "Quarry Cloud"}


@pytest.mark.parametrize("header", ["What it does", "Role"])
def test_a_table_describing_what_each_tool_does(tmp_path: Path, header: str) -> None:
    rows = _rows(
        tmp_path,
        f"# Privacy Policy\n\n## Tools\n\n| Tool | {header} |\n|---|---|\n| Sentry | Crash reports |\n"
        "| PostHog | Product analytics |\n",
    )
    assert set(rows) == {"Sentry", "PostHog"} and all(r["how"] == "table" for r in rows.values())


def test_a_table_of_what_each_setting_does_gives_no_rows(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy Policy\n\n## Settings\n\n| Setting | What it does |\n|---|---|\n| Dark mode | Switches colours |\n"
        "| Reminders | Sends a daily notification |\n",
    )
    assert rows == {}


def test_a_legal_mechanism_with_its_abbreviation_is_no_row(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## Transfers\n\nFor European users, we rely on:\n\n- Standard Contractual Clauses (SCCs)\n"
        "- Adequacy decisions where available\n- Your consent\n",
    )
    assert rows == {}



@pytest.mark.parametrize(
    ("abbr", "words", "initials"),
    [
        ("SCCs", "Standard Contractual Clauses", True),
        ("DPA", "Data Processing Agreement", True),
        ("BCR", "Binding Corporate Rules", True),
        ("HIBP", "Breach checks", False),
        ("Sentry", "Crash reports", False),
    ],
)
def test_an_abbreviation_of_a_label_is_told_from_a_product(abbr: str, words: str, initials: bool) -> None:
    from appaudit.policy.records import _initials_of

    assert _initials_of(abbr, words) is initials


@pytest.mark.parametrize(
    "sentence",
    [
        "The app doesn't include tracking SDKs like Facebook or AppsFlyer.",
        "The app doesn't contain AppsFlyer.",
        "AppsFlyer isn't used in the app.",
        "We don't integrate AppsFlyer or any other attribution SDK.",
    ],
)
def test_contracted_denials_of_an_sdk_give_no_row(tmp_path: Path, sentence: str) -> None:
    assert _rows(tmp_path, f"# Privacy\n\n## Data\n\n{sentence}\n") == {}


def test_a_contracted_denial_of_the_data_keeps_the_sdk(tmp_path: Path) -> None:
    text = "# Privacy\n\n## Data\n\nWe use AppsFlyer, which doesn't include your name in its reports.\n"
    assert set(_rows(tmp_path, text)) == {"AppsFlyer"}


@pytest.mark.parametrize(
    "items",
    [
        "- Google Analytics (disabled)\n- Firebase Crashlytics\n- Sentry\n",
        "- Google Analytics – removed in version 2\n- Firebase Crashlytics – crash reports\n- Sentry – errors\n",
        "- Google Analytics (no longer used)\n- Firebase Crashlytics\n- Sentry\n",
    ],
)
def test_a_listed_sdk_marked_as_off_is_no_row(tmp_path: Path, items: str) -> None:
    rows = _rows(tmp_path, f"# Privacy\n\n## Third-party services\n\n{items}")
    assert set(rows) == {"Firebase Crashlytics", "Sentry"}


def test_a_listed_sdk_off_by_default_stays_a_row(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## Third-party services\n\n- Sentry (disabled by default, you can turn it on)\n- RevenueCat\n",
    )
    assert set(rows) == {"Sentry", "RevenueCat"}


def test_bold_services_whose_records_link_their_privacy_policy(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy Policy\n\n## Service Providers\n\n### Payments\n\nThe payment processors we work with are:\n\n"
        "**Stripe**\n\nTheir Privacy Policy can be viewed at https://stripe.com/privacy\n\n"
        "**Quokkapay**\n\nTheir privacy policy is at https://quokkapay.example/privacy\n",
    )
    assert {"Stripe", "Quokkapay"} <= set(rows)


def test_bold_titles_linking_documents_are_no_rows(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy Policy\n\n## Service Providers\n\n**Terms of Service**\n\nOur Terms of Service can be viewed at "
        "https://example.com/terms\n\n**Your Rights**\n\nRead about your rights at https://example.com/privacy\n",
    )
    assert rows == {}


@pytest.mark.parametrize("company", ["Hetzner Online GmbH", "Hetzner Online Limited"])
def test_a_service_named_with_its_legal_form_is_a_row(tmp_path: Path, company: str) -> None:
    rows = _rows(tmp_path, f"# Privacy\n\n## Hosting\n\nOur servers are hosted by {company} in Germany.\n")
    assert set(rows) == {"Hetzner Online"}


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("Neither Google Analytics nor Mixpanel is used.", set()),
        ("We use Sentry; neither Google Analytics nor Mixpanel is used.", {"Sentry"}),
    ],
)
def test_neither_nor_denies_the_names_it_joins(tmp_path: Path, sentence: str, names: set[str]) -> None:
    assert set(_rows(tmp_path, f"# Privacy\n\n## Analytics\n\n{sentence}\n")) == names


@pytest.mark.parametrize(
    "lead", ["We don't share your data with anyone, except:", "We never send data to third parties other than these:"]
)
def test_the_exceptions_listed_after_a_denial_are_rows(tmp_path: Path, lead: str) -> None:
    rows = _rows(
        tmp_path,
        f"# Privacy\n\n## Third parties\n\n{lead}\n\n- Stripe, to process payments\n- Postmark, to send receipts\n",
    )
    assert set(rows) == {"Stripe", "Postmark"}


def test_data_listed_after_a_denial_with_an_exception_gives_no_rows(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path, "# Privacy\n\n## Data\n\nWe collect nothing except:\n\n- Your email address\n- Crash logs\n"
    )
    assert rows == {}


def test_a_recipient_column_naming_services_with_their_legal_form(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## Data sharing\n\n| Category | Recipient |\n|---|---|\n| Payments | Stripe, Inc. |\n"
        "| Hosting | Amazon Web Services |\n",
    )
    assert "Amazon Web Services" in rows and any(name.startswith("Stripe") for name in rows) and len(rows) == 2


def test_a_recipient_column_of_people_gives_no_rows(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## Data sharing\n\n| Category | Recipient |\n|---|---|\n| Payments | Our bank |\n"
        "| Support | Our support staff |\n",
    )
    assert rows == {}


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("High-accuracy GPS comes via the expo-location library.", "expo-location"),
        ("Contacts are read with the react-native-contacts package.", "react-native-contacts"),
    ],
)
def test_a_code_package_named_after_data_is_a_row(tmp_path: Path, sentence: str, name: str) -> None:
    assert set(_rows(tmp_path, f"# Privacy\n\n## Location\n\n{sentence}\n")) == {name}


def test_a_hyphenated_data_word_is_no_package(tmp_path: Path) -> None:
    text = "We keep your e-mail address in the e-mail module and your location in the geo-location module."
    assert _rows(tmp_path, f"# Privacy\n\n## Data\n\n{text}\n") == {}


_PAD = ", ".join(f"Wombatnet{i} Exchange" for i in range(9))


@pytest.mark.parametrize(
    "text",
    [
        f"We show ads through a mediation platform and the networks it reaches: AdMob, {_PAD}, InMobi and Pangle.",
        f"Ads (served by these networks: AdMob, {_PAD}, InMobi, and Pangle) use your advertising ID.",
        f"Our app integrates the following SDKs: AdMob, {_PAD}, InMobi, Pangle.",
    ],
)
def test_a_long_run_of_names_keeps_its_lead_in(tmp_path: Path, text: str) -> None:
    """Names late in a long comma-separated run are read with the run's lead-in, however far back it is."""
    rows = _rows(tmp_path, f"# Privacy\n\n## Advertising\n\n{text}\n")
    assert {"AdMob", "InMobi", "Pangle"} <= rows.keys()


@pytest.mark.parametrize(
    "text",
    [
        f"The winners of the 2020 awards were {_PAD}, InMobi and Pangle.",
        "We do not use AdMob, InMobi, Pangle, Mintegral, or any other ad network.",
    ],
)
def test_a_long_run_without_a_lead_in_of_use_gives_no_rows(tmp_path: Path, text: str) -> None:
    """The run extends the name's context only to its own lead-in: no verb of use there, or a denial, no rows."""
    rows = _rows(tmp_path, f"# About\n\n## Games\n\n{text}\n")
    assert not {"InMobi", "Pangle"} & rows.keys()


@pytest.mark.parametrize("end", [".", ".  ", ";", ","])
def test_labelled_item_name_with_a_bracketed_description_keeps_no_trailing_mark(tmp_path: Path, end: str) -> None:
    """'- **Backend:** Wombase (accounts, file storage).' names 'Wombase', not 'Wombase .'."""
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## Information from Third Parties\n\n"
        f"- **Backend Services:** Wombase (user accounts, database, file storage){end}\n"
        f"- **Maps:** Mapbox (routing and search){end}\n",
    )
    assert {"Wombase", "Mapbox"} <= rows.keys()
    assert not any(n.endswith((" .", " ;", " ,")) for n in rows)


@pytest.mark.parametrize(
    "item",
    [
        "- **Nearby printer discovery** — requests to printers on your own network",
        "- **Public podcast catalogues/feed hosts** used to find shows",
        "- **Offline map tile packs** downloaded once",
    ],
)
def test_an_item_label_in_sentence_case_is_no_product(tmp_path: Path, item: str) -> None:
    # A feature or a kind of provider as an item's label: a product capitalises its words.
    rows = _rows(tmp_path, f"# Privacy\n\n## Third-party services we use\n\n- **Sentry** — crash reports\n{item}\n")
    assert set(rows) == {"Sentry"}


@pytest.mark.parametrize(
    ("item", "name"),
    [
        ("- **Google image search** — reverse look-ups of a photo you pick", "Google image search"),
        ("- **Quillmap Route Planner** — routes between stops", "Quillmap Route Planner"),
    ],
)
def test_an_item_opening_with_a_company_or_capitalised_stays_a_row(tmp_path: Path, item: str, name: str) -> None:
    rows = _rows(tmp_path, f"# Privacy\n\n## Third-party services we use\n\n- **Sentry** — crash reports\n{item}\n")
    assert set(rows) == {"Sentry", name}


@pytest.mark.parametrize("nobody", ["Nobody", "Nobody."])
def test_a_shared_with_cell_saying_nobody_is_no_row(tmp_path: Path, nobody: str) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## Summary\n\n| Data | Kept | Shared with |\n|---|---|---|\n"
        f"| Saved plans | On your phone | {nobody} |\n| Crash traces | 90 days | Sentry |\n",
    )
    assert set(rows) == {"Sentry"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Railway hosts the web server and its logs.", "Railway"),
        ("Plausible also counts the pages you open in the web app.", "Plausible"),
        ("- **Stripe** processes the payment when you upgrade.", "Stripe"),
        ("GoDaddy provides our domain name and its DNS records.", "GoDaddy"),
        ("Sentry receives a stack trace when the app crashes.", "Sentry"),
    ],
)
def test_a_service_opening_its_sentence_as_the_subject_of_its_work_is_a_row(
    tmp_path: Path, text: str, name: str
) -> None:
    rows = _rows(tmp_path, f"# Privacy\n\n## How the app works\n\n{text}\n")
    assert set(rows) == {name}
    assert rows[name]["how"] == "prose"


@pytest.mark.parametrize(
    "text",
    [
        "Stripe the old entries from the export before you share it.",
        "Render the chart again after you change the dates.",
        "Plausible reasons are given in the help pages.",
        "This app provides you with daily reminders.",
    ],
)
def test_a_word_opening_its_sentence_without_a_verb_of_work_is_no_row(tmp_path: Path, text: str) -> None:
    assert _rows(tmp_path, f"# Privacy\n\n## How the app works\n\n{text}\n") == {}


@pytest.mark.parametrize(
    "items",
    [
        "- **The Harbour Gallery Open Access API** — <https://data.harbourgallery.example/>\n"
        "- **Quokka Tiles API** — <https://api.quokkatiles.example/docs/>\n",
        "- Harbour Gallery Open Access API: https://data.harbourgallery.example/\n"
        "- Quokka Tiles API: https://api.quokkatiles.example/docs/\n",
        "1. **Harbour Gallery Open Access API** - https://data.harbourgallery.example/\n"
        "2. **Quokka Tiles API** - https://api.quokkatiles.example/docs/\n",
    ],
)
def test_names_with_only_their_site_in_a_third_party_section_are_rows(tmp_path: Path, items: str) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## 5. Third-party public APIs\n\nWhen you pick a source, the app requests pictures from:\n\n"
        + items,
    )
    assert {n.removeprefix("The ") for n in rows} == {"Harbour Gallery Open Access API", "Quokka Tiles API"}
    assert all(r["how"] == "list" for r in rows.values())


def test_names_with_their_site_in_an_untitled_section_are_no_rows(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## Useful links\n\nYou may find these helpful:\n\n"
        "- **Harbour Gallery Open Data** — <https://data.harbourgallery.example/>\n"
        "- **Quokka Tiles** — <https://api.quokkatiles.example/docs/>\n",
    )
    assert rows == {}



@pytest.mark.parametrize("sub", ["Quokka App Privacy Policy", "Privacy Policy for Quokka", "Quokka Privacy Policy"])
def test_the_apps_title_under_a_generic_title_names_the_author(tmp_path: Path, sub: str) -> None:
    rows = _rows(
        tmp_path,
        f"# Privacy Policy\n\n## {sub}\n\nThis policy describes what the app handles.\n\n## Data\n\n"
        "The only data stored by Quokka is the list of your saved routes.\n\n"
        "Crash reports are sent to Sentry.\n",
    )
    assert set(rows) == {"Sentry"}


def test_a_generic_first_sub_heading_names_no_author(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy Policy\n\n## Introduction\n\nThis policy describes what the app handles.\n\n## Data\n\n"
        "Crash reports are sent to Sentry.\n",
    )
    assert set(rows) == {"Sentry"}


@pytest.mark.parametrize(
    "items",
    [
        "- [Quokkalog](https://quokkalog.example), for application logs without personal data.\n"
        "- [Mailwren](https://mailwrenapp.example), for account e-mails.\n",
        "- [Quokkalog](https://www.quokkalog.example) — application logs\n"
        "- [Mailwren](https://mailwren.example/) — account e-mails\n",
        "* [Quokkalog](http://quokkalog.example): error logs\n* [Mailwren](http://mailwren.example): sign-in e-mails\n",
    ],
)
def test_items_naming_services_linked_to_their_own_sites_are_rows_anywhere(tmp_path: Path, items: str) -> None:
    # No lead-in of services and no third-party heading: the links to each name's own site say what they are.
    rows = _rows(tmp_path, "# Privacy\n\n## Web beacons\n\nPages may contain small images.\n\n" + items)
    assert set(rows) == {"Quokkalog", "Mailwren"}
    assert all(r["how"] == "list" for r in rows.values())


@pytest.mark.parametrize(
    "items",
    [
        "- [Quokkalog](https://quokkalog.example/acme)\n- [Mailwren](https://mailwren.example/acme)\n",
        "- [Quokkalog](https://example.org/quokka), for logs\n- [Mailwren](https://example.org/wren), for e-mails\n",
        "- Quokkalog: [me](https://quokkalog.example/me)\n- Mailwren: [our page](https://mailwren.example/acme)\n",
    ],
)
def test_bare_or_elsewhere_linked_names_are_no_rows(tmp_path: Path, items: str) -> None:
    # A "follow us" list links names alone; links to another site say nothing of the names.
    rows = _rows(tmp_path, "# Privacy\n\n## Web beacons\n\nPages may contain small images.\n\n" + items)
    assert rows == {}


@pytest.mark.parametrize(
    ("item", "name"), [("Mozilla (Firefox)", "Mozilla"), ("Google (Chrome)", "Google"), ("Apple (Safari)", "Apple")]
)
def test_a_browser_vendor_listed_with_its_browser_is_a_row(tmp_path: Path, item: str, name: str) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## Third-party services\n\n### Browser push relays\n\n"
        f"Web notifications reach you through your browser maker's push service:\n\n- {item}\n- Microsoft (Edge)\n",
    )
    assert set(rows) == {name, "Microsoft"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "<h2>Services we rely on</h2>\n<ul>\n<li><strong>Larkbase</strong> hosts the site and its database.</li>\n"
            "<li><strong>Quokka Relay</strong> may relay calls that cannot connect directly.</li>\n"
            "<li><strong>Sentry</strong> receives crash reports.</li>\n</ul>\n",
            "privacy.html",
        ),
        (
            "## Services we rely on\n\n- **Larkbase** hosts the site and its database.\n"
            "- **Quokka Relay** may relay calls that cannot connect directly.\n- **Sentry** receives crash reports.\n",
            "privacy.md",
        ),
    ],
)
def test_list_items_opened_by_a_service_as_their_subject_are_rows(tmp_path: Path, text: str, name: str) -> None:
    if name.endswith(".html"):
        text = f"<html><body><h1>Privacy</h1>\n{text}</body></html>"
    rows = _rows(tmp_path, text if name.endswith(".html") else f"# Privacy\n\n{text}", name)
    assert set(rows) == {"Larkbase", "Quokka Relay", "Sentry"}


def test_items_opened_by_the_author_or_the_record_itself_name_no_new_rows(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## Third-party services\n\n### Larkbase\n\nWe use Larkbase to store your account.\n\n"
        "- Larkbase provides the database behind your account.\n- We also store a copy of the settings.\n"
        "- The App sends nothing else there.\n",
    )
    assert list(rows) == ["Larkbase"]


@pytest.mark.parametrize(
    "text",
    [
        "Search uses Brave Search. The app sends your query to https://search.brave.com/api/ and nothing else.",
        "Results come from Brave Search. For each search the app calls `https://search.brave.com/res/v1/web?q=<query>`"
        " with the words you typed and your language.",
    ],
)
def test_the_address_a_named_service_is_reached_at_is_that_service(tmp_path: Path, text: str) -> None:
    rows = _rows(tmp_path, f"# Privacy\n\n## Third-party services\n\n{text}\n")
    assert set(rows) == {"Brave Search"}


def test_an_address_of_another_service_in_the_paragraph_stays_a_row(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## Third-party services\n\n"
        "Search uses Brave Search. Weather is fetched from https://api.open-meteo.com/v1/forecast with your city.\n",
    )
    assert set(rows) == {"Brave Search", "api.open-meteo.com"}


@pytest.mark.parametrize("kind", ["ETA providers", "OTP vendors", "GPU providers"])
def test_a_kind_of_provider_named_by_what_it_provides_is_no_row(tmp_path: Path, kind: str) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## Sharing\n\nService providers: third parties (e.g., Stripe, Supabase, "
        f"{kind}) who perform services on our behalf receive the data they need.\n",
    )
    assert set(rows) == {"Stripe", "Supabase"}


@pytest.mark.parametrize("lead", ["Lumenpad does **not**:", "We do NOT:", "### We Never:", "The app will not:"])
def test_items_under_a_denied_auxiliary_lead_are_denied(tmp_path: Path, lead: str) -> None:
    body = "- Track where you are\n- Use Firebase, Google Analytics, or any ad network\n- Embed Mixpanel\n"
    text = f"# Privacy\n\n## What we avoid\n\n{lead}\n\n{body}"
    assert _rows(tmp_path, text) == {}
    # The same items under a lead that only describes: the products are used.
    rows = _rows(tmp_path, f"# Privacy\n\n## What we do\n\nLumenpad does:\n\n{body}")
    assert {"Firebase", "Google Analytics", "Mixpanel"} <= set(rows), rows


def test_a_provider_table_whose_names_say_what_they_do_in_brackets_gives_its_rows(tmp_path: Path) -> None:
    head = "# Privacy\n\n## Sharing\n\nWe rely on these processors to run Lumenpad:\n\n"
    table = (
        "| Provider | What they handle | Region |\n|---|---|---|\n"
        "| Supabase (accounts and storage) | Your profile and notes | EU |\n"
        "| Mixpanel (product analytics, optional) | Screens opened | US |\n"
        "| Tile host [TBD] | Which map area you view | [REGION] |\n"
    )
    rows = _rows(tmp_path, head + table)
    assert any(n.startswith("Supabase") for n in rows) and any(n.startswith("Mixpanel") for n in rows), rows
    # The same cells as a table of kinds of recipient, none of them known: no rows.
    kinds = table.replace("Supabase (accounts and storage)", "Hosting firm (accounts)").replace(
        "Mixpanel (product analytics, optional)", "Analytics vendor (optional)"
    )
    assert not _rows(tmp_path, head + kinds), kinds


@pytest.mark.parametrize(
    "credit",
    [
        "The Owner is responsible for this privacy policy, prepared starting from the modules provided by iubenda.",
        "This privacy policy was generated with Termly.",
        "Our privacy notice page was created with the help of iubenda.",
    ],
)
def test_the_policy_s_own_making_names_no_third_party(tmp_path: Path, credit: str) -> None:
    assert _rows(tmp_path, f"# Privacy\n\n## About this policy\n\n{credit}\n") == {}
    # The same service receiving data is a row.
    rows = _rows(tmp_path, "# Privacy\n\n## Consent\n\nYour consent choices are recorded and shared with Termly.\n")
    assert "Termly" in rows, rows


@pytest.mark.parametrize("note", ["(draft)", "(v2, English)", "（Beta）"])
def test_a_title_with_a_version_note_still_names_the_author(tmp_path: Path, note: str) -> None:
    text = (
        f"# Lumenpad Privacy Policy {note}\n\n## 1. Who we are\n\n"
        "Lumenpad is run by Jane Roe. We use Sentry for crash reports.\n"
    )
    assert set(_rows(tmp_path, text)) == {"Sentry"}


def test_function_labelled_items_name_their_products_before_the_purpose(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## Services\n\nLumenpad may work with third-party services for:\n\n"
        "- **Analytics:** Mixpanel to see which screens are opened\n"
        "- **Crash reports:** Sentry and Bugsnag for fixing faults\n"
        "- **Reminders:** Firebase Cloud Messaging so that alerts arrive on time\n",
    )
    assert set(rows) == {"Mixpanel", "Sentry", "Bugsnag", "Firebase Cloud Messaging"}, rows
    # Values that are sentences about the app, not products: no rows.
    none = _rows(
        tmp_path,
        "# Privacy\n\n## Services\n\nLumenpad may work with third-party services for:\n\n"
        "- **Analytics:** Counts kept to see which screens are opened\n"
        "- **Crash reports:** Stack traces for fixing faults\n",
    )
    assert none == {}, none


def test_an_icon_opening_an_item_is_no_part_of_its_name(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## Third-party services\n\nWe use these services:\n\n"
        "- 🔥 **Firebase** – analytics\n- 💳 RevenueCat – payments\n- 📢 Google AdMob: advertising\n",
    )
    assert set(rows) == {"Firebase", "RevenueCat", "Google AdMob"}, rows


@pytest.mark.parametrize("prep", ["With", "Through", "Via"])
def test_stores_after_a_preposition_under_payment_processors_are_rows(tmp_path: Path, prep: str) -> None:
    text = (
        "# Privacy\n\n## Sharing\n\nWe share information:\n\n"
        f"1. **Payment Processors**: {prep} Apple App Store or Google Play Store for subscription billing\n"
    )
    assert {"Apple App Store", "Google Play Store"} <= set(_rows(tmp_path, text))
    # The stores named as where the app is published: no rows.
    download = f"# Privacy\n\n## Download\n\n{prep} Apple App Store or Google Play Store you get updates.\n"
    assert _rows(tmp_path, download) == {}


def test_items_under_a_lead_about_one_product_are_its_properties(tmp_path: Path) -> None:
    body = (
        "- **Data Location**: kept in the provider's database\n"
        "- **Encryption**: everything is encrypted in transit and at rest\n"
        "- **Row Level Security (RLS)**: each reader sees only their own rows\n"
    )
    one = "We use Supabase (a third-party hosted database) to store and process your data:"
    assert set(_rows(tmp_path, f"# Privacy\n\n## Storage\n\n{one}\n\n{body}")) == {"Supabase"}
    # Under a lead-in announcing several services, product-like items are rows.
    many = "We use the following third-party services:"
    products = "- **Quillpost Mailer**: sends sign-in emails\n- **Brambleton Cloud**: hosts the database\n"
    assert set(_rows(tmp_path, f"# Privacy\n\n## Storage\n\n{many}\n\n{products}")) == {
        "Quillpost Mailer",
        "Brambleton Cloud",
    }


@pytest.mark.parametrize("bullet", ["-", "*"])
def test_a_records_bulleted_fields_are_no_products(tmp_path: Path, bullet: str) -> None:
    # One record per heading, its fields bulleted "key: value": the name key names the row; the other keys
    # ("Gathering Cadence", "Sent Onward To") and the provider are fields, not products.
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## Third-party SDKs\n\n### 1 Lanternpush SDK\n\n"
        f"{bullet} **Service Name**: Lanternpush Messaging\n"
        f"{bullet} **Provider**: Lantern Harbour Limited\n"
        f"{bullet} **SDK Package**: `io.lanternpush.core`\n"
        f"{bullet} **Purpose**: Delivering reminders\n"
        f"{bullet} **Gathering Cadence**: At each start of the app\n"
        f"{bullet} **Sent Onward To**: Lanternpush Servers\n"
        f"{bullet} **Privacy Policy**: https://lanternpush.example/privacy\n",
    )
    assert set(rows) == {"Lanternpush Messaging"}
    assert rows["Lanternpush Messaging"]["how"] == "kv-block"


def test_a_list_of_products_with_one_field_word_keeps_its_rows(tmp_path: Path) -> None:
    # Products listed with their purposes: a key word among the items does not make them one record's fields.
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## Third-party services\n\nWe use these services:\n\n"
        "- **Paddlewing**: subscription receipts\n"
        "- **Glimmer Insights**: counts screens opened\n"
        "- **Purpose**: we only use them to run the app\n",
    )
    assert {"Paddlewing", "Glimmer Insights"} <= set(rows)


@pytest.mark.parametrize(
    "sentence",
    [
        "Tapping Share hands the card to your device's own share sheet (or to an installed app like Instagram).",
        "The picture goes only to the app you pick in the system share dialog (e.g. WhatsApp, Telegram).",
        "Exports open the native share sheet, so you can send them to Facebook or Instagram.",
    ],
)
def test_apps_named_beside_the_phones_share_sheet_are_no_rows(tmp_path: Path, sentence: str) -> None:
    assert _rows(tmp_path, f"# Privacy\n\n## Sharing your card\n\n{sentence}\n") == {}


def test_an_sdks_share_dialog_is_still_its_row(tmp_path: Path) -> None:
    rows = _rows(tmp_path, "# Privacy\n\n## Sharing\n\nWe use the Facebook SDK to show its share dialog.\n")
    assert any("Facebook" in n for n in rows), rows


@pytest.mark.parametrize(
    "sentence",
    ["Your records are stored and processed in Kenya.", "All uploads are hosted in Norway.",
     "Backups are saved in South Africa."],
)
def test_a_place_after_stored_in_is_no_row(tmp_path: Path, sentence: str) -> None:
    assert _rows(tmp_path, f"# Privacy\n\n## Third-party services\n\n{sentence}\n") == {}


def test_a_product_after_hosted_on_is_still_a_row(tmp_path: Path) -> None:
    rows = _rows(tmp_path, "# Privacy\n\n## Third-party services\n\nYour notes are hosted on Quokkabase.\n")
    assert set(rows) == {"Quokkabase"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Your continued use of Music Box after an update means you accept it.",
        "Thank you for trying out Sound Box today, we hope you like it.",
    ],
)
def test_a_word_service_ending_a_longer_capitalised_name_is_no_row(tmp_path: Path, sentence: str) -> None:
    assert _rows(tmp_path, f"# Privacy\n\n## Changes\n\n{sentence}\n") == {}


def test_a_word_service_after_its_company_is_still_a_row(tmp_path: Path) -> None:
    rows = _rows(tmp_path, "# Privacy\n\n## Services\n\nWe store your exports in Box, a cloud storage service.\n")
    assert set(rows) == {"Box"}


@pytest.mark.parametrize(
    "line",
    [
        "Provide Trip Services: Display nearby stops, plan trips, and show live bus positions.",
        "Run Route Services: Display nearby stations and plan your trips.",
    ],
)
def test_an_english_word_opening_a_labelled_sentence_is_no_catalogue_name(tmp_path: Path, line: str) -> None:
    # "Display" is also a one-word catalogue name: after a label's colon it opens a sentence, as a first word does.
    text = f"# Privacy\n\n## How We Use Your Information\n\nWe use what we collect to:\n\n- {line}\n- Fix bugs.\n"
    assert "Display" not in _rows(tmp_path, text)


@pytest.mark.parametrize("mark", ["a)", "(a)", "b）"])
def test_a_lettered_enumerator_is_no_part_of_an_items_name(tmp_path: Path, mark: str) -> None:
    from appaudit.policy.records import item_head

    assert item_head(f"{mark} Paddlewing: handles subscription receipts") == (
        "Paddlewing",
        "handles subscription receipts",
    )
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## Third-party services\n\nWe use these services:\n\n"
        f"- {mark} **Paddlewing**: subscription receipts\n- {mark} **Glimmer Insights**: counts screens opened\n",
    )
    assert set(rows) == {"Paddlewing", "Glimmer Insights"}, rows


@pytest.mark.parametrize(
    "intro", ["This data includes:", "The information we read may include:", "These details consist of:"]
)
def test_a_lead_whose_last_sentence_introduces_data_lists_no_services(tmp_path: Path, intro: str) -> None:
    # The lead names the services the data comes from; the sentence opening the list says its items are data.
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## Health data\n\nThe app reads data from third-party services you connect, such as "
        f"**Quokkafit** and **Wombat Health**. {intro}\n\n"
        "- **Pulse Readings**: beats per minute\n- **Stride Data**: steps and distance\n"
        "- **Rest Data**: hours of rest\n",
    )
    assert not {"Pulse Readings", "Stride Data", "Rest Data"} & set(rows), rows


def test_a_lead_naming_services_before_its_list_still_leads(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## Services\n\nWe keep your data safe. We use these third-party services:\n\n"
        "- **Paddlewing**: subscription receipts\n- **Glimmer Insights**: counts screens opened\n",
    )
    assert set(rows) == {"Paddlewing", "Glimmer Insights"}, rows


@pytest.mark.parametrize("tail", ["and other messaging services", "or similar providers", "and more tools"])
def test_a_labels_names_closed_by_other_kinds_are_rows(tmp_path: Path, tail: str) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## Third-Party Services\n\n### Integration Services\n"
        f"- **Messaging**: Quillpost, Wombatmail, {tail}\n"
        f"- **Verification**: Idquokka, Checkroo, {tail}\n",
    )
    assert set(rows) == {"Quillpost", "Wombatmail", "Idquokka", "Checkroo"}, rows


@pytest.mark.parametrize("umbrella", ["Firebase Services", "Firebase", "Firebase Suite"])
def test_an_items_parent_with_its_products_in_brackets_gives_each_product(tmp_path: Path, umbrella: str) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## How we share your information\n\nWe may share data only with:\n\n"
        f"- {umbrella} (Authentication, Storage, Remote Config)\n"
        "- Our accountants, when the law asks us to\n",
    )
    assert {"Firebase Authentication", "Firebase Storage", "Firebase Remote Config"} <= set(rows), rows


def test_a_bracket_of_words_after_a_known_name_is_no_product_list(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## How we share your information\n\nWe may share data only with:\n\n"
        "- Firebase (for sign-in and storage of your notes)\n",
    )
    assert not any(n.startswith("Firebase ") for n in rows), rows


@pytest.mark.parametrize(("heading", "code"), [("Link Opener", "link_opener"), ("Photo Cropper", "photo-cropper")])
def test_a_heading_its_section_writes_as_a_package_is_a_row(tmp_path: Path, heading: str, code: str) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## Third-Party Services\n\n### Google Maps\nShows the map; Google receives your location.\n\n"
        f"### {heading}\nwe use {code} to open pages you pick.\n",
    )
    assert heading in rows and rows[heading]["how"] == "heading", rows


def test_a_heading_without_its_package_name_stays_a_title(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## Third-Party Services\n\n### Google Maps\nShows the map; Google receives your location.\n\n"
        "### Link Opening\nlinks open in your browser.\n",
    )
    assert "Link Opening" not in rows, rows


@pytest.mark.parametrize(
    "line", ["Write to us via the in-app form / WhatsApp chat.", "Reach our team through WhatsApp support or e-mail."]
)
def test_a_short_line_of_a_contact_section_names_a_channel(tmp_path: Path, line: str) -> None:
    assert _rows(tmp_path, f"# Privacy\n\n## Contact\n\n{line}\n") == {}


def test_a_contact_lines_support_tool_is_still_a_row(tmp_path: Path) -> None:
    rows = _rows(tmp_path, "# Privacy\n\n## Contact\n\nSupport chats with us are stored in Zendesk.\n")
    assert "Zendesk" in rows, rows


def test_a_long_paragraph_of_a_contact_section_still_names_services(tmp_path: Path) -> None:
    text = (
        "# Privacy\n\n## Contact\n\nIf you write to us, your message is stored in our helpdesk, and we use Sentry to "
        "collect crash reports that you may attach to your message so we can answer it.\n"
    )
    assert "Sentry" in _rows(tmp_path, text)


def test_a_family_heading_whose_section_names_its_products_is_no_row(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## Third-Party Services\n\n### Google Firebase\n"
        "We use Firebase Analytics and Firebase Crashlytics to count screens and report crashes.\n\n"
        "### Google AdMob\nShows ads and may collect your advertising ID.\n",
    )
    assert {"Firebase Analytics", "Firebase Crashlytics", "Google AdMob"} <= set(rows), rows
    assert "Google Firebase" not in rows


def test_a_family_heading_naming_one_product_keeps_its_row(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## Third-Party Services\n\n### Google Firebase\n"
        "We use Firebase to store your lists; Firebase Analytics counts screens.\n\n"
        "### Google AdMob\nShows ads and may collect your advertising ID.\n",
    )
    assert "Google Firebase" in rows, rows


def test_a_note_among_a_products_parts_is_no_part(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## Usage data\n\nWe use Google Firebase services to collect anonymous usage data, including:\n"
        "- **Firebase Analytics**: To see which screens are used\n- **Firebase Remote Config**: To change settings\n\n"
        "**Important Note**: Nothing sent to Firebase identifies you.\n",
    )
    assert not any("Note" in n for n in rows), rows
    assert {"Firebase Analytics", "Firebase Remote Config"} <= set(rows), rows
