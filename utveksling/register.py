"""The national register: every kommune and the 19 helsefellesskap, with the kommunar of each
(fixtures/register/). Reference data, not demo content: it is loaded on every installation
(`manage.py last_register`, and first thing in `load_demo`), and it decides which
helsefellesskap a kommune belongs to. The demo content then adds its own details to the three
demo helsefellesskap. Idempotent: a second run changes nothing."""

from django.core.exceptions import ValidationError
from django.db import transaction

from tjenester.models import Helsefellesskap, Kommune, valider_kommunenummer

from .innhold import les_yaml

ANTALL_KOMMUNAR = 357
ANTALL_HELSEFELLESSKAP = 19


def synk(modell, defaults, **oppslag):
    """update_or_create that saves only when a value differs: a re-run of a loader must not
    touch «sist oppdatert», bump the content version or reindex what did not change."""
    obj = modell.objects.filter(**oppslag).first()
    if obj is None:
        return modell.objects.create(**oppslag, **defaults)
    return oppdater(obj, defaults)


def oppdater(obj, felt):
    """Sets the fields that differ and saves only then. Foreign keys are compared by id, so
    checking costs no query per related row."""
    ny = {obj._meta.get_field(k).attname: getattr(v, "pk", v) for k, v in felt.items()}
    endret = [k for k, v in ny.items() if getattr(obj, k) != v]
    for k in endret:
        setattr(obj, k, ny[k])
    if endret:
        obj.save()
    return obj


def les_register():
    return les_yaml("register/kommunar.yaml"), les_yaml("register/helsefellesskap.yaml")


def sjekk_register(kommunar, fellesskap):
    """What must hold before anything is written: every number valid and once, every kommune
    in exactly one helsefellesskap, and the counts of the register date."""
    feil = []
    nummer = [k["nummer"] for k in kommunar]
    for n in nummer:
        try:
            valider_kommunenummer(n)
        except ValidationError as e:
            feil.append(f"register/kommunar.yaml: {n}: {e.messages[0]}")
    if len(set(nummer)) != len(nummer):
        feil.append("register/kommunar.yaml: et kommunenummer står to ganger")
    medlem = [n for hf in fellesskap for n in hf["kommunar"]]
    if sorted(medlem) != sorted(set(nummer)):
        feil.append("register/helsefellesskap.yaml: hver kommune skal høre til nøyaktig ett helsefellesskap")
    if len(nummer) != ANTALL_KOMMUNAR or len(fellesskap) != ANTALL_HELSEFELLESSKAP:
        feil.append(
            f"registeret har {len(nummer)} kommuner og {len(fellesskap)} helsefellesskap, "
            f"ventet {ANTALL_KOMMUNAR} og {ANTALL_HELSEFELLESSKAP}"
        )
    return feil


def last_register():
    """Writes the register; returns the number of rows created. Raises ValueError naming every
    problem before anything is written."""
    kommunar, fellesskap = les_register()
    if feil := sjekk_register(kommunar, fellesskap):
        raise ValueError("\n".join(feil))
    nye = 0
    with transaction.atomic():
        finnes_hf = {h.slug: h for h in Helsefellesskap.objects.all()}
        hf_for = {}
        for data in fellesskap:
            hf = finnes_hf.get(data["slug"])
            felt = {"navn": data["navn"], "helseforetak": data["helseforetak"]}
            if hf is None:
                # The målform is the register's first guess; after that it is the editors'.
                hf = Helsefellesskap.objects.create(slug=data["slug"], malform=data["malform"], **felt)
                nye += 1
            else:
                oppdater(hf, felt)
            hf_for.update(dict.fromkeys(data["kommunar"], hf))
        finnes = {k.nummer: k for k in Kommune.objects.all()}
        for data in kommunar:
            felt = {
                "navn": data["navn"],
                "offisielt_navn": data.get("offisielt_navn", ""),
                "helsefellesskap": hf_for[data["nummer"]],
            }
            if (kommune := finnes.get(data["nummer"])) is None:
                Kommune.objects.create(nummer=data["nummer"], **felt)
                nye += 1
            else:
                oppdater(kommune, felt)
    return nye
