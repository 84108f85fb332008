"""Ten editors save one text at the same moment: one save wins and the nine others get the
conflict page with their own text kept, never a server error, on SQLite as on PostgreSQL.

Concurrency needs a real server with its own connections and a database that outlives one
transaction, so the portal runs as a threaded `runserver` in a subprocess on a database of its
own: a SQLite file (in-memory test databases cannot show locking), or a fresh database beside the
test database when the tests run on PostgreSQL."""

import html
import http.client
import os
import re
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import pytest

from tests.browser.conftest import ROT, _ledig_port, _manage

ANTALL = 10
PASSORD = "samtidig-" + secrets.token_hex(8)
OPPSETT = f"""
from django.contrib.auth import get_user_model
from forlop.models import Tekst, Tekstdel
from redaksjon.services import lagre_utkast
from tests import bygg
get_user_model().objects.create_superuser("samtidig", password="{PASSORD}")
tekst = Tekst.objects.create(forlop=bygg.forlop(), tekstdel=Tekstdel.BAKGRUNN, malform="nb")
lagre_utkast(tekst, "Utgangspunkt.", av=None, forrige=None)
print(tekst.pk)
"""


def _postgres_database(url):
    """A new database on the server of `url`, and how to drop it."""
    import psycopg

    deler = urlsplit(url)
    navn = f"{deler.path.lstrip('/')}_samtidig_{secrets.token_hex(4)}"
    dsn = urlunsplit(deler._replace(path="/postgres"))
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{navn}"')

    def slett():
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{navn}" WITH (FORCE)')

    return urlunsplit(deler._replace(path=f"/{navn}")), slett


@pytest.fixture(scope="module")
def portal():
    """(port, tekst id) of a running portal with one superuser and one text of one version."""
    testbase = os.environ.get("DATABASE_URL", "").strip()
    with tempfile.TemporaryDirectory(prefix="bupkart-samtidig-") as tmp:
        url, slett = (
            _postgres_database(testbase)
            if testbase.startswith("postgres")
            else (f"sqlite:///{tmp}/samtidig.db", lambda: None)
        )
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "bupkart.settings.test"}
        server = None
        try:
            _manage(env, "migrate", "--no-input")
            tekst_pk = int(_manage(env, "shell", "-c", OPPSETT).stdout.split()[-1])
            port = _ledig_port()
            logg = Path(tmp) / "server.log"
            server = subprocess.Popen(
                [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
                cwd=ROT,
                env=env,
                stdout=logg.open("w"),
                stderr=subprocess.STDOUT,
            )
            _vent_pa(port, server, logg)
            yield port, tekst_pk
        finally:
            if server is not None:
                server.terminate()
                server.wait(timeout=10)
            slett()


def _vent_pa(port, server, logg):
    frist = time.monotonic() + 60
    while time.monotonic() < frist:
        if server.poll() is not None:
            raise RuntimeError(f"runserver exited:\n{logg.read_text()}")
        try:
            if Sesjon(port).send("GET", "/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("runserver did not answer /healthz")


class Sesjon:
    """One editor's browser: a cookie jar over plain HTTP."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def send(self, metode, sti, data=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        hode = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urlencode(data)
            hode["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(metode, sti, body=body, headers=hode)
            svar = conn.getresponse()
            for c in svar.msg.get_all("Set-Cookie") or []:
                navn, _, verdi = c.split(";", 1)[0].partition("=")
                self.cookies[navn.strip()] = verdi.strip()
            return svar.status, svar.read().decode()
        finally:
            conn.close()

    def logg_inn(self):
        _, side = self.send("GET", "/admin/login/")
        data = {"csrfmiddlewaretoken": _felt(side, "csrfmiddlewaretoken"), "username": "samtidig"}
        status, _ = self.send("POST", "/admin/login/", {**data, "password": PASSORD})
        assert status == 302, status
        return self


def _felt(side, navn):
    m = re.search(rf'name="{navn}"[^>]*value="([^"]*)"', side) or re.search(
        rf'value="([^"]*)"[^>]*name="{navn}"', side
    )
    return html.unescape(m.group(1))


def test_ten_simultaneous_saves_give_one_success_and_nine_conflict_pages(portal):
    port, tekst_pk = portal
    adresse = f"/admin/forlop/tekst/{tekst_pk}/change/"
    redaktorer = [Sesjon(port).logg_inn() for _ in range(ANTALL)]
    skjema = []
    for i, sesjon in enumerate(redaktorer):
        status, side = sesjon.send("GET", adresse)
        assert status == 200
        skjema.append(
            {
                "csrfmiddlewaretoken": _felt(side, "csrfmiddlewaretoken"),
                "forrige": _felt(side, "forrige"),
                "markdown": f"Redaktør {chr(ord('a') + i)} skreiv dette.",
                "handling": "lagre",
            }
        )
    assert len({s["forrige"] for s in skjema}) == 1  # all ten started from the same version

    start = threading.Barrier(ANTALL)
    svar = [None] * ANTALL

    def lagre(i):
        start.wait()
        svar[i] = redaktorer[i].send("POST", adresse, skjema[i])

    traader = [threading.Thread(target=lagre, args=(i,)) for i in range(ANTALL)]
    for t in traader:
        t.start()
    for t in traader:
        t.join()

    statuser = sorted(status for status, _ in svar)
    assert statuser == [302] + [409] * (ANTALL - 1), statuser
    for i, (status, side) in enumerate(svar):
        if status == 409:
            # The conflict page keeps what this editor typed, in the form, to save on top.
            assert html.escape(skjema[i]["markdown"]) in side or skjema[i]["markdown"] in side
