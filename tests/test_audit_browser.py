"""The report in a real headless Chromium (Debian's ``chromium`` + ``chromium-driver``, driven by
selenium): the index lists every input (failed ones too) and filters and sorts; a document page
loads without script errors or policy violations and highlights its claims in verdict colours;
clicking a claim shows its evidence; an index link and a finding link open the right page at the
right anchor; the findings filter and sort work; the single-file report still works.

Chromium is installed by ``.ci/setup-browser``; when it is missing this test tries that script
once and is skipped, saying why, only if Chromium still cannot be found.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from nlp import store
from nlp.report import page_name, render_report, write_report

from .audit_samples import FIGURES, sample_results
from .conftest import ROOT, SEED
from .test_audit_report import sample_with_failure

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
    driver.get(path.as_uri())
    _wait_ready(driver)


def _wait_ready(driver):
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 20).until(lambda d: d.find_element("tag name", "body").get_attribute("data-ready") == "1")


def _errors(driver) -> list[str]:
    errs = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    js = driver.find_element("tag name", "body").get_attribute("data-js-errors")
    return errs + ([js] if js else [])


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory):
    """The report (index + document pages) of the samples and a failed input."""
    d = tmp_path_factory.mktemp("report-browser")
    tables = store.build_tables(sample_with_failure(d))
    write_report(tables, d / "out")
    return d / "out", tables


def _colour(driver, el) -> str:
    return driver.execute_script("return getComputedStyle(arguments[0]).backgroundColor", el)


def test_index_lists_every_input_and_filters(driver, sample_report):
    from selenium.webdriver.support.ui import Select

    out, tables = sample_report
    _open(driver, out / "report.html")
    assert _errors(driver) == []
    rows = driver.find_elements("css selector", "#doclist tbody tr")
    docs = tables["documents"].to_pylist()
    assert [r.get_attribute("data-doc") for r in rows] == [d["doc"] for d in docs]
    failed = [r for r in rows if r.get_attribute("data-status") == "failed"]
    assert len(failed) == 1 and "empty file" in failed[0].text
    assert failed[0].find_elements("css selector", "a") == []  # no page for it
    Select(driver.find_element("id", "d-status")).select_by_value("failed")
    assert [r for r in rows if r.is_displayed()] == failed
    assert driver.find_element("id", "d-count").text.startswith("1 of 3")
    driver.find_element("id", "d-reset").click()
    claims = driver.find_element("css selector", '#doclist th[data-key="claims"]')
    claims.click()
    claims.click()  # descending: the document with most claims first
    top = driver.find_elements("css selector", "#doclist tbody tr")[0]
    assert top.get_attribute("data-doc") == max(docs, key=lambda d: d["n_claims"] or 0)["doc"]
    assert _errors(driver) == []


def test_document_page_highlights_claims_and_explains(driver, sample_report, tmp_path):
    out, _ = sample_report
    _open(driver, out / "report.html")
    link = driver.find_element("xpath", "//table[@id='doclist']//a[contains(., 'sample.txt')]")
    href = link.get_attribute("href")
    link.click()
    _wait_ready(driver)
    assert driver.current_url == href and "/report/" in href
    assert _errors(driver) == []
    assert driver.find_element("tag name", "h1").text.startswith(str(out.parent / "sample.txt"))
    # the disclosure's markup is text: no element was made of it
    assert driver.execute_script("return [...document.querySelectorAll('b')].every(b => !b.textContent.includes('加粗'))"
                                 " && document.scripts.length === 1")
    assert "<script>alert('pwned')</script>" in driver.find_element("id", "text").text
    marks = driver.find_elements("css selector", "#text mark.cl")
    assert len(marks) >= 5 and all(m.is_displayed() for m in marks)
    colours = {}
    for fig, _, _, verdict in FIGURES:
        [mark] = [m for m in marks if m.text == fig]
        assert f"v-{verdict or 'unchecked'}" in mark.get_attribute("class")
        colours[verdict or "unchecked"] = _colour(driver, mark)
    assert len(set(colours.values())) == len(colours)  # one colour per verdict
    assert "rgba(0, 0, 0, 0)" not in colours.values()
    red, green = colours["inconsistent"], colours["consistent"]
    rgb = [[int(x) for x in c[c.index("(") + 1:c.index(")")].split(",")[:3]] for c in (red, green)]
    assert rgb[0][0] > rgb[0][1] and rgb[1][1] > rgb[1][0]  # red is red, green is green
    bad = driver.find_element("css selector", "#text mark.v-inconsistent")
    bad.click()
    panel = driver.find_element("id", "panel-body").text
    assert "10,392.38万元" in panel and "T1 本年收入合计 / 决算数" in panel and "new_task" in panel
    assert driver.find_element("id", "panel-pinned").is_displayed()
    driver.save_screenshot(str(tmp_path / "report-claim.png"))
    driver.find_element("id", "to-index").click()
    _wait_ready(driver)
    assert driver.current_url.split("#")[0] == (out / "report.html").as_uri()


def test_finding_link_opens_the_page_at_its_line(driver, sample_report):
    out, _ = sample_report
    _open(driver, out / "report.html")
    row = driver.find_element("css selector", '#findings tbody tr[data-verdict="inconsistent"][data-severity="high"]')
    link = row.find_element("css selector", "a")
    href = link.get_attribute("href")
    page, anchor = href.split("#")
    assert anchor.startswith("L") and "/report/" in page
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    _wait_ready(driver)
    assert driver.current_url == href
    assert driver.execute_script("return location.hash") == "#" + anchor
    target = driver.find_element("css selector", ":target")
    assert target.get_attribute("id") == anchor and target.is_displayed()
    assert target.find_element("css selector", "mark.v-inconsistent").text == "10,391.38万元"
    assert driver.execute_script("const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && "
                                 "r.top < innerHeight", target)  # scrolled to it
    # a table-rule finding (no sentence) opens its row in the document's findings table
    _open(driver, out / "report.html")
    rule = driver.find_element("css selector", '#findings tbody tr[data-rule="T1.income_total"] a')
    href = rule.get_attribute("href")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", rule)
    rule.click()
    _wait_ready(driver)
    target = driver.find_element("css selector", ":target")
    assert target.get_attribute("data-rule") == "T1.income_total" and "#" + target.get_attribute("id") in href
    assert _errors(driver) == []


def test_findings_filter_and_sort(driver, sample_report):
    from selenium.webdriver.support.ui import Select

    out, _ = sample_report
    _open(driver, out / "report" / page_name(0, "sample.txt"))

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
    assert len(visible()) == total
    sev = driver.find_element("css selector", '#findings th[data-key="severity"]')
    sev.click()  # ascending: info first
    assert attr(visible(), "severity")[0] == "info"
    sev.click()  # descending: high first
    assert attr(visible(), "severity")[0] == "high"
    assert _errors(driver) == []


def test_single_file_report_loads_and_links(driver, tmp_path):
    page = tmp_path / "report.html"
    page.write_text(render_report(store.build_tables(sample_results(tmp_path))), encoding="utf-8")
    _open(driver, page)
    assert _errors(driver) == []
    bad = driver.find_element("css selector", "details[open] mark.v-inconsistent")
    assert bad.text == "10,391.38万元"
    bad.click()
    assert "10,392.38万元" in driver.find_element("id", "panel-body").text
    link = driver.find_element("css selector", '#findings tbody tr[data-severity="high"] a')
    anchor = link.get_attribute("href").split("#")[1]
    assert anchor.startswith("d0-L")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    assert driver.find_element("css selector", ":target").get_attribute("id") == anchor


def test_real_audit_report_in_the_browser(driver, tmp_path):
    """The report of a real run of the pipeline on two seeds: every claim is highlighted on its page."""
    import nlp

    out = tmp_path / "out"
    frames = nlp.audit([str(SEED["003"]), str(SEED["002"])], out=str(out))
    _open(driver, out / "report.html")
    assert _errors(driver) == []
    hrefs = [a.get_attribute("href") for a in driver.find_elements("css selector", "#doclist tbody a")]
    assert len(hrefs) == 2
    shown = 0
    for href in hrefs:
        driver.get(href)
        _wait_ready(driver)
        assert _errors(driver) == []
        keys = driver.execute_script(
            "const s = new Set(); document.querySelectorAll('#text mark.cl').forEach("
            "m => m.dataset.c.split(' ').forEach(k => s.add(k))); return s.size")
        assert driver.execute_script("return document.querySelectorAll('#text .ev[id^=c]').length") == keys
        shown += keys
        first = driver.find_elements("css selector", "#text mark.cl")
        if first:
            first[0].click()
            assert driver.find_element("id", "panel-body").text.strip()
    assert shown == len(frames["claims"])
    driver.save_screenshot(str(tmp_path / "report-real.png"))
