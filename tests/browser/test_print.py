"""The facilitator guide prints: Chromium's print-to-PDF of the built pages, with the print stylesheet.

In print, no navigation chrome is shown (header, side bars, search, previous/next links, footer), web
links print their address, and each page prints within a bound on the number of A4 pages. The PDFs are
kept in tests/artifacts/ for people to look at.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

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
