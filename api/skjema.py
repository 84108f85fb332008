"""The shapes the read API answers with (its OpenAPI schema is generated from these)."""

from datetime import datetime

from ninja import Schema


class ForlopKort(Schema):
    slug: str
    tittel: str
    ingress: str
    lenke: str


class Seksjon(Schema):
    tekstdel: str
    navn: str
    html: str
    omfang: str  # felles, helsefellesskap or kommune
    omfang_navn: str
    malform: str
    versjon: int
    versjon_id: int
    publisert: datetime | None
    lenke: str  # the citable page of this very version


class TjenesteIForlop(Schema):
    slug: str
    navn: str
    niva: str
    seksjoner: list[Seksjon]


class Forlop(ForlopKort):
    malform: str
    kommune: str | None
    bakgrunn: Seksjon | None
    tjenester: list[TjenesteIForlop]


class Tjeneste(Schema):
    slug: str
    navn: str
    sektor: str
    lovgrunnlag: str
    beskrivelse: str


class Helsefellesskap(Schema):
    slug: str
    navn: str
    helseforetak: str
    malform: str
    bup_akutt_telefon: str


class Kommune(Schema):
    nummer: str
    navn: str
    helsefellesskap: Helsefellesskap


class Tilbud(Schema):
    navn: str
    tjeneste: str
    tilbyr: str
    telefon: str
    epost: str
    adresse: str
    nettside: str
    apningstider: str
    forste_kontakt: bool


class Niva(Schema):
    slug: str
    navn: str
    tilbud: list[Tilbud]


class Kontakt(Schema):
    rolle: str
    telefon: str
    epost: str
    legevakt_telefon: str
    bup_akutt_telefon: str


class Kart(Schema):
    kommune: Kommune
    kontakt: Kontakt
    nivaer: list[Niva]


class Endring(Schema):
    tid: datetime
    trukket: bool
    forlop: str
    tjeneste: str | None
    tekstdel: str
    omfang: str
    omfang_navn: str
    malform: str
    versjon: int
    notat: str
    lenke: str


class Feil(Schema):
    detail: str
