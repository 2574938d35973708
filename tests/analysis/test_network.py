import plotly.graph_objects as go

import eparticipation.worksheets  # noqa: F401  (registers every workbook section)
from eparticipation.analysis.network import build_network, group_network, name_key, workbook_organisations
from eparticipation.reports.dashboard import Collected, dashboard_html
from eparticipation.reports.network import network_blocks, network_view
from eparticipation.workbook.bundle import Workbook
from eparticipation.workbook.models import Profile
from eparticipation.worksheets.next_steps import Action, NextSteps, worked_example


def test_names_match_across_case_and_spaces_but_keep_azerbaijani_letters():
    assert name_key("  Ədliyyə   Nazirliyi ") == name_key("ədliyyə nazirliyi") == "ədliyyə nazirliyi"
    assert name_key("İQTİSADİYYAT") == name_key("iqtisadiyyat")
    assert name_key("Ədliyyə") != name_key("Edliyye") and name_key("Sığorta") != name_key("Sigorta")


def test_network_links_participants_through_shared_organisations():
    network = build_network([("P1", ["Agency A", "Ministry B", "agency  a"]), ("P2", ["AGENCY A", "Network C"]),
                             ("P3", ["ministry b", "Agency A"]), ("P4", [])])
    assert network.participants == ("P1", "P2", "P3", "P4")
    assert network.organisations == ("Agency A", "Ministry B", "Network C")  # most named first; first spelling
    assert network.named_by["Agency A"] == ("P1", "P2", "P3")  # P1 named it twice: counted once
    assert network.shared == ["Agency A", "Ministry B"]
    assert network.participant_pairs() == {("P1", "P2"): ("Agency A",), ("P1", "P3"): ("Agency A", "Ministry B"),
                                           ("P2", "P3"): ("Agency A",)}
    assert len(network.links) == 6


def test_every_registered_section_and_the_profile_are_read():
    steps = NextSteps(actions=[Action(what="x", owner="Owner Unit")], partners=["Partner"])
    names = workbook_organisations({"profile": Profile(institution="Home Ministry"), "next_steps": steps})
    assert names == ["Home Ministry", "Owner Unit", "Partner"]
    assert workbook_organisations({"profile": Profile(institution="Home Ministry")}, institutions=False) == []
    wb = Workbook(profile=Profile(alias="A", institution="Home Ministry"), sections={"next_steps": steps})
    assert group_network([("P1", wb)], institutions=False).organisations == ("Owner Unit", "Partner")


def test_chart_is_deterministic_and_summarised_in_both_languages():
    network = build_network([("P1", ["Agency A", "B"]), ("P2", ["Agency A"])])
    first, second = network_view(network, "en"), network_view(network, "en")
    assert first.figure.to_json() == second.figure.to_json()
    go.Figure(first.figure)  # valid plotly
    assert "2 participants name 2 institutions" in first.summary and "Agency A (2)" in first.summary
    assert "iştirakçı" in network_view(network, "az").summary
    dashes = {trace.line.dash for trace in first.figure.data if trace.mode == "lines"}
    assert dashes == {"dot", "solid"}  # print: shared and single links differ without colour


def test_dashboard_shows_the_network_of_the_worked_examples():
    workbooks = [(f"P{n}", Workbook(profile=Profile(alias=f"A{n}"), sections={"next_steps": worked_example("en")}))
                 for n in (1, 2)]
    blocks = network_blocks(workbooks, "en")
    assert blocks[-1].rows[0][1] == "P1, P2"
    page = dashboard_html(Collected([(f"f{n}.json", wb) for n, (_l, wb) in enumerate(workbooks)], []), lang="en")
    assert "Who the group named" in page and page.count("plotly.js v") <= 1
    assert network_blocks([], "en")[-1].text.startswith("No shared workbook")
