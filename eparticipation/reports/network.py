"""The group's network view in the participants' language: the chart (notebook) and the dashboard part.

The network itself is `analysis.network` (pure); the figure is `charts.network`; this module words
them in Azerbaijani or English.
"""

from __future__ import annotations

from eparticipation import i18n
from eparticipation.analysis.network import Network, group_network
from eparticipation.charts import CourseChart
from eparticipation.charts.network import MAX_SHOWN, NetworkTexts, network_chart
from eparticipation.workbook.document import Block, Figure, Heading, Para, Table

TOP = 5  # organisations named in the summary


def network_summary(network: Network, lang: str) -> str:
    text = i18n.t("network.summary", lang, participants=len(network.participants),
                  organisations=len(network.organisations), shared=len(network.shared))
    if network.shared:
        top = ", ".join(f"{o} ({len(network.named_by[o])})" for o in network.shared[:TOP])
        text += " " + i18n.t("network.summary_shared", lang, top=top)
        text += " " + i18n.t("network.pairs", lang, pairs=len(network.participant_pairs()))
    else:
        text += " " + i18n.t("network.summary_none", lang)
    return text


def network_view(network: Network, lang: str, *, max_shown: int = MAX_SHOWN) -> CourseChart:
    """The network chart with its text summary, in `lang`."""
    lang = i18n.normalise(lang)
    texts = NetworkTexts(title=i18n.t("network.title", lang), participants=i18n.t("network.participant", lang),
                         organisations=i18n.t("network.organisation", lang), summary=network_summary(network, lang))
    return network_chart(network, texts, max_shown=max_shown)


def network_blocks(labelled: list[tuple[str, object]], lang: str, *, names: bool = False) -> list[Block]:
    """The dashboard's network part: chart, summary and the organisations several participants name."""
    network = group_network(labelled, institutions=names)
    blocks: list[Block] = [Heading(i18n.t("network.title", lang), 2)]
    if not network.organisations:
        return blocks + [Para(i18n.t("network.empty", lang))]
    chart = network_view(network, lang)
    blocks += [Para(i18n.t("network.intro", lang)), Figure(chart.figure, chart.summary)]
    if network.shared:
        blocks.append(Table(header=(i18n.t("network.organisation", lang), i18n.t("network.named_by", lang)),
                            rows=tuple((o, ", ".join(network.named_by[o])) for o in network.shared)))
    return blocks
