"""Ready-made questions over a batch (`appaudit query DIR --preset NAME`), as SQL over the batch tables."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Preset:
    title: str
    sql: str


PRESETS: dict[str, Preset] = {
    "sdk-prevalence": Preset(
        "How many apps embed each SDK",
        "SELECT sdk, any_value(name) AS name, count(DISTINCT sha256) AS apps FROM sdks "
        "GROUP BY sdk ORDER BY apps DESC, sdk",
    ),
    "rules": Preset(
        "Apps per finding rule",
        "SELECT rule_id, any_value(severity) AS severity, count(DISTINCT sha256) AS apps, count(*) AS findings "
        "FROM findings GROUP BY rule_id ORDER BY apps DESC, rule_id",
    ),
    "pre-consent": Preset(
        "Who reads which data before the user's consent",
        "SELECT package, actor, data_type, message FROM findings WHERE rule_id = 'PRE_CONSENT_COLLECTION' "
        "ORDER BY package, actor, data_type",
    ),
    "errors": Preset("Apps that could not be analysed", "SELECT path, stage, message FROM errors ORDER BY path"),
}
