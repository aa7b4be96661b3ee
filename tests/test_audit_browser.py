"""The report in a real headless Chromium (Debian's ``chromium`` + ``chromium-driver``, driven by
selenium): it loads without script errors or policy violations, shows the highlighted claims,
clicking a claim shows its evidence, and the findings filter and sort work.

Chromium is installed by ``.ci/setup-browser``; when it is missing this test tries that script
once and is skipped, saying why, only if Chromium still cannot be found.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from nlp import store
from nlp.report import render_report

from .audit_samples import sample_results
from .conftest import ROOT, SEED

pytestmark = pytest.mark.browser

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1400,1000"]


def _find_browser() -> tuple[str | None, str | None]:
    return (shutil.which("chromium") or shutil.which("chromium-browser"), shutil.which("chromedriver"))


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")
    from selenium.webdriver.chrome.service import Service

    browser, chromedriver = _find_browser()
    setup = ROOT / ".ci" / "setup-browser"
    if (not browser or not chromedriver) and setup.exists():
        subprocess.run([str(setup)], check=False, capture_output=True, timeout=900)
        browser, chromedriver = _find_browser()
    if not browser or not chromedriver:
        pytest.skip("chromium/chromedriver not installed and .ci/setup-browser could not install them")
    opts = webdriver.ChromeOptions()
    opts.binary_location = browser
    for f in FLAGS + [f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"]:
        opts.add_argument(f)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    d = webdriver.Chrome(service=Service(executable_path=chromedriver), options=opts)
    d.set_page_load_timeout(60)
    yield d
    d.quit()


def _open(driver, path):
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(path.as_uri())
    WebDriverWait(driver, 20).until(lambda d: d.find_element("tag name", "body").get_attribute("data-ready") == "1")


def _errors(driver) -> list[str]:
    errs = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    js = driver.find_element("tag name", "body").get_attribute("data-js-errors")
    return errs + ([js] if js else [])


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory):
    d = tmp_path_factory.mktemp("report-browser")
    page = d / "report.html"
    page.write_text(render_report(store.build_tables(sample_results(d))), encoding="utf-8")
    return page


def test_sample_report_loads_highlights_and_explains(driver, sample_page, tmp_path):
    _open(driver, sample_page)
    assert _errors(driver) == []
    # the disclosure's markup is text: no element was made of it
    assert driver.execute_script("return [...document.querySelectorAll('b')].every(b => !b.textContent.includes('加粗'))"
                                 " && document.scripts.length === 1")
    assert "<script>alert('pwned')</script>" in driver.find_element("css selector", "details[open]").text
    marks = driver.find_elements("css selector", "details[open] mark.cl")
    assert len(marks) >= 5 and all(m.is_displayed() for m in marks)
    bad = driver.find_element("css selector", "details[open] mark.v-inconsistent")
    assert bad.text == "10,391.38万元"
    assert driver.execute_script("return getComputedStyle(arguments[0]).backgroundColor", bad) != "rgba(0, 0, 0, 0)"
    bad.click()
    panel = driver.find_element("id", "panel-body").text
    assert "10,392.38万元" in panel and "T1 本年收入合计 / 决算数" in panel and "new_task" in panel
    assert driver.find_element("id", "panel-pinned").is_displayed()
    driver.save_screenshot(str(tmp_path / "report-claim.png"))


def test_findings_filter_and_sort(driver, sample_page):
    from selenium.webdriver.support.ui import Select

    _open(driver, sample_page)

    def visible():
        return [r for r in driver.find_elements("css selector", "#findings tbody tr") if r.is_displayed()]

    def attr(rows, name):
        return [r.get_attribute(f"data-{name}") for r in rows]

    driver.execute_script("document.getElementById('findings-section').scrollIntoView()")
    total = len(visible())
    assert total >= 5
    Select(driver.find_element("id", "f-severity")).select_by_value("high")
    rows = visible()
    assert rows and set(attr(rows, "severity")) == {"high"} and len(rows) < total
    assert driver.find_element("id", "f-count").text.startswith(f"{len(rows)} of {total}")
    driver.find_element("id", "f-reset").click()
    Select(driver.find_element("id", "f-rule")).select_by_value("T1.income_total")
    assert attr(visible(), "rule") == ["T1.income_total"]
    driver.find_element("id", "f-reset").click()
    Select(driver.find_element("id", "f-doc")).select_by_index(1)
    docs = set(attr(visible(), "doc"))
    assert len(docs) == 1
    driver.find_element("id", "f-reset").click()
    assert len(visible()) == total
    sev = driver.find_element("css selector", '#findings th[data-key="severity"]')
    sev.click()  # ascending: info first
    assert attr(visible(), "severity")[0] == "info"
    sev.click()  # descending: high first
    assert attr(visible(), "severity")[0] == "high"
    assert _errors(driver) == []


def test_real_audit_report_in_the_browser(driver, tmp_path):
    """The report of a real run of the pipeline on two seeds."""
    import nlp

    out = tmp_path / "out"
    frames = nlp.audit([str(SEED["003"]), str(SEED["002"])], out=str(out))
    _open(driver, out / "report.html")
    assert _errors(driver) == []
    # every claim the pipeline found is highlighted somewhere in its document's text
    shown = driver.execute_script(
        "const s = new Set(); document.querySelectorAll('details.doc mark.cl').forEach("
        "m => m.dataset.c.split(' ').forEach(k => s.add(k))); return s.size")
    assert shown == len(frames["claims"])
    assert driver.execute_script("return document.querySelectorAll('details.doc .ev[id^=c]').length") == shown
    first = driver.find_elements("css selector", "details[open] mark.cl")
    if first:
        first[0].click()
        assert driver.find_element("id", "panel-body").text.strip()
    driver.save_screenshot(str(tmp_path / "report-real.png"))
