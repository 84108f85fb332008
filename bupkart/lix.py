"""LIX (läsbarhetsindex), the readability score used for Scandinavian text: average sentence
length plus the share of words longer than six letters. 40 or below reads as everyday prose."""

import re

ORD = re.compile(r"[A-Za-zÆØÅæøåÉéÈèÜüÖöÄäÔô]+(?:-[A-Za-zÆØÅæøåÉéÜüÖöÄä]+)*")
# A sentence ends at . ! ? or : before a capital, at a line break (list items, headings)
# and at the end of the text.
SETNINGSSLUTT = re.compile(r"[.!?:]+(?=\s|$)|\n+")


def _renska(tekst):
    tekst = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", tekst)  # markdown links: keep the words
    return re.sub(r"[#*_>`|]", " ", tekst)


def lix(tekst):
    tekst = _renska(tekst)
    ord_ = ORD.findall(tekst)
    if not ord_:
        return 0.0
    setninger = [s for s in SETNINGSSLUTT.split(tekst) if ORD.search(s)]
    lange = sum(1 for o in ord_ if len(o) > 6)
    return round(len(ord_) / max(len(setninger), 1) + 100 * lange / len(ord_), 1)
