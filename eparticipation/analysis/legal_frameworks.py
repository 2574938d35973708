"""Session 3: Azerbaijan's legal and institutional framework for participation, as structured data.

Everything here is pure: the six forms of participation of Law No. 816-IVQ with their legal basis
(the article of the law where the course could read it) and sources, a dated timeline (items after
the December 2013 workshop are marked as later developments), the course's list of digital channels
(including those of 2026: myGov and the "Digital Executive Power" portal), and the digital-reach
figures computed from the Azerbaijan context facts (World Bank WDI / Our World in Data rows in
`data/azerbaijan/`).

Sources are the keys of `book/references.bib`. The short descriptions of the forms are the course
authors' summaries; the law's own definitions are authoritative. The list of six forms comes from a
secondary source (aalep.eu); the articles cited come from the law's text (ICNL translation, Azerbaijani
text on e-qanun.az) and from the implementing decisions, which name the article they implement.
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
    "mygov": "myGov portal (personal cabinet)",
    "digital_executive_power": "Digital Executive Power portal (e-participation section)",
    "ministry_website": "Ministry website",
    "mobile_app": "Mobile app",
    "asan_kiosk": "ASAN xidmət centre kiosk (assisted)",
    "social_media": "Social media",
    "email": "Email",
    "hearing_transcript": "Public hearing transcript",
    "call_centre": "Call centre",
}
# Channels a person can use only with their own internet access (no assistance, no phone line).
ONLINE_ONLY_CHANNELS = frozenset({"egov_portal", "mygov", "digital_executive_power", "ministry_website", "mobile_app",
                                  "social_media", "email"})


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
DECISION_171 = "Cabinet of Ministers Decision No. 171 of 30 May 2014 on the election of public councils (later development)"
DECISION_172 = "Cabinet of Ministers Decision No. 172 of 30 May 2014 on public hearings and discussions of draft legal acts (later development)"
DECREE_89 = "Presidential Decree No. 89 of 16 January 2014 (later development)"
NO_ARTICLE = "article not verified in the course's sources"

FORMS: tuple[ParticipationForm, ...] = (
    ParticipationForm(
        "public_council", "Public council", "İctimai şura",
        "A standing advisory body of 5 to 15 unpaid members elected by civil-society institutions for two years.",
        f"{LAW_816}, Art. 1.0.3 (definition) and Art. 6.1 (election); {DECISION_171}; {DECREE_89}",
        ("ministry_website", "egov_portal"),
        ("icnlazparticipate", "icnlazdec171", "aalepazparticipation", "icnlazdecision")),
    ParticipationForm(
        "public_discussion", "Public discussion", "İctimai müzakirə",
        "A meeting on a question of social significance.",
        f"{LAW_816}, Art. 1.0.4 (definition); for draft legal acts, {DECISION_172}",
        ("ministry_website", "social_media", "hearing_transcript"),
        ("icnlazparticipate", "eqanun816", "aalepazparticipation", "icnlazdecision")),
    ParticipationForm(
        "public_hearing", "Public hearing", "İctimai dinləmə",
        "An open session where the public and experts are heard on a matter.",
        f"{LAW_816}, Art. 1.0.5 (definition); for draft legal acts, {DECISION_172}",
        ("hearing_transcript", "ministry_website", "asan_kiosk"),
        ("icnlazparticipate", "aalepazparticipation", "icnlazdecision")),
    ParticipationForm(
        "public_opinion", "Studying public opinion", "İctimai rəyin öyrənilməsi",
        "Surveys and similar research on what the public thinks.",
        f"{LAW_816} ({NO_ARTICLE})",
        ("mobile_app", "call_centre", "asan_kiosk", "digital_executive_power", "mygov"),
        ("azlaw816", "aalepazparticipation", "digitalgovdep")),
    ParticipationForm(
        "draft_acts", "Public discussion of draft legal acts", "Hüquqi aktların layihələrinin ictimai müzakirəsi",
        "Drafts of laws and other legal acts published for comment before adoption.",
        f"{LAW_816}, Art. 19; {DECISION_172}",
        ("egov_portal", "ministry_website", "email"),
        ("azlaw816", "aalepazparticipation", "icnlazdecision")),
    ParticipationForm(
        "written_consultation", "Written consultation", "Yazılı məsləhətləşmə",
        "Comments requested and received in writing.",
        f"{LAW_816} ({NO_ARTICLE})",
        ("email", "egov_portal", "asan_kiosk"),
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


# A dated timeline, in date order. Every date is given by the cited source.
TIMELINE: tuple[tuple[str, str, str, str], ...] = (
    # (date, area, event, source keys)
    ("2005-09-30", "Law", "Law No. 1024-IIQ on Obtaining Information adopted (based on Article 50 of the Constitution)", "azlaw1024"),
    ("2011", "Open Government Partnership", "Azerbaijan joins the OGP", "irfs2016ogp"),
    ("2011-05-23", "Digital channels", "Decree orders a one-stop e-government portal (e-gov.az) within three months", "ifg2011"),
    ("2012", "Open Government Partnership", "First National Action Plan (2012–2015) begins", "ogpirm2015"),
    ("2012-06", "Digital channels", "e-gov.az links 26 agencies", "ifg2012"),
    ("2012-07-13", "Digital channels", "Decree No. 685 creates the State Agency for Public Service and Social Innovations (ASAN xidmət)", "vxsida2012"),
    ("2012-12-29", "Digital channels", "First ASAN xidmət centre opens in Baku", "vxsida2012"),
    ("2013-01-15", "Digital channels", "ASAN xidmət pilot: 23 services from 9 state bodies", "onenews2013asan"),
    ("2013-11-22", "Law", "Law No. 816-IVQ on Public Participation adopted", "azlaw816"),
    ("2014-01-16", "Law", "Presidential Decree No. 89 on applying the law", "icnlazdecision"),
    ("2014-05-30", "Law", "Cabinet Decisions No. 171 (election of public councils) and No. 172 (hearings and discussions of draft legal acts)", "icnlazdec171, icnlazdecision"),
    ("2014-06-01", "Law", "Law No. 816-IVQ enters into force", "aalepazparticipation"),
    ("2015", "Digital channels", "ASAN xidmət receives the UN Public Service Award", "bbn2017asan"),
    ("2015-03", "Open Government Partnership", "A letter from three organisations triggers the OGP Response Policy", "ogp2017inactive"),
    ("2016-04-27", "Open Government Partnership", "Second National Action Plan (2016–2018) approved", "irfs2016ogp"),
    ("2016-05-04", "Open Government Partnership", "OGP Steering Committee designates Azerbaijan inactive", "ogp2017inactive"),
    ("2017-06", "Open Government Partnership", "Inactive status maintained for another year", "ogp2017inactive"),
    ("2017-12-14", "International comparison", "OECD Recommendation on Open Government adopted (Azerbaijan is not an adherent)", "oecd2017opengov, oecd2023opengov"),
    ("2018-03-14", "Digital channels", "Decree No. 1885 moves the e-government portal from the ministry to the State Agency for Public Service and Social Innovations, which creates its E-GOV Development Center", "newsaz2018egov, azsciencenet1885"),
    ("2018-12", "Open Government Partnership", "Suspended status extended for a full action plan cycle, with milestones; missing them would make the suspension final", "ogp2023suspension"),
    ("2019", "Law", "Law No. 816-IVQ amended", "azlaw816"),
    ("2019", "Digital channels", "ASAN xidmət has handled over 32 million applications", "vxsida1263"),
    ("2020", "Digital channels", "Tools reported for the UN's 2020 survey: Idea Bank, the myGov feedback module, ASAN Login; ASAN appeal", "egovaz829"),
    ("2020-02-27", "Open Government Partnership", "Third National Action Plan (2020–2022) approved by Presidential Order No. 1859", "antikorrupsiya2020nap"),
    ("2022", "Digital channels", "Center for Citizens' Reception (appeals also through president.az) and the local executive authorities' portal with an e-participation section", "csometer2022, digitalgovdep"),
    ("2023-08-17", "Open Government Partnership", "OGP Steering Committee permanently suspends Azerbaijan, after three action plans", "ogp2023suspension"),
    ("2024-09-17", "Digital channels", "Updated myGov platform presented: government platforms and apps to move onto one system", "menafn2024mygov"),
)


def framework_timeline() -> pd.DataFrame:
    """The dated timeline, with a column saying whether each item predates the December 2013 workshop."""
    rows = []
    for date, area, event, sources in TIMELINE:
        when = "Before the workshop" if date <= WORKSHOP_DATE else "Later development"
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


def largest_one_year_rise(reach: pd.DataFrame, column: str = "internet_users_pct") -> dict:
    """The largest rise of `column` between two consecutive years, and the next largest for scale.

    A rise several times larger than any other is a reason to ask whether the measurement changed
    (a new survey, a new definition) before reading it as a change in behaviour.
    """
    frame = reach.sort_values("year").reset_index(drop=True)
    rises = frame[column].diff().round(1)
    first = int(rises.idxmax())
    return {"column": column, "from_year": int(frame.loc[first - 1, "year"]), "to_year": int(frame.loc[first, "year"]),
            "from_value": float(frame.loc[first - 1, column]), "to_value": float(frame.loc[first, column]),
            "rise": float(rises[first]), "next_largest_rise": float(rises.drop(index=first).max())}


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
