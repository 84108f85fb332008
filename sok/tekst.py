"""Text helpers shared by the index and the search: plain text from sanitised HTML, the
query's words, and a light Norwegian stem that works the same on every database."""

import html
import re

_TAGG = re.compile(r"<[^>]+>")
_ORD = re.compile(r"[^\W_]+")
# Inflection endings of bokmål and nynorsk nouns and verbs, longest first. Stripping one of
# them turns «skolen», «skulen», «henvisninger», «tilvisinga» into a stem that is a
# substring of every form, so a substring match (FTS5 trigram, LIKE) finds them all.
_ENDINGAR = ("ene", "ane", "ar", "er", "en", "et", "a", "e")
MIN_STAMME = 4
MIN_LENGD = 3  # shorter words are not searched for: the SQLite trigram tokenizer cannot match them


def ren_tekst(html_tekst):
    """Plain text from (sanitised) HTML: tags become spaces, entities are decoded."""
    tekst = html.unescape(_TAGG.sub(" ", html_tekst or ""))
    return " ".join(tekst.split())


def ord_i(tekst):
    """The words of a text, lower case; punctuation, quotes, operators and symbols are dropped."""
    return [o.lower() for o in _ORD.findall(tekst or "")]


def stamme(ord_):
    """«skolen» → «skol», «spiseforstyrrelser» → «spiseforstyrrels»; short words stay whole.
    Phrases (several words) are left as they are."""
    if " " in ord_:
        return ord_
    for ending in _ENDINGAR:
        if ord_.endswith(ending) and len(ord_) - len(ending) >= MIN_STAMME:
            return ord_[: -len(ending)]
    return ord_


# --- how alike two words are: one definition for both databases -----------------------------
# pg_trgm's similarity(): the share of trigrams two words have in common, each word padded as
# pg_trgm pads it («  ord »). PostgreSQL computes it with pg_trgm over the vocabulary's trigram
# index; SQLite through `likhet` below. tests/test_sok.py holds the two to the same numbers.
LIKHET_GRENSE = 0.3  # pg_trgm's own default threshold; «autsime» ~ «autisme» is 0.33
MIN_RETTBAR = 5  # shorter words are not corrected: too many neighbours are near
NABOAR = 5  # the most alike words that are weighed as corrections, most alike first


def trigrammer(ord_):
    utvida = f"  {ord_} "
    return {utvida[i : i + 3] for i in range(len(utvida) - 2)}


def likhet(a, b):
    ta, tb = trigrammer(a), trigrammer(b)
    return len(ta & tb) / len(ta | tb)


def avstand(a, b):
    """Edits from a to b (insert, delete, replace, swap two neighbours), each counting one."""
    to_tilbake, forrige = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        rad = [i]
        for j, cb in enumerate(b, 1):
            kost = min(forrige[j] + 1, rad[j - 1] + 1, forrige[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                kost = min(kost, to_tilbake[j - 2] + 1)
            rad.append(kost)
        to_tilbake, forrige = forrige, rad
    return forrige[-1]


def ser_ut_som_skrivefeil(ord_, nabo):
    """Whether `nabo` (alike enough by trigrams) is what `ord_` is a misspelling of: a slip or
    two of the keys, not another word with parts in common («ensomhet» is not «enhet»)."""
    return avstand(ord_, nabo) <= (1 if len(ord_) < 6 else 2)
