"""Load with editing, on loopback (bench/run.sh edit).

50 readers request public pages for up to --seconds while editors publish through the admin over
HTTP with logged-in sessions, and pairs of editors collide on the same text (both open it, the
first publishes, the second's save must come back as HTTP 409 with their text kept in the form;
they then save on top of the newest version). Checked and printed:
  - zero server errors (5xx or dropped connections) for readers and editors;
  - every publication visible to an anonymous reader on the very next request, and at the end;
  - every conflict reported to the editor (409 and the conflict page with their own text);
  - no edit lost: every saved text is in the history of its slot.
The server must run bupkart.settings.prod with the same DATABASE_URL (the checks read it).
"""

import argparse
import html
import http.client
import os
import random
import re
import string
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bupkart.settings.prod")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

from forlop.models import Forlop, Tekst, Tekstdel, Tekstversjon  # noqa: E402
from redaksjon.models import Medlemskap, Rolle  # noqa: E402

HOST = "127.0.0.1"
PASSORD = "bench-" + "".join(random.SystemRandom().choices(string.ascii_letters, k=20))
SIDE = "/forlop/angst/?malform=nb"


class Sesjon:
    """A browser, as far as the admin needs one: a cookie jar and form tokens."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def send(self, metode, sti, data=None):
        conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
        hovud = {"Host": HOST, "User-Agent": "bupkart-bench-editor"}
        if self.cookies:
            hovud["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            hovud["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(metode, sti, body=body, headers=hovud)
            svar = conn.getresponse()
            innhald = svar.read().decode("utf-8", "replace")
            for c in svar.msg.get_all("Set-Cookie") or []:
                namn, _, verdi = c.split(";", 1)[0].partition("=")
                self.cookies[namn.strip()] = verdi.strip()
            return svar.status, innhald, svar.getheader("Location")
        finally:
            conn.close()

    def logg_inn(self, brukarnamn):
        _, side, _ = self.send("GET", "/admin/login/?next=/admin/")
        status, _, stad = self.send(
            "POST",
            "/admin/login/?next=/admin/",
            {
                "csrfmiddlewaretoken": _felt(side, "csrfmiddlewaretoken"),
                "username": brukarnamn,
                "password": PASSORD,
                "next": "/admin/",
            },
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"login failed for {brukarnamn}: HTTP {status} {stad}")

    def opne(self, tekst_pk):
        status, side, _ = self.send("GET", f"/admin/forlop/tekst/{tekst_pk}/change/")
        return status, {"csrf": _felt(side, "csrfmiddlewaretoken"), "forrige": _felt(side, "forrige")}

    def publiser(self, tekst_pk, skjema, markdown):
        return self.send(
            "POST",
            f"/admin/forlop/tekst/{tekst_pk}/change/",
            {
                "csrfmiddlewaretoken": skjema["csrf"],
                "forrige": skjema["forrige"] or "",
                "markdown": markdown,
                "endringsnotat": "Publisert under lasttest.",
                "handling": "publiser",
            },
        )


def _felt(side, namn):
    m = re.search(rf'name="{namn}"[^>]*value="([^"]*)"', side) or re.search(
        rf'value="([^"]*)"[^>]*name="{namn}"', side
    )
    return html.unescape(m.group(1)) if m else None


def _merke():
    # Letters only: a run of digits could look like a fødselsnummer to the editor's validator.
    return "".join(random.choices(string.ascii_lowercase, k=14))


class Resultat:
    def __init__(self):
        self.lock = threading.Lock()
        self.les = []  # (status or exception, latency)
        self.publiseringar = []  # (tekst_pk, merke, synleg_straks)
        self.konfliktar = []  # (rapportert, eigen_tekst_behalden, lagra_etterpaa)
        self.redaktorfeil = []

    def legg(self, liste, verdi):
        with self.lock:
            getattr(self, liste).append(verdi)


def les_anonymt(port, sti):
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        conn.request("GET", sti, headers={"Host": HOST, "User-Agent": "bupkart-bench-reader"})
        svar = conn.getresponse()
        return svar.status, svar.read().decode("utf-8", "replace")
    finally:
        conn.close()


def lesar(port, stiar, slutt, res):
    rng = random.Random(threading.get_ident())
    while time.monotonic() < slutt:
        sti = rng.choice(stiar)
        t0 = time.perf_counter()
        try:
            status, _ = les_anonymt(port, sti)
        except (OSError, http.client.HTTPException) as e:
            status = type(e).__name__
        res.legg("les", (status, time.perf_counter() - t0))


def redaktor(port, brukar, tekst_pk, slutt, res, pause):
    s = Sesjon(port)
    s.logg_inn(brukar)
    while time.monotonic() < slutt:
        status, skjema = s.opne(tekst_pk)
        if status != 200:
            res.legg("redaktorfeil", f"{brukar} open: HTTP {status}")
            break
        merke = _merke()
        status, _, _ = s.publiser(tekst_pk, skjema, f"Lasttest {merke}: ny tekst om rolla.")
        if status != 302:
            res.legg("redaktorfeil", f"{brukar} publish: HTTP {status}")
            continue
        _, side = les_anonymt(port, SIDE)
        res.legg("publiseringar", (tekst_pk, merke, merke in side))
        time.sleep(pause)


def kollisjon(port, brukarar, tekst_pk, slutt, res, pause):
    a, b = Sesjon(port), Sesjon(port)
    a.logg_inn(brukarar[0])
    b.logg_inn(brukarar[1])
    while time.monotonic() < slutt:
        _, skjema_a = a.opne(tekst_pk)
        _, skjema_b = b.opne(tekst_pk)  # both editors start from the same version
        merke_a, merke_b = _merke(), _merke()
        status_a, _, _ = a.publiser(tekst_pk, skjema_a, f"Lasttest {merke_a}: redaktør A.")
        if status_a != 302:
            res.legg("redaktorfeil", f"collision A: HTTP {status_a}")
            continue
        _, side = les_anonymt(port, SIDE)
        res.legg("publiseringar", (tekst_pk, merke_a, merke_a in side))
        status_b, konflikt, _ = b.publiser(tekst_pk, skjema_b, f"Lasttest {merke_b}: redaktør B.")
        rapportert = status_b == 409
        behalden = merke_b in konflikt  # B's own text is still in the form, with the other version beside it
        lagra = False
        if rapportert:
            # B reads the newer version and saves again on top of it: nothing is lost.
            status_b2, _, _ = b.publiser(
                tekst_pk,
                {"csrf": _felt(konflikt, "csrfmiddlewaretoken"), "forrige": _felt(konflikt, "forrige")},
                f"Lasttest {merke_b}: redaktør B.",
            )
            lagra = status_b2 == 302
            if lagra:
                _, side = les_anonymt(port, SIDE)
                res.legg("publiseringar", (tekst_pk, merke_b, merke_b in side))
        res.legg("konfliktar", (rapportert, behalden, lagra, status_b))
        time.sleep(pause)


def forbered(antal_redaktorar):
    """Editors (forvaltar) with a known password, and the texts they work on: the bokmål felles
    rolle text of distinct services in angst, the last one shared by the colliding pair."""
    User = get_user_model()
    namn = [f"bench-redaktor-{i}" for i in range(1, antal_redaktorar + 3)]
    for n in namn:
        u, _ = User.objects.get_or_create(username=n, defaults={"is_staff": True})
        u.is_staff = True
        u.set_password(PASSORD)
        u.save()
        Medlemskap.objects.get_or_create(bruker=u, rolle=Rolle.FORVALTER)
    forlop = Forlop.objects.get(slug="angst")
    tekster = list(
        Tekst.objects.filter(
            forlop=forlop,
            tekstdel=Tekstdel.ROLLE,
            malform="nb",
            helsefellesskap=None,
            kommune=None,
            tjeneste__isnull=False,
        ).order_by("tjeneste__slug")[: antal_redaktorar + 1]
    )
    return namn, tekster


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--kommune", default="1106")
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--readers", type=int, default=50)
    p.add_argument("--editors", type=int, default=3)
    p.add_argument("--pause", type=float, default=1.5, help="seconds between one editor's publications")
    args = p.parse_args()
    args.seconds = min(args.seconds, 60)
    namn, tekster = forbered(args.editors)
    tjeneste = tekster[0].tjeneste.slug
    stiar = [
        SIDE,
        SIDE,
        f"/forlop/angst/?kommune={args.kommune}",
        f"/tjenester/{tjeneste}/?malform=nb",
        f"/kommune/{args.kommune}/?kommune={args.kommune}",
        "/healthz",
    ]
    print(
        f"== load with editing: {args.readers} readers, {args.editors} publishing editors, 1 colliding pair, "
        f"{args.seconds:.0f} s on 127.0.0.1:{args.port}",
        flush=True,
    )
    res = Resultat()
    start = time.monotonic()
    slutt = start + args.seconds
    trådar = [
        threading.Thread(target=lesar, args=(args.port, stiar, slutt, res)) for _ in range(args.readers)
    ]
    trådar += [
        threading.Thread(target=redaktor, args=(args.port, namn[i], tekster[i].pk, slutt, res, args.pause))
        for i in range(args.editors)
    ]
    trådar.append(
        threading.Thread(
            target=kollisjon, args=(args.port, namn[-2:], tekster[-1].pk, slutt, res, args.pause * 2)
        )
    )
    for t in trådar:
        t.start()
    for t in trådar:
        t.join()
    tid = time.monotonic() - start

    # --- checks -------------------------------------------------------------------------------
    status = [s for s, _ in res.les]
    latens = sorted(t for _, t in res.les)
    serverfeil = [s for s in status if not isinstance(s, int) or s >= 500]
    andre = [s for s in status if isinstance(s, int) and 400 <= s < 500]
    synlege = [p for p in res.publiseringar if p[2]]
    tapt = [
        (pk, merke)
        for pk, merke, _ in res.publiseringar
        if not Tekstversjon.objects.filter(tekst_id=pk, markdown__contains=merke).exists()
    ]
    siste = {}
    for pk, merke, _ in res.publiseringar:
        siste[pk] = merke
    _, side = les_anonymt(args.port, SIDE)
    ikkje_synleg_no = [pk for pk, merke in siste.items() if merke not in side]
    feil_publisert = [
        pk for pk, merke in siste.items() if merke not in Tekst.objects.get(pk=pk).publisert.markdown
    ]
    konflikt_ok = [k for k in res.konfliktar if k[0] and k[1] and k[2]]

    def pct(q):
        return (
            latens[min(len(latens) - 1, int(q / 100 * (len(latens) - 1)))] * 1000 if latens else float("nan")
        )

    print(
        f"readers:      {len(status)} requests in {tid:.1f} s ({len(status) / tid:.0f} req/s), "
        f"p50 {pct(50):.0f} ms, p95 {pct(95):.0f} ms, server errors {len(serverfeil)}, 4xx {len(andre)}"
    )
    print(
        f"publications: {len(res.publiseringar)} through the admin; visible on the next anonymous request: "
        f"{len(synlege)}/{len(res.publiseringar)}; newest of each text visible at the end: "
        f"{len(siste) - len(ikkje_synleg_no)}/{len(siste)}; published pointer right: {len(siste) - len(feil_publisert)}/{len(siste)}"
    )
    print(
        f"conflicts:    {len(res.konfliktar)} collisions; reported as 409 with the editor's text kept and "
        f"saved on top afterwards: {len(konflikt_ok)}/{len(res.konfliktar)}"
    )
    print(f"lost edits:   {len(tapt)} (every saved text looked up in its slot's history)")
    print(f"editor errors: {len(res.redaktorfeil)} {res.redaktorfeil[:5]}")
    ok = (
        not serverfeil
        and not res.redaktorfeil
        and res.publiseringar
        and len(synlege) == len(res.publiseringar)
        and not ikkje_synleg_no
        and not feil_publisert
        and res.konfliktar
        and len(konflikt_ok) == len(res.konfliktar)
        and not tapt
    )
    print("RESULT:", "PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
