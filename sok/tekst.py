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
