"""The worksheets: what each exercise asks, and how its answers are judged and kept.

A worksheet is an exercise without its screen: the questions (texts in the i18n catalogues), the
typed answer model (pydantic), the pure feedback rules, the rendering of its workbook section for
the strategy draft (Word, Markdown, canvas) and for the facilitator's dashboard, and its
`SECTION`. Nothing here imports ipywidgets, so the workbook, the exports, the dashboard, the analysis
and printable copies use a worksheet without its widget; `eparticipation.exercises` puts each one on
screen.

Importing this package registers every worksheet's section with the workbook. A new exercise adds
its worksheet module and one line to `COURSE_SECTIONS` (in session order).
"""

from eparticipation.workbook import sections
from eparticipation.worksheets import (channel_mix, coding, epi_levels, framework_map, implementation_plan, lessons,
                                       me_plan, next_steps, outreach, peer_reviews, profile, readiness,
                                       response_commitments, strategy_design)

COURSE_SECTIONS = (
    profile.SECTION,
    epi_levels.SECTION,
    readiness.SECTION,
    framework_map.SECTION,
    lessons.SECTION,
    outreach.SECTION,
    channel_mix.SECTION,
    coding.SECTION,
    response_commitments.SECTION,
    strategy_design.SECTION,
    implementation_plan.SECTION,
    me_plan.SECTION,
    next_steps.SECTION,
    peer_reviews.SECTION,  # Session 12's second section: reviews others wrote (see test_session_recipe)
)

for _section in COURSE_SECTIONS:
    sections.register(_section)
