"""Markdown for editor texts: rendered once, then sanitised with an allow-list, so whatever an
editor types (or pastes) can never become active content on a public page."""

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


def render(text):
    # Editors write seksjon bodies; headings inside them start at h3 under the page's h2s.
    html = md.markdown(text or "", extensions=["sane_lists", "tables"], output_format="html")
    return sanitise(html)
