"""The search. One function, `sok(q, kontekst)`, for both databases:

1. The query is cut to a sane length and reduced to its words (quotes, stars, NEAR, SQL and
   any other syntax are dropped: nothing the reader types reaches the database as syntax).
2. Each word becomes a group of alternatives: its light stem plus the synonyms an editor
   entered in the admin (bokmål/nynorsk pairs, everyday words). A synonym may point at a forløp.
   A word the index does not know, not even inside a compound, is corrected to the most alike
   word of the index's vocabulary (trigram similarity, sok.tekst.likhet: pg_trgm on
   PostgreSQL, the same numbers in Python on SQLite), which joins its group with its synonyms;
   the page asks «Mente du …?».
3. The database finds candidates: PostgreSQL by full text (norwegian configuration), widened
   to the vocabulary's compounds that hold a word (found by trigram); SQLite by FTS5 with the
   trigram tokenizer (substring). Both return their own rank (ts_rank / bm25).
4. Texts are held to the resolution rule (forlop.resolution.viste_tekster): a hit counts only when it
   is the text the reader would see for that slot, or the same text in the other målform.
   The result shows and links the resolved text.
5. The ranking is computed the same way on both databases: how many of the query's words
   hit the title, the context (forløp name) or the body, whether all words hit, what kind of
   result it is, synonym links to a forløp, and the database's rank as the tie-breaker.
"""

import hashlib
import re
from dataclasses import dataclass, field, make_dataclass
from functools import cached_property

from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from bupkart.cache import les_versjoner
from bupkart.signaler import nokler_for
from forlop.models import Tekstplass
from forlop.resolution import Kontekst, omfang_navn, viste_tekster
from tjenester.omfang import Omfang, gjelder, innenfor

from .models import Dokument, Ord, Slag, Synonym
from .tekst import LIKHET_GRENSE, MIN_LENGD, MIN_RETTBAR, NABOAR, likhet, ord_i, ser_ut_som_skrivefeil, stamme

MAKS_SPORRING = 200  # characters of the query that are read at all
MAKS_ORD = 8
MAKS_ALTERNATIV = 30
KANDIDATAR = 300
MAKS_DELORD = 60  # words of the vocabulary that hold a search word, on PostgreSQL
SNUTT = 220

# Small words of bokmål and nynorsk that say nothing about what is sought. Dropped unless the
# query holds nothing else.
STOPPORD = set(
    """og i på pa til for med av som er en ei et eit at det den de du jeg eg hva kva når nar
    hvordan korleis ikke ikkje om fra frå seg sin sitt har kan skal vil min mitt mine hos ved
    eller men så sa han ho hun vi dei der her etter før inn ut opp mot""".split()
)

SLAGVEKT = {
    Slag.FORLOP: 0.6,
    Slag.TJENESTE: 1.0,  # a service whose name matches is what a searcher for «PPT» wants
    Slag.SEKSJON: 0.3,
    Slag.SJEKKLISTE: 0.3,
    Slag.FAMILIE: 0.2,
    Slag.TILBUD: 0.2,
    Slag.KOMMUNE: 1.0,  # «Molde» or «1506» asks for the kommune's map
}
SYNONYM_FORLOP = 6.0  # a word that leads to a forløp puts that forløp first
SYNONYM_ANNA = 1.0  # and lifts its other texts a little
PER_GRUPPE = 10  # results shown per kind


@dataclass
class Gruppe:
    """One search word and what it may also be written as."""

    ord: str
    alternativ: list  # lower-case strings, stems first
    forlop_ids: set = field(default_factory=set)
    rettet: str = ""  # the word of the index a misspelt word was taken to mean
    frase: bool = False

    # Read once per candidate document and group while ranking: compiled once per search,
    # after tolk() has settled the alternatives.
    @cached_property
    def monster(self):
        return re.compile("|".join(re.escape(a) for a in self.alternativ))

    @cached_property
    def heilt_ord(self):
        """The word itself (or what a misspelling was taken to mean), not inside a compound."""
        return re.compile(rf"\b{re.escape(self.rettet or self.ord)}\b")


@dataclass
class Treff:
    slag: str
    tittel: str
    kontekst: str
    lenke: str
    tekst: str  # the plain text the snippet is cut from, once the hit is among those shown
    poeng: float
    lokal: str = ""  # the name of the scope when the text is a local variant
    snutt: str = ""


@dataclass
class Resultat:
    q: str = ""
    grupper: list = field(default_factory=list)  # [(Slag, [Treff])]
    melding: str = ""
    forkortet: bool = False
    antall: int = 0
    forslag: str = ""  # the query with misspelt words corrected: «Mente du …?»

    @property
    def forslag_lenke(self):
        return f"{reverse('sok:sok')}?{urlencode({'q': self.forslag})}"

    @property
    def forste(self):
        return self.grupper[0][1][0] if self.grupper else None


# --- the query ------------------------------------------------------------------------------


def _synonymer(felles_versjon):
    """{stem: [(the entry's words, its forløp)]} of every synonym. A synonym is felles content
    (bupkart.signaler.Innhold): saving one moves the felles version, under which the lookup
    is kept in the cache."""
    nokkel = f"synonymer:{felles_versjon}"
    if (oppslag := cache.get(nokkel)) is not None:
        return oppslag
    oppslag = {}
    for s in Synonym.objects.all():
        ordene = s.ordene()
        for o in ordene:
            oppslag.setdefault(stamme(o), []).append((ordene, s.forlop_id))
    cache.set(nokkel, oppslag)
    return oppslag


def tolk(q, versjoner):
    """(groups, truncated) for a raw query; `versjoner`: the reader's scope versions, felles
    first (bupkart.signaler.nokler_for)."""
    forkortet = len(q) > MAKS_SPORRING
    ordene = []
    for o in ord_i(q[:MAKS_SPORRING]):
        if o not in ordene:
            ordene.append(o)
    if any(o not in STOPPORD for o in ordene):
        ordene = [o for o in ordene if o not in STOPPORD]
    ordene = ordene[:MAKS_ORD]
    if not ordene:
        return [], forkortet
    oppslag = _synonymer(versjoner[0])
    grupper = []
    # The whole query first, when it is several words: it counts only as a synonym phrase
    # («vold i hjemmet»); then each word.
    kandidater = [(" ".join(ordene), True)] if len(ordene) > 1 else []
    for o, er_frase in kandidater + [(o, False) for o in ordene]:
        alternativ, forlop_ids = _synonymalternativ(o, oppslag)
        if er_frase and not alternativ:
            continue
        grupper.append(
            Gruppe(ord=o, alternativ=[stamme(o), *alternativ], forlop_ids=forlop_ids, frase=er_frase)
        )
    _rett_opp(grupper, oppslag)
    brukt = 0
    for g in grupper:
        g.alternativ = [a for a in dict.fromkeys(g.alternativ) if len(a) >= MIN_LENGD]
        g.alternativ = g.alternativ[: max(0, MAKS_ALTERNATIV - brukt)]
        brukt += len(g.alternativ)
    return [g for g in grupper if g.alternativ], forkortet


def _synonymalternativ(o, oppslag):
    """The stems of the synonyms of a word, and the forløp they lead to."""
    alternativ, forlop_ids = [], set()
    for ordene_, forlop_id in oppslag.get(stamme(o), []):
        alternativ += [stamme(a) for a in ordene_]
        if forlop_id:
            forlop_ids.add(forlop_id)
    return alternativ, forlop_ids


def _rett_opp(grupper, oppslag):
    """A word with no synonym that the index does not know, not even inside a compound, gets
    the most alike word of the vocabulary (and that word's synonyms) among its alternatives."""
    ukjente = [
        g
        for g in grupper
        if not g.frase and len(g.alternativ) == 1 and len(g.ord) >= MIN_RETTBAR and not g.ord.isdigit()
    ]
    if not ukjente:
        return
    naboar = _naboord_postgres if connection.vendor == "postgresql" else _naboord_sqlite
    rettet = naboar({g.ord: stamme(g.ord) for g in ukjente})
    for g in ukjente:
        if nabo := rettet.get(g.ord):
            alternativ, forlop_ids = _synonymalternativ(nabo, oppslag)
            g.rettet = nabo
            g.alternativ += [stamme(nabo), *alternativ]
            g.forlop_ids |= forlop_ids


def _naboord_postgres(stammer):
    """{word: the vocabulary word it is a misspelling of} for the words whose stem no vocabulary
    word holds. pg_trgm finds the NABOAR most alike (`%` through the trigram index at pg_trgm's
    default threshold, 0.3, which LIKHET_GRENSE must not be below), in _naboord_sqlite's order."""
    sql = """
        SELECT q.ord, n.ord
        FROM unnest(%s::text[], %s::text[]) AS q(ord, stamme)
        CROSS JOIN LATERAL (
            SELECT o.ord FROM sok_ord o
            WHERE o.ord %% q.ord AND similarity(o.ord, q.ord) >= %s
            ORDER BY similarity(o.ord, q.ord) DESC, abs(length(o.ord) - length(q.ord)), o.ord COLLATE "C"
            LIMIT %s
        ) n
        WHERE NOT EXISTS (SELECT 1 FROM sok_ord o WHERE o.ord LIKE '%%' || q.stamme || '%%')
    """
    naboar = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [list(stammer), list(stammer.values()), LIKHET_GRENSE, NABOAR])
        for o, nabo in cursor.fetchall():
            naboar.setdefault(o, []).append(nabo)
    return _skrivefeil(naboar)


def _naboord_sqlite(stammer):
    """The same as _naboord_postgres, with sok.tekst.likhet over the vocabulary in Python."""
    ordforrad = list(Ord.objects.values_list("ord", flat=True))
    naboar = {}
    for o, st in stammer.items():
        if any(st in w for w in ordforrad):
            continue
        naere = [(likhet(o, w), w) for w in ordforrad]
        naere = sorted((-grad, abs(len(w) - len(o)), w) for grad, w in naere if grad >= LIKHET_GRENSE)
        naboar[o] = [w for _g, _l, w in naere[:NABOAR]]
    return _skrivefeil(naboar)


def _skrivefeil(naboar):
    """The most alike neighbour of each word that looks like a slip of the keys away."""
    rettet = {}
    for o, ord_ in naboar.items():
        if nabo := next((w for w in ord_ if ser_ut_som_skrivefeil(o, w)), None):
            rettet[o] = nabo
    return rettet


# --- the database -----------------------------------------------------------------------------


def _omfang(kontekst):
    """[(SQL, params)] for the documents a reader in this context may get at all: the scope
    rule (tjenester.omfang.gjelder) in its parts — the felles documents, the reader's
    helsefellesskap's, the reader's kommune's — each compiled by Django for the alias «d» of
    the raw candidate queries, where it is a plain condition (as a subquery it would cost a
    scan of the whole index per search). PostgreSQL reads each part through its own index
    (one branch each); SQLite takes them OR-ed. Local offers carry their kommune, so a reader
    who has chosen none gets none: every kommune's offers at once answer no «who do I call
    here?»."""
    kommune = kontekst.kommune
    deler = [gjelder()]
    if kommune is not None:
        deler += [innenfor(helsefellesskap=kommune.helsefellesskap_id), innenfor(kommune=kommune.pk)]
    return [_som_sql(del_) for del_ in deler]


def _som_sql(regel):
    sporring = Dokument.objects.filter(regel).query
    vilkar = sporring.where.relabeled_clone({Dokument._meta.db_table: "d"})
    sql, params = vilkar.as_sql(sporring.get_compiler(connection=connection), connection)
    return f"({sql})", list(params)


# The document's own columns: not PostgreSQL's generated tsvector and lower-case copy, which
# are as large as the text again and only the WHERE clause reads.
_KOLONNER = ", ".join(f"d.{f.column}" for f in Dokument._meta.concrete_fields)

# A candidate as the queries read it: the document's columns as plain values, its database
# rank and the score ranking gives it. Three hundred model instances cost a third of the
# candidate query on national data; most candidates are only scored and dropped. It answers
# what a Dokument is asked here (the same attribute names, `pk`, `lenke`).
Kandidatdokument = make_dataclass(
    "Kandidatdokument",
    [f.attname for f in Dokument._meta.concrete_fields] + ["db_rang", ("poeng", float, 0.0)],
    slots=True,
    namespace={"pk": property(lambda self: self.id), "lenke": Dokument.lenke},
)


def _les(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [Kandidatdokument(*rad) for rad in cursor.fetchall()]


def _kandidater_sqlite(alternativ, omfang):
    # Every alternative is a run of letters and digits, quoted as an FTS5 string: the reader's
    # input can never be FTS syntax (NEAR, *, AND, column filters).
    match = " OR ".join('"{}"'.format(a.replace('"', '""')) for a in alternativ)
    sql = f"""
        SELECT {_KOLONNER}, -bm25(sok_fts, 10.0, 4.0, 1.0) AS db_rang
        FROM sok_fts JOIN sok_dokument d ON d.id = sok_fts.rowid
        WHERE sok_fts MATCH %s AND ({" OR ".join(sql for sql, _p in omfang)})
        ORDER BY db_rang DESC LIMIT {KANDIDATAR}
    """
    return _les(sql, [match, *(p for _sql, params in omfang for p in params)])


def _delord(alternativ, versjoner):
    """The words of the vocabulary that hold an alternative inside them («skulevegring» for
    «skule»), shortest first: what PostgreSQL's full text cannot find by itself. A LIKE on
    the small sok_ord table (a scan of some 6 000 words, 2 ms on national data). The
    vocabulary grows only when a document is indexed, which moves its scope's version, and a
    word from another scope's documents finds nothing this reader may see: so the answer is
    kept in the cache under the alternatives and the reader's scope versions."""
    monster = [f"%{a}%" for a in alternativ if " " not in a]
    if not monster:
        return []
    nokkel = "delord:" + hashlib.sha256("\x1f".join([*versjoner, *monster]).encode()).hexdigest()
    if (lagret := cache.get(nokkel)) is not None:
        return lagret
    sql = f"SELECT ord FROM sok_ord WHERE ord LIKE ANY(%s) ORDER BY length(ord), ord LIMIT {MAKS_DELORD}"
    with connection.cursor() as cursor:
        cursor.execute(sql, [monster])
        delord = [rad[0] for rad in cursor.fetchall()]
    cache.set(nokkel, delord)
    return delord


def _kandidater_postgres(alternativ, omfang, versjoner):
    # Full text with the norwegian stemmer, for the alternatives and the compounds that hold
    # them (_delord), so the documents are read through their GIN index only, together with
    # the scope's indexes. A LIKE on the documents' own text instead read that text out of
    # line (TOAST) again for every pattern and row: 120 ms on national data for a three-word
    # query. The vocabulary's words are letters and digits only, so they are safe as
    # to_tsquery operands. No word_similarity over whole texts either (half a second); the
    # ranking that matters is done in Python (_poeng), the database rank only breaks ties.
    delord = _delord(alternativ, versjoner)
    tsquery = " || ".join(["plainto_tsquery('norwegian'::regconfig, %s)"] * len(alternativ))
    # The compounds widen the match, not the rank: ranking by a query of a hundred
    # words cost more than all the rest of the search.
    treff = "r || to_tsquery('norwegian'::regconfig, %s)" if delord else "r"
    # One branch per part of the scope: the felles part through the GIN index of the felles
    # documents (sok 0003); a helsefellesskap's or kommune's documents (a few hundred) read
    # through their foreign key's index and matched one by one. The planner cannot know how
    # many documents a query matches (its words come from the CTE) and otherwise ANDs the
    # whole index's matches with the scope's rows: 11 000 rows and 7 ms per branch for
    # «tilvising bup» on national data, against under one ms. OFFSET 0 keeps the scope's
    # rows a subquery of their own.
    (felles, _p), *lokale = omfang
    fra = [f"sok_dokument d, x WHERE {felles} AND"]
    fra += [f"(SELECT * FROM sok_dokument d WHERE {sql} OFFSET 0) d, x WHERE" for sql, _p in lokale]
    grener = " UNION ALL ".join(
        f"SELECT {_KOLONNER}, ts_rank(d.sokevektor, x.r) AS db_rang FROM {f} d.sokevektor @@ x.q" for f in fra
    )
    sql = f"""
        WITH x AS MATERIALIZED (SELECT r, {treff} AS q FROM (SELECT {tsquery} AS r) r)
        SELECT * FROM ({grener}) d ORDER BY db_rang DESC LIMIT {KANDIDATAR}
    """
    # In the order of the placeholders: the compounds' query comes first in the text.
    params = [" | ".join(delord), *alternativ] if delord else alternativ
    return _les(sql, [*params, *(p for _sql, params_ in omfang for p in params_)])


def kandidater(grupper, kontekst, versjoner):
    alternativ = list(dict.fromkeys(a for g in grupper for a in g.alternativ))
    if connection.vendor == "postgresql":
        funnet = _kandidater_postgres(alternativ, _omfang(kontekst), versjoner)
    else:
        funnet = _kandidater_sqlite(alternativ, _omfang(kontekst))
    # A synonym that leads to a forløp brings that forløp along even when its own title and
    # lead do not contain the word («mobbing» → Angst).
    lette_etter = {pk for g in grupper for pk in g.forlop_ids} - {
        d.forlop_id
        for d in funnet
        if d.slag == Slag.FORLOP and not d.kilde_id and d.malform == kontekst.malform
    }
    if lette_etter:
        ekstra = Dokument.objects.filter(
            slag=Slag.FORLOP, kilde__isnull=True, forlop_id__in=lette_etter, malform=kontekst.malform
        )
        for d in ekstra:
            d.db_rang = 0.0
            funnet.append(d)
    return funnet


# --- ranking, resolution and display -------------------------------------------------------------


def _poeng(dok, grupper, maks_rang):
    tittel, kontekst, tekst = dok.tittel.lower(), dok.kontekst.lower(), dok.tekst.lower()
    dekning, traff = 0.0, 0
    for g in grupper:
        if g.monster.search(tittel):
            dekning, traff = dekning + 3, traff + 1
        elif g.monster.search(kontekst):
            dekning, traff = dekning + 2, traff + 1
        elif g.monster.search(tekst):
            dekning, traff = dekning + 1, traff + 1
    if traff == 0:
        dekning = 0.5  # found by stemming or similarity only (PostgreSQL)
    alle = 2.0 if traff == len(grupper) else 0.0
    # A title that has the word itself, not just inside a compound («Skule», not «skulehelseteneste»):
    # the database may well rank the compound higher.
    dekning += sum(1 for g in grupper if g.heilt_ord.search(tittel))
    boost = 0.0
    for g in grupper:
        if dok.forlop_id in g.forlop_ids:
            boost = max(boost, SYNONYM_FORLOP if dok.slag == Slag.FORLOP else SYNONYM_ANNA)
    rang = 0.5 * (dok.db_rang or 0) / maks_rang if maks_rang else 0  # tie-breaker
    return dekning + alle + SLAGVEKT[dok.slag] + boost + rang


def uthev(tekst, grupper, lengde=SNUTT):
    """A snippet around the first hit, HTML-escaped, with the hits in <mark>."""
    alternativ = sorted({a for g in grupper for a in g.alternativ}, key=len, reverse=True)
    if not tekst:
        return ""
    # The whole word from where a stem matched: «<mark>merksemdsvanskar</mark>».
    monster = (
        re.compile("(?:" + "|".join(re.escape(a) for a in alternativ) + r")[^\W_]*", re.IGNORECASE)
        if alternativ
        else None
    )
    start = 0
    if monster and (m := monster.search(tekst)):
        start = max(0, m.start() - lengde // 3)
        if start:
            mellomrom = tekst.rfind(" ", 0, start)
            start = mellomrom + 1 if mellomrom > 0 else start
    utdrag = tekst[start : start + lengde]
    if start + lengde < len(tekst):
        slutt = utdrag.rfind(" ")
        utdrag = utdrag[:slutt] if slutt > lengde // 2 else utdrag
    deler, pos = [], 0
    for m in monster.finditer(utdrag) if monster else []:
        deler.append(escape(utdrag[pos : m.start()]))
        deler.append(f"<mark>{escape(m.group())}</mark>")
        pos = m.end()
    deler.append(escape(utdrag[pos:]))
    prefiks = "… " if start else ""
    suffiks = " …" if start + len(utdrag) < len(tekst) else ""
    return mark_safe(prefiks + "".join(deler) + suffiks)  # noqa: S308 - every part is escaped


def _same_omfang(d, tekst):
    return d.helsefellesskap_id == tekst.helsefellesskap_id and d.kommune_id == tekst.kommune_id


def sok(q, kontekst, versjoner=None):
    """Search for `q` as a reader in `kontekst` (forlop.resolution.Kontekst) sees the portal;
    `versjoner`: the versions of the reader's scopes, when the request has read them."""
    q = q or ""
    resultat = Resultat(q=q[:MAKS_SPORRING].strip())
    if not q.strip():
        resultat.melding = _("Skriv et eller flere ord du vil søke etter.")
        return resultat
    versjoner = versjoner or les_versjoner(nokler_for(kontekst.kommune))
    grupper, resultat.forkortet = tolk(q, versjoner)
    if not grupper:
        resultat.melding = _(
            "Søket inneholder ingen ord vi kan søke etter. Skriv minst tre bokstaver, for eksempel «angst»."
        )
        return resultat
    if any(g.rettet for g in grupper):
        resultat.forslag = " ".join(g.rettet or g.ord for g in grupper if not g.frase)
    leser = Kontekst(malform=kontekst.malform, kommune=kontekst.kommune)  # search shows published text only
    dokument = kandidater(grupper, leser, versjoner)
    maks_rang = max((d.db_rang or 0 for d in dokument), default=0)
    for d in dokument:
        d.poeng = _poeng(d, grupper, maks_rang)
    viste, beste = _hold_til_sidene(dokument, leser, versjoner)

    # What to show: the resolved text's document, and forløp and services in the reader's målform.
    vises = _visningsdokument(beste, viste, leser.malform, {d.pk: d for d in dokument})
    grupper_ut = {}
    for nokkel, (poeng, traff) in beste.items():
        # The resolved text (what the page shows), and the title in the reader's målform.
        sidens_tekst = vises.get(("tekst", traff.kilde_id), traff) if traff.kilde_id else traff
        vis = vises.get(nokkel, sidens_tekst)
        vist = viste.get(Tekstplass.av(traff)) if traff.kilde_id else None
        grupper_ut.setdefault(traff.slag, []).append(
            Treff(
                slag=traff.slag,
                tittel=vis.tittel,
                kontekst=_kontekst(traff, vis),
                lenke=sidens_tekst.lenke if traff.kilde_id else vis.lenke,
                tekst=sidens_tekst.tekst if traff.kilde_id else vis.tekst,
                poeng=poeng,
                lokal=omfang_navn(vist, leser) if vist and vist.omfang != Omfang.FELLES else "",
            )
        )
    resultat.grupper = _ordne(grupper_ut, grupper)
    resultat.antall = sum(len(t) for _s, t in resultat.grupper)
    if not resultat.grupper:
        resultat.melding = _("Vi fant ingen treff. Prøv et annet ord, eller færre ord.")
    return resultat


def _hold_til_sidene(dokument, leser, versjoner):
    """({Tekstplass: the text the page shows}, {key: (poeng, the best document that hit)}):
    a text's hit counts only when it is the text the reader's page shows for its slot, or the
    same scope's text in the other målform."""
    viste = viste_tekster(leser, versjoner) if any(d.kilde_id for d in dokument) else {}
    beste = {}
    for d in dokument:
        if d.kilde_id:
            vist = viste.get(Tekstplass.av(d))
            if vist is None or not (d.kilde_id == vist.pk or _same_omfang(d, vist)):
                continue  # another scope's text: this reader would not see it
        nokkel = _nokkel(d)
        if nokkel not in beste or d.poeng > beste[nokkel][0]:
            beste[nokkel] = (d.poeng, d)
    return viste, beste


def _ordne(grupper_ut, grupper):
    """The groups in the order of their best hit, each cut to PER_GRUPPE; only the hits shown
    get a snippet."""
    ordnet = []
    for slag, treff in grupper_ut.items():
        treff.sort(key=lambda t: (-t.poeng, t.tittel))
        ordnet.append((Slag(slag), treff[:PER_GRUPPE]))
    rekkefolge = list(Slag)
    ordnet.sort(key=lambda g: (-g[1][0].poeng, rekkefolge.index(g[0])))
    for _slag, treff in ordnet:
        for t in treff:
            t.snutt = uthev(t.tekst, grupper)
    return ordnet


def _nokkel(d):
    if d.slag in (Slag.FORLOP, Slag.FAMILIE, Slag.SJEKKLISTE):
        return (d.slag, d.forlop_id)  # one result per forløp: its page
    if d.slag == Slag.TJENESTE:
        return (d.slag, d.tjeneste_id)
    if d.slag == Slag.TILBUD:
        return (d.slag, d.tilbud_id)
    if d.slag == Slag.KOMMUNE:
        return (d.slag, d.kartkommune_id)
    return (d.slag, Tekstplass.av(d))


def _visningsdokument(beste, viste, malform, hatt):
    """{key: Dokument} to display: for a text slot the document of the resolved text, for a
    forløp or service its document in the reader's målform. One query for the missing ones."""
    onsket = _onskede_dokument(beste, viste)
    etter = _kjente_dokument(hatt, malform)
    _hent_manglende_dokument(onsket, etter, malform)
    return {nokkel: etter[art][pk] for nokkel, (art, pk) in onsket.items() if pk in etter[art]}


def _onskede_dokument(beste, viste):
    """{key: (art, pk)}: the document each hit is shown by — a text slot's resolved text (art
    «kilde», by its Tekst), a forløp's or a service's own document (by its forløp or service)."""
    onsket = {}
    for nokkel, (_p, d) in beste.items():
        if d.kilde_id:
            vis = viste[Tekstplass.av(d)].pk
            onsket[("tekst", d.kilde_id)] = ("kilde", vis)
        if d.slag in (Slag.FORLOP, Slag.FAMILIE) and d.forlop_id:
            onsket[nokkel] = ("forlop", d.forlop_id)
        elif d.slag == Slag.TJENESTE:
            onsket[nokkel] = ("tjeneste", d.tjeneste_id)
    return onsket


def _kjente_dokument(hatt, malform):
    """The documents the search already fetched, by art and pk as _onska_dokument names them."""
    return {
        "kilde": {d.kilde_id: d for d in hatt.values() if d.kilde_id},
        "forlop": {
            d.forlop_id: d
            for d in hatt.values()
            if d.slag == Slag.FORLOP and not d.kilde_id and d.malform == malform
        },
        "tjeneste": {
            d.tjeneste_id: d for d in hatt.values() if d.slag == Slag.TJENESTE and d.malform == malform
        },
    }


def _hent_manglende_dokument(onsket, etter, malform):
    """Adds to `etter` the wanted documents it lacks, in one query (none if it lacks none)."""
    # Three conditions with a list each, not one per document: Django builds a filter in
    # about as long as the database takes to answer it.
    mangler = {art: set() for art in etter}
    for art, pk in onsket.values():
        if pk not in etter[art]:
            mangler[art].add(pk)
    if not any(mangler.values()):
        return
    vilkar = Q(kilde_id__in=mangler["kilde"])
    vilkar |= Q(slag=Slag.FORLOP, kilde__isnull=True, forlop_id__in=mangler["forlop"], malform=malform)
    vilkar |= Q(slag=Slag.TJENESTE, tjeneste_id__in=mangler["tjeneste"], malform=malform)
    for d in Dokument.objects.filter(vilkar):
        if d.kilde_id:
            etter["kilde"][d.kilde_id] = d
        elif d.slag == Slag.FORLOP:
            etter["forlop"][d.forlop_id] = d
        else:
            etter["tjeneste"][d.tjeneste_id] = d


def _kontekst(traff, vis):
    if traff.slag == Slag.FAMILIE:
        return _("Side for foreldre og unge")
    if traff.slag == Slag.FORLOP:
        return ""
    return vis.kontekst
