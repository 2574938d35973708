"""The built website, page by page, in headless Chromium with the network cut off.

For every page: no console error, no failed or blocked request, every plotly chart drew its SVG and
every widget snapshot rendered; on a phone-sized screen no page scrolls sideways. Screenshots of a
chart page, a map page and an exercise page are kept in tests/artifacts/ for people to look at.

The facilitator guide prints (Chromium's print-to-PDF, with the print stylesheet in course.css): no
navigation chrome (header, side bars, search, previous/next links, footer), web links print their address,
and each page stays within a bound on its number of A4 pages; the PDFs are kept in tests/artifacts/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser

CHART_PAGE_LIMIT = 300 * 1024  # bytes of HTML, the shared plotly.js excluded


def site_pages(site: Path) -> list[str]:
    skip = {"genindex.html", "search.html"}
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if "_static" not in p.parts and "_sources" not in p.parts and p.name not in skip
    )


def check_page(browser, page_watch, url: str, screenshot: Path | None = None) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watch = page_watch(context)
    page = context.new_page()
    watch.attach(page)
    page.goto(url, wait_until="load")
    widget_views = page.locator('script[type="application/vnd.jupyter.widget-view+json"]')
    charts = page.locator(".plotly-graph-div")
    late = []

    def wait(what: str, condition: str) -> None:
        try:
            page.wait_for_function(condition, timeout=20000)
        except PlaywrightTimeout:
            late.append(f"{what} within 20 s")

    if widget_views.count():
        wait("widget snapshots did not render",
             """() => [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')]
                  .every(s => s.previousElementSibling && s.previousElementSibling.classList.contains('widget-subarea')
                              && s.previousElementSibling.childElementCount > 0)""")
    # Counted after the widgets: charts inside exercise widgets appear only once they have rendered.
    if charts.count():
        wait("charts did not draw",
             "() => [...document.querySelectorAll('.plotly-graph-div')].every(d => d.querySelector('.main-svg'))")
    page.wait_for_load_state("networkidle")
    result = {
        "charts": charts.count(),
        "drawn": page.locator(".plotly-graph-div .main-svg").count(),
        "widget_views": widget_views.count(),
        "widgets_rendered": page.locator(".widget-subarea > *").count(),
        "map_shapes": page.locator(".plotly-graph-div path.js-fill").count(),
        "problems": watch.problems() + late,
    }
    if screenshot:
        page.screenshot(path=str(screenshot), full_page=True)
    context.close()
    return result


def test_every_page_renders_offline(browser, page_watch, built_site, site_url):
    pages = site_pages(built_site)
    assert "index.html" in pages and len(pages) >= 5
    report = {name: check_page(browser, page_watch, f"{site_url}/{name}") for name in pages}
    failures = {name: r["problems"] for name, r in report.items() if r["problems"]}
    assert not failures, f"pages with errors or outside requests: {failures}"
    undrawn = {n: r for n, r in report.items() if r["drawn"] < r["charts"]}
    assert not undrawn, f"charts that did not draw: {undrawn}"
    unrendered = {n: r for n, r in report.items() if r["widgets_rendered"] < r["widget_views"]}
    assert not unrendered, f"widget snapshots that did not render: {unrendered}"
    assert sum(r["charts"] for r in report.values()) >= 3, "the book should hold charts"
    heavy = {n: (built_site / n).stat().st_size for n, r in report.items()
             if r["charts"] and (built_site / n).stat().st_size >= CHART_PAGE_LIMIT}
    assert not heavy, f"chart pages over {CHART_PAGE_LIMIT} bytes (plotly.js excluded): {heavy}"
    assert any(r["map_shapes"] >= 14 for r in report.values()), "no page drew the 14 economic regions"
    assert sum(r["widget_views"] for r in report.values()) >= 2, "the book should hold widget snapshots"


def test_the_site_also_works_opened_from_a_folder(browser, page_watch, built_site):
    """A facilitator may copy _build/html to a USB stick and open index.html: file:// pages draw too."""
    for name in ("index.html", "notebooks/s01-concepts.html", "exercises/s02-readiness.html"):
        result = check_page(browser, page_watch, (built_site / name).as_uri())
        assert not result["problems"], (name, result["problems"])
        assert result["drawn"] >= result["charts"] and result["widgets_rendered"] >= result["widget_views"], name
    assert result["charts"] >= 1 and result["widget_views"] >= 1  # the exercise page has a chart and a form


def test_chart_map_and_exercise_pages_screenshots_and_weight(browser, page_watch, built_site, site_url, artifacts):
    chart_page = "notebooks/s00-getting-started.html"
    exercise_page = "exercises/s00-getting-started.html"
    chart = check_page(browser, page_watch, f"{site_url}/{chart_page}", artifacts / "chart-and-map-page.png")
    exercise = check_page(browser, page_watch, f"{site_url}/{exercise_page}", artifacts / "exercise-page.png")
    assert chart["charts"] >= 3 and chart["drawn"] >= chart["charts"] and chart["map_shapes"] >= 14
    # The chart inside the peer-explorer widget is drawn on the static site too.
    assert chart["widget_views"] >= 1 and chart["widgets_rendered"] >= 1
    assert exercise["widget_views"] >= 1 and exercise["widgets_rendered"] >= 1
    assert "This exercise needs JupyterLab" in (built_site / exercise_page).read_text(encoding="utf-8")
    assert not chart["problems"] and not exercise["problems"]
    weight = (built_site / chart_page).stat().st_size
    assert weight < CHART_PAGE_LIMIT, f"{chart_page} weighs {weight} bytes"
    # plotly.js is served once, from the site itself, never inlined into a page.
    assert (built_site / "_static" / "plotly.min.js").stat().st_size > 1_000_000
    html = (built_site / chart_page).read_text(encoding="utf-8")
    assert html.count("_static/plotly.min.js") == 1
    # No script or stylesheet is fetched from another site: every one is served from the book itself.
    assert not re.findall(r'<(?:script|link)\b[^>]*(?:src|href)="(?:https?:)?//', html)


PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def test_no_page_scrolls_sideways_on_a_phone(browser, page_watch, built_site, site_url):
    """Participants open the book on phones: long paths wrap, wide tables and forms scroll in their own box."""
    context = browser.new_context(**PHONE)
    page_watch(context)  # blocks anything that is not the local site
    page = context.new_page()
    too_wide = {}
    for name in site_pages(built_site):
        page.goto(f"{site_url}/{name}", wait_until="load")
        page.wait_for_load_state("networkidle")
        width = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if width[0] > width[1] + 1:
            too_wide[name] = width
    context.close()
    assert not too_wide, f"pages wider than a 390-px phone screen ([page width, screen width]): {too_wide}"


# Printing (the facilitator guide). In the same file as the checks above, so that one worker builds the
# site once for both (a second worker building into the same _build at the same time would clash).

# Page -> most A4 pages it may take. The session guide grows with Day 3's sessions; the bound leaves
# room for them while catching a stylesheet that prints menus or one table row per page.
PRINTED = {"book/facilitator-sessions.html": 80, "book/facilitator-guide.html": 8, "book/self-study.html": 6}
CHROME = (".bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .bd-header-article, .prev-next-area, "
          ".bd-footer, .bd-footer-article, .bd-search, #pst-back-to-top")
VISIBLE_CHROME = f"""() => [...document.querySelectorAll('{CHROME}')]
    .filter(e => e.getClientRects().length > 0 && getComputedStyle(e).display !== 'none')
    .map(e => e.tagName + '.' + [...e.classList].join('.'))"""


def pdf_page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.mark.parametrize("name", sorted(PRINTED))
def test_the_guide_prints_without_navigation_and_within_its_page_bound(browser, page_watch, built_site, site_url,
                                                                         artifacts, name):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watch = page_watch(context)
    page = context.new_page()
    watch.attach(page)
    page.goto(f"{site_url}/{name}", wait_until="load")
    assert page.evaluate(VISIBLE_CHROME), "on screen the page has its navigation (the check can see it)"
    page.emulate_media(media="print")
    assert page.evaluate(VISIBLE_CHROME) == []
    pdf = page.pdf(format="A4", print_background=False)
    context.close()
    (artifacts / (name.replace("/", "-").replace(".html", ".pdf"))).write_bytes(pdf)
    pages = pdf_page_count(pdf)
    print(f"{name}: {pages} A4 pages, {len(pdf) // 1024} KiB")
    assert 1 <= pages <= PRINTED[name]
    assert watch.problems() == []


def test_printed_web_links_show_their_address(browser, built_site, site_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}/book/facilitator-guide.html", wait_until="load")
    page.evaluate("""() => { const a = document.createElement('a'); a.href = 'https://example.org/x';
                             a.textContent = 'a link'; a.id = 'probe'; document.querySelector('.bd-article').append(a); }""")
    after = "() => getComputedStyle(document.getElementById('probe'), '::after').content"
    assert page.evaluate(after) in ("none", "normal")
    page.emulate_media(media="print")
    assert "https://example.org/x" in page.evaluate(after)
    context.close()
