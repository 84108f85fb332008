"""Load with editing, on loopback (bench/run.sh edit).

50 readers request public pages for up to --seconds while the redaktørar of one helsefellesskap
(the one of --kommune) publish its local variants through the admin over HTTP with logged-in
sessions, and pairs of them collide on the same text (both open it, the first publishes, the
second's save must come back as HTTP 409 with their text kept in the form; they then save on
top of the newest version). The readers are spread over kommunar inside that helsefellesskap,
kommunar of the other helsefellesskap, and readers with no kommune. Checked and printed:
  - zero server errors (5xx or dropped connections) for readers and editors;
  - every publication visible to an anonymous reader in that helsefellesskap on the very next
    request, and at the end;
  - every conflict reported to the editor (409 and the conflict page with their own text);
  - no edit lost: every saved text is in the history of its slot;
  - the page cache's hits per group of readers (X-Bupkart-Cache): a publication must empty only
    the pages of its own helsefellesskap's readers, so readers elsewhere keep hitting the cache
    (target: at least 95 % hits outside the publishing helsefellesskap).
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

from forlop.models import Forlop, Tekst, Tekstversjon  # noqa: E402
from redaksjon.models import Medlemskap, Rolle  # noqa: E402
from tjenester.models import Kommune  # noqa: E402

HOST = "127.0.0.1"
PASSORD = "bench-" + "".join(random.SystemRandom().choices(string.ascii_letters, k=20))
FORLOP = "angst"
MAL_TREFF = 0.95  # hits outside the publishing helsefellesskap
GRUPPER = {
    "ute": "outside (kommunar of the other helsefellesskap)",
    "inne": "inside (kommunar of the publishing helsefellesskap)",
    "ingen": "no kommune chosen (felles)",
}


class Sesjon:
    """A browser, as far as the admin needs one: a cookie jar and form tokens."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def send(self, metode, sti, data=None):
        conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
        hode = {"Host": HOST, "User-Agent": "bupkart-bench-editor"}
        if self.cookies:
            hode["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            hode["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(metode, sti, body=body, headers=hode)
            svar = conn.getresponse()
            innhold = svar.read().decode("utf-8", "replace")
            for c in svar.msg.get_all("Set-Cookie") or []:
                cookie_navn, _, verdi = c.split(";", 1)[0].partition("=")
                self.cookies[cookie_navn.strip()] = verdi.strip()
            return svar.status, innhold, svar.getheader("Location")
        finally:
            conn.close()

    def logg_inn(self, brukernavn):
        _, side, _ = self.send("GET", "/admin/login/?next=/admin/")
        status, _, sted = self.send(
            "POST",
            "/admin/login/?next=/admin/",
            {
                "csrfmiddlewaretoken": _felt(side, "csrfmiddlewaretoken"),
                "username": brukernavn,
                "password": PASSORD,
                "next": "/admin/",
            },
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"login failed for {brukernavn}: HTTP {status} {sted}")

    def apne(self, tekst_pk):
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


def _felt(side, feltnavn):
    m = re.search(rf'name="{feltnavn}"[^>]*value="([^"]*)"', side) or re.search(
        rf'value="([^"]*)"[^>]*name="{feltnavn}"', side
    )
    return html.unescape(m.group(1)) if m else None


def _merke():
    # Letters only: a run of digits could look like a fødselsnummer to the editor's validator.
    return "".join(random.choices(string.ascii_lowercase, k=14))


class Resultat:
    def __init__(self):
        self.lock = threading.Lock()
        self.les = []  # (group, status or exception, latency, X-Bupkart-Cache)
        self.publiseringer = []  # (tekst_pk, merke, synleg_straks)
        self.konflikter = []  # (rapportert, eigen_tekst_behalden, lagra_etterpaa)
        self.redaktorfeil = []

    def legg(self, liste, verdi):
        with self.lock:
            getattr(self, liste).append(verdi)


def les_anonymt(port, sti):
    """(status, body, X-Bupkart-Cache) of an anonymous GET."""
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        conn.request("GET", sti, headers={"Host": HOST, "User-Agent": "bupkart-bench-reader"})
        svar = conn.getresponse()
        return svar.status, svar.read().decode("utf-8", "replace"), svar.getheader("X-Bupkart-Cache") or ""
    finally:
        conn.close()


def leser(port, stier, slutt, res):
    """stiar: [(group, path)]."""
    rng = random.Random(threading.get_ident())
    while time.monotonic() < slutt:
        gruppe, sti = rng.choice(stier)
        t0 = time.perf_counter()
        buffer = ""
        try:
            status, _, buffer = les_anonymt(port, sti)
        except (OSError, http.client.HTTPException) as e:
            status = type(e).__name__
        res.legg("les", (gruppe, status, time.perf_counter() - t0, buffer))


def redaktor(port, bruker, tekst_pk, side, slutt, res, pause):
    s = Sesjon(port)
    s.logg_inn(bruker)
    while time.monotonic() < slutt:
        status, skjema = s.apne(tekst_pk)
        if status != 200:
            res.legg("redaktorfeil", f"{bruker} open: HTTP {status}")
            break
        merke = _merke()
        status, _, _ = s.publiser(tekst_pk, skjema, f"Lasttest {merke}: ny tekst om rolla.")
        if status != 302:
            res.legg("redaktorfeil", f"{bruker} publish: HTTP {status}")
            continue
        _, html, _ = les_anonymt(port, side)
        res.legg("publiseringer", (tekst_pk, merke, merke in html))
        time.sleep(pause)


def kollisjon(port, brukere, tekst_pk, side, slutt, res, pause):
    a, b = Sesjon(port), Sesjon(port)
    a.logg_inn(brukere[0])
    b.logg_inn(brukere[1])
    while time.monotonic() < slutt:
        _, skjema_a = a.apne(tekst_pk)
        _, skjema_b = b.apne(tekst_pk)  # both editors start from the same version
        merke_a, merke_b = _merke(), _merke()
        status_a, _, _ = a.publiser(tekst_pk, skjema_a, f"Lasttest {merke_a}: redaktør A.")
        if status_a != 302:
            res.legg("redaktorfeil", f"collision A: HTTP {status_a}")
            continue
        _, html, _ = les_anonymt(port, side)
        res.legg("publiseringer", (tekst_pk, merke_a, merke_a in html))
        status_b, konflikt, _ = b.publiser(tekst_pk, skjema_b, f"Lasttest {merke_b}: redaktør B.")
        rapportert = status_b == 409
        beholdt = merke_b in konflikt  # B's own text is still in the form, with the other version beside it
        lagret = False
        if rapportert:
            # B reads the newer version and saves again on top of it: nothing is lost.
            status_b2, _, _ = b.publiser(
                tekst_pk,
                {"csrf": _felt(konflikt, "csrfmiddlewaretoken"), "forrige": _felt(konflikt, "forrige")},
                f"Lasttest {merke_b}: redaktør B.",
            )
            lagret = status_b2 == 302
            if lagret:
                _, html, _ = les_anonymt(port, side)
                res.legg("publiseringer", (tekst_pk, merke_b, merke_b in html))
        res.legg("konflikter", (rapportert, beholdt, lagret, status_b))
        time.sleep(pause)


def forbered(antall_redaktorer, kommune):
    """Redaktørar of the kommune's helsefellesskap with a known password, and the texts they
    publish: that helsefellesskap's variants of seksjonar of distinct services in the forløp,
    the last one shared by the colliding pair, none under a variant of the kommune (so a
    reader there sees each publication)."""
    hf = kommune.helsefellesskap
    User = get_user_model()
    brukernavn = [f"bench-redaktor-{hf.slug}-{i}" for i in range(1, antall_redaktorer + 3)]
    for n in brukernavn:
        u, _ = User.objects.get_or_create(username=n, defaults={"is_staff": True})
        u.is_staff = True
        u.set_password(PASSORD)
        u.save()
        Medlemskap.objects.get_or_create(bruker=u, rolle=Rolle.REDAKTOR, helsefellesskap=hf)
    forlop = Forlop.objects.get(slug=FORLOP)
    under_kommunen = set(
        Tekst.objects.filter(forlop=forlop, kommune=kommune).values_list("tjeneste_id", "tekstdel")
    )
    tekster, tjeneste_ider = [], set()
    for tekst in Tekst.objects.filter(
        forlop=forlop, helsefellesskap=hf, tjeneste__isnull=False, publisert__isnull=False
    ).order_by("tjeneste__slug", "tekstdel", "malform"):
        if (
            tekst.tjeneste_id not in tjeneste_ider
            and (tekst.tjeneste_id, tekst.tekstdel) not in under_kommunen
        ):
            tjeneste_ider.add(tekst.tjeneste_id)
            tekster.append(tekst)
    if len(tekster) < antall_redaktorer + 1:
        raise SystemExit(f"{hf.navn} has too few variants in {FORLOP} for {antall_redaktorer + 1} editors")
    return brukernavn, tekster[: antall_redaktorer + 1]


def leserstier(kommune, tjeneste):
    """[(group, path)]: each kommune's forløp, family, service and kommune pages; for the group
    outside, two kommunar of each other helsefellesskap."""
    hf = kommune.helsefellesskap
    inne = [
        kommune,
        *Kommune.objects.filter(helsefellesskap=hf).exclude(pk=kommune.pk).order_by("nummer")[:3],
    ]
    ute = []
    for k in Kommune.objects.exclude(helsefellesskap=hf).order_by("helsefellesskap__navn", "nummer"):
        if sum(1 for u in ute if u.helsefellesskap_id == k.helsefellesskap_id) < 2:
            ute.append(k)

    def sider(k):
        return [
            f"/forlop/{FORLOP}/?kommune={k.nummer}",
            f"/familie/{FORLOP}/?kommune={k.nummer}",
            f"/tjenester/{tjeneste}/?kommune={k.nummer}",
            f"/kommune/{k.nummer}/?kommune={k.nummer}",
        ]

    stier = [("inne", sti) for k in inne for sti in sider(k)]
    stier += [("ute", sti) for k in ute for sti in sider(k)]
    stier += [
        ("ingen", f"/forlop/{FORLOP}/"),
        ("ingen", f"/familie/{FORLOP}/"),
        ("ingen", f"/tjenester/{tjeneste}/"),
    ]
    return stier, len(ute), len({k.helsefellesskap_id for k in ute})


def kjor(args, brukernavn, tekster, stier, sider):
    res = Resultat()
    start = time.monotonic()
    slutt = start + args.seconds
    trader = [
        threading.Thread(target=leser, args=(args.port, stier, slutt, res)) for _ in range(args.readers)
    ]
    trader += [
        threading.Thread(
            target=redaktor,
            args=(args.port, brukernavn[i], tekster[i].pk, sider[tekster[i].pk], slutt, res, args.pause),
        )
        for i in range(args.editors)
    ]
    trader.append(
        threading.Thread(
            target=kollisjon,
            args=(
                args.port,
                brukernavn[-2:],
                tekster[-1].pk,
                sider[tekster[-1].pk],
                slutt,
                res,
                args.pause * 2,
            ),
        )
    )
    for t in trader:
        t.start()
    for t in trader:
        t.join()
    return res, time.monotonic() - start


def treffrapport(res, hf):
    """Prints the page cache's hits per group of readers; True when the group outside the
    publishing helsefellesskap reaches the target."""
    print(f"page cache while {hf.navn} publishes (X-Bupkart-Cache of every page read; /healthz not read):")
    ute = None
    for gruppe, tekst in GRUPPER.items():
        svar = [b for g, _s, _t, b in res.les if g == gruppe]
        treff = svar.count("hit")
        delen = treff / len(svar) if svar else float("nan")
        print(f"  {tekst:52} {treff:6} hits / {len(svar):6} pages = {delen:6.1%}")
        if gruppe == "ute":
            ute = delen
    ok = ute is not None and ute >= MAL_TREFF
    print(
        f"{'MET    ' if ok else 'NOT MET'} scoped invalidation: hit ratio outside the publishing "
        f"helsefellesskap {ute:.1%} (target >= {MAL_TREFF:.0%})"
    )
    return ok


def sjekk(args, res, tid, sider):
    """The correctness checks; True when all hold."""
    status = [s for _g, s, _t, _b in res.les]
    latens = sorted(t for _g, _s, t, _b in res.les)
    serverfeil = [s for s in status if not isinstance(s, int) or s >= 500]
    andre = [s for s in status if isinstance(s, int) and 400 <= s < 500]
    synlige = [p for p in res.publiseringer if p[2]]
    tapt = [
        (pk, merke)
        for pk, merke, _ in res.publiseringer
        if not Tekstversjon.objects.filter(tekst_id=pk, markdown__contains=merke).exists()
    ]
    siste = {}
    for pk, merke, _ in res.publiseringer:
        siste[pk] = merke
    ikke_synlig_na = [pk for pk, merke in siste.items() if merke not in les_anonymt(args.port, sider[pk])[1]]
    feil_publisert = [
        pk for pk, merke in siste.items() if merke not in Tekst.objects.get(pk=pk).publisert.markdown
    ]
    konflikt_ok = [k for k in res.konflikter if k[0] and k[1] and k[2]]

    def pct(q):
        return (
            latens[min(len(latens) - 1, int(q / 100 * (len(latens) - 1)))] * 1000 if latens else float("nan")
        )

    print(
        f"readers:      {len(status)} requests in {tid:.1f} s ({len(status) / tid:.0f} req/s), "
        f"p50 {pct(50):.0f} ms, p95 {pct(95):.0f} ms, server errors {len(serverfeil)}, 4xx {len(andre)}"
    )
    print(
        f"publications: {len(res.publiseringer)} through the admin; visible on the next anonymous request: "
        f"{len(synlige)}/{len(res.publiseringer)}; newest of each text visible at the end: "
        f"{len(siste) - len(ikke_synlig_na)}/{len(siste)}; published pointer right: {len(siste) - len(feil_publisert)}/{len(siste)}"
    )
    print(
        f"conflicts:    {len(res.konflikter)} collisions; reported as 409 with the editor's text kept and "
        f"saved on top afterwards: {len(konflikt_ok)}/{len(res.konflikter)}"
    )
    print(f"lost edits:   {len(tapt)} (every saved text looked up in its slot's history)")
    print(f"editor errors: {len(res.redaktorfeil)} {res.redaktorfeil[:5]}")
    return bool(
        not serverfeil
        and not res.redaktorfeil
        and res.publiseringer
        and len(synlige) == len(res.publiseringer)
        and not ikke_synlig_na
        and not feil_publisert
        and res.konflikter
        and len(konflikt_ok) == len(res.konflikter)
        and not tapt
    )


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--kommune", default="1106", help="the publishing helsefellesskap is this kommune's")
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--readers", type=int, default=50)
    p.add_argument("--editors", type=int, default=3)
    p.add_argument("--pause", type=float, default=1.5, help="seconds between one editor's publications")
    args = p.parse_args()
    args.seconds = min(args.seconds, 60)
    kommune = Kommune.objects.select_related("helsefellesskap").get(nummer=args.kommune)
    brukernavn, tekster = forbered(args.editors, kommune)
    stier, antall_ute, antall_hf = leserstier(kommune, tekster[0].tjeneste.slug)
    # Where each publication must show at once: the reader in that kommune, in the text's målform.
    sider = {t.pk: f"/forlop/{FORLOP}/?kommune={kommune.nummer}&malform={t.malform}" for t in tekster}
    print(
        f"== load with editing: {args.readers} readers, {args.editors} publishing editors and 1 colliding pair "
        f"of {kommune.helsefellesskap.navn}, {args.seconds:.0f} s on 127.0.0.1:{args.port}; readers in 4 of its "
        f"kommunar, in {antall_ute} kommunar of {antall_hf} other helsefellesskap, and with no kommune",
        flush=True,
    )
    res, tid = kjor(args, brukernavn, tekster, stier, sider)
    ok = sjekk(args, res, tid, sider)
    treffrapport(res, kommune.helsefellesskap)
    print("RESULT:", "PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
