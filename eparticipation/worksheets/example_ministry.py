"""The fictitious ministry of the worked examples: one institution across every section.

Each worksheet's `worked_example(lang)` fills its exercise as the team of this ministry might; the
complete sample workbook (`eparticipation.worksheets.samples.complete_sample_bundle`) puts them together.
Every institution here is invented and labelled "(fictitious)" / "(uydurma)"; none describes a real
body. The Azerbaijani names, like the catalogues, await a native speaker's review.
"""

from __future__ import annotations

from eparticipation import i18n

# key -> (English, Azerbaijani)
NAMES: dict[str, tuple[str, str]] = {
    "ministry": ("Ministry of Digital Services (fictitious)", "Rəqəmsal Xidmətlər Nazirliyi (uydurma)"),
    "pr_department": ("Public Relations Department, Ministry of Digital Services (fictitious)",
                      "Rəqəmsal Xidmətlər Nazirliyinin İctimaiyyətlə əlaqələr şöbəsi (uydurma)"),
    "legal_department": ("Legal Department, Ministry of Digital Services (fictitious)",
                         "Rəqəmsal Xidmətlər Nazirliyinin Hüquq şöbəsi (uydurma)"),
    "eservices_department": ("E-Services Department, Ministry of Digital Services (fictitious)",
                             "Rəqəmsal Xidmətlər Nazirliyinin Elektron xidmətlər şöbəsi (uydurma)"),
    "analysis_department": ("Analysis and Strategy Department, Ministry of Digital Services (fictitious)",
                            "Rəqəmsal Xidmətlər Nazirliyinin Təhlil və strategiya şöbəsi (uydurma)"),
    "public_council": ("Public Council of the Ministry of Digital Services (fictitious)",
                       "Rəqəmsal Xidmətlər Nazirliyi yanında İctimai şura (uydurma)"),
    "regional_centres": ("Regional Digital Centres of the Ministry (fictitious)",
                         "Nazirliyin Regional rəqəmsal mərkəzləri (uydurma)"),
    "inclusion_ngo": ("Digital Inclusion Association (fictitious NGO)",
                      "Rəqəmsal İnklüziya Assosiasiyası (uydurma QHT)"),
    "research_institute": ("Caspian Institute for Public Policy (fictitious)",
                           "Xəzər Dövlət Siyasəti İnstitutu (uydurma)"),
}


def name(key: str, lang: str) -> str:
    """The name of one of the example's institutions in `lang` (English for any other language)."""
    english, azerbaijani = NAMES[key]
    return azerbaijani if i18n.normalise(lang) == "az" else english


def pick(lang: str, en: str, az: str) -> str:
    """A free-text answer of the example in the participant's language."""
    return az if i18n.normalise(lang) == "az" else en
