"""Session 6: channels, inclusion and the digital divide.

1. `CHANNELS`: the participation channels as they exist in Azerbaijan in December 2026, each with its
   kind and dated facts whose sources are keys of `book/references.bib`. This is the ONE place for
   these facts: the Session 6 page, notebook and exercise read them from here (`channel_table`).
2. Who each channel reached in the SYNTHETIC sample consultation (`channel_profile`,
   `assisted_share`), vectorised for national scale (see benchmarks/bench_analytics.py).
3. The exercise's reach model. The population is split into cells — economic region × urban/rural ×
   uses the internet or not — from the real context facts; the channel parameters (cost per contact,
   reach by settlement and region) are ASSUMED rows of `data/assumptions.csv`. `estimate_reach` turns
   a budget allocation into estimated people reached per cell, and `inclusion_score` says how closely
   the people reached mirror the population.

The model, in four steps (every step is a line of `estimate_reach`):

- contacts of channel c = manats allocated to c / cost per contact of c;
- each channel's contacts are spread over the cells in proportion to
  population × settlement reach × region reach × (1 if the channel works offline, else the cell's
  internet use: 1 for users, 0 for non-users);
- contacts of all channels are added per cell;
- people reached in a cell = population × (1 − exp(−contacts / population)): the first contacts in a
  cell find new people, later ones increasingly find people already reached, and no cell is ever
  reached beyond its population.

Inclusion score = 100 × (1 − ½ Σ_g |r_g − p_g|), where r_g is cell g's share of all people reached and
p_g its share of the population: the complement of the index of dissimilarity, the same measure as
`consultation.representativeness_index`. 100 means the people reached mirror the population exactly;
80 means a fifth of them would have to come from other cells to do so. It measures balance, not volume:
report it with the number of people reached.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from eparticipation.analysis.consultation import representativeness_index
from eparticipation.data.assumptions import assumption_value, load_assumptions
from eparticipation.data.context import REGION_NAMES, region_population_shares
from eparticipation.data.generator import CHANNELS as SAMPLE_CHANNELS
from eparticipation.errors import CourseDataError

# -- 1. The channels of December 2026 -----------------------------------------------------------------
KINDS = ("online", "assisted", "phone", "in_person")
KIND_LABELS = {"online": "Online (needs the citizen's own internet access)", "assisted": "Assisted, in person",
               "phone": "By phone", "in_person": "Meeting in person"}


@dataclass(frozen=True)
class Fact:
    date: str  # as precise as the source gives it ("2018-03-14", "2020", "2022")
    text: str
    sources: tuple[str, ...]  # keys of book/references.bib
    verified: bool = True  # False: reported by a secondary source only; say so wherever it is shown


@dataclass(frozen=True)
class Channel:
    key: str
    name: str
    kind: str  # one of KINDS
    runs_it: str
    participation: str  # what the channel offers a consultation (course authors' summary)
    facts: tuple[Fact, ...]


CHANNELS: tuple[Channel, ...] = (
    Channel(
        "egov_mygov", "e-gov.az portal and myGov", "online",
        "Innovation and Digital Development Agency, Ministry of Digital Development and Transport (2024)",
        "An online consultation page or survey, announced to users of the portal; needs the citizen's own "
        "internet access and, for personal services, a login.",
        (Fact("2011-05-23", "A presidential decree ordered a one-stop e-government portal within three months.",
              ("ifg2011",)),
         Fact("2018-03-14", "Decree No. 1885 moved the e-government portal from the Ministry of Transport, "
              "Communications and High Technologies to the State Agency for Public Service and Social Innovations "
              "(ASAN xidmət), under which an E-GOV Development Center was created.",
              ("newsaz2018egov", "azsciencenet1885")),
         Fact("2020", "1.741 million people used ASAN Login, the single sign-in to e-services, and e-gov.az had 1,266,000 "
              "registrations for 443 e-services of 38 organisations: far fewer than the people online.",
              ("s06egovaz770",)),
         Fact("2020", "The Idea Bank, the myGov feedback module and ASAN Login were presented as Azerbaijan's successes in "
              "the e-participation part of the UN's 2020 survey; ASAN appeal was presented too.", ("egovaz829",)),
         Fact("2022-11-24", "A decree handed e-government to the Ministry of Digital Development and Transport and "
              "merged the E-GOV Development Center into the ministry's Innovation and Digital Development Agency.",
              ("s06obastanegov",), verified=False),
         Fact("2024-09-17", "An updated myGov platform was presented; the Agency's stated task is to move government "
              "platforms and mobile applications onto one system. In myGov's personal cabinet citizens see the data "
              "government bodies hold on them, apply for services and decide which data are passed on.",
              ("menafn2024mygov", "digitalgovmygov"))),
    ),
    Channel(
        "digital_executive_power", "Digital Executive Power portal (e-participation section)", "online",
        "Local executive authorities; built by the E-GOV Development Center",
        "A resident submits a proposal on a local public issue; once the local executive authority approves it, "
        "other residents vote on it anonymously.",
        (Fact("2022", "The rih.gov.az portal of the local executive authorities was launched, with an e-participation "
              "option; before it was built, residents of Ganja, Guba and Masalli were surveyed.",
              ("csometer2022", "digitalgovdep", "s06egovaz789")),
         Fact("2022", "In the e-participation section a citizen chooses the local executive authority and the topic; "
              "after approval the application becomes a poll with anonymous voting.", ("digitalgovdep",))),
    ),
    Channel(
        "asan_centre", "ASAN xidmət centres", "assisted",
        "State Agency for Public Service and Social Innovations",
        "Staff or volunteers in a centre record a visitor's input, or help them submit it online; reaches people "
        "without internet access who come to a centre.",
        (Fact("2012-12-29", "The first centre opened in Baku.", ("vxsida2012",)),
         Fact("2020-07-29", "20 centres: 5 in Baku, the others in Sumgayit, Ganja, Sabirabad, Barda, Gabala, Masalli, "
              "Guba, Mingachevir, Imishli, Shaki, Shamakhi, Kurdamir, Tovuz, Agjabadi and Balakan; about 38.3 million "
              "applications from 7 million citizens so far.", ("s06trend2020asan",))),
    ),
    Channel(
        "mobile_asan", "Mobile ASAN xidmət (buses and trains)", "assisted",
        "State Agency for Public Service and Social Innovations",
        "A mobile service team visits towns and villages without a centre and can record input on the spot.",
        (Fact("2013", "From June 2013 to January 2014, mobile teams served 58,603 citizens of 37 districts at 21 "
              "stops.", ("s06asan2014report",)),
         Fact("2019", "10 ASAN service buses and ASAN service trains served the regions.", ("s06trend2019asan",)),
         Fact("2023-04", "A mobile ASAN bus served residents of Talysh village (Tartar district), in the territories "
              "restored in 2020.", ("s06tiflis2023asan",))),
    ),
    Channel(
        "call_centre", "Call centres (ASAN xidmət's 108 and ministries' own numbers)", "phone",
        "State Agency for Public Service and Social Innovations; each ministry for its own number",
        "Operators take input by phone, or call a sample of residents; reaches almost everyone with a phone.",
        (Fact("2017", "By about 2017 (the article is undated), ASAN xidmət's 108 Call Centre had answered over "
              "1.6 million calls.", ("s06butov2017asan",)),
         Fact("2020-04-18", "A notice gives 9108 as the ASAN service call centre for questions on the SMS permission "
              "system; check the current number before publicising it.", ("s06digitalgov2020sms",)),
         Fact("2021-05-31", "About seven million people used the 8103 SMS short number during the 2020 quarantine "
              "(a rough estimate by the E-GOV Development Center's director): a phone channel can reach almost everyone.",
              ("s06trend2021egov",)),
         Fact("2025-08", "The Ministry of Justice's 881 call centre received 12,599 calls in August 2025 and answered "
              "12,078.", ("s06metbuat2025justice",))),
    ),
    Channel(
        "public_hearing", "Public hearings", "in_person",
        "The central or local executive body that holds the hearing",
        "An open session where the public and experts are heard; one of the six forms of participation of Law "
        "No. 816-IVQ, with rules for draft acts in Cabinet Decision No. 172.",
        (Fact("2013-11-22", "Law No. 816-IVQ on Public Participation lists the public hearing among its forms of "
              "participation (in force 1 June 2014).", ("azlaw816", "aalepazparticipation")),
         Fact("2014-05-30", "Cabinet Decision No. 172 set rules for public hearings and discussions of draft acts.",
              ("icnlazdecision",))),
    ),
)
CHANNEL_KEYS: tuple[str, ...] = tuple(channel.key for channel in CHANNELS)
ONLINE_ONLY = frozenset(c.key for c in CHANNELS if c.kind == "online")


def channel(key: str) -> Channel:
    for item in CHANNELS:
        if item.key == key:
            return item
    raise KeyError(f"unknown channel {key!r}; known: {', '.join(CHANNEL_KEYS)}")


def channel_table() -> pd.DataFrame:
    """One row per dated fact: channel, kind, who runs it, the fact and its sources (NOT VERIFIED marked)."""
    rows = []
    for item in CHANNELS:
        for fact in item.facts:
            text = fact.text if fact.verified else f"NOT VERIFIED in a primary source: {fact.text}"
            rows.append({"Channel": item.name, "Kind": KIND_LABELS[item.kind], "Date": fact.date, "Fact": text,
                         "Sources": ", ".join(fact.sources)})
    return pd.DataFrame(rows)


def channel_overview() -> pd.DataFrame:
    """One row per channel: kind, who runs it, what it offers a consultation (the exercise's options)."""
    return pd.DataFrame([{"Channel": c.name, "Kind": KIND_LABELS[c.kind], "Who runs it": c.runs_it,
                          "What it offers a consultation": c.participation} for c in CHANNELS])


# -- 2. Who each channel reached in the SYNTHETIC sample consultation --------------------------------------
# The sample's channels (data.generator.CHANNELS) by kind: only the first four need the citizen's own internet.
SAMPLE_CHANNEL_KIND = {
    "e-gov portal": "online", "mobile app": "online", "social media": "online", "email": "online",
    "ASAN kiosk (assisted)": "assisted", "public hearing transcript": "in_person", "call centre": "phone",
}
if set(SAMPLE_CHANNEL_KIND) != set(SAMPLE_CHANNELS):
    raise RuntimeError("SAMPLE_CHANNEL_KIND must classify every channel of the sample consultation")
ALL_CHANNELS = "All channels"


def channel_profile(participants: pd.DataFrame, by: str) -> pd.DataFrame:
    """For each channel (and all channels together): its participants' shares (0–1) in each group of `by`.

    Rows: the sample's channels in their order, then "All channels"; columns: the groups of `by`, then
    `participants` (the row's count). Read across a row: e.g. by="settlement" gives each channel's
    urban and rural shares.
    """
    counts = participants.groupby(["channel", by], observed=False).size().unstack(fill_value=0)
    counts.index = counts.index.astype(str)
    counts.loc[ALL_CHANNELS] = counts.sum()
    totals = counts.sum(axis=1)
    shares = counts.div(totals.where(totals > 0), axis=0)
    shares.columns = list(shares.columns)
    shares["participants"] = totals.astype(int)
    shares.index.name = "channel"
    return shares


def assisted_share(participants: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per group of `by`: participants, and the share who came through a channel that needs no internet
    of their own (assisted, phone or in person)."""
    kind = participants["channel"].map(SAMPLE_CHANNEL_KIND).astype(str)
    offline = pd.Series(kind.to_numpy() != "online", index=participants.index)
    grouped = offline.groupby(participants[by], observed=False)
    return pd.DataFrame({"participants": grouped.size().astype(int), "not_online_share": grouped.mean()})


# -- 3. The reach model -------------------------------------------------------------------------------------
SETTLEMENTS = ("urban", "rural")
INTERNET = ("online", "offline")  # uses the internet or not
POPULATION_DATE = "2024-01-01"
INTERNET_YEAR = 2023


@dataclass(frozen=True)
class ChannelParameters:
    cost_per_contact: dict[str, float]  # AZN
    settlement_reach: dict[str, dict[str, float]]
    region_reach: dict[str, dict[str, float]]
    urban_rural_internet_ratio: float
    baku_urban_share: float


MODEL_PARAMETERS = ("channel_mix_population_base", "baku_urban_share", "internet_use_urban_rural_ratio",
                    "channel_cost_per_contact_azn", "channel_settlement_reach", "channel_region_reach")


def model_assumptions(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The reach model's rows of data/assumptions.csv: status (ASSUMED or SOURCED), value and reasoning."""
    table = load_assumptions() if table is None else table
    return table.loc[list(MODEL_PARAMETERS), ["status", "value", "reasoning"]]


def channel_parameters(table: pd.DataFrame | None = None) -> ChannelParameters:
    """The model's ASSUMED parameters, read from data/assumptions.csv (checked for every channel)."""
    table = load_assumptions() if table is None else table
    cost = assumption_value("channel_cost_per_contact_azn", table)
    settlement = assumption_value("channel_settlement_reach", table)
    region = assumption_value("channel_region_reach", table)
    for name, value in (("channel_cost_per_contact_azn", cost), ("channel_settlement_reach", settlement)):
        missing = [key for key in CHANNEL_KEYS if key not in value]
        if missing:
            raise CourseDataError(f"{name} has no value for {', '.join(missing)}.", column="value",
                                  fix="Give every channel a value in data/assumptions.csv.")
    if any(not (isinstance(v, (int, float)) and v > 0) for v in (cost[k] for k in CHANNEL_KEYS)):
        raise CourseDataError("every cost per contact must be a positive number.", column="value",
                              fix="Correct channel_cost_per_contact_azn in data/assumptions.csv.")
    return ChannelParameters(
        cost_per_contact={k: float(cost[k]) for k in CHANNEL_KEYS},
        settlement_reach={k: {s: float(settlement[k][s]) for s in SETTLEMENTS} for k in CHANNEL_KEYS},
        region_reach={k: {r: float(v) for r, v in region.get(k, {}).items()} for k in CHANNEL_KEYS},
        urban_rural_internet_ratio=float(assumption_value("internet_use_urban_rural_ratio", table)),
        baku_urban_share=float(assumption_value("baku_urban_share", table)),
    )


def _country_value(facts: pd.DataFrame, indicator: str, date: str) -> float:
    rows = facts[(facts["indicator"] == indicator) & (facts["geography_level"] == "country")
                 & (facts["reference_date"] == date)]
    if rows.empty:
        raise CourseDataError(f"the context facts have no national {indicator} for {date}.", column="indicator",
                              fix="Restore data/azerbaijan/azerbaijan_context_facts.csv from the course repository.")
    return float(rows["value"].iloc[0])


def internet_use_by_settlement(national_share: float, urban_share: float, ratio: float) -> dict[str, float]:
    """Urban and rural internet use (0–1) that keep the national share, with urban = ratio × rural."""
    rural = national_share / (urban_share * ratio + (1 - urban_share))
    urban = rural * ratio
    if urban > 1:
        raise CourseDataError(f"an urban/rural ratio of {ratio} would put urban internet use above 100 %.",
                              column="value", fix="Lower internet_use_urban_rural_ratio in data/assumptions.csv.")
    return {"urban": urban, "rural": rural}


def population_cells(facts: pd.DataFrame, parameters: ChannelParameters) -> pd.DataFrame:
    """The population split into cells: region × settlement × internet use, with persons per cell.

    Sourced: the population, the regions' shares and the national urban share on 1 January 2024
    (State Statistical Committee) and internet use in 2023 (World Bank WDI, ITU). ASSUMED: Baku's urban
    share (the other regions share the rest of the urban population equally) and the urban/rural ratio of
    internet use. Cells with no population (rural Baku) are left out.
    """
    population = _country_value(facts, "population", POPULATION_DATE)
    urban_national = _country_value(facts, "urban_population_share", POPULATION_DATE) / 100
    internet = _country_value(facts, "internet_users_share", str(INTERNET_YEAR)) / 100
    shares = region_population_shares(POPULATION_DATE, facts)
    baku = shares["Baku"]
    urban_elsewhere = (urban_national - baku * parameters.baku_urban_share) / (1 - baku)
    online = internet_use_by_settlement(internet, urban_national, parameters.urban_rural_internet_ratio)
    rows = []
    for region in REGION_NAMES:
        urban = parameters.baku_urban_share if region == "Baku" else urban_elsewhere
        for settlement, part in (("urban", urban), ("rural", 1 - urban)):
            for status, use in (("online", online[settlement]), ("offline", 1 - online[settlement])):
                rows.append((region, settlement, status, population * shares[region] * part * use))
    cells = pd.DataFrame(rows, columns=["region", "settlement", "internet", "population"])
    return cells[cells["population"] > 0].reset_index(drop=True)


@dataclass(frozen=True)
class ReachEstimate:
    """The estimated reach of one allocation: per cell, and the contacts each channel buys."""

    cells: pd.DataFrame  # region, settlement, internet, population, contacts, reached
    contacts: dict[str, float]  # per channel
    allocations: dict[str, float]  # AZN per channel

    @property
    def reached(self) -> float:
        return float(self.cells["reached"].sum())

    @property
    def population(self) -> float:
        return float(self.cells["population"].sum())

    def by(self, column: str) -> pd.DataFrame:
        """Population, people reached, coverage and representation for each group of `column`.

        coverage = reached / population; ratio = share of the people reached / share of the population
        (1 = reached in proportion; 0.5 = heard at half its weight).
        """
        groups = self.cells.groupby(column, sort=False)[["population", "reached"]].sum()
        order = {"region": list(REGION_NAMES), "settlement": list(SETTLEMENTS), "internet": list(INTERNET)}[column]
        groups = groups.reindex(order)
        groups["coverage"] = groups["reached"] / groups["population"]
        groups["population_share"] = groups["population"] / groups["population"].sum()
        total = groups["reached"].sum()
        groups["reached_share"] = groups["reached"] / total if total > 0 else 0.0
        groups["ratio"] = groups["reached_share"] / groups["population_share"] if total > 0 else 0.0
        return groups


def estimate_reach(allocations: dict[str, float], facts: pd.DataFrame,
                   parameters: ChannelParameters) -> ReachEstimate:
    """Estimated people reached per cell for a budget allocation ({channel key: AZN}); see the module's
    docstring for the four steps. Channels with no money are ignored; unknown channels are refused."""
    unknown = sorted(set(allocations) - set(CHANNEL_KEYS))
    if unknown:
        raise KeyError(f"unknown channels: {', '.join(unknown)}")
    cells = population_cells(facts, parameters)
    people = cells["population"].to_numpy()
    contacts = np.zeros(len(cells))
    bought = {}
    for key in CHANNEL_KEYS:
        money = float(allocations.get(key) or 0)
        if money <= 0:
            continue
        bought[key] = money / parameters.cost_per_contact[key]
        weight = (people * cells["settlement"].map(parameters.settlement_reach[key]).to_numpy()
                  * cells["region"].map(lambda r, k=key: parameters.region_reach[k].get(r, 1.0)).to_numpy())
        if key in ONLINE_ONLY:
            weight = weight * (cells["internet"] == "online").to_numpy()
        if weight.sum() > 0:
            contacts += bought[key] * weight / weight.sum()
    cells = cells.assign(contacts=contacts, reached=people * -np.expm1(-contacts / people))
    return ReachEstimate(cells=cells, contacts=bought,
                         allocations={k: float(v) for k, v in allocations.items() if v})


def inclusion_score(estimate: ReachEstimate) -> float | None:
    """100 × (1 − ½ Σ |share of people reached − share of population|) over the cells; None if nobody is reached."""
    if estimate.reached <= 0:
        return None
    cells = estimate.cells
    frame = pd.DataFrame({"sample_share": cells["reached"] / cells["reached"].sum(),
                          "population_share": cells["population"] / cells["population"].sum()})
    return round(100 * representativeness_index(frame), 1)


# A group is "left out" when it is heard at less than half its weight, "under-reached" below four fifths
# (the course's thresholds: the four-fifths line is a common rule of thumb for adverse impact).
LEFT_OUT_RATIO = 0.5
UNDER_REACHED_RATIO = 0.8


def left_out(estimate: ReachEstimate) -> dict[str, list[tuple[str, float]]]:
    """The groups reached below UNDER_REACHED_RATIO of their weight: {"region" | "settlement" | "internet":
    [(group, ratio), ...]}, lowest ratio first. Empty lists when nobody is reached."""
    found: dict[str, list[tuple[str, float]]] = {}
    for column in ("region", "settlement", "internet"):
        table = estimate.by(column)
        rows = [] if estimate.reached <= 0 else [(str(g), float(r)) for g, r in table["ratio"].items()
                                                  if r < UNDER_REACHED_RATIO]
        found[column] = sorted(rows, key=lambda item: item[1])
    return found


def round_people(value: float) -> int:
    """People reached, rounded to a precision the model can bear (thousands above 10,000, else hundreds)."""
    if value <= 0:
        return 0
    step = 1000 if value >= 10_000 else 100 if value >= 1_000 else 10
    return int(math.floor(value / step + 0.5) * step)


def compare_mixes(mixes: dict[str, dict[str, float]], facts: pd.DataFrame,
                  parameters: ChannelParameters) -> pd.DataFrame:
    """One row per named mix ({name: {channel key: AZN}}): budget, people reached, inclusion score and the
    representation ratio of rural residents and of people who do not use the internet (1 = in proportion)."""
    rows = []
    for name, allocations in mixes.items():
        estimate = estimate_reach(allocations, facts, parameters)
        settlement, internet = estimate.by("settlement"), estimate.by("internet")
        rows.append({"mix": name, "budget_azn": float(sum(allocations.values())),
                     "people_reached": round_people(estimate.reached), "inclusion_score": inclusion_score(estimate),
                     "rural_ratio": round(float(settlement.loc["rural", "ratio"]), 2),
                     "offline_ratio": round(float(internet.loc["offline", "ratio"]), 2)})
    return pd.DataFrame(rows).set_index("mix")
