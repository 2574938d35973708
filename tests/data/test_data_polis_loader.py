import pandas as pd
import pytest

from eparticipation.data.polis import POLIS_ATTRIBUTION, SHIPPED_CONVERSATIONS, load_polis_export
from eparticipation.errors import CourseDataError
from eparticipation.paths import data_path
from polis_helpers import as_current_export, make_polis_folder


@pytest.mark.parametrize("name", SHIPPED_CONVERSATIONS)
def test_shipped_conversations_load_with_latest_vote_per_pair(name):
    export = load_polis_export(data_path("consultations", name))
    raw = pd.read_csv(data_path("consultations", name, "votes.csv"))
    assert export.n_vote_events == len(raw)
    assert len(export.votes) == len(raw.drop_duplicates(["comment-id", "voter-id"]))
    assert not export.votes.duplicated(["participant", "comment_id"]).any()
    # unique pairs equal the sum of n-votes in participants-votes.csv (PROVENANCE.md §2.1)
    assert len(export.votes) == int(export.participants_votes["n-votes"].sum())
    assert "CC BY 4.0" in export.attribution and "compdemocracy.org/case-studies" in export.attribution


def test_latest_vote_wins_even_when_rows_are_out_of_order(tmp_path):
    folder = make_polis_folder(tmp_path / "c", n_participants=4, n_comments=3)
    votes = pd.read_csv(folder / "votes.csv")
    first = votes.iloc[0]
    changed = pd.DataFrame([{**first.to_dict(), "timestamp": first["timestamp"] + 10**9, "vote": -first["vote"] or 1},
                            {**first.to_dict(), "timestamp": first["timestamp"] - 5, "vote": 0}])
    pd.concat([changed, votes]).to_csv(folder / "votes.csv", index=False)
    export = load_polis_export(folder)
    row = export.votes[(export.votes.participant == first["voter-id"]) & (export.votes.comment_id == first["comment-id"])]
    assert row["vote"].item() == (-first["vote"] or 1)


def test_utf8_bom_and_semicolons_are_read(tmp_path):
    folder = make_polis_folder(tmp_path / "c", texts={0: "Bakı üçün şəffaflıq — çox önəmlidir"})
    comments = pd.read_csv(folder / "comments.csv")
    (folder / "comments.csv").write_bytes(b"\xef\xbb\xbf" + comments.to_csv(index=False, sep=";").encode("utf-8"))
    export = load_polis_export(folder)
    assert export.comments.loc[0, "text"] == "Bakı üçün şəffaflıq — çox önəmlidir"
    assert list(export.comments["comment_id"]) == list(comments["comment-id"])


def test_windows_1251_is_refused_with_the_row(tmp_path):
    folder = make_polis_folder(tmp_path / "c", texts={2: "Прозрачность бюджета"})
    text = (folder / "comments.csv").read_text(encoding="utf-8")
    (folder / "comments.csv").write_bytes(text.encode("cp1251"))
    with pytest.raises(CourseDataError) as error:
        load_polis_export(folder)
    assert error.value.row == 4 and "UTF-8" in str(error.value)


def test_vote_for_unknown_comment_names_the_row(tmp_path):
    folder = make_polis_folder(tmp_path / "c")
    votes = pd.read_csv(folder / "votes.csv")
    votes.loc[5, "comment-id"] = 999
    votes.to_csv(folder / "votes.csv", index=False)
    with pytest.raises(CourseDataError) as error:
        load_polis_export(folder)
    assert (error.value.row, error.value.column) == (7, "comment-id")
    assert "999" in error.value.problem


def test_optional_files_may_be_absent(tmp_path):
    export = load_polis_export(make_polis_folder(tmp_path / "c"))
    assert export.participants_votes is None and export.summary == {}
    assert export.attribution == POLIS_ATTRIBUTION.format(case_study_url="(case study URL)")


def test_current_export_file_names_and_second_timestamps_are_read(tmp_path):
    source = data_path("consultations", "london.youth.policing")
    shipped = load_polis_export(source)
    current = load_polis_export(as_current_export(source, tmp_path / "export"))
    key = ["participant", "comment_id"]
    pd.testing.assert_frame_equal(
        current.votes.drop(columns="timestamp").sort_values(key).reset_index(drop=True),
        shipped.votes.drop(columns="timestamp").sort_values(key).reset_index(drop=True),
    )
    assert current.n_vote_events == shipped.n_vote_events
    assert current.participants_votes is not None and current.summary == shipped.summary


def test_two_exports_in_one_folder_are_refused_by_name(tmp_path):
    folder = as_current_export(data_path("consultations", "london.youth.policing"), tmp_path / "export")
    (folder / "2025-09-01-1200-abcdefgh-votes.csv").write_bytes((folder / "2025-08-29-0002-7btrabcujr-votes.csv").read_bytes())
    with pytest.raises(CourseDataError) as error:
        load_polis_export(folder)
    assert "2025-09-01-1200-abcdefgh-votes.csv" in error.value.problem and "one Pol.is export per folder" in error.value.fix


def _without_votes_csv(tmp_path, name="scoop-hivemind.affordable-housing"):
    """A shipped conversation as older exports come: comments.csv and participants-votes.csv, no votes.csv."""
    folder = tmp_path / name
    folder.mkdir()
    for file in ("comments.csv", "participants-votes.csv", "summary.csv"):
        (folder / file).write_bytes(data_path("consultations", name, file).read_bytes())
    return folder


def test_without_votes_csv_the_final_votes_come_from_participants_votes(tmp_path):
    shipped = load_polis_export(data_path("consultations", "scoop-hivemind.affordable-housing"))
    older = load_polis_export(_without_votes_csv(tmp_path))
    assert older.votes_file == "participants-votes.csv" and shipped.votes_file == "votes.csv"
    key = ["participant", "comment_id"]
    pd.testing.assert_frame_equal(older.votes[key + ["vote"]], shipped.votes[key + ["vote"]])
    assert (older.votes["timestamp"] == 0).all() and older.n_vote_events == len(older.votes)


def test_votes_from_participants_votes_never_read_the_group_id(tmp_path):
    folder = _without_votes_csv(tmp_path)
    table = pd.read_csv(folder / "participants-votes.csv")
    before = load_polis_export(folder).votes
    table["group-id"] = table["group-id"].fillna(0).astype(int).map({0: 1, 1: 0})
    table.to_csv(folder / "participants-votes.csv", index=False)
    pd.testing.assert_frame_equal(load_polis_export(folder).votes, before)


def test_a_bad_vote_in_participants_votes_names_the_statement(tmp_path):
    folder = _without_votes_csv(tmp_path)
    table = pd.read_csv(folder / "participants-votes.csv")
    table.loc[3, "12"] = 2
    table.to_csv(folder / "participants-votes.csv", index=False)
    with pytest.raises(CourseDataError) as error:
        load_polis_export(folder)
    assert "has the vote 2 on statement 12" in error.value.problem and error.value.column == "12"


def test_neither_votes_nor_participants_votes_says_votes_csv_is_missing(tmp_path):
    folder = make_polis_folder(tmp_path / "c")
    (folder / "votes.csv").unlink()
    with pytest.raises(CourseDataError, match="does not exist") as error:
        load_polis_export(folder)
    assert str(error.value.file).endswith("votes.csv")
