"""bupkart.http.lokal_adresse: the one check of an address the request names (a `next`, a
feedback form's page), so no form or redirect can send a reader to another site."""

import pytest

from bupkart.http import lokal_adresse
from tjenester.kart import kommunenummer_i_adresse


@pytest.mark.parametrize(
    "verdi",
    [
        "https://example.org/",
        "//example.org/forlop/",
        "/\\example.org",
        "\\\\example.org",
        "javascript:alert(1)",
        "forlop/angst/",
        "/forlop/../admin/",
        "/forlop//angst/",
        "/finst-ikkje/",
        "",
        None,
    ],
)
def test_what_is_not_a_local_page_is_refused(verdi):
    assert lokal_adresse(verdi) is None


def test_a_local_page_is_its_path_and_with_its_query_only_when_asked():
    assert lokal_adresse(" /forlop/angst/?kommune=1106 ") == "/forlop/angst/"
    assert lokal_adresse("/forlop/angst/?kommune=1106", med_sporring=True) == "/forlop/angst/?kommune=1106"
    assert lokal_adresse("/admin/", med_sporring=True) == "/admin/"


@pytest.mark.parametrize(
    ("sti", "nummer"),
    [("/kommune/1106/", "1106"), ("/kommune/sok/", None), ("/forlop/angst/", None), ("/ukjend/", None)],
)
def test_a_kommune_page_is_recognised_by_its_url_pattern(sti, nummer):
    assert kommunenummer_i_adresse(sti) == nummer
