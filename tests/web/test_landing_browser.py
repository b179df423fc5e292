"""The publishing pages in a real browser: Debian's chromium driven by Playwright, against the
application served by a real HTTP server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def page(site: str, tmp_path: Path, chromium_path: str, chromium_args: list[str]):
    """A fresh chromium page (own profile folder, clipboard allowed for the site)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=chromium_path,
            headless=True,
            args=chromium_args,
            viewport={"width": 1200, "height": 900},
        )
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
        try:
            yield context.new_page()
        finally:
            context.close()


def test_landing_page_renders_and_is_accessible(page, site: str, tmp_path: Path) -> None:
    """Headings, landmarks, labelled controls and alt texts; rendered page screenshot."""
    page.goto(site + "/datasets/BP_LUNG_ADC-2")
    assert page.title().startswith("Lung adenocarcinoma whole-slide images")
    assert page.locator("h1").count() == 1
    headings = page.locator("h2").all_inner_texts()
    assert {"How to cite", "Dataset information", "Licence and access", "Sample images"} <= set(
        headings
    )
    for landmark in ("header", "nav", "main", "footer"):
        assert page.locator(landmark).count() >= 1, landmark
    images = page.locator("main img")
    assert images.count() == 2
    for i in range(images.count()):
        assert images.nth(i).get_attribute("alt").startswith("Sample image")
        assert page.evaluate("(img) => img.naturalWidth", images.nth(i).element_handle()) > 0
    for button in page.locator("button").all():
        assert button.inner_text().strip() or button.get_attribute("aria-label")
    assert page.evaluate("document.querySelectorAll('img:not([alt])').length") == 0
    shot = page.screenshot(path=str(tmp_path / "landing-page.png"), full_page=True)
    assert shot.startswith(b"\x89PNG") and len(shot) > 50_000


def test_copy_citation_button(page, site: str) -> None:
    page.goto(site + "/datasets/BP_LUNG_ADC-2")
    page.click("button.copy")
    page.wait_for_function("document.getElementById('copy-status').textContent.length > 0")
    assert page.inner_text("#copy-status") == "Citation copied to the clipboard."
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.inner_text("#citation")
    assert copied.endswith("https://doi.org/10.99999/bp.lung-adc.2")


def test_print_rendering_hides_navigation(page, site: str) -> None:
    page.goto(site + "/datasets/BP_LUNG_ADC-2")
    assert page.is_visible("nav[aria-label=Main]") and page.is_visible("button.copy")
    page.emulate_media(media="print")
    assert not page.is_visible("nav[aria-label=Main]")
    assert not page.is_visible("button.copy")
    assert page.is_visible("#citation") and page.is_visible("table.facts")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_metrics_and_home_render(page, site: str) -> None:
    page.goto(site + "/metrics")
    assert page.locator("svg[role=img]").count() == 5
    unlabelled = page.evaluate(
        "[...document.querySelectorAll('input, select, textarea')]"
        ".filter(e => e.type !== 'hidden' && !(e.labels && e.labels.length)).length"
    )
    assert unlabelled == 0
    assert page.locator("svg[role=img] title").count() == 5
    box = page.locator("svg[role=img]").first.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 20
    page.goto(site + "/")
    assert "whole-slide images" in page.inner_text(".stats")
    page.click("text=IgA nephropathy kidney biopsies")
    page.wait_for_url("**/datasets/BP_KIDNEY_IGA-1")
    assert page.inner_text("h1") == "IgA nephropathy kidney biopsies"
