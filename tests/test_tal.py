"""tal: the small-number rule on every output, the CSV/XLSX import (errors named by row and
column, nothing loaded from a broken file, scope), re-loading a period, the pages' query counts,
the demo figures, and a property test of the parser."""

import csv
import io
import re
from datetime import date
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from bupkart.fnr import er_fodselsnummer
from tal import demo
from tal.innlesing import KOLONNER, last_inn, les
from tal.models import Datasett, Kommunetall
from tal.serier import oversikt
from tal.skjerming import skjerm
from tjenester.models import Helsefellesskap, Kommune

pytestmark = pytest.mark.django_db
OVERSKRIFT = "kommunenummer;år;tertial;henvisninger;avslag;pasienter;ventetid_median_dager;innbyggere_0_17"


def bruker(navn):
    return get_user_model().objects.get(username=navn)


def csv_fil(*rader, navn="tal.csv"):
    fil = io.BytesIO("\n".join([OVERSKRIFT, *rader]).encode())
    fil.name = navn
    return fil


def xlsx_fil(*rader, navn="tal.xlsx"):
    bok = Workbook()
    ark = bok.active
    ark.append(OVERSKRIFT.split(";"))
    for rad in rader:
        ark.append([int(c) if c.isdigit() else (c or None) for c in rad.split(";")])
    ut = io.BytesIO()
    bok.save(ut)
    ut.seek(0)
    ut.name = navn
    return ut


# --- the small-number rule -------------------------------------------------------------------


def test_counts_from_one_to_four_show_as_under_5_and_their_rates_are_withheld():
    vist = skjerm(henvisninger=4, avslag=3, pasienter=1, ventetid=413, folketall=4321)
    assert (vist.henvisninger.tekst, vist.avslag.tekst, vist.pasienter.tekst) == ("under 5",) * 3
    assert vist.henvisninger.tall is None and vist.avslag.tall is None
    assert vist.avslagsprosent.tall is None and vist.avslagsprosent.skjult
    assert vist.henvisningsrate.tall is None and vist.pasientrate.tall is None
    assert vist.ventetid.tall is None and vist.ventetid.skjult
    assert vist.som_dict() == {f: None for f in vist.FELT if f != "folketall"} | {"folketall": 4321}


def test_zero_and_five_are_shown():
    vist = skjerm(henvisninger=5, avslag=0, pasienter=5, ventetid=40, folketall=1000)
    assert vist.henvisninger.tall == 5 and vist.avslag.tall == 0
    assert vist.avslagsprosent.tall == 0.0 and vist.henvisningsrate.tall == 5.0
    assert vist.ventetid.tall == 40


def test_a_small_refusal_count_withholds_the_refusal_rate_only():
    vist = skjerm(henvisninger=200, avslag=2, pasienter=150, ventetid=50, folketall=5000)
    assert vist.avslag.tekst == "under 5" and vist.avslagsprosent.tall is None
    assert vist.henvisningsrate.tall == 40.0 and vist.ventetid.tall == 50


@pytest.fixture
def smaby():
    """A helsefellesskap of one kommune whose 2021 counts are small (its sums are too)."""
    hf = Helsefellesskap.objects.create(
        navn="Testfellesskap",
        slug="testfellesskap",
        malform="nb",
        helseforetak="Test HF",
        bup_akutt_telefon="1",
    )
    kommune = Kommune.objects.create(nummer="4699", navn="Småby", helsefellesskap=hf)
    datasett = Datasett.objects.create(kilde="test")
    Kommunetall.objects.create(
        datasett=datasett,
        kommune=kommune,
        ar=2020,
        henvisninger=40,
        avslag=10,
        pasienter=28,
        ventetid=60,
        folketall=4321,
    )
    Kommunetall.objects.create(
        datasett=datasett,
        kommune=kommune,
        ar=2021,
        henvisninger=4,
        avslag=3,
        pasienter=1,
        ventetid=413,
        folketall=4321,
    )
    return kommune


def _uten_smatall(tekst):
    # 75,0 % refusals, 0,9 per 1 000 and 413 days are what the small 2021 counts would give.
    for tall in ("75,0", "0,9", "413"):
        assert not re.search(rf"(?<![\d.,]){tall}(?![\d])", tekst), tall


def test_the_overview_page_hides_small_numbers_in_tables_charts_and_sentences(client, smaby):
    html = client.get("/tal/", {"helsefellesskap": "testfellesskap", "malform": "nb"}).content.decode()
    _uten_smatall(html)
    assert "under 5" in html and "skjult" in html
    stolper = html.split('id="avslag-tittel"', 1)[1].split("</svg>", 1)[0]
    assert "Småby" in stolper and "skjult" in stolper and "<rect" not in stolper
    trend = html.split('id="trend-avslag-tittel"', 1)[1].split("</svg>", 1)[0]
    assert trend.count("<circle") == 1  # 2020 only: the withheld 2021 is not drawn


def test_the_csv_downloads_hide_small_numbers(client, smaby):
    for url in ("/tal/testfellesskap/tal.csv", "/tal/kommune/4699/tal.csv"):
        svar = client.get(url, {"malform": "nb"})
        assert svar["Content-Type"].startswith("text/csv")
        rader = list(csv.reader(io.StringIO(svar.content.decode("utf-8-sig")), delimiter=";"))
        rad_2021 = next(r for r in rader if r[0] == "Småby" and r[2] == "2021")
        assert (
            rad_2021[3:12]
            == ["under 5", "under 5", "skjult", "skjult", "under 5", "skjult", "skjult", "4321", "nei"][:9]
        )
        rad_2020 = next(r for r in rader if r[0] == "Småby" and r[2] == "2020")
        assert rad_2020[3:6] == ["40", "10", "25,0"]
        _uten_smatall(svar.content.decode("utf-8-sig"))


def test_the_kommune_map_hides_small_numbers(client, smaby):
    html = client.get("/kommune/4699/", {"kommune": "4699", "malform": "nb"}).content.decode()
    del_ = html.split('id="tal-overskrift"', 1)[1].split("</section>", 1)[0]
    assert "Tall for Småby" in del_ and "skjult" in del_ and "25,0" in del_
    _uten_smatall(del_)


# --- import ----------------------------------------------------------------------------------

GYLDIG = ("1106;2024;;300;60;210;45;8000", "1106;2024;1;100;20;70;44;8000", "1149;2024;;200;50;130;52;9000")


@pytest.mark.parametrize("fil", [csv_fil, xlsx_fil])
def test_a_clean_file_is_loaded_as_one_dataset(client, fil):
    client.force_login(bruker("redaktor-fonna"))
    svar = client.post("/tal/last-inn/", {"kilde": "NPR 2024", "fil": fil(*GYLDIG)})
    assert svar.status_code == 302
    datasett = Datasett.objects.get(kilde="NPR 2024")
    assert datasett.lastet_av.username == "redaktor-fonna" and not datasett.demo
    rad = datasett.tall.get(kommune__nummer="1106", tertial=0)
    assert (rad.ar, rad.henvisninger, rad.avslag, rad.pasienter, rad.ventetid, rad.folketall) == (
        2024,
        300,
        60,
        210,
        45,
        8000,
    )
    assert datasett.tall.count() == 3 and datasett.tall.filter(gjeldende=True).count() == 3


@pytest.mark.parametrize("fil", [csv_fil, xlsx_fil])
def test_a_broken_file_names_every_error_and_loads_nothing(client, fil):
    client.force_login(bruker("redaktor-fonna"))
    for_ = Kommunetall.objects.count()
    svar = client.post(
        "/tal/last-inn/",
        {
            "kilde": "NPR 2024",
            "fil": fil(
                "1106;2024;;300;60;210;45;8000",
                "1106;2024;;300;60;210;45;8000",
                "1149;2024;;300;400;210;45;8000",
                "11x6;2024;;300;60;210;45;8000",
                "1149;1999;5;tre;;210;45;8000",
                "1506;2024;;300;60;210;45;8000",
            ),
            "malform": "nb",
        },
    )
    assert svar.status_code == 400
    html = svar.content.decode()
    for feil in (
        "Rad 3, kolonne «kommunenummer»: samme kommune og periode står også i rad 2.",
        "Rad 4, kolonne «avslag»: kan ikke være flere enn henvisningene.",
        "Rad 5, kolonne «kommunenummer»: skal ha fire sifre",
        "Rad 6, kolonne «år»",
        "Rad 6, kolonne «tertial»",
        "Rad 6, kolonne «henvisninger»: skal være et helt tall",
        "Rad 6, kolonne «avslag»: mangler en verdi.",
        "Rad 7, kolonne «kommunenummer»: 1506 er ikke en kommune du kan laste inn tall for.",
    ):
        assert feil.replace("«", "&laquo;").replace("»", "&raquo;") in html or feil in html, feil
    assert Kommunetall.objects.count() == for_ and not Datasett.objects.filter(kilde="NPR 2024").exists()


def test_a_fodselsnummer_in_a_cell_is_refused_and_not_repeated(client):
    client.force_login(bruker("forvalter"))
    # The first number after 010170 that passes both control digits: a fødselsnummer in form.
    fnr = next(f"010170{n:05d}" for n in range(100000) if er_fodselsnummer(f"010170{n:05d}"))
    svar = client.post("/tal/last-inn/", {"kilde": "x", "fil": csv_fil(f"1106;2024;;{fnr};0;;;8000")})
    assert svar.status_code == 400
    html = svar.content.decode()
    assert "fødselsnummer" in html and fnr not in html


def test_a_missing_column_is_named(client):
    client.force_login(bruker("forvalter"))
    fil = io.BytesIO(b"kommunenummer;ar;henvisninger\n1106;2024;3\n")
    fil.name = "tal.csv"
    html = client.post("/tal/last-inn/", {"kilde": "x", "fil": fil}).content.decode()
    assert "Rad 1, kolonne" in html and "avslag" in html and "kolonnen mangler" in html


def test_loading_a_period_again_replaces_it_and_keeps_the_history(client):
    client.force_login(bruker("forvalter"))
    client.post("/tal/last-inn/", {"kilde": "første", "fil": csv_fil("1506;2024;;300;60;210;45;8000")})
    client.post("/tal/last-inn/", {"kilde": "andre", "fil": csv_fil("1506;2024;;310;50;210;45;8000")})
    rader = Kommunetall.objects.filter(
        kommune__nummer="1506", ar=2024, tertial=0, datasett__kilde__in=["første", "andre"]
    ).order_by("pk")
    assert [(r.datasett.kilde, r.avslag, r.gjeldende) for r in rader] == [
        ("første", 60, False),
        ("andre", 50, True),
    ]
    html = client.get("/tal/last-inn/").content.decode()
    assert "første" in html and "andre" in html


def test_who_may_load_figures(client):
    assert client.get("/tal/last-inn/").status_code == 302  # to the login
    client.force_login(bruker("kontakt-molde"))
    assert client.get("/tal/last-inn/").status_code == 403
    assert client.post("/tal/last-inn/", {"kilde": "x", "fil": csv_fil(GYLDIG[0])}).status_code == 403
    client.force_login(bruker("redaktor-mr"))
    svar = client.post("/tal/last-inn/", {"kilde": "x", "fil": csv_fil(GYLDIG[0])})
    assert svar.status_code == 400  # Haugesund is Helse Fonna's


def test_editors_see_the_kommunar_without_figures_for_the_last_period(client):
    client.force_login(bruker("redaktor-fonna"))
    Kommunetall.objects.filter(kommune__nummer="1106", ar=2025).update(gjeldende=False)
    html = client.get("/tal/last-inn/", {"malform": "nb"}).content.decode()
    liste = html.split('class="tal-mangler-liste"', 1)[1].split("</ul>", 1)[0]
    assert "Haugesund (1106" in liste and "Molde" not in liste
    side = client.get("/tal/", {"helsefellesskap": "helse-fonna", "malform": "nb"}).content.decode()
    assert "mangler tall for 2025" in side and "Haugesund" in side.split('id="mangler-overskrift"', 1)[1]
    client.logout()
    assert (
        "mangler-overskrift" not in client.get("/tal/", {"helsefellesskap": "helse-fonna"}).content.decode()
    )


# --- pages -----------------------------------------------------------------------------------


def test_the_overview_shows_bars_trend_marker_sentences_and_doeme_tal(client):
    hf = Helsefellesskap.objects.get(slug="helse-fonna")
    hf.tatt_i_bruk = date(2021, 9, 1)
    hf.save()
    html = client.get("/tal/", {"helsefellesskap": "helse-fonna", "malform": "nb"}).content.decode()
    assert "Døme-tal" in html
    assert "Modellen tatt i bruk 01.09.2021" in html
    assert "Avslagsprosenten i Helse Fonna gikk ned fra" in html
    assert 'href="/tal/helse-fonna/tal.csv"' in html
    for id_ in ("avslag", "rate", "trend-avslag", "trend-rate", "trend-ventetid"):
        assert f'aria-labelledby="{id_}-tittel"' in html


def test_the_kommune_map_shows_its_trend_against_its_helsefellesskap(client):
    html = client.get("/kommune/1506/", {"kommune": "1506", "malform": "nb"}).content.decode()
    del_ = html.split('id="tal-overskrift"', 1)[1].split("</section>", 1)[0]
    assert "Tall for Molde" in del_ and "Døme-tal" in del_
    assert "diagram__serie--kommune" in del_ and "diagram__serie--hf" in del_
    assert "Avslagsprosenten i Molde" in del_ and "Avslagsprosenten i Helse Møre og Romsdal" in del_


def test_an_unknown_helsefellesskap_is_a_404(client):
    assert client.get("/tal/", {"helsefellesskap": "finst-ikkje"}).status_code == 404
    assert client.get("/tal/finst-ikkje/tal.csv").status_code == 404
    assert client.get("/tal/kommune/9999/tal.csv").status_code == 404


def _flere_kommuner(hf, antall, start):
    datasett = Datasett.objects.create(kilde="flere")
    for i in range(antall):
        k = Kommune.objects.create(nummer=f"{start + i}", navn=f"Ekstra {i}", helsefellesskap=hf)
        Kommunetall.objects.bulk_create(
            Kommunetall(
                datasett=datasett,
                kommune=k,
                ar=ar,
                henvisninger=90,
                avslag=20,
                pasienter=60,
                ventetid=50,
                folketall=3000,
            )
            for ar in (2024, 2025)
        )


@pytest.mark.parametrize(
    "url", ["/tal/?helsefellesskap=helse-fonna", "/tal/helse-fonna/tal.csv", "/kommune/1106/?kommune=1106"]
)
def test_query_counts_do_not_grow_with_the_number_of_kommunar(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bupkart.cache import caches

    def tell():
        caches["default"].clear()
        client.get(url)  # the kommune map redirects once to set its context; count the page itself
        caches["default"].clear()
        with CaptureQueriesContext(connection) as spor:
            assert client.get(url).status_code == 200
        return len(spor)

    hf = Helsefellesskap.objects.get(slug="helse-fonna")
    for_ = tell()
    _flere_kommuner(hf, 20, 5580)
    assert tell() == for_


# --- demo ------------------------------------------------------------------------------------


def test_load_demo_gives_every_demo_kommune_doeme_tal_2016_2025_and_a_second_run_adds_nothing():
    demo_kommuner = Kommune.objects.filter(helsefellesskap__slug__in=["helse-fonna", "helse-more-og-romsdal"])
    for k in demo_kommuner:
        arene = set(k.tall.gjeldende().values_list("ar", flat=True))
        assert arene == set(range(2016, 2026)), k
    assert all(d.demo for d in Datasett.objects.all())
    for_ = Kommunetall.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert Kommunetall.objects.count() == for_


def test_the_national_hook_gives_every_kommune_figures():
    hf = Helsefellesskap.objects.first()
    ny = Kommune.objects.create(nummer="4698", navn="Ny", helsefellesskap=hf)
    demo.ved_nasjonalt(list(Kommune.objects.all()), 7)
    assert ny.tall.count() == 10 and not Kommune.objects.filter(tall__isnull=True).exists()


# --- the parser, as a property ---------------------------------------------------------------

rad = st.builds(
    lambda nummer, ar, tertial, henv, andel, pas, vent, folk: (
        nummer,
        ar,
        tertial,
        henv,
        int(henv * andel),
        pas,
        vent,
        folk,
    ),
    st.sampled_from(["1106", "1149", "1506", "4601"]),
    st.integers(2000, date.today().year),
    st.sampled_from([0, 1, 2, 3]),
    st.integers(0, 100_000),
    st.floats(0, 1),
    st.one_of(st.none(), st.integers(0, 100_000)),
    st.one_of(st.none(), st.integers(0, 999)),
    st.integers(1, 1_000_000),
)


def _celler(rader):
    return [OVERSKRIFT.split(";")] + [
        ["" if v is None or (i == 2 and v == 0) else str(v) for i, v in enumerate(r)] for r in rader
    ]


@settings(max_examples=200, deadline=None)
@given(st.lists(rad, max_size=20, unique_by=lambda r: (r[0], r[1], r[2])))
def test_property_a_clean_table_reads_back_exactly(rader):
    lest, feil = les(_celler(rader))
    assert feil == []
    assert [
        (r.kommunenummer, r.ar, r.tertial, r.henvisninger, r.avslag, r.pasienter, r.ventetid, r.folketall)
        for r in lest
    ] == rader


@settings(max_examples=200, deadline=None)
@given(
    st.lists(rad, min_size=1, max_size=10, unique_by=lambda r: (r[0], r[1], r[2])),
    st.data(),
)
def test_property_a_broken_cell_is_named_by_its_row_and_column(rader, data):
    celler = _celler(rader)
    radnr = data.draw(st.integers(1, len(rader)))
    kolonne = data.draw(st.sampled_from(["henvisninger", "innbyggere_0_17", "år", "kommunenummer"]))
    i = list(KOLONNER).index(kolonne)
    celler[radnr][i] = data.draw(
        st.text(min_size=1, max_size=6).filter(lambda t: not t.strip().isdigit() and t.strip())
    )
    lest, feil = les(celler)
    assert any(f.rad == radnr + 1 and f.kolonne == kolonne for f in feil)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.text(max_size=8), max_size=9), max_size=6))
def test_property_any_table_gives_rows_or_named_errors_never_an_exception(celler):
    lest, feil = les([OVERSKRIFT.split(";"), *celler])
    lest_rader, feil_rader = {r.rad for r in lest}, {f.rad for f in feil}
    # Every row with anything in it is either read or named in an error, never both.
    assert lest_rader | feil_rader == {nr for nr, rad in enumerate(celler, start=2) if any(rad)}
    assert not lest_rader & feil_rader


def test_last_inn_with_no_rows_for_a_period_leaves_other_periods_current():
    kommune = Kommune.objects.get(nummer="1106")
    _, feil = les([OVERSKRIFT.split(";"), ["1106", "2024", "2", "50", "10", "", "", "8000"]])
    assert not feil
    rader, _f = les([OVERSKRIFT.split(";"), ["1106", "2024", "2", "50", "10", "", "", "8000"]])
    last_inn(rader, {"1106": kommune}, kilde="t2")
    assert kommune.tall.gjeldende().filter(ar=2024, tertial=0).exists()
    per_ar = oversikt([kommune], kommune.tall.gjeldende().select_related("datasett")).kommuner[0][1]
    assert per_ar[2024].henvisninger != 50  # the year row wins over a lone tertial


def test_the_waiting_sentence_says_days(client):
    html = client.get("/tal/", {"helsefellesskap": "helse-fonna", "malform": "nb"}).content.decode()
    assert re.search(
        r"Ventetiden i Helse Fonna gikk (ned|opp) fra \d+ dager i 2016 til \d+ dager i 2025\.", html
    )


def test_the_example_file_in_fixtures_is_clean():
    from pathlib import Path

    from tal.innlesing import celler_fra_csv

    rader, feil = les(
        celler_fra_csv((Path(__file__).parents[1] / "fixtures" / "tal-eksempel.csv").read_bytes())
    )
    assert feil == [] and len(rader) == 4


def test_the_pages_speak_nynorsk_when_the_reader_does(client):
    html = client.get("/tal/", {"helsefellesskap": "helse-more-og-romsdal", "malform": "nn"}).content.decode()
    assert "Tal for Helse Møre og Romsdal" in html and "Døme-tal" in html
    assert re.search(r"Avslagsprosenten i Helse Møre og Romsdal gjekk (ned|opp) frå", html)
    assert "Ventetida i Helse Møre og Romsdal" in html and "dagar i 2025" in html
    csv_ = client.get("/tal/kommune/1506/tal.csv", {"malform": "nn"}).content.decode("utf-8-sig")
    assert csv_.startswith("stad;kommunenummer;år;tilvisingar;avslag;")


def test_an_import_retires_the_cached_kommune_map(client):
    from django.test import Client

    leser = Client()
    url = "/kommune/1506/?kommune=1506&malform=nb"
    leser.get(url)
    assert "12,3" not in leser.get(url).content.decode()
    client.force_login(bruker("redaktor-mr"))
    svar = client.post("/tal/last-inn/", {"kilde": "ny", "fil": csv_fil("1506;2025;;1000;123;800;40;8000")})
    assert svar.status_code == 302
    assert "12,3\u00a0%" in leser.get(url).content.decode()


# --- secondary suppression: no withheld figure can be worked out from a sum beside it ----------


def _rad(kommune, ar, henvisninger, avslag, pasienter=None, tertial=Kommunetall.HELE_AARET):
    return SimpleNamespace(
        kommune_id=kommune,
        ar=ar,
        tertial=tertial,
        henvisninger=henvisninger,
        avslag=avslag,
        pasienter=pasienter,
        ventetid=None,
        folketall=1000,
        datasett=SimpleNamespace(demo=False),
    )


def _kommunar(n):
    return [SimpleNamespace(pk=i, navn=f"K{i}") for i in range(1, n + 1)]


def test_one_small_count_beside_a_sum_takes_the_smallest_shown_count_along():
    over = oversikt(_kommunar(3), [_rad(1, 2024, 100, 3), _rad(2, 2024, 200, 40), _rad(3, 2024, 80, 12)])
    (_a, a), (_b, b), (_c, c) = [(k, arene[2024]) for k, arene in over.kommuner]
    assert over.samlet[2024].vist.avslag.tall == 55
    assert a.vist.avslag.tekst == "under 5"
    assert c.vist.avslag.tall is None and c.vist.avslag.skjult  # 12: the smallest shown
    assert c.vist.avslagsprosent.tall is None  # 12 of 80 would give it back
    assert b.vist.avslag.tall == 40 and c.vist.henvisninger.tall == 80  # nothing else goes
    assert c.vist.henvisningsrate.tall == 80.0


def test_two_small_counts_need_no_more():
    over = oversikt(_kommunar(3), [_rad(1, 2024, 100, 3), _rad(2, 2024, 200, 2), _rad(3, 2024, 80, 12)])
    assert [arene[2024].vist.avslag.tall for _k, arene in over.kommuner] == [None, None, 12]


def test_a_small_tertial_takes_another_tertial_along_and_the_year_stays():
    rader = [_rad(1, 2024, 60, n, tertial=t) for t, n in ((1, 2), (2, 20), (3, 30))]
    ((_k, arene),) = oversikt(_kommunar(1), rader).kommuner
    aret = arene[2024]
    assert aret.vist.avslag.tall == 52
    assert [t.vist.avslag.tall for t in aret.tertialer] == [None, None, 30]


def test_a_year_withheld_beside_the_sum_takes_one_of_its_tertials_along():
    rader = [_rad(1, 2024, 100, 3), _rad(2, 2024, 200, 40)]
    rader += [_rad(3, 2024, 30, n, tertial=t) for t, n in ((1, 5), (2, 6), (3, 7))]
    over = oversikt(_kommunar(3), rader)
    aret = dict(over.kommuner[2][1])[2024]
    assert aret.vist.avslag.tall is None  # 18, the smallest shown beside the sum
    assert [t.vist.avslag.tall for t in aret.tertialer] == [None, 6, 7]  # else 5+6+7 gives 18


TELJINGAR = ("henvisninger", "avslag", "pasienter")


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.lists(
            st.tuples(st.integers(0, 60), st.integers(0, 12), st.none() | st.integers(0, 40)), max_size=3
        ),
        min_size=1,
        max_size=5,
    )
)
def test_property_no_withheld_count_stands_alone_beside_its_sum(tabell):
    """Each kommune gets up to three tertials (or a whole year when none): in every group of a
    sum and its parts, a count is withheld in none of them or in two or more."""
    rader = []
    for kommune, tertialer in enumerate(tabell, start=1):
        if not tertialer:
            rader.append(_rad(kommune, 2024, 30, 7, 20))
        for t, (h, a, p) in enumerate(tertialer, start=1):
            rader.append(_rad(kommune, 2024, h + a, a, p, tertial=t))
    over = oversikt(_kommunar(len(tabell)), rader)
    grupper = [(over.samlet[2024], [arene[2024] for _k, arene in over.kommuner if 2024 in arene])]
    grupper += [(a, a.tertialer) for _s, deler in grupper for a in deler if a.tertialer]
    for sum_, deler in grupper:
        for felt in TELJINGAR:
            if getattr(sum_, felt) is None:
                continue
            skjulte = [c for c in (sum_, *deler) if getattr(c.vist, felt).skjult]
            synlege_ikkje_null = [d for d in deler if getattr(d.vist, felt).tall]
            assert len(skjulte) != 1 or not synlege_ikkje_null, (felt, sum_, deler)
