"""Session 3: Azerbaijan's legal and institutional framework for participation, as structured data.

Everything here is pure: the six forms of participation of Law No. 816-IVQ with their legal basis
and sources, a dated timeline (items after the December 2013 workshop are marked as later
developments), the course's list of digital channels, and the digital-reach figures computed from
the Azerbaijan context facts (World Bank WDI / Our World in Data rows in `data/azerbaijan/`).

Sources are the keys of `book/references.bib` (research keys of `shared/research/domain.md` §5).
The short descriptions of the forms are the course authors' summaries; the law's own definitions
are authoritative. The list of forms comes from a secondary source (aalep.eu).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from eparticipation.errors import CourseDataError

WORKSHOP_DATE = "2013-12-03"  # the Baku workshop opened on 3 December 2013

# The course's channel list (the sample consultation's channels, plus an institution's own website).
# key -> English label; the exercise shows the same keys through its i18n catalogue.
CHANNELS: dict[str, str] = {
    "egov_portal": "e-gov.az portal",
    "ministry_website": "Ministry website",
    "mobile_app": "Mobile app",
    "asan_kiosk": "ASAN xidmət centre kiosk (assisted)",
    "social_media": "Social media",
    "email": "Email",
    "hearing_transcript": "Public hearing transcript",
    "call_centre": "Call centre",
}
# Channels a person can use only with their own internet access (no assistance, no phone line).
ONLINE_ONLY_CHANNELS = frozenset({"egov_portal", "ministry_website", "mobile_app", "social_media", "email"})


@dataclass(frozen=True)
class ParticipationForm:
    key: str
    name: str
    name_az: str
    summary: str  # course authors' summary, not the law's definition
    legal_basis: str
    channels: tuple[str, ...]  # keys of CHANNELS that could support the form (course authors' suggestion)
    sources: tuple[str, ...]  # keys of book/references.bib


LAW_816 = "Law No. 816-IVQ of 22 November 2013 on Public Participation (in force 1 June 2014)"
DECISION_172 = "Cabinet of Ministers Decision No. 172 of 30 May 2014 (later development)"
DECREE_89 = "Presidential Decree No. 89 of 16 January 2014 (later development)"

FORMS: tuple[ParticipationForm, ...] = (
    ParticipationForm(
        "public_council", "Public council", "İctimai şura",
        "A standing advisory body of 5 to 15 unpaid members elected by civil-society institutions for two years.",
        f"{LAW_816}; {DECREE_89}", ("ministry_website", "egov_portal"),
        ("azlaw816", "aalepazparticipation", "icnlazdecision")),
    ParticipationForm(
        "public_discussion", "Public discussion", "İctimai müzakirə",
        "A meeting on a question of social significance.",
        f"{LAW_816}; {DECISION_172}", ("ministry_website", "social_media", "hearing_transcript"),
        ("azlaw816", "aalepazparticipation", "icnlazdecision")),
    ParticipationForm(
        "public_hearing", "Public hearing", "İctimai dinləmə",
        "An open session where the public and experts are heard on a matter.",
        f"{LAW_816}; {DECISION_172}", ("hearing_transcript", "ministry_website", "asan_kiosk"),
        ("azlaw816", "aalepazparticipation", "icnlazdecision")),
    ParticipationForm(
        "public_opinion", "Studying public opinion", "İctimai rəyin öyrənilməsi",
        "Surveys and similar research on what the public thinks.",
        LAW_816, ("mobile_app", "call_centre", "asan_kiosk"),
        ("azlaw816", "aalepazparticipation")),
    ParticipationForm(
        "draft_acts", "Public discussion of draft normative legal acts", "Normativ hüquqi akt layihələrinin ictimai müzakirəsi",
        "Drafts of laws and other normative acts published for comment before adoption.",
        f"{LAW_816}; {DECISION_172}", ("egov_portal", "ministry_website", "email"),
        ("azlaw816", "aalepazparticipation", "icnlazdecision")),
    ParticipationForm(
        "written_consultation", "Written consultation", "Yazılı məsləhətləşmə",
        "Comments requested and received in writing.",
        LAW_816, ("email", "egov_portal", "asan_kiosk"),
        ("azlaw816", "aalepazparticipation")),
)
FORM_KEYS: tuple[str, ...] = tuple(form.key for form in FORMS)


def form(key: str) -> ParticipationForm:
    for item in FORMS:
        if item.key == key:
            return item
    raise KeyError(f"unknown participation form {key!r}; known: {', '.join(FORM_KEYS)}")


def forms_table() -> pd.DataFrame:
    """The six forms: name (EN, AZ), what it is, legal basis, digital channels that could support it, sources."""
    rows = [{
        "Form": item.name,
        "Azerbaijani term": item.name_az,
        "What it is (course summary)": item.summary,
        "Legal basis": item.legal_basis,
        "Digital channels that could support it": "; ".join(CHANNELS[c] for c in item.channels),
        "Sources": ", ".join(item.sources),
    } for item in FORMS]
    return pd.DataFrame(rows, index=pd.RangeIndex(1, len(rows) + 1, name="No."))


def channel_coverage() -> pd.DataFrame:
    """How many of the six forms each channel could support, and whether it needs the user's own internet."""
    rows = []
    for key, label in CHANNELS.items():
        supported = [item.name for item in FORMS if key in item.channels]
        rows.append({"Channel": label, "Forms it could support": len(supported),
                     "Needs the citizen's own internet access": "yes" if key in ONLINE_ONLY_CHANNELS else "no",
                     "Which forms": "; ".join(supported) or "—"})
    frame = pd.DataFrame(rows).sort_values(["Forms it could support", "Channel"], ascending=[False, True])
    return frame.reset_index(drop=True)


# A dated timeline. `verified=False` rows are reported by a source but their date is not verified.
TIMELINE: tuple[tuple[str, str, str, str, bool], ...] = (
    # (date, area, event, source keys, verified)
    ("2005-09-30", "Law", "Law No. 1024-IIQ on Obtaining Information adopted (based on Article 50 of the Constitution)", "azlaw1024", True),
    ("2011", "Open Government Partnership", "Azerbaijan joins the OGP", "irfs2016ogp", True),
    ("2011-05-23", "Digital channels", "Decree orders a one-stop e-government portal (e-gov.az) within three months", "ifg2011", True),
    ("2012", "Open Government Partnership", "First National Action Plan (2012–2015) begins", "ogpirm2015", True),
    ("2012-06", "Digital channels", "e-gov.az links 26 agencies", "ifg2012", True),
    ("2012-07-13", "Digital channels", "Decree No. 685 creates the ASAN Xidmət agency", "vxsida2012", True),
    ("2012-12-29", "Digital channels", "First ASAN Xidmət centre opens in Baku", "vxsida2012", True),
    ("2013-01-15", "Digital channels", "ASAN Xidmət pilot: 23 services from 9 state bodies", "onenews2013asan", True),
    ("2013-11-22", "Law", "Law No. 816-IVQ on Public Participation adopted", "azlaw816", True),
    ("2014-01-16", "Law", "Presidential Decree No. 89 on applying the law", "icnlazdecision", True),
    ("2014-05-30", "Law", "Cabinet Decision No. 172 on public hearings and discussions of draft acts", "icnlazdecision", True),
    ("2014-06-01", "Law", "Law No. 816-IVQ enters into force", "aalepazparticipation", True),
    ("2015", "Digital channels", "ASAN Xidmət receives the UN Public Service Award", "bbn2017asan", True),
    ("2015-03", "Open Government Partnership", "A letter from three organisations triggers the OGP Response Policy", "ogp2017inactive", True),
    ("2016-04-27", "Open Government Partnership", "Second National Action Plan (2016–2018) approved", "irfs2016ogp", True),
    ("2016-05-04", "Open Government Partnership", "OGP Steering Committee designates Azerbaijan inactive", "ogp2017inactive", True),
    ("2017-06", "Open Government Partnership", "Inactive status maintained", "ogp2017inactive", True),
    ("2017-12-14", "International comparison", "OECD Recommendation on Open Government adopted (Azerbaijan is not an adherent)", "oecd2017opengov, oecd2023opengov", True),
    ("2018-12", "Open Government Partnership", "Inactive status extended", "mediarights2023ogp", True),
    ("2019", "Law", "Law No. 816-IVQ amended", "azlaw816", True),
    ("2019", "Digital channels", "ASAN Xidmət has handled over 32 million applications", "vxsida1263", True),
    ("date not in sources", "Digital channels", "e-participation tools on e-gov.az: Idea Bank, myGov feedback, ASAN appeal", "egovaz829", False),
    ("date UNVERIFIED", "Open Government Partnership", "Azerbaijan permanently suspended after three action plans", "mediarights2023ogp", False),
)


def framework_timeline() -> pd.DataFrame:
    """The dated timeline, with a column saying whether each item predates the December 2013 workshop."""
    rows = []
    for date, area, event, sources, verified in TIMELINE:
        if not verified:
            when = "Later development (date not verified)"
        elif date <= WORKSHOP_DATE:
            when = "Before the workshop"
        else:
            when = "Later development"
        rows.append({"Date": date, "Area": area, "Event": event, "Status at the December 2013 workshop": when,
                     "Sources": sources})
    return pd.DataFrame(rows)


# -- digital reach (real data) ---------------------------------------------------------------------
INTERNET = "internet_users_share"
MOBILE = "mobile_cellular_subscriptions_per_100"
URBAN_NATIONAL = "urban_population_share"
URBAN_WB = "urban_population_share_wb"


def _series(facts: pd.DataFrame, indicator: str) -> pd.Series:
    rows = facts[(facts["indicator"] == indicator) & (facts["geography_level"] == "country")]
    if rows.empty:
        raise CourseDataError(f"the context facts have no rows for {indicator!r}.", column="indicator",
                              fix="Restore data/azerbaijan/azerbaijan_context_facts.csv from the course repository.")
    return rows.set_index(rows["reference_date"].str[:4].astype(int))["value"].sort_index()


def digital_reach(facts: pd.DataFrame) -> pd.DataFrame:
    """Per year: internet users (% of population), mobile subscriptions per 100, and the share offline."""
    internet = _series(facts, INTERNET)
    mobile = _series(facts, MOBILE)
    frame = pd.DataFrame({"internet_users_pct": internet, "mobile_subscriptions_per_100": mobile.round(1)})
    frame["not_using_internet_pct"] = (100 - frame["internet_users_pct"]).round(1)
    frame.index.name = "year"
    return frame.reset_index()


def reach_source(facts: pd.DataFrame, *, include_mobile: bool = True) -> str:
    """One attribution line for the internet (and mobile) series, from the rows' own source columns."""
    parts = []
    indicators = ((INTERNET, "internet users"), (MOBILE, "mobile subscriptions"))
    for indicator, label in indicators if include_mobile else indicators[:1]:
        row = facts[facts["indicator"] == indicator].iloc[0]
        producer = row["original_data_producer"].split(";")[0].split(" (OWID")[0]
        parts.append(f"{label}: {producer}, via {row['source_publisher'].split(' (')[0]}")
    return "Source: " + "; ".join(parts)


def population_near(facts: pd.DataFrame, year: int) -> tuple[str, float] | None:
    """(reference date, persons) of the first national population figure dated in `year` or `year + 1`.

    A figure on 1 January of the next year describes the end of `year`; anything further away is
    not used, so an old share is never multiplied by a much later population.
    """
    rows = facts[(facts["indicator"] == "population") & (facts["geography_level"] == "country")]
    rows = rows[rows["reference_date"].str[:4].astype(int).isin([year, year + 1])].sort_values("reference_date")
    if rows.empty:
        return None
    return rows["reference_date"].iloc[0], float(rows["value"].iloc[0])


def online_only_reach(facts: pd.DataFrame, year: int) -> dict:
    """What an online-only public discussion could reach in `year`: share online, share not, and people.

    Shares are of the whole population (all ages), as the World Bank publishes them. The number of
    people not online is given only when a national population figure from the same or the next
    year exists (see `population_near`), rounded to thousands.
    """
    reach = digital_reach(facts).set_index("year")
    if year not in reach.index:
        raise CourseDataError(f"no internet-use figure for {year}; the data cover "
                              f"{reach.index.min()}–{reach.index.max()}.", column="reference_date",
                              fix=f"Choose a year from {reach.index.min()} to {reach.index.max()}.")
    online = float(reach.loc[year, "internet_users_pct"])
    result = {"year": year, "online_pct": online, "offline_pct": round(100 - online, 1),
              "mobile_per_100": float(reach.loc[year, "mobile_subscriptions_per_100"])}
    population = population_near(facts, year)
    if population is not None:
        result["population_date"] = population[0]
        result["offline_people"] = int(round(population[1] * (100 - online) / 100, -3))
    return result


def urban_definitions(facts: pd.DataFrame) -> pd.DataFrame:
    """Urban share of the population under the two definitions, for the years both are published."""
    national = facts[(facts["indicator"] == URBAN_NATIONAL) & (facts["geography_level"] == "country")]
    national = national.drop_duplicates("reference_date")
    national = national.set_index(national["reference_date"].str[:4].astype(int))["value"]
    world_bank = _series(facts, URBAN_WB)
    years = sorted(set(national.index) & set(world_bank.index))
    frame = pd.DataFrame({"year": years,
                          "national_ssc_pct": [float(national[y]) for y in years],
                          "world_bank_pct": [round(float(world_bank[y]), 1) for y in years]})
    frame["difference_points"] = (frame["world_bank_pct"] - frame["national_ssc_pct"]).round(1)
    return frame
