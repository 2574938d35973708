"""Session 7 exercise: code a sample of citizen comments by topic and stance, then compare with the key.

The comments are SYNTHETIC (the course's text bank, written by the course team). Every participant
of a language gets the same seeded sample (`analysis.coding_agreement.coding_sample`), so a table can
pool its codings: the facilitator's dashboard shows the table's inter-coder agreement (pairwise and
Fleiss' kappa) and the comments it disagreed on. The key is hidden until the participant asks to
compare; then the feedback gives percent agreement, Cohen's kappa in plain words and which comments
were ambiguous (an alternative code the key names counts as acceptable).

On screen: `eparticipation.exercises.coding` (the widget); a notebook calls `coding_exercise()`.

Order of this module: 1. model, 2. pure rules, 3. the table (dashboard), 4. the section.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

import pandas as pd
from pydantic import Field, field_validator

from eparticipation import i18n
from eparticipation.analysis.coding_agreement import (
    DIMENSIONS, KeyAgreement, PooledAgreement, agreement_with_key, coding_sample, compare_with_key, kappa_band, pool_codings)
from eparticipation.workbook import sections
from eparticipation.workbook.document import Block, Heading, Para, Table
from eparticipation.workbook.models import LONG_TEXT, Answers, refuse_unknown_keys
from eparticipation.worksheets.example_ministry import pick
from eparticipation.worksheets.feedback import Feedback

# 1. Model --------------------------------------------------------------------------------------
Topic = Literal["competitive_economy", "inclusive_society", "human_capital", "great_return", "clean_environment",
                "digital_services", "participation_transparency"]
Stance = Literal["support", "concern", "mixed", "neutral"]


@lru_cache(maxsize=1)
def text_bank() -> pd.DataFrame:
    """The key: the SYNTHETIC text bank with its topic, stance and acceptable alternatives."""
    from eparticipation.data.generator import load_text_bank

    return load_text_bank()


def sample_for(lang: str) -> pd.DataFrame:
    """The comments a participant codes: the seeded sample in their language (English otherwise)."""
    return coding_sample(text_bank(), lang)


class CommentCode(Answers):
    topic: Topic | None = None
    stance: Stance | None = None


class Coding(Answers):
    sample_language: Literal["az", "en"] = "en"  # the sample stays the same if the screen's language changes
    codes: dict[str, CommentCode] = Field(default_factory=dict)
    compare: bool = False  # the key is shown only when the participant asks
    note: str = Field("", max_length=LONG_TEXT)

    @field_validator("codes")
    @classmethod
    def _known_comments(cls, value: dict[str, CommentCode]) -> dict[str, CommentCode]:
        return refuse_unknown_keys(value, set(text_bank()["text_id"]), "comment ids")

    def sample(self) -> pd.DataFrame:
        return sample_for(self.sample_language)

    def codings(self) -> pd.DataFrame:
        """text_id, topic, stance for the sample's comments that have at least one code."""
        rows = [{"text_id": text_id, "topic": code.topic, "stance": code.stance}
                for text_id in self.sample()["text_id"] if (code := self.codes.get(text_id)) is not None
                and (code.topic or code.stance)]
        return pd.DataFrame(rows, columns=["text_id", "topic", "stance"])


def is_empty(answers: Coding) -> bool:
    return answers.codings().empty and not answers.note.strip()


# 2. Rules (pure; each message explains why) ---------------------------------------------------
def comparison(answers: Coding) -> pd.DataFrame:
    """The participant's codes beside the key (`compare_with_key`), one row per coded comment."""
    return compare_with_key(answers.codings(), text_bank())


def agreements(answers: Coding) -> dict[str, KeyAgreement]:
    compared = comparison(answers)
    return {dimension: agreement_with_key(compared, dimension) for dimension in DIMENSIONS}


def coding_feedback(answers: Coding) -> list[Feedback]:
    total = len(answers.sample())
    codings = answers.codings()
    complete = int((codings["topic"].notna() & codings["stance"].notna()).sum())
    if codings.empty:
        return [Feedback("tip", "coding.fb.start", {"total": total})]
    items = []
    if complete < total:
        items.append(Feedback("tip", "coding.fb.progress", {"coded": complete, "total": total}))
    if not answers.compare:
        items.append(Feedback("tip", "coding.fb.compare_when_ready"))
        return items
    for dimension, found in agreements(answers).items():
        if found.kappa is None:
            continue
        items.append(Feedback("good" if found.kappa > 0.6 else "tip", "coding.fb.agreement",
                              {"dimension": f"t:coding.dimension.{dimension}", "n": found.n_coded,
                               "percent": f"{found.percent:.0f}", "acceptable": f"{found.percent_acceptable:.0f}",
                               "kappa": f"{found.kappa:.2f}", "band": f"t:coding.band.{found.kappa_band}"}))
    compared = comparison(answers)
    acceptable = [row.text_id for row in compared.itertuples() if "acceptable" in (row.topic_result, row.stance_result)]
    if acceptable:
        items.append(Feedback("tip", "coding.fb.acceptable", {"ids": ", ".join(acceptable)}))
    differs = [row.text_id for row in compared.itertuples() if "differs" in (row.topic_result, row.stance_result)]
    if differs:
        items.append(Feedback("tip", "coding.fb.differs", {"ids": ", ".join(differs)}))
    stances = codings["stance"].dropna()
    if len(stances) >= 6 and stances.nunique() == 1:
        items.append(Feedback("warning", "coding.fb.one_code", {"code": f"t:coding.stance.{stances.iloc[0]}"}))
    if complete == total and not answers.note.strip():
        items.append(Feedback("tip", "coding.fb.note"))
    return items


def _code_text(kind: str, code: object, lang: str) -> str:
    return i18n.t(f"coding.{kind}.{code}", lang) if isinstance(code, str) and code else "—"


def comparison_rows(answers: Coding, lang: str) -> tuple[tuple[str, ...], ...]:
    """Rows of the comparison table: comment, your topic, key, your stance, key, result."""
    rows = []
    for row in comparison(answers).itertuples():
        key_topic = _code_text("topic", row.topic_key, lang)
        if isinstance(row.alt_topic, str) and row.alt_topic:
            key_topic += f" / {_code_text('topic', row.alt_topic, lang)}"
        key_stance = _code_text("stance", row.stance_key, lang)
        if isinstance(row.alt_stance, str) and row.alt_stance:
            key_stance += f" / {_code_text('stance', row.alt_stance, lang)}"
        results = " · ".join(f"{i18n.t(f'coding.dimension.{d}', lang)}: {i18n.t(f'coding.result.{r}', lang)}"
                             for d, r in (("topic", row.topic_result), ("stance", row.stance_result)) if r)
        rows.append((row.text_id, _code_text("topic", row.topic, lang), key_topic,
                     _code_text("stance", row.stance, lang), key_stance, results))
    return tuple(rows)


def comparison_header(lang: str) -> tuple[str, ...]:
    return tuple(i18n.t(f"coding.col.{c}", lang) for c in ("comment", "topic", "key_topic", "stance", "key_stance",
                                                               "result"))


def render_coding(answers: Coding, lang: str) -> list[Block]:
    """The section in the strategy draft: the codes, and once compared, the agreement with the key."""
    blocks: list[Block] = [Para(i18n.t("coding.synthetic", lang))]
    codings = answers.codings()
    if codings.empty:
        blocks.append(Para(i18n.t("coding.nothing_coded", lang)))
    elif answers.compare:
        blocks.append(Table(header=comparison_header(lang), rows=comparison_rows(answers, lang)))
        blocks.append(Heading(i18n.t("coding.agreement", lang), 3))
        blocks.append(Table(header=(i18n.t("coding.col.dimension", lang), i18n.t("coding.col.percent", lang),
                                    i18n.t("coding.col.acceptable", lang), i18n.t("coding.col.kappa", lang)),
                            rows=tuple(_agreement_row(found, lang) for found in agreements(answers).values())))
    else:
        blocks.append(Table(header=(i18n.t("coding.col.comment", lang), i18n.t("coding.col.topic", lang),
                                    i18n.t("coding.col.stance", lang)),
                            rows=tuple((row.text_id, _code_text("topic", row.topic, lang),
                                        _code_text("stance", row.stance, lang)) for row in codings.itertuples())))
    if answers.note.strip():
        blocks.append(Para(answers.note, label=i18n.t("coding.note", lang)))
    return blocks


def _kappa_text(kappa: float | None, band: str | None, lang: str) -> str:
    return "—" if kappa is None else f"{kappa:.2f} ({i18n.t(f'coding.band.{band}', lang)})"


def _agreement_row(found: KeyAgreement, lang: str) -> tuple[str, ...]:
    return (i18n.t(f"coding.dimension.{found.dimension}", lang), f"{found.percent:.0f}%",
            f"{found.percent_acceptable:.0f}%", _kappa_text(found.kappa, found.kappa_band, lang))


# 3. The table (facilitator's dashboard) -------------------------------------------------------
Entries = list[tuple[str, Coding]]


def table_codings(entries: Entries) -> pd.DataFrame:
    """Long table of everyone's codes: coder, text_id, topic, stance."""
    frames = [answers.codings().assign(coder=label) for label, answers in entries]
    frames = [frame for frame in frames if not frame.empty]
    if not frames:
        return pd.DataFrame(columns=["coder", "text_id", "topic", "stance"])
    return pd.concat(frames, ignore_index=True)[["coder", "text_id", "topic", "stance"]]


def pool_table(entries: Entries) -> dict[str, PooledAgreement]:
    """The table's inter-coder agreement, per dimension (`analysis.coding_agreement.pool_codings`)."""
    codings = table_codings(entries)
    return {dimension: pool_codings(codings, dimension) for dimension in DIMENSIONS}


def aggregate_coding(entries: Entries, lang: str) -> list[Block]:
    """Facilitator dashboard: how far the table's coders agree, and the comments they split on."""
    pooled = pool_table(entries)
    if all(p.n_comments == 0 for p in pooled.values()):
        return [Para(i18n.t("coding.dash.too_few", lang))] if entries else []
    rows, split_rows = [], []
    for dimension, found in pooled.items():
        fleiss = found.fleiss_kappa
        mean = found.mean_pairwise_kappa
        rows.append((i18n.t(f"coding.dimension.{dimension}", lang), str(found.n_coders), str(found.n_comments),
                     _kappa_text(fleiss, kappa_band(fleiss), lang), _kappa_text(mean, kappa_band(mean), lang),
                     str(found.n_disagreed)))
        for row in found.disagreements.itertuples():
            split_rows.append((row.text_id, i18n.t(f"coding.dimension.{dimension}", lang),
                               ", ".join(_translate_counts(part, dimension, lang) for part in row.codes.split(", ")),
                               f"{row.majority_share:.0f}%"))
    return [
        Para(i18n.t("coding.synthetic", lang)),
        Table(header=tuple(i18n.t(f"coding.dash.{c}", lang) for c in ("dimension", "coders", "comments", "fleiss",
                                                                       "pairwise", "split")), rows=tuple(rows)),
        Heading(i18n.t("coding.dash.disagreed", lang), 3),
        Table(header=(i18n.t("coding.col.comment", lang), i18n.t("coding.col.dimension", lang),
                      i18n.t("coding.dash.codes", lang), i18n.t("coding.dash.majority", lang)), rows=tuple(split_rows))
        if split_rows else Para(i18n.t("coding.dash.no_split", lang)),
    ]


def _translate_counts(part: str, dimension: str, lang: str) -> str:
    code, count = part.rsplit(" ×", 1)
    return f"{_code_text(dimension, code, lang)} ×{count}"


# Worked example (fictitious ministry) -----------------------------------------------------------
def worked_example(lang: str) -> Coding:
    """How an analyst of the fictitious ministry (see `example_ministry`) coded the sample, key shown:
    mostly the key's codes, the acceptable alternative on the first ambiguous comment, and one stance
    read differently, so the comparison has something to discuss."""
    language = i18n.normalise(lang)
    sample = sample_for(language)
    codes = {row.text_id: CommentCode(topic=row.topic, stance=row.stance) for row in sample.itertuples()}
    ambiguous = sample[sample["ambiguous"]]
    if not ambiguous.empty:
        first = ambiguous.iloc[0]
        codes[first["text_id"]] = CommentCode(
            topic=first["alt_topic"] if isinstance(first["alt_topic"], str) else first["topic"],
            stance=first["alt_stance"] if isinstance(first["alt_stance"], str) else first["stance"])
    clear_support = sample[~sample["ambiguous"] & (sample["stance"] == "support")]
    if not clear_support.empty:
        text_id = clear_support.iloc[-1]["text_id"]
        codes[text_id] = CommentCode(topic=codes[text_id].topic, stance="mixed")
    note = pick(lang,
                "Coded by an analyst of the Analysis and Strategy Department (fictitious) before looking at the key. "
                "Where the comment could be read two ways, we agreed a rule for the team: code the stance the "
                "writer states, not the one we infer.",
                "Açara baxmadan əvvəl Təhlil və strategiya şöbəsinin (uydurma) analitiki tərəfindən kodlaşdırılıb. "
                "Şərhi iki cür oxumaq mümkün olduqda komanda üçün qayda razılaşdırdıq: bizim çıxardığımız deyil, "
                "müəllifin özünün bildirdiyi mövqe kodlaşdırılır.")
    return Coding(sample_language=language, codes=codes, compare=True, note=note)


# 4. The workbook section ------------------------------------------------------------------------
SECTION = sections.SectionSpec(
    session="s07-analysing-input",
    key="coding", model=Coding, version=1, order=70, title_key="coding.title",
    render=render_coding, aggregate=aggregate_coding, is_empty=is_empty, example=worked_example,
)
