"""Markdown for editor texts: rendered once, then sanitised with an allow-list, so whatever an
editor types (or pastes) can never become active content on a public page."""

import re

import markdown as md
import nh3

TAGS = {
    "p",
    "br",
    "hr",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "h5",
    "blockquote",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "abbr",
}
ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "td": set()}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitise(html):
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


LISTEPUNKT = re.compile(r"^ {0,3}(?:[-*+]|\d+[.)]) ")


def _luft_for_lister(text):
    """Python-Markdown only starts a list after a blank line; editors (rightly) expect a list
    straight under a paragraph line to be a list, as in CommonMark."""
    linjer = []
    for linje in text.splitlines():
        forrige = linjer[-1] if linjer else ""
        if (
            LISTEPUNKT.match(linje)
            and forrige.strip()
            and not LISTEPUNKT.match(forrige)
            and not forrige[:1].isspace()
        ):
            linjer.append("")
        linjer.append(linje)
    return "\n".join(linjer)


def render(text):
    html = md.markdown(
        _luft_for_lister(text or ""), extensions=["sane_lists", "tables"], output_format="html"
    )
    return sanitise(html)
