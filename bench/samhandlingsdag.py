"""A samhandlingsdag on loopback (bench/run.sh samhandlingsdag).

A facilitator starts an økt over HTTP; --bord tables (40) join with the code and a table name,
each in its own session, and every table answers the first step at a random moment within the
same --seconds (60) while its phone asks every 3 s whether the step has changed (htmx polling),
and the facilitator's projector polls its live status every 2 s. /healthz is polled at the same
pace beside it. Then the facilitator advances the step, every phone must notice, and the summary
and its CSV must hold every table's answer. Printed: errors (target zero: no 5xx, no dropped
connection, no unexpected status), the facilitator status view's p50/p95 and its p95 as a ratio
to /healthz's. Only 127.0.0.1 is contacted."""

import argparse
import html
import http.client
import random
import re
import statistics
import sys
import threading
import time
from urllib.parse import urlencode

HOST = "127.0.0.1"
KASUS = "emma-vil-ikke-pa-skolen"


class Sesjon:
    """A phone or a laptop: a cookie jar (the CSRF cookie) and its own connection per request."""

    def __init__(self, port, feil):
        self.port, self.feil, self.cookies = port, feil, {}

    def send(self, metode, sti, data=None, hode=None, forventet=(200,)):
        conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
        alle = {"Host": HOST, "User-Agent": "bupkart-bench-samhandlingsdag", **(hode or {})}
        if self.cookies:
            alle["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            alle["Content-Type"] = "application/x-www-form-urlencoded"
        t0 = time.perf_counter()
        try:
            conn.request(metode, sti, body=body, headers=alle)
            svar = conn.getresponse()
            innhold = svar.read().decode("utf-8", "replace")
            for c in svar.msg.get_all("Set-Cookie") or []:
                navn, _, verdi = c.split(";", 1)[0].partition("=")
                self.cookies[navn.strip()] = verdi.strip()
        except OSError as e:
            self.feil.append(f"{metode} {sti}: {e!r}")
            return None, "", None, time.perf_counter() - t0
        finally:
            conn.close()
        if svar.status not in forventet:
            self.feil.append(f"{metode} {sti}: HTTP {svar.status}")
        return svar.status, innhold, svar.getheader("Location"), time.perf_counter() - t0


def _csrf(side):
    m = re.search(r'name="csrfmiddlewaretoken" value="([^"]*)"', side)
    return html.unescape(m.group(1)) if m else ""


def start_okt(port, kommune, feil):
    leder = Sesjon(port, feil)
    _, side, _, _ = leder.send("GET", f"/oving/{KASUS}/?kommune={kommune}")
    status, _, sted, _ = leder.send(
        "POST",
        f"/oving/{KASUS}/start/",
        {"csrfmiddlewaretoken": _csrf(side), "kommune": kommune},
        forventet=(302,),
    )
    if status != 302:
        raise SystemExit(f"could not start an økt: HTTP {status}")
    _, skjerm, _, _ = leder.send("GET", sted)
    kode = re.search(r'class="projektor__kodetekst">([A-Z0-9]+)<', skjerm).group(1)
    return leder, sted, kode


def bli_med(port, kode, navn, feil):
    bord = Sesjon(port, feil)
    _, side, _, _ = bord.send("GET", "/oving/bli-med/")
    _, _, sted, _ = bord.send(
        "POST",
        "/oving/bli-med/",
        {"csrfmiddlewaretoken": _csrf(side), "kode": kode, "navn": navn},
        forventet=(302,),
    )
    return bord, sted


def bordet(bord, sted, slutt, svar_tid, steg_byttet, feil):
    """One table: answers step 1 at its moment and polls for a new step every 3 s, until its
    phone is told to reload (HX-Refresh) after the facilitator moved on."""
    _, side, _, _ = bord.send("GET", sted)
    tjenester = re.findall(r'name="tjeneste" value="([^"]+)"', side)
    svart = False
    neste_poll = time.monotonic()
    while time.monotonic() < slutt + 30:
        if not svart and time.monotonic() >= svar_tid:
            data = {
                "csrfmiddlewaretoken": _csrf(side),
                "steg": "1",
                "tjeneste": random.sample(tjenester, k=random.randint(1, 3)),
                "notat": random.choice(["", "", "Vi vet ikke hvem som kaller inn til møtet."]),
            }
            bord.send("POST", sted, data)
            svart = True
        if time.monotonic() >= neste_poll:
            status, _, _, _ = bord.send(
                "GET", f"{sted}?venter=1", hode={"HX-Request": "true"}, forventet=(200, 204)
            )
            neste_poll += 3
            if status == 200:
                if not steg_byttet.is_set():
                    feil.append(f"{sted}: told to reload before the step changed")
                return True
        time.sleep(0.05)
    feil.append(f"{sted}: the phone never saw the next step")
    return False


def poll(sesjon, sti, slutt, tider):
    neste = time.monotonic()
    while time.monotonic() < slutt:
        _, _, _, tid = sesjon.send("GET", sti)
        tider.append(tid)
        neste += 2
        time.sleep(max(0.0, neste - time.monotonic()))


def p95(tider):
    return statistics.quantiles(tider, n=20)[-1] if len(tider) >= 2 else float("nan")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--kommune", default="1106")
    ap.add_argument("--bord", type=int, default=40)
    ap.add_argument("--seconds", type=int, default=60)
    args = ap.parse_args()
    feil = []
    leder, skjerm, kode = start_okt(args.port, args.kommune, feil)
    bordene = [bli_med(args.port, kode, f"Bord {i}", feil) for i in range(1, args.bord + 1)]
    start = time.monotonic()
    slutt = start + min(args.seconds, 120)
    steg_byttet = threading.Event()
    status_tider, healthz_tider = [], []
    trader = [
        threading.Thread(target=poll, args=(leder, f"{skjerm}status/", slutt, status_tider)),
        threading.Thread(target=poll, args=(Sesjon(args.port, feil), "/healthz", slutt, healthz_tider)),
    ]
    resultat = []
    for bord, sted in bordene:
        svar_tid = start + random.uniform(0, args.seconds * 0.9)

        def kjor(bord=bord, sted=sted, svar_tid=svar_tid):
            resultat.append(bordet(bord, sted, slutt, svar_tid, steg_byttet, feil))

        trader.append(threading.Thread(target=kjor))
    for t in trader:
        t.start()
    time.sleep(max(0.0, slutt - time.monotonic()))
    _, side, _, _ = leder.send("GET", skjerm)
    steg_byttet.set()  # before the change, so no phone can hear of it before this is set
    leder.send(
        "POST", f"{skjerm}steg/", {"csrfmiddlewaretoken": _csrf(side), "retning": "neste"}, forventet=(302,)
    )
    for t in trader:
        t.join(timeout=60)
    _, oppsummering, _, _ = leder.send("GET", f"{skjerm}oppsummering/")
    _, csv_tekst, _, _ = leder.send("GET", f"{skjerm}oppsummering.csv")
    alle_svar = f'id="steg-1" data-antall-svar="{args.bord}"' in oppsummering
    if not alle_svar:
        feil.append(f"the summary does not count {args.bord} answers to step 1")
    if sum(resultat) != args.bord:
        feil.append(f"{args.bord - sum(resultat)} phones did not see the next step")
    fasit_p95, healthz_p95 = p95(status_tider), p95(healthz_tider)
    print(
        f"== samhandlingsdag: {args.bord} tables answered within {args.seconds} s; projector polled every 2 s"
    )
    print(
        f"   requests: facilitator status {len(status_tider)}, /healthz {len(healthz_tider)}; csv {len(csv_tekst)} bytes"
    )
    print(
        f"   facilitator status p50 {statistics.median(status_tider) * 1000:.1f} ms, p95 {fasit_p95 * 1000:.1f} ms; "
        f"/healthz p95 {healthz_p95 * 1000:.1f} ms; ratio p95 {fasit_p95 / healthz_p95:.1f}x"
    )
    print(f"   errors: {len(feil)} (target 0) {'MET' if not feil else 'NOT MET'}")
    for f in feil[:20]:
        print(f"     {f}")
    return 1 if feil else 0


if __name__ == "__main__":
    sys.exit(main())
