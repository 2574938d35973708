import importlib
import filecmp

import pandas as pd
import pytest

from eparticipation.data.consultation import SAMPLE_SEED, SAMPLE_SUBMISSIONS, load_consultation, load_sample_consultation, write_consultation
from eparticipation.data.context import REGION_NAMES, region_population_shares
from eparticipation.data.export import write_csv
from eparticipation.data.generator import (
    ASSUMPTIONS, SYNTHETIC_LABEL, TOPICS, assumptions_table, generate_consultation, load_text_bank,
)
from eparticipation.paths import data_path


@pytest.fixture(scope="module")
def small():
    return generate_consultation(6_000, seed=11)


def test_same_seed_same_tables_other_seed_other_tables(small):
    again = generate_consultation(6_000, seed=11)
    pd.testing.assert_frame_equal(small[0], again[0])
    pd.testing.assert_frame_equal(small[1], again[1])
    other = generate_consultation(6_000, seed=12)
    assert not small[1]["text_id"].equals(other[1]["text_id"])


def test_n_counts_submissions_and_everyone_submits(small):
    participants, submissions = small
    assert len(submissions) == 6_000
    assert len(participants) == 2_000
    assert set(submissions["participant_id"]) == set(participants["participant_id"])
    assert submissions["submission_id"].is_monotonic_increasing and submissions["submitted_at"].is_monotonic_increasing


def test_everything_is_labelled_synthetic(small):
    for frame in small:
        assert (frame["data_label"] == SYNTHETIC_LABEL).all()
        assert frame.attrs["synthetic"] is True and "SYNTHETIC" in frame.attrs["title"]


def test_participation_is_unrepresentative_in_the_intended_direction(small):
    participants, _ = small
    shares = region_population_shares()
    sample = participants["region"].value_counts(normalize=True)
    assert sample["Baku"] > 1.5 * shares["Baku"]
    assert sample["East Zangezur"] < shares["East Zangezur"]
    assert (participants["gender"] == "male").mean() > 0.55
    young = participants["age_band"].isin(["18-24", "25-34"]).mean()
    assert young > 0.45
    assert set(participants["region"].cat.categories) == set(REGION_NAMES)


def test_texts_match_their_topic_and_language(small):
    participants, submissions = small
    bank = load_text_bank().set_index("text_id")
    drawn = bank.loc[submissions["text_id"].astype(str)]
    assert (drawn["topic"].to_numpy() == submissions["topic"].astype(str).to_numpy()).all()
    assert (drawn["stance"].to_numpy() == submissions["stance"].astype(str).to_numpy()).all()
    language = submissions.merge(participants, on="participant_id")["preferred_language"]
    assert ((language == "az") == (submissions["language"] == "az").to_numpy()).all()


def test_response_dates_only_for_responses_and_after_submission(small):
    _, s = small
    responded = s["response_status"] == "responded"
    assert s.loc[responded, "response_date"].notna().all() and s.loc[~responded, "response_date"].isna().all()
    assert (s.loc[responded, "response_date"] > s.loc[responded, "submitted_at"]).all()
    assert (s.loc[s["moderation_status"] != "published", "support_votes"] == 0).all()


def test_text_bank_meets_the_brief():
    bank = load_text_bank()
    assert bank["text"].nunique() == len(bank) >= 240
    assert set(bank["language"]) == {"az", "en"} and set(bank["topic"]) == set(TOPICS)
    assert 0.12 <= bank["ambiguous"].mean() <= 0.18
    ambiguous = bank[bank["ambiguous"]]
    assert (ambiguous["alt_topic"].notna() | ambiguous["alt_stance"].notna()).all()
    assert (ambiguous["alt_topic"].fillna("") != ambiguous["topic"]).all()
    assert (bank["needs_native_review"] == (bank["language"] == "az")).all()
    az = bank[bank["language"] == "az"]["text"]
    assert az.str.contains("[əğıöüçş]").mean() > 0.95
    assert (bank.groupby(["topic", "language"]).size() >= 15).all()


def test_assumptions_are_complete_and_committed_copy_is_current(tmp_path):
    table = assumptions_table()
    assert set(table["status"]) == {"ASSUMED", "SOURCED"}
    assert (table["reasoning"].str.len() > 20).all()
    write_csv(table, tmp_path / "a.csv")
    assert filecmp.cmp(tmp_path / "a.csv", data_path("sample-consultation", "assumptions.csv"), shallow=False)
    # data/assumptions.csv starts with the generator's rows; exercises' parameters follow (data.assumptions)
    generated = (tmp_path / "a.csv").read_text(encoding="utf-8")
    assert data_path("assumptions.csv").read_text(encoding="utf-8").startswith(generated)
    assert len(ASSUMPTIONS) == len(table)


def test_committed_sample_is_exactly_what_the_generator_writes(tmp_path):
    participants, submissions = generate_consultation(SAMPLE_SUBMISSIONS, seed=SAMPLE_SEED)
    write_consultation(participants, submissions, tmp_path)
    for name in ("participants.csv", "submissions.csv", "text_bank.csv", "datapackage.json"):
        assert filecmp.cmp(tmp_path / name, data_path("sample-consultation", name), shallow=False), name


def test_sample_loads_with_text_and_workshop_size():
    sample = load_sample_consultation()
    assert len(sample.submissions) == 15_000 and 4_500 <= len(sample.participants) <= 5_500
    assert sample.submissions["text"].notna().all()
    folder_size = sum(p.stat().st_size for p in data_path("sample-consultation").iterdir())
    assert folder_size < 5_000_000


def test_generated_folder_round_trips(tmp_path):
    participants, submissions = generate_consultation(300, seed=5)
    loaded = load_consultation(write_consultation(participants, submissions, tmp_path))
    assert (loaded.submissions["submitted_at"].to_numpy() == submissions["submitted_at"].to_numpy()).all()
    assert loaded.submissions["support_votes"].tolist() == submissions["support_votes"].tolist()
    assert loaded.participants["region"].astype(str).tolist() == participants["region"].astype(str).tolist()


def test_assumption_note_names_only_assumed_parameters():
    from eparticipation.data.generator import assumption_note

    note = assumption_note("region_participation_propensity", "region_population_share")
    assert "ASSUMED parameters: region_participation_propensity (" in note and "SYNTHETIC" in note
    assert "ASSUMED" not in assumption_note("region_population_share")
    with pytest.raises(KeyError):
        assumption_note("no_such_parameter")


def test_submissions_with_participants_keeps_every_submission():
    sample = load_sample_consultation()
    joined = sample.submissions_with_participants()
    assert len(joined) == len(sample.submissions)
    assert joined["region"].notna().all() and (joined["channel"] == sample.submissions["channel"]).all()


def test_every_public_name_of_the_data_package_resolves():
    import eparticipation.data as data

    for name in data.__all__:  # each name is the object its module defines, not a stand-in
        module = importlib.import_module(f"eparticipation.data.{data._EXPORTS[name]}")
        assert getattr(data, name) is getattr(module, name), name
    with pytest.raises(AttributeError):
        data.no_such_loader
