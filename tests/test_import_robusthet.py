"""import_innhold refuses every malformed bundle before writing, with a clear error naming the
place and the database untouched, and never ends in a traceback (issue 11, point 4). Run on
SQLite and PostgreSQL: a NUL byte or an over-long username used to pass validation there and
fail only while writing."""

import copy
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_bundle_seksjonar import full_bundle
from tests.test_utveksling import tell, tom_innhold
from utveksling.bundle import UgyldigBundle, eksporter, importer

pytestmark = pytest.mark.django_db


@pytest.fixture
def tom_db():
    tom_innhold()


def _djup(n):
    ut = []
    for _ in range(n):
        ut = [ut]
    return ut


def _versjon(d):
    return d["tekster"][0]["versjoner"][0]


@pytest.mark.parametrize(
    ("endre", "ventet"),
    [
        (lambda d: d["tekster"][0].update(forlop=["angst"]), "tekster[0].forlop: skal være tekst"),
        (lambda d: d["tekster"][0].update(tjeneste={"a": 1}), "tekster[0].tjeneste: skal være tekst"),
        (lambda d: d["tekster"][0].update(publisert=[2]), "tekster[0].publisert: skal være tekst"),
        (lambda d: d["revisjoner"][0].update(kommune=[]), "revisjoner[0].kommune: skal være tekst"),
        (
            lambda d: d["forlop"][0]["plasseringer"][0].update(niva=[[]]),
            "forlop[0].plasseringer[0].niva: skal være tekst",
        ),
        (lambda d: d["forslag"][0].update(behandlet_av=["x"]), "forslag[0].behandlet_av: skal være tekst"),
        (lambda d: d["tekster"][0].update(versjoner=5), "tekster[0].versjoner: skal være en liste, er int"),
        (lambda d: d["tekster"][0].update(versjoner=_djup(200)), "nøstet dypere enn"),
        (
            lambda d: _versjon(d).update(markdown="Tekst\x00."),
            "tekster[0].versjoner[0].markdown: inneholder et NUL",
        ),
        (
            lambda d: d["helsefellesskap"][0].update(navn="Helse\x00Fonna"),
            "helsefellesskap[0].navn: inneholder",
        ),
        (lambda d: _versjon(d).update(laget_av="x" * 200), "tekster[0].versjoner[0].laget_av: "),
        (lambda d: d["forslag"][0].update(laget_av="a b/c"), "forslag[0].laget_av: "),
        (
            lambda d: _versjon(d).update(markdown="x" * 5_000_000),
            "tekster[0].versjoner[0].markdown: er 5000000 tegn",
        ),
        (lambda d: d["forslag"][0].update(begrunnelse="x" * 20_001), "forslag[0].begrunnelse: er 20001 tegn"),
        (
            lambda d: _versjon(d).update(markdown="Tekst \ud800."),
            "tekster[0].versjoner[0].markdown: er ikke gyldig UTF-8",
        ),
        (
            lambda d: d["helsefellesskap"][0]["kommuner"][0].update(kontakt_rolle="Kontakt 150190-00181"),
            "helsefellesskap[0].kommuner[0].kontakt_rolle: ser ut til å inneholde et fødselsnummer",
        ),
        (
            lambda d: _versjon(d).update(endringsnotat="Gjeld 15.01.90 00181"),
            "tekster[0].versjoner[0].endringsnotat: ser ut til å inneholde et fødselsnummer",
        ),
        (
            lambda d: d["helsefellesskap"][0].update(helseforetak="x" * 121),
            "helsefellesskap[0].helseforetak: ",
        ),
        (lambda d: d["omfang"].pop("helsefellesskap"), 'omfang: skal være {"helsefellesskap"'),
    ],
)
def test_a_malformed_bundle_is_refused_with_its_place(endre, ventet):
    # On top of the demo content: a full bundle is refused for that too, and named beside it.
    for_ = tell()
    data = full_bundle()
    endre(data)
    with pytest.raises(UgyldigBundle) as feil:
        importer(data)
    assert ventet in str(feil.value)
    assert tell() == for_


@pytest.mark.parametrize(
    ("innhald", "ventet"),
    [
        (
            b'{"format": "bupkart-innhald", "x": "\xff\xfe"}',
            "er ikke gyldig UTF-8: ugyldig byte ved posisjon",
        ),
        (b"[" * 100_000 + b"]" * 100_000, "nøstet for dypt"),
        (b'{"a": ' * 100_000 + b"1" + b"}" * 100_000, "nøstet for dypt"),
        (b"\x00", "ikke gyldig JSON"),
    ],
    ids=["ikkje-utf8", "djup-liste", "djupt-objekt", "nul"],
)
def test_the_command_refuses_an_unreadable_file_without_a_traceback(tmp_path, innhald, ventet):
    for_ = tell()
    fil = tmp_path / "bundle.json"
    fil.write_bytes(innhald)
    with pytest.raises(CommandError, match=ventet):
        call_command("import_innhold", str(fil))
    assert tell() == for_


def test_the_command_names_the_place_of_a_nul_in_a_text(tmp_path):
    for_ = tell()
    data = full_bundle()
    data["forslag"][0]["svar"] = "Nei\x00."
    fil = tmp_path / "bundle.json"
    fil.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError, match=r"forslag\[0\]\.svar: inneholder et NUL-tegn"):
        call_command("import_innhold", str(fil))
    assert tell() == for_


# --- property: a clear refusal or an exact import, never a traceback -----------------------------
def _stader(data, sti=()):
    yield sti, data
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _stader(v, (*sti, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _stader(v, (*sti, i))


STADER = [sti for sti, _ in _stader(full_bundle()) if sti]
VERDIAR = [None, 5, -1, 1.5, True, "", "x", "a\x00b", "x" * 25_000, [], {}, [[]], {"a": []}, [1, 2]]
VERDIAR += [_djup(40), "150190 00181", "²", "\ud800", "2026-13-45", "helse-fonna", "1106", 2]
ENDRINGAR = st.lists(
    st.tuples(
        st.sampled_from(STADER),
        st.sampled_from(["fjern", "byt", "nul", "lang", "pakk"]),
        st.sampled_from(VERDIAR),
    ),
    min_size=1,
    max_size=3,
)


def _endre(data, sti, hva, verdi):
    *forelder, siste = sti
    try:
        for k in forelder:
            data = data[k]
        gammal = data[siste]
    except (KeyError, IndexError, TypeError):
        return  # an earlier change removed the place
    if hva == "fjern":
        del data[siste]
    elif hva == "byt":
        data[siste] = copy.deepcopy(verdi)
    elif hva == "pakk":
        data[siste] = [gammal]
    elif isinstance(gammal, str) and gammal:
        data[siste] = gammal + ("\x00" if hva == "nul" else "x" * 25_000)


def _kanon(verdi):
    """The bundle with its lists in one order: an export sorts, a bundle written by hand need not."""
    if isinstance(verdi, dict):
        return {k: _kanon(v) for k, v in verdi.items()}
    if isinstance(verdi, list):
        return sorted((_kanon(v) for v in verdi), key=lambda v: json.dumps(v, sort_keys=True))
    return verdi


def _utan_hode(bundle):
    """The bundle as the import reads it: the header's «malform» is the helsefellesskap's own,
    written for a person reading the file, and the import neither reads nor needs it."""
    return _kanon({k: v for k, v in bundle.items() if k != "malform"})


class _Rull(Exception):
    """Leaves the test database empty for the next example."""


@pytest.fixture
def grunn(tom_db):
    """The small bundle as this version exports it (a hand-written bundle of an older schema
    version imports with defaults): what an exact import must give back."""
    try:
        with transaction.atomic():
            importer(full_bundle())
            ut = json.loads(json.dumps(eksporter()))
            raise _Rull
    except _Rull:
        return ut


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ENDRINGAR)
def test_a_mutated_bundle_is_refused_with_its_place_or_imported_exactly(grunn, endringar):
    data = copy.deepcopy(grunn)
    for endring in endringar:
        _endre(data, *endring)
    inn = copy.deepcopy(data)
    try:
        with transaction.atomic():
            importer(data)
            assert _utan_hode(eksporter()) == _utan_hode(inn)
            raise _Rull
    except UgyldigBundle as feil:
        # Every problem is named by its place: «tekster[0].versjoner: …».
        assert feil.feil and all(": " in f for f in feil.feil)
    except _Rull:
        pass
    assert not any(tell().values())
