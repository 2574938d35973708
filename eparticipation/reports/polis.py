"""A self-contained HTML report of a Pol.is conversation for facilitators (opens with no network).

All text from the conversation is HTML-escaped; charts carry no conversation text (only numbers
and statement ids), so nothing a participant wrote can reach a script or an attribute.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from eparticipation import charts
from eparticipation.analysis.opinion_groups import (
    OpinionGroups,
    consensus_statements,
    divisive_statements,
    find_opinion_groups,
)
from eparticipation.analysis.split_stability import RESAMPLE_FRACTION, RESAMPLES
from eparticipation.data.export import write_csv
from eparticipation.data.polis import PolisExport
from eparticipation.errors import CourseDataError


@dataclass(frozen=True)
class PolisReport:
    html: str
    groups: pd.DataFrame  # participant, group (one row per clustered participant; empty if no groups)
    opinion_groups: OpinionGroups | None
    why_no_groups: str | None


def build_polis_report(export: PolisExport, *, seed: int = 0) -> PolisReport:
    """The report's HTML and the groups table. Never raises for "too few voters": it says so instead."""
    charts.setup()
    try:
        groups = find_opinion_groups(export, seed=seed)
        why_not = None
    except CourseDataError as error:
        groups, why_not = None, error.problem
    e = html.escape
    n_voters = export.votes["participant"].nunique()
    active = export.comments[export.comments["moderated"] != -1]
    parts = [
        f"<h1>Pol.is conversation report: {e(export.topic)}</h1>",
        f"<p class='meta'>Folder <code>{e(export.name)}</code> · {n_voters:,} voters · {len(active):,} statements in the "
        f"analysis ({len(export.comments) - len(active):,} moderated out and excluded) · {export.n_vote_events:,} vote events "
        f"({len(export.votes):,} after keeping each participant's latest vote per statement).</p>",
    ]
    if groups is None:
        parts.append(f"<div class='warning'><strong>No opinion groups.</strong> {e(why_not.capitalize())}</div>")
        parts.append(_overall_table(export))
        table = pd.DataFrame(columns=["participant", "group"])
    else:
        table = groups.clustered[["participant", "group"]].reset_index(drop=True)
        sizes = ", ".join(f"group {g}: {n}" for g, n in groups.group_sizes.items())
        parts.append(
            f"<h2>Opinion groups</h2><p>{len(groups.clustered):,} participants voted on enough statements to be grouped; "
            f"Pol.is-style clustering found <strong>{groups.k} groups</strong> ({e(sizes)}). "
            f"The two axes explain {100 * sum(groups.explained_variance):.0f}% of the variation in votes.</p>"
        )
        if groups.caution:
            parts.append(f"<div class='warning'>{e(groups.caution)}</div>")
        parts.append(_stability_html(groups))
        parts.append(charts.figure_html(_map_figure(groups), include_plotlyjs=True))
        consensus = consensus_statements(export, groups)
        divisive = divisive_statements(export, groups)
        parts.append("<h2>Where the groups agree (group-aware consensus)</h2>")
        parts.append("<p>Statements that every group tends to agree with (or every group rejects). "
                     "Score = typical share agreeing across groups, smoothed (Pol.is: ∏ (A+1)/(S+2)).</p>")
        parts.append(_statement_table(consensus, groups, score="consensus", extra="direction"))
        parts.append("<h2>What divides the groups</h2>")
        if not groups.stability.stable:
            parts.append("<p class='fragile'><strong>The groups are fragile:</strong> with a slightly different set of "
                         "participants this table could look quite different. Read the consensus statements above instead.</p>")
        parts.append("<p>Statements with the largest gap in agreement between groups; "
                     "'most agreed by' names the group that agrees most.</p>")
        parts.append(_statement_table(divisive, groups, score="spread", extra="representative_of"))
        parts.append(charts.figure_html(_divisive_figure(divisive, groups), include_plotlyjs=False))
        parts.append(
            "<h2>How the groups were formed</h2><p>From comments.csv and votes.csv only: vote matrix (latest vote wins; "
            "moderated-out statements carry no weight), missing votes replaced by each statement's mean, PCA to two "
            "components, sparsity-aware scaling, k-means into up to 100 base clusters and then into 2–5 groups, the number "
            "chosen by silhouette (a larger number only when clearly better). Each participant's group is the one most of "
            f"{RESAMPLES} re-runs on random {RESAMPLE_FRACTION:.0%} samples of the participants agree on; the stability "
            "verdict comes from re-running the whole method, opinion map included, on other such samples. "
            "Pol.is's own group-id in participants-votes.csv is not used.</p>"
            # Measured by benchmarks/bench_opinion_groups.py (book/data.md): membership can differ from Pol.is's
            # own screen, while the consensus statements mostly agree; the reader should know which to trust.
            "<p>Read the groups as one reasonable split of the votes, not a fixed fact about people: Pol.is builds its "
            "groups step by step as votes arrive, so its own screen may show a different split of the same votes. "
            "The consensus statements change least between such splits.</p>"
        )
    parts.append(f"<footer><p>{e(export.attribution)}</p></footer>")
    return PolisReport(html=_page(f"Pol.is report: {export.topic}", "\n".join(parts)), groups=table, opinion_groups=groups, why_no_groups=why_not)


def _stability_html(groups: OpinionGroups) -> str:
    """The stability verdict: a plain paragraph when stable, a warning box when fragile."""
    text = html.escape(groups.stability.explanation)
    if groups.stability.stable:
        return f"<p class='stability'><strong>How stable is this split?</strong> {text}</p>"
    return f"<div class='warning stability'><strong>How stable is this split?</strong> {text}</div>"


def write_polis_report(export: PolisExport, out: str | Path, *, seed: int = 0) -> tuple[PolisReport, Path, Path]:
    """Write the HTML report and, beside it, `groups.csv` (participant, group)."""
    out = Path(out)
    report = build_polis_report(export, seed=seed)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report.html, encoding="utf-8")
    groups_path = write_csv(report.groups, out.with_name("groups.csv"))
    return report, out, groups_path


def _map_figure(groups: OpinionGroups) -> go.Figure:
    fig = go.Figure()
    for i, (name, members) in enumerate(groups.clustered.groupby("group")):
        fig.add_trace(go.Scattergl(
            x=members["x"], y=members["y"], mode="markers", name=f"Group {name} ({len(members)})",
            marker=dict(color=charts.PALETTE[i % len(charts.PALETTE)], size=6, opacity=0.7),
            hovertemplate="participant %{customdata}<extra></extra>", customdata=members["participant"],
        ))
    fig.update_layout(title="Opinion map: each dot is a participant, placed by how they voted",
                      xaxis_title="first component", yaxis_title="second component")
    return fig


def _divisive_figure(divisive: pd.DataFrame, groups: OpinionGroups) -> go.Figure:
    fig = go.Figure()
    labels = [f"#{int(c)}" for c in divisive["comment_id"]]
    for i, name in enumerate(groups.group_sizes.index):
        fig.add_trace(go.Bar(x=labels, y=100 * divisive[f"agree_{name}"], name=f"Group {name}",
                             marker_color=charts.PALETTE[i % len(charts.PALETTE)]))
    fig.update_layout(title="Share agreeing with the most divisive statements, by group (%)", barmode="group",
                      xaxis_title="statement id (text in the table above)", yaxis_title="% agreeing", yaxis_range=[0, 100])
    return fig


def _statement_table(table: pd.DataFrame, groups: OpinionGroups, *, score: str, extra: str) -> str:
    e = html.escape
    names = list(groups.group_sizes.index)
    head = "".join(f"<th>% agree {e(n)}</th>" for n in names)
    extra_head = "direction" if extra == "direction" else "most agreed by"
    rows = []
    for _, row in table.iterrows():
        cells = "".join(f"<td class='num'>{_percent(row[f'agree_{n}'])}</td>" for n in names)
        rows.append(f"<tr><td class='num'>{int(row['comment_id'])}</td><td>{e(str(row['text']))}</td>"
                    f"<td class='num'>{row[score]:.2f}</td><td>{e(str(row[extra]))}</td>{cells}</tr>")
    if not rows:
        return "<p>No statement was seen often enough by every group.</p>"
    return (f"<table><thead><tr><th>#</th><th>statement</th><th>{score}</th><th>{extra_head}</th>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def _percent(share) -> str:
    return "" if pd.isna(share) else f"{100 * share:.0f}"


def _overall_table(export: PolisExport, top: int = 15) -> str:
    e = html.escape
    votes = export.votes[export.votes["comment_id"].isin(export.active_comment_ids)]
    summary = votes.groupby("comment_id")["vote"].agg(seen="size", agree=lambda v: (v == 1).mean(), disagree=lambda v: (v == -1).mean())
    summary = summary.join(export.comments.set_index("comment_id")["text"]).sort_values("seen", ascending=False).head(top)
    rows = "".join(
        f"<tr><td class='num'>{int(cid)}</td><td>{e(str(r['text']))}</td><td class='num'>{int(r['seen'])}</td>"
        f"<td class='num'>{100 * r['agree']:.0f}</td><td class='num'>{100 * r['disagree']:.0f}</td></tr>"
        for cid, r in summary.iterrows()
    )
    return ("<h2>Most-voted statements (all voters)</h2><table><thead><tr><th>#</th><th>statement</th><th>votes</th>"
            f"<th>% agree</th><th>% disagree</th></tr></thead><tbody>{rows}</tbody></table>")


_STYLE = """
body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{border:1px solid #ccc;padding:.3rem .45rem;vertical-align:top}
th{background:#f2f2f2;text-align:left}td.num{text-align:right;white-space:nowrap}
.warning{background:#fff4e5;border-left:4px solid #E69F00;padding:.6rem .9rem;margin:1rem 0}
.meta{color:#555}footer{margin-top:2.5rem;font-size:.85rem;color:#555;border-top:1px solid #ccc}
"""


def _page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>\n{body}\n</body></html>\n"
    )
