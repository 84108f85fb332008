"""Line diffs for editors: what changed between two versions, side by side, marked with
<del>/<ins> so the change is not told by colour alone."""

import difflib

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


def _rad(venstre, hoyre, klasse):
    return format_html('<tr class="{}"><td>{}</td><td>{}</td></tr>', klasse, venstre, hoyre)


def _merk(tag, linjer):
    return format_html_join(
        mark_safe("<br>"), "<" + tag + ">{}</" + tag + ">", ((linje,) for linje in linjer)
    )


def side_om_side(fra, til, fra_navn, til_navn):
    fra_linjer, til_linjer = (fra or "").splitlines(), (til or "").splitlines()
    rader = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(
        None, fra_linjer, til_linjer, autojunk=False
    ).get_opcodes():
        if op == "equal":
            rader += [_rad(linje, linje, "lik") for linje in fra_linjer[a1:a2]]
        else:
            rader.append(_rad(_merk("del", fra_linjer[a1:a2]), _merk("ins", til_linjer[b1:b2]), "endret"))
    return format_html(
        '<table class="tekstdiff"><thead><tr><th scope="col">{}</th><th scope="col">{}</th></tr></thead>'
        "<tbody>{}</tbody></table>",
        fra_navn,
        til_navn,
        mark_safe("".join(rader)),  # noqa: S308 - every row was built with format_html
    )


def er_lik(fra, til):
    return (fra or "").strip() == (til or "").strip()
