"""The HTML validation report in a real browser (Debian's chromium through Playwright): it
renders, groups findings by file and object, and loads nothing from anywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from validation_cases import apply_patches, load_case

from bigpicture.catalogue.validation import validate_path
from bigpicture.catalogue.validation.renderers import RENDERERS

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_html_report_in_a_browser(
    submission: Path, tmp_path: Path, chromium_path: str, chromium_args: list[str]
) -> None:
    from playwright.sync_api import sync_playwright

    apply_patches(submission, load_case("reference-unresolved")["patches"])
    apply_patches(submission, load_case("meaning-mismatch")["patches"])
    page_file = tmp_path / "report.html"
    page_file.write_text(RENDERERS["html"].render(validate_path(submission)), encoding="utf-8")
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=chromium_args)
        page = browser.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.goto(page_file.as_uri())
        assert page.locator(".verdict").inner_text() == "INVALID"
        files = page.locator("h2").all_inner_texts()
        assert files == ["METADATA/image.xml", "METADATA/sample.xml"]
        objects = page.locator("h3").all_inner_texts()
        assert "IMAGE LUNGEX_IMG_01_HE" in objects and "BIOLOGICAL_BEING LUNGEX_BB_01" in objects
        assert page.locator("td.error").count() == 1
        assert page.locator("text=How to fix").count() >= 2
        browser.close()
    assert requests == [page_file.as_uri()]
