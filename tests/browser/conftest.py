"""Browser tests: Debian's chromium driven by Playwright against a real server process.

The portal runs ONCE per session as `manage.py runserver` on a free port, with its own SQLite
database in a temporary folder (migrated and loaded with the demo content), so these tests
never touch pytest-django's test database and need none of its db fixtures."""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROT = Path(__file__).resolve().parents[2]
AXE = ROT / "node_modules" / "axe-core" / "axe.min.js"
SKJERMBILDER = ROT / "screenshots"
CHROMIUM = "/usr/bin/chromium"
AXE_REGLER = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def _ledig_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        **kwargs,
    )


@pytest.fixture(scope="session")
def portal():
    """The base URL of a running portal with the demo content."""
    with tempfile.TemporaryDirectory(prefix="bupkart-browser-") as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp}/browser.db",
            "DJANGO_SETTINGS_MODULE": "bupkart.settings.test",
            "PYTHONUNBUFFERED": "1",
        }
        _manage(env, "migrate", "--no-input")
        _manage(env, "load_demo")
        port = _ledig_port()
        logg = open(Path(tmp) / "server.log", "w+")  # noqa: SIM115 - closed below
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", "--insecure", f"127.0.0.1:{port}"],
            cwd=ROT,
            env=env,
            stdout=logg,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            frist = time.monotonic() + 30
            while True:
                if server.poll() is not None:
                    logg.seek(0)
                    raise RuntimeError(f"runserver exited with {server.returncode}:\n{logg.read()}")
                try:
                    with urllib.request.urlopen(f"{url}/healthz", timeout=2) as svar:
                        if svar.status == 200:
                            break
                except OSError:
                    pass
                if time.monotonic() > frist:
                    raise RuntimeError("runserver did not answer /healthz within 30 s")
                time.sleep(0.2)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            logg.close()


@pytest.fixture(scope="session")
def base_url(portal):
    return portal


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, base_url):
    # axe-core is injected as a script; the portal's CSP (rightly) forbids that.
    return {**browser_context_args, "base_url": base_url, "bypass_csp": True, "locale": "nb-NO"}


def _beskriv(brudd):
    linjer = []
    for b in brudd:
        linjer.append(f"- {b['id']} ({b['impact']}): {b['help']} — {b['helpUrl']}")
        for node in b["nodes"][:5]:
            linjer.append(
                f"    {' '.join(node['target'])}: {node['failureSummary'].splitlines()[-1].strip()}"
            )
            linjer.append(f"      {node['html'][:160]}")
    return "\n".join(linjer)


def axe_brudd(page):
    """Runs axe-core on the page; returns the violations (WCAG 2.1 A/AA and best practice)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    resultat = page.evaluate(
        "async (regler) => await axe.run(document, {runOnly: {type: 'tag', values: regler}, resultTypes: ['violations']})",
        AXE_REGLER,
    )
    return resultat["violations"]


@pytest.fixture
def sjekk_axe():
    def sjekk(page):
        brudd = axe_brudd(page)
        assert not brudd, f"axe-core found {len(brudd)} violation(s) on {page.url}:\n{_beskriv(brudd)}"

    return sjekk


@pytest.fixture(scope="session")
def skjermbilde():
    SKJERMBILDER.mkdir(exist_ok=True)

    def ta(page, navn):
        page.screenshot(path=str(SKJERMBILDER / f"{navn}.png"), full_page=True)

    return ta
