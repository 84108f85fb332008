"""EXPLAIN ANALYZE for every query of the forløp page (and the tjeneste page's resolution query)
on the database in DATABASE_URL, normally the national dataset (bench/run.sh explain).

The queries are the real ones: the page is requested through Django's test client with the page
cache off, its SQL captured, and each statement explained on PostgreSQL. A summary line per
query names the plan's scan nodes, so a sequential scan of a big table stands out.
"""

import argparse
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bupkart.settings.prod")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

SKANN = re.compile(
    r"((?:Parallel )?(?:Seq Scan|Index Only Scan|Index Scan|Bitmap Index Scan|Bitmap Heap Scan)[^(]*)"
)


def forklar(sql):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        return [r[0] for r in cursor.fetchall()]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kommune", default="1106")
    p.add_argument("--forlop", default="angst")
    p.add_argument("--tjeneste", default="fastlege")
    p.add_argument("--full", action="store_true", help="print whole plans, not only the summary")
    args = p.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("EXPLAIN ANALYZE here is for PostgreSQL (set DATABASE_URL).")
    settings.BUPKART_SIDECACHE = False
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SELECT count(*) FROM forlop_tekst")
        tekster = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM forlop_tekstversjon")
        versjoner = cursor.fetchone()[0]
    print(f"== EXPLAIN ANALYZE on {tekster} tekster / {versjoner} tekstversjonar")
    klient = Client(HTTP_HOST="127.0.0.1")
    for sti in (
        f"/forlop/{args.forlop}/?kommune={args.kommune}",
        f"/tjenester/{args.tjeneste}/?kommune={args.kommune}",
    ):
        klient.get(sti)  # warm
        klient.cookies.clear()
        with CaptureQueriesContext(connection) as q:
            status = klient.get(sti).status_code
        print(f"\n-- {sti}: HTTP {status}, {len(q.captured_queries)} queries")
        for i, spor in enumerate(q.captured_queries, 1):
            sql = spor["sql"]
            plan = forklar(sql)
            tid = next((linje for linje in plan if linje.startswith("Execution Time")), "")
            skann = [m.group(1).strip() for linje in plan for m in [SKANN.search(linje)] if m]
            fjernet = sum(
                int(x)
                for x in re.findall(r"Rows Removed by (?:Filter|Index Recheck): (\d+)", "\n".join(plan))
            )
            skann.append(f"rows removed by filter {fjernet}")
            tabell = re.search(r'FROM "(\w+)"', sql)
            print(f"{i}. {tabell.group(1) if tabell else '?':28} {tid:28} {'; '.join(skann)}")
            if args.full or (tabell and tabell.group(1) == "forlop_tekst"):
                print("   " + sql[:300] + ("…" if len(sql) > 300 else ""))
                for linje in plan:
                    print("   | " + linje)


if __name__ == "__main__":
    main()
