"""The admin speaks only Norwegian: every demo role walks every admin page it reaches (the
start page, each change list, the add and change form of one object per model, the history),
and no page holds an English word of Django's admin."""

import html as htmllib
import re

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from forlop.models import Tekst

pytestmark = pytest.mark.django_db
User = get_user_model()
ROLLER = ["admin", "forvalter", "redaktor-fonna", "redaktor-mr", "kontakt-molde", "kontakt-haugesund"]


def _sider(request_user, client):
    """(url, html) for every admin page the user reaches."""
    yield reverse("admin:index")
    for model, model_admin in admin.site._registry.items():
        request = client.get(reverse("admin:index")).wsgi_request
        request.user = request_user
        if not model_admin.has_module_permission(request) or not model_admin.has_view_permission(request):
            continue
        info = model._meta.app_label, model._meta.model_name
        yield reverse("admin:{}_{}_changelist".format(*info))
        if model_admin.has_add_permission(request):
            yield reverse("admin:{}_{}_add".format(*info))
        obj = model_admin.get_queryset(request).order_by("pk").first()
        if obj is not None:
            yield reverse("admin:{}_{}_change".format(*info), args=[obj.pk])
            yield reverse("admin:{}_{}_history".format(*info), args=[obj.pk])


def _synleg_tekst(html):
    """What a reader or a screen reader meets: text outside scripts and styles, and the values of
    the attributes that are read out or shown."""
    html = re.sub(r"<(script|style|template)\b.*?</\1>", " ", html, flags=re.S | re.I)
    attributter = re.findall(r'\b(?:title|aria-label|placeholder|alt|value)="([^"]*)"', html)
    tekst = re.sub(r"<[^>]+>", " ", html)
    return htmllib.unescape(" ".join([tekst, *attributter]))


# What Django's admin says in English where a catalogue lacks the string, and the labels a
# field name gives when a model names it without ø/å. Words that are Norwegian too (Filter,
# Time, No) are left out.
ENGELSK = [
    "Show counts",
    "Hide counts",
    "Search",
    "Select an option",
    "Note: Enter times",
    "Toggle theme",
    "Model name",
    "Add link",
    "Change or view list link",
    "Skip to main content",
    "Breadcrumbs",
    "Sidebar",
    "Start typing to filter",
    "Filter navigation items",
    "Filter by",
    "Pagination",
    "Select all",
    "Select this object",
    "View selected",
    "View site",
    "Home",
    "Add",
    "Change",
    "Delete",
    "History",
    "Save",
    "Log out",
    "Logout",
    "Clear all filters",
    "Action",
    "Go",
    "Run",
    "Today",
    "Yesterday",
    "Choose",
    "Yes",
    "Unknown",
    "Password",
    "Enabled",
    "Disabled",
    "entries",
    "selected",
    "None",
    "Forlop",
    "Niva",
]
_ENGELSK = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, ENGELSK)) + r")(?![\w-])")


@pytest.mark.parametrize("rolle", ROLLER)
def test_every_admin_page_speaks_norwegian(client, rolle):
    bruker = User.objects.get(username=rolle)
    client.force_login(bruker)
    funne = {}
    for url in _sider(bruker, client):
        svar = client.get(url)
        if url.endswith("/history/") and svar.status_code == 302:
            continue  # a text's history is in its editor, walked as its change page
        assert svar.status_code == 200, url
        for ord_ in set(_ENGELSK.findall(_synleg_tekst(svar.content.decode()))):
            funne.setdefault(ord_, url)
    assert funne == {}


def test_a_text_is_named_for_people():
    tekst = Tekst.objects.get(
        forlop__slug="angst",
        tjeneste__slug="bup",
        tekstdel="henvisning",
        malform="nn",
        helsefellesskap=None,
        kommune=None,
    )
    with translation.override("nn"):
        namn = str(tekst)
    # The forløp's and the service's own names, the part in the målform's words, the scope.
    assert namn == f"{tekst.forlop.tittel_nn} · {tekst.tjeneste.navn_nn} · Tilvising · felles tekst · nynorsk"
    assert namn.startswith("Angst") and "(BUP)" in namn


@pytest.mark.parametrize(
    ("rolle", "merk"),
    [("redaktor-fonna", "Skriv klokkeslett i tidssona"), ("forvalter", "Skriv klokkeslett i tidssonen")],
)
def test_the_admins_scripts_speak_norwegian_too(client, rolle, merk):
    """The date widgets' notes and calendar come from the admin's script catalogue."""
    client.force_login(User.objects.get(username=rolle))
    katalog = client.get(reverse("admin:jsi18n")).content.decode()
    assert merk in katalog
