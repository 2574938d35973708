"""Consultation analytics on 100,000 and 1,000,000 generated (SYNTHETIC) submissions.

Prints the time and peak Python memory (tracemalloc) of each step, the totals and the ratio
time(1M) / time(100k). Goals from the issue: 1M in ≤ 10 s total and ≤ 2 GB peak; ratio ≤ 12.

    python benchmarks/bench_analytics.py            # both sizes
    python benchmarks/bench_analytics.py 100000     # one size
"""

from __future__ import annotations

import resource
import sys
import time
import tracemalloc

import numpy as np
import pandas as pd


def run(n: int, seed: int = 2030) -> dict[str, tuple[float, float]]:
    from eparticipation.analysis import consultation as an
    from eparticipation.data.context import region_population_shares
    from eparticipation.data.generator import generate_consultation, load_text_bank

    population = region_population_shares()
    bank = load_text_bank()
    state: dict = {}

    def generate():
        state["p"], state["s"] = generate_consultation(n, seed=seed, population_shares=population)

    def participation():
        p, s = state["p"], state["s"]
        for column in ("region", "channel", "age_band", "gender", "settlement", "preferred_language"):
            an.participation_by(p, column)
        an.participation_by(s, ["channel", "submission_type"])

    def representativeness():
        ratios = an.representation_ratios(state["p"], population)
        state["index"] = an.representativeness_index(ratios)

    def weights():
        p, s = state["p"], state["s"]
        w = an.post_stratification_weights(p, population)
        per_submission = w.to_numpy()[s["participant_id"].to_numpy() - 1]  # ids are 1..n, so index directly
        an.weighted_shares(s, "topic", pd.Series(per_submission))

    def session5_weighting():
        # Session 5: the consultation at a glance, the outreach projection (share_ratios), group
        # representation before and after weighting, region x age-band cell weights and their cost
        # (effective sample size, cell table), and the topic ranking before and after weighting.
        from eparticipation.data.consultation import adult_age_shares, group_benchmarks

        p, s = state["p"], state["s"]
        an.at_a_glance(p, s)
        an.representativeness_index(an.share_ratios(population.round(3) * 100, population))
        an.groups_before_after(p, group_benchmarks(), an.post_stratification_weights(p, population))
        cells = an.post_stratification_weights(p, an.joint_shares(population, adult_age_shares()), ["region", "age_band"])
        an.weight_diagnostics(cells)
        an.cell_table(p, cells, ["region", "age_band"])
        per_submission = an.submission_weights(s, p, cells)
        an.weighted_ranking(s, "topic", per_submission, an.effective_sample_size(cells))

    def topics_keywords():
        s = state["s"]
        an.topic_summary(s)
        usage = s["text_id"].value_counts().reindex(bank["text_id"], fill_value=0).to_numpy()
        an.keyword_summary(bank["text"], weights=usage, top=25)

    def responses():
        s = state["s"]
        an.response_tracking(s)
        an.response_tracking(s, "channel")
        an.response_tracking(s, "topic")
        an.weekly_activity(s)

    def channels():  # Session 6: who each channel reached
        from eparticipation.analysis import channels as ch

        p = state["p"]
        for column in ("settlement", "region", "age_band", "gender"):
            ch.channel_profile(p, column)
            ch.assisted_share(p, column)

    def feedback_loop():  # Session 8: working days to response, the standard, the curve, the statuses
        p, s = state["p"], state["s"]
        region = p["region"].to_numpy()[s["participant_id"].to_numpy() - 1]  # ids are 1..n, so index directly
        s = s.assign(region=region)
        an.response_standard(s, 15)
        for by in ("topic", "channel", "region"):
            an.response_standard(s, 15, by=by)
        an.answered_within_curve(s)
        an.loop_status_by(s, "channel")
        an.open_working_days(s)

    def monitoring_targets():  # Session 11: baseline, best channel and realistic limit of each target
        from eparticipation.analysis.monitoring import target_benchmarks
        from eparticipation.data.context import region_population_shares

        target_benchmarks(state["s"], state["p"], region_population_shares())

    def coding_agreement():
        # Session 7: n codings of the text bank by 5 coders (n / 5 comments each, codes drawn at random),
        # pooled per dimension: pairwise Cohen's kappa, Fleiss' kappa and the comments coded differently.
        from eparticipation.analysis.coding_agreement import DIMENSIONS, pool_codings

        rng = np.random.default_rng(seed)
        comments = max(1, n // 5)
        codings = pd.DataFrame({
            "coder": np.repeat(np.arange(5), comments), "text_id": np.tile(np.arange(comments), 5),
            **{d: pd.Categorical.from_codes(rng.integers(0, len(codes), 5 * comments), codes)
               for d, codes in DIMENSIONS.items()}})
        for dimension in DIMENSIONS:
            pool_codings(codings, dimension)

    def owners_workload():  # Session 10: staff-days per week and channel, the summary and the busiest week
        from eparticipation.analysis import implementation as im

        weekly = im.weekly_workload(state["s"], *im.workload_parameters())
        im.workload_summary(weekly)
        im.busiest_week(weekly)

    results = {}
    for name, step in [("generate", generate), ("participation", participation), ("representativeness", representativeness),
                       ("post-stratification", weights), ("s5 weighting", session5_weighting),
                       ("topics+keywords", topics_keywords), ("response tracking", responses),
                       ("channel reach (s06)", channels),
                       ("feedback loop (s08)", feedback_loop), ("coding agreement", coding_agreement),
                       ("owners' workload (s10)", owners_workload), ("M&E targets (s11)", monitoring_targets)]:
        tracemalloc.start()
        t0 = time.perf_counter()
        step()
        elapsed = time.perf_counter() - t0
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        results[name] = (elapsed, peak / 1e6)
    return results


def main(sizes: list[int]) -> None:
    run(1_000)  # warm-up: imports (scikit-learn alone takes seconds) and first-call caches are not analytics time
    totals = {}
    for n in sizes:
        results = run(n)
        analytics = sum(t for name, (t, _) in results.items() if name != "generate")
        total = sum(t for t, _ in results.values())
        totals[n] = (analytics, total)
        print(f"\n== {n:,} submissions ==")
        print(f"{'step':<22}{'time (s)':>10}{'peak MB':>10}")
        for name, (t, m) in results.items():
            print(f"{name:<22}{t:>10.3f}{m:>10.1f}")
        print(f"{'analytics total':<22}{analytics:>10.3f}")
        print(f"{'total incl. generate':<22}{total:>10.3f}")
    print(f"\nprocess max RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    if len(totals) == 2:
        small, large = sorted(totals)
        print(f"ratio time({large:,})/time({small:,}): analytics {totals[large][0] / totals[small][0]:.1f}, "
              f"incl. generate {totals[large][1] / totals[small][1]:.1f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100_000, 1_000_000])
