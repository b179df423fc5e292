"""The search page in a real browser (Debian's chromium through Playwright), with and
without JavaScript."""

from __future__ import annotations

from pathlib import Path

import pytest
from search_corpus import DATASETS
from search_servers import catalogue_app, serving

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def site(settings, vocabulary):  # noqa: ANN001, ANN201
    with serving(catalogue_app(settings, DATASETS, vocabulary)) as url:
        yield url


def browser_context(playwright, chromium: str, args: list[str], tmp_path: Path, javascript: bool):  # noqa: ANN001, ANN201
    return playwright.chromium.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=chromium,
        headless=True,
        args=args,
        java_script_enabled=javascript,
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_search_facets_and_results(
    site: str, chromium_path: str, chromium_args: list[str], tmp_path: Path, javascript: bool
) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = browser_context(playwright, chromium_path, chromium_args, tmp_path, javascript)
        try:
            page = context.new_page()
            page.goto(site + "/search")
            page.fill("#q", "melanocytic lesion")
            page.press("#q", "Enter")
            page.wait_for_url("**/search?q=melanocytic*")
            assert page.inner_text("#total") == "2"
            page.click('section[data-facet="diagnosis"] a[data-value="49409001"]')
            page.wait_for_url("**diagnosis=49409001*")
            assert page.inner_text("#total") == "1"
            page.click("a.hit-title")
            page.wait_for_url("**/datasets/SKIN-NEVI-v1")
        finally:
            context.close()


def test_suggestions_as_you_type(
    site: str, chromium_path: str, chromium_args: list[str], tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = browser_context(
            playwright, chromium_path, chromium_args, tmp_path, javascript=True
        )
        try:
            page = context.new_page()
            page.goto(site + "/search")
            page.type("#q", "nev", delay=30)
            page.wait_for_function("Number(document.body.dataset.suggestions || 0) > 0")
            options = page.eval_on_selector_all("#suggestions option", "o => o.map(e => e.value)")
            assert "Compound nevus" in options and "Dysplastic nevus" in options
            page.select_option("#sort", "title")  # applies at once with JavaScript
            page.wait_for_url("**sort=title*")
        finally:
            context.close()
