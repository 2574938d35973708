"""The SYNTHETIC sample national consultation: a seeded, vectorised generator.

An online public consultation on a draft national development strategy (the five priorities of
"Azerbaijan 2030" plus two cross-cutting themes), run for six weeks. `n` is the number of
**submissions**; participants are about n / 3 (each makes at least one submission).

Participation is deliberately unrepresentative (Baku, urban residents, young adults and men are
over-represented against the real regional population shares), so the inclusion lessons have
something to find. Every modelled parameter that no source gives is in `ASSUMPTIONS` and is written
to `assumptions.csv` marked ASSUMED, with its reasoning.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

import numpy as np
import pandas as pd

from eparticipation.data.context import REGION_NAMES
from eparticipation.errors import CourseDataError

SYNTHETIC_LABEL = "SYNTHETIC"
TITLE = "SYNTHETIC sample: public consultation on a draft national development strategy"
WINDOW_START = pd.Timestamp("2026-02-02 00:00:00")
WINDOW_DAYS = 42
AS_OF = WINDOW_START + pd.Timedelta(days=WINDOW_DAYS + 28)  # the day the "export" was taken

TOPICS = (
    "competitive_economy",
    "inclusive_society",
    "human_capital",
    "great_return",
    "clean_environment",
    "digital_services",
    "participation_transparency",
)
TOPIC_LABELS = {
    "competitive_economy": "Sustainable, competitive economy",
    "inclusive_society": "Dynamic, inclusive society based on social justice",
    "human_capital": "Competitive human capital and space for modern innovation",
    "great_return": "Great return to the liberated territories",
    "clean_environment": "Clean environment and country of green growth",
    "digital_services": "Cross-cutting: digital public services",
    "participation_transparency": "Cross-cutting: transparency, feedback and participation",
}
AGE_BANDS = ("18-24", "25-34", "35-44", "45-54", "55-64", "65+")
GENDERS = ("female", "male")
SETTLEMENTS = ("urban", "rural")
LANGUAGES = ("az", "ru", "en")
CHANNELS = (
    "e-gov portal",
    "mobile app",
    "ASAN kiosk (assisted)",
    "social media",
    "email",
    "public hearing transcript",
    "call centre",
)
SUBMISSION_TYPES = ("comment", "proposal", "question", "complaint")
MODERATION = ("published", "rejected", "pending")
RESPONSE = ("responded", "in_progress", "no_response", "not_applicable")


@dataclass(frozen=True)
class Assumption:
    parameter: str
    value: object
    reasoning: str
    used_for: str
    status: str = "ASSUMED"


def _a(parameter, value, reasoning, used_for, status="ASSUMED"):
    return Assumption(parameter, value, reasoning, used_for, status)


ASSUMPTIONS: tuple[Assumption, ...] = (
    _a("region_population_share", "from data/azerbaijan/azerbaijan_context_facts.csv, 2024-01-01",
       "Real shares of the 14 economic regions (State Statistical Committee, via Trend News Agency).",
       "participants' region (baseline before the propensities below)", status="SOURCED"),
    _a("region_participation_propensity",
       {"Baku": 2.3, "Absheron-Khizi": 1.3, "Nakhchivan": 0.45, "Mountainous Shirvan": 0.5, "Ganja-Dashkasan": 0.9,
        "Karabakh": 0.45, "Gazakh-Tovuz": 0.6, "Guba-Khachmaz": 0.6, "Lankaran-Astara": 0.55, "Central Aran": 0.55,
        "Mil-Mugan": 0.45, "Sheki-Zagatala": 0.6, "East Zangezur": 0.25, "Shirvan-Salyan": 0.5},
       "Online consultations draw most from the capital and its suburbs, where internet use, awareness and "
       "ministries are concentrated; East Zangezur and Karabakh have few residents back yet. No survey of "
       "participation by region was found.", "participants' region (relative multiplier on population share)"),
    _a("urban_share_population", 0.545, "National urban share on 1 Jan 2024 (SSC via Trend News Agency).",
       "representativeness by settlement type", status="SOURCED"),
    _a("urban_share_participants_outside_baku", 0.62,
       "Town residents are likelier to take part online than village residents (national urban share outside "
       "Baku is about 40 %). Baku participants are all urban.", "participants' settlement type"),
    _a("age_band_share_participants", dict(zip(AGE_BANDS, (0.24, 0.31, 0.2, 0.12, 0.08, 0.05))),
       "Online participation skews young; older people use online channels less.", "participants' age band"),
    _a("age_band_share_adult_population", dict(zip(AGE_BANDS, (0.12, 0.22, 0.2, 0.17, 0.16, 0.13))),
       "Rough adult age structure for teaching only; the stored sources have no SSC age table.",
       "representativeness by age band"),
    _a("male_share_participants", {"urban": 0.6, "rural": 0.68},
       "Men are more visible in public consultations, more so in rural areas.", "participants' gender"),
    _a("male_share_adult_population", 0.49, "Roughly half; the stored sources have no SSC sex table.",
       "representativeness by gender"),
    _a("preferred_language", {"Baku": {"az": 0.66, "ru": 0.27, "en": 0.07}, "other": {"az": 0.9, "ru": 0.08, "en": 0.02}},
       "Russian is widely used in Baku; English mostly by young professionals and diaspora.",
       "participants' preferred language"),
    _a("channel_by_age", {
        "18-24": [0.22, 0.38, 0.03, 0.30, 0.03, 0.01, 0.03],
        "25-34": [0.30, 0.33, 0.04, 0.22, 0.05, 0.02, 0.04],
        "35-44": [0.36, 0.26, 0.07, 0.14, 0.07, 0.04, 0.06],
        "45-54": [0.33, 0.17, 0.14, 0.08, 0.08, 0.08, 0.12],
        "55-64": [0.24, 0.10, 0.22, 0.05, 0.06, 0.12, 0.21],
        "65+": [0.12, 0.04, 0.30, 0.02, 0.03, 0.17, 0.32]},
       "Channel reach by age group (order: " + ", ".join(CHANNELS) + "). Young people use apps and social media; "
       "older people rely on assisted ASAN kiosks, hearings and the call centre.", "participants' channel"),
    _a("rural_channel_shift", 0.35,
       "Share of rural participants moved from portal/app/social media to ASAN kiosk, hearing or call centre "
       "(weaker mobile internet in villages).", "participants' channel"),
    _a("submissions_per_participant", {"mean": 3.0, "activity_lognormal_sigma": 1.1},
       "Every participant submits at least once; a few very active people submit many times, as in most "
       "consultations.", "number of participants = round(n / 3); who submits what"),
    _a("topic_share", dict(zip(TOPICS, (0.18, 0.2, 0.17, 0.12, 0.12, 0.12, 0.09))),
       "Economy and social issues attract most comments; the cross-cutting themes fewer.", "submission topic"),
    _a("text_language", {"az": "az", "ru": "en", "en": "en"},
       "The text bank has Azerbaijani and English texts only; Russian-preferring participants get English texts "
       "(a stand-in, not a claim about what they wrote).", "submission text"),
    _a("timing_mixture", {"launch_share": 0.35, "launch_decay_days": 5, "steady_share": 0.45, "deadline_share": 0.2,
                          "deadline_days": 7, "hearing_days": [9, 16, 23, 30, 37]},
       "Consultations peak at launch and just before the deadline; hearings are one-day events.", "submitted_at"),
    _a("hour_of_day_weights", [1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 2, 3, 4, 5, 5, 5, 5, 5, 5, 5, 5, 5, 6, 7, 7, 5, 3],
       "Submissions mostly in the working day and evening.", "submitted_at"),
    _a("moderation_share", dict(zip(MODERATION, (0.93, 0.04, 0.03))),
       "Most input is published; a few items are offensive or off-topic; some wait at the export date.",
       "moderation_status"),
    _a("support_votes_mean", dict(zip(SUBMISSION_TYPES, (3.0, 6.0, 1.5, 4.0))),
       "Negative binomial (dispersion 0.6): most items get few votes, a few get many. Unpublished items get 0.",
       "support_votes"),
    _a("response_probability", dict(zip(SUBMISSION_TYPES, (0.3, 0.55, 0.75, 0.65))),
       "Questions and complaints are answered more often than general comments.", "response_status"),
    _a("response_probability_channel_factor",
       dict(zip(CHANNELS, (1.0, 0.95, 1.1, 0.6, 0.9, 0.5, 0.8))),
       "Portal, app and kiosk submissions arrive as structured cases routed to an agency; social-media posts and "
       "hearing transcripts are harder to route and track, so fewer get an answer.", "response_status"),
    _a("response_delay_days", {"median": 12, "lognormal_sigma": 0.8},
       "Answers take days to weeks; anything not answered by the export date is 'in_progress'.", "response_date"),
    _a("export_date", str(AS_OF.date()), "Four weeks after the consultation closed.", "response_status"),
    # Session 8 reads the sample with these two; the generator itself does not use them.
    _a("working_week", "Monday to Friday; no public holidays removed",
       "A Monday-to-Friday week. The sample has no holiday calendar, so public holidays count as working days "
       "and the measured times are slightly longer than they would be.",
       "Session 8: working days from submission to response"),
    _a("response_standard_working_days", 15,
       "Law No. 1308-IVQ of 30 Sep 2015 on citizens' applications, Art. 10.1: applications are considered within "
       "15 working days, or 30 where additional study is needed. Used as a benchmark, not a ruling that every "
       "consultation comment is an application.", "Session 8: share answered within the standard",
       status="SOURCED"),
    _a("age_structure_by_region", "age_band_share_adult_population, the same in every economic region",
       "The stored sources give no age structure by region; the national (itself ASSUMED) structure is applied to "
       "each region to illustrate weights by region and age band. Not used to generate the data.",
       "Session 5: region x age-band weights (illustration of unstable weights)"),
)
_PARAM = {a.parameter: a.value for a in ASSUMPTIONS}


def assumptions_table() -> pd.DataFrame:
    """The assumptions as a table (the content of data/assumptions.csv)."""
    return pd.DataFrame(
        {
            "parameter": [a.parameter for a in ASSUMPTIONS],
            "status": [a.status for a in ASSUMPTIONS],
            "value": [a.value if isinstance(a.value, str) else json.dumps(a.value, ensure_ascii=False) for a in ASSUMPTIONS],
            "used_for": [a.used_for for a in ASSUMPTIONS],
            "reasoning": [a.reasoning for a in ASSUMPTIONS],
        }
    )


def assumption_note(*parameters: str) -> str:
    """A caption for a chart or table whose result depends on these generator parameters."""
    status = {a.parameter: a.status for a in ASSUMPTIONS}
    unknown = [p for p in parameters if p not in status]
    if unknown:
        raise KeyError(f"not a generator parameter: {', '.join(unknown)}")
    assumed = [p for p in parameters if status[p] == "ASSUMED"]
    if not assumed:
        return "SYNTHETIC data; the parameters behind this result come from sources (data/assumptions.csv)."
    return f"SYNTHETIC data. Driven by ASSUMED parameters: {', '.join(assumed)} (see data/assumptions.csv)."


def load_text_bank() -> pd.DataFrame:
    """The bank of 252 hand-written comments (Azerbaijani and English) with topic, stance and ambiguity."""
    with resources.files("eparticipation.data").joinpath("text_bank.csv").open(encoding="utf-8") as handle:
        bank = pd.read_csv(handle, keep_default_na=False, na_values=[""], dtype=str)
    for column in ("ambiguous", "needs_native_review"):
        bank[column] = bank[column].eq("true")
    return bank


def _categorical_choice(rng, cumulative: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Vectorised draw: for each i, an index sampled from the distribution cumulative[rows[i]]."""
    u = rng.random(len(rows))
    return (u[:, None] > cumulative[rows]).sum(axis=1).clip(max=cumulative.shape[1] - 1)


def generate_consultation(n: int, seed: int = 2030, population_shares: pd.Series | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(participants, submissions) for `n` submissions. Same `n` and `seed` give identical tables.

    Both tables carry `data_label = "SYNTHETIC"` and `attrs["title"]`. Text is referenced by
    `text_id` into the text bank (join with `load_text_bank()`), which keeps files small.
    """
    if n < 1:
        raise CourseDataError(f"n is the number of submissions and must be at least 1 (got {n}).", fix="Use e.g. n=15000.")
    if seed < 0:  # numpy refuses negative seeds with a bare ValueError
        raise CourseDataError(f"the seed must be 0 or more (got {seed}).", fix="Use e.g. seed=2030.")
    from eparticipation.data.context import region_population_shares

    rng = np.random.default_rng(seed)
    shares = (population_shares if population_shares is not None else region_population_shares()).reindex(list(REGION_NAMES))
    n_people = max(1, min(n, round(n / _PARAM["submissions_per_participant"]["mean"])))

    # --- participants ---
    propensity = np.array([_PARAM["region_participation_propensity"][r] for r in REGION_NAMES])
    region_p = shares.to_numpy() * propensity
    region = rng.choice(len(REGION_NAMES), size=n_people, p=region_p / region_p.sum())
    is_baku = region == REGION_NAMES.index("Baku")
    urban = is_baku | (rng.random(n_people) < _PARAM["urban_share_participants_outside_baku"])
    age_p = np.array(list(_PARAM["age_band_share_participants"].values()))
    age = rng.choice(len(AGE_BANDS), size=n_people, p=age_p / age_p.sum())
    male_p = np.where(urban, _PARAM["male_share_participants"]["urban"], _PARAM["male_share_participants"]["rural"])
    gender = (rng.random(n_people) < male_p).astype(int)  # 1 = male (GENDERS order)
    lang_table = _PARAM["preferred_language"]
    lang_cum = np.cumsum([[lang_table["other"][l] for l in LANGUAGES], [lang_table["Baku"][l] for l in LANGUAGES]], axis=1)
    language = _categorical_choice(rng, lang_cum, is_baku.astype(int))
    channel_cum = np.cumsum(np.array([_PARAM["channel_by_age"][a] for a in AGE_BANDS]), axis=1)
    channel = _categorical_choice(rng, channel_cum / channel_cum[:, -1:], age)
    # Rural participants: some move from online channels to assisted ones.
    online = np.isin(channel, [0, 1, 3])
    shift = ~urban & online & (rng.random(n_people) < _PARAM["rural_channel_shift"])
    channel[shift] = rng.choice([2, 5, 6], size=int(shift.sum()), p=[0.5, 0.2, 0.3])

    participants = pd.DataFrame(
        {
            "participant_id": np.arange(1, n_people + 1, dtype=np.int64),
            "region": pd.Categorical.from_codes(region, categories=list(REGION_NAMES)),
            "age_band": pd.Categorical.from_codes(age, categories=list(AGE_BANDS), ordered=True),
            "gender": pd.Categorical.from_codes(gender, categories=list(GENDERS)),
            "settlement": pd.Categorical.from_codes((~urban).astype(int), categories=list(SETTLEMENTS)),
            "preferred_language": pd.Categorical.from_codes(language, categories=list(LANGUAGES)),
            "channel": pd.Categorical.from_codes(channel, categories=list(CHANNELS)),
            "data_label": SYNTHETIC_LABEL,
        }
    )

    # --- who submits: everyone once, the rest by heavy-tailed activity ---
    activity = rng.lognormal(0.0, _PARAM["submissions_per_participant"]["activity_lognormal_sigma"], n_people)
    extra = rng.choice(n_people, size=n - n_people, p=activity / activity.sum())
    owner = np.concatenate([np.arange(n_people), extra])

    # --- what: topic (young people lean to human capital and digital), then a text of that topic ---
    topic_p = np.array(list(_PARAM["topic_share"].values()))
    topic = rng.choice(len(TOPICS), size=n, p=topic_p / topic_p.sum())
    bank = load_text_bank()
    text_lang = np.array([_PARAM["text_language"][l] == "az" for l in LANGUAGES])[language[owner]].astype(int)  # 1 = az
    bank_topic = bank["topic"].map({t: i for i, t in enumerate(TOPICS)}).to_numpy()
    bank_az = (bank["language"] == "az").to_numpy().astype(int)
    cell = bank_topic * 2 + bank_az
    order = np.argsort(cell, kind="stable")
    counts = np.bincount(cell, minlength=len(TOPICS) * 2)
    offsets = np.concatenate([[0], np.cumsum(counts)[:-1]])
    wanted = topic * 2 + text_lang
    text_row = order[offsets[wanted] + (rng.random(n) * counts[wanted]).astype(np.int64)]

    # --- when ---
    timing = _PARAM["timing_mixture"]
    component = rng.choice(3, size=n, p=[timing["launch_share"], timing["steady_share"], timing["deadline_share"]])
    day = np.where(
        component == 0,
        np.minimum(rng.exponential(timing["launch_decay_days"], n), WINDOW_DAYS - 1e-6),
        np.where(component == 1, rng.random(n) * WINDOW_DAYS, WINDOW_DAYS - np.minimum(rng.exponential(timing["deadline_days"] / 3, n), timing["deadline_days"]) - 1e-6),
    )
    day = np.floor(day)
    hour_p = np.array(_PARAM["hour_of_day_weights"], dtype=float)
    hour = rng.choice(24, size=n, p=hour_p / hour_p.sum())
    sub_channel = channel[owner]
    at_hearing = sub_channel == CHANNELS.index("public hearing transcript")
    day[at_hearing] = rng.choice(timing["hearing_days"], size=int(at_hearing.sum()))
    hour[at_hearing] = rng.integers(10, 14, size=int(at_hearing.sum()))
    seconds = day * 86400 + hour * 3600 + rng.integers(0, 3600, size=n)
    submitted_at = WINDOW_START + pd.to_timedelta(seconds, unit="s")

    # --- moderation, support, response ---
    moderation = rng.choice(3, size=n, p=list(_PARAM["moderation_share"].values()))
    type_index = bank["submission_type"].map({t: i for i, t in enumerate(SUBMISSION_TYPES)}).to_numpy()[text_row]
    mean_votes = np.array(list(_PARAM["support_votes_mean"].values()))[type_index]
    dispersion = 0.6
    votes = rng.negative_binomial(dispersion, dispersion / (dispersion + mean_votes))
    votes[moderation != 0] = 0
    p_answer = np.array(list(_PARAM["response_probability"].values()))[type_index]
    p_answer = p_answer * np.array(list(_PARAM["response_probability_channel_factor"].values()))[channel[owner]]
    answered = (moderation == 0) & (rng.random(n) < np.minimum(p_answer, 1.0))
    delay = rng.lognormal(np.log(_PARAM["response_delay_days"]["median"]), _PARAM["response_delay_days"]["lognormal_sigma"], n)
    response_at = submitted_at + pd.to_timedelta(np.round(delay * 86400), unit="s")
    late = answered & (response_at > AS_OF)
    status = np.where(moderation != 0, 3, np.where(answered & ~late, 0, np.where(late, 1, 2)))
    response_date = pd.Series(response_at).where(status == 0)

    time_order = np.argsort(seconds, kind="stable")  # ids follow arrival, as a platform would number them
    submissions = pd.DataFrame(
        {
            "participant_id": participants["participant_id"].to_numpy()[owner],
            "submitted_at": submitted_at,
            "channel": pd.Categorical.from_codes(sub_channel, categories=list(CHANNELS)),
            "topic": pd.Categorical.from_codes(topic, categories=list(TOPICS)),
            "submission_type": pd.Categorical.from_codes(type_index, categories=list(SUBMISSION_TYPES)),
            "stance": pd.Categorical(bank["stance"].to_numpy()[text_row], categories=["support", "concern", "mixed", "neutral"]),
            "language": pd.Categorical(bank["language"].to_numpy()[text_row], categories=["az", "en"]),
            "text_id": pd.Categorical(bank["text_id"].to_numpy()[text_row], categories=bank["text_id"].tolist()),
            "support_votes": votes.astype(np.int64),
            "moderation_status": pd.Categorical.from_codes(moderation, categories=list(MODERATION)),
            "response_status": pd.Categorical.from_codes(status, categories=list(RESPONSE)),
            "response_date": response_date,
        }
    ).iloc[time_order].reset_index(drop=True)
    submissions.insert(0, "submission_id", np.arange(1, n + 1, dtype=np.int64))
    submissions["data_label"] = SYNTHETIC_LABEL
    for frame in (participants, submissions):
        frame.attrs.update(title=TITLE, synthetic=True, seed=seed, n_submissions=n)
    return participants, submissions
