"""The HTML in a real browser (headless Chromium, the Debian package): the page renders,
the figures load from their files beside the page, and nothing is fetched from the
internet."""

import shutil
import subprocess

import pytest
from PIL import Image

from werkmonitor.publish import batch

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
VLAGGEN = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # nothing from the internet
]


@pytest.fixture(scope="module")
def dashboard(demo_db, project):
    return batch.rapport_dashboard(demo_db, project, lambda _t: None).html


def _chromium(*args, tmp_path):
    assert CHROMIUM, "chromium ontbreekt: .ci/run installeert het (apt-get install chromium)"
    return subprocess.run(
        [CHROMIUM, *VLAGGEN, f"--user-data-dir={tmp_path / 'profiel'}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def test_page_renders_with_its_figures(dashboard, tmp_path):
    # the DOM after the browser ran the page: images decoded (naturalWidth > 0)
    kopie = shutil.copytree(dashboard.parent, tmp_path / "dashboard")  # with figuren/
    js = kopie / "controle.html"
    js.write_text(
        dashboard.read_text(encoding="utf-8").replace(
            "</body>",
            "<script>window.onload=()=>{const n=[...document.images]"
            ".filter(i=>i.naturalWidth>0).length;"
            "document.title='geladen:'+n+'/'+document.images.length;};</script></body>",
        ),
        encoding="utf-8",
    )
    dom = _chromium(
        "--virtual-time-budget=5000", "--dump-dom", js.as_uri(), tmp_path=tmp_path
    ).stdout
    assert "<title>geladen:6/6</title>" in dom
    assert "Figuur D1." in dom and "IPS-dashboard" in dom


def test_screenshot_is_not_empty(dashboard, tmp_path):
    png = tmp_path / "scherm.png"
    _chromium(
        "--window-size=1100,1600", f"--screenshot={png}", dashboard.as_uri(), tmp_path=tmp_path
    )
    beeld = Image.open(png).convert("L")
    laag, hoog = beeld.getextrema()
    assert beeld.size == (1100, 1600) and hoog - laag > 100  # text and figures, not a blank page


def test_page_fetches_nothing_from_the_internet(dashboard):
    html = dashboard.read_text(encoding="utf-8")
    assert "http://" not in html.replace("http://www.w3.org", "")
    assert 'src="https://' not in html and 'href="https://' not in html
