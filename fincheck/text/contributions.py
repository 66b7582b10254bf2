"""A part's contribution to its whole's growth: "税收收入增收B，拉动一般公共预算收入增长N个百分点"
(TXT023: N = B ÷ the whole's previous amount × 100).

The words are data (rules/text/phrasing.yaml group ``contribution``: 拉动/带动 … 增长, 拉低 …
下降). The part's change is the change amount stated before the words in their sentence; the
whole is named between 拉动 and 增长 and found by that name (the same canonical subject) among
the amounts before it in its section, with its own change or previous amount stated, so its
previous amount is known. A whole not named, named too short to tell, or found without its
change gives no check; nor does a contribution whose direction differs from the part's change.
"""

from __future__ import annotations

import re

from . import phrasing
from .claims import Claim, Structure
from .mentions import Mention
from .names import canonical, name_score

_HEADING = re.compile(r"\n\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
_REACH = 6
_WORDS = re.compile(r"(?:拉动|带动|拉低|下拉)(?P<whole>[^，,。；;\d]{0,24}?)(?:增长|上升|下降|提高|增速|增幅)?\s*$")
#: a whole named by its scope and kind only ("拉动全市收入增长", "下拉全县收入增速"): the one
#: amount before it of that scope and that kind word, with its change stated
_SCOPE_KIND = re.compile(r"^(?P<scope>全(?:国|省|市|州|盟|区|县|旗|镇|乡)|(?:省|市|区|县)?本级)(?P<kind>收入|支出)$")


def contribution_claims(text: str, mentions: list[Mention], st: Structure) -> list[Claim]:
    out: list[Claim] = []
    for i, m in enumerate(mentions):
        if m.kind != "points" or i == 0 or st.sent_of[i] < 0:
            continue
        si = st.sent_of[i]
        lead = text[mentions[i - 1].end : m.start]
        found = phrasing.matches("contribution", lead)
        if not found or found[-1][1] < len(lead.rstrip()):
            continue
        direction = int(dict(found[-1][2].reading)["contribution"])
        wm = _WORDS.search(lead)
        whole = canonical(wm.group("whole")) if wm else ""
        scoped = _SCOPE_KIND.match(wm.group("whole").strip()) if wm else None
        if len(whole) < 4 and scoped is None:
            continue
        # the part's change: the last change amount of the sentence before the words
        part = next((j for j in range(i - 1, -1, -1) if st.sent_of[j] == si and st.roles[j].role == "change"), None)
        if part is None or mentions[part].kind != "money" or st.roles[part].direction != direction:
            continue
        owner = next((it for it in st.items if it.change == part), None)
        w = None
        found_scoped: list = []
        for it in reversed(st.items):
            wm_ = mentions[it.mention]
            if wm_.start >= mentions[part].start or it is owner:
                continue
            if it.sentence < si - _REACH or _HEADING.search(text, wm_.end, m.start):
                break
            if it.in_paren or st.roles[it.mention].role != "amount" or wm_.unit != mentions[part].unit:
                continue
            if scoped is not None:
                label = it.label or ""
                if (
                    label.startswith(scoped["scope"])
                    and label.endswith(scoped["kind"])
                    and (it.change >= 0 or it.prev >= 0)
                ):
                    found_scoped.append(it)
                continue
            if name_score(whole, canonical(it.label)) == 3 and (it.change >= 0 or it.prev >= 0):
                w = it
                break
        if scoped is not None and len(found_scoped) == 1:
            w = found_scoped[0]
        if w is None:
            continue
        if w.prev >= 0:
            den = [(w.prev, 1.0)]
            why = f"{mentions[part].text} / {mentions[w.prev].text}"
        else:
            den = [(w.mention, 1.0), (w.change, -float(w.change_dir))]
            sg = "−" if w.change_dir > 0 else "+"
            why = f"{mentions[part].text} / ({mentions[w.mention].text} {sg} {mentions[w.change].text})"
        c = Claim(
            "TXT023", i, [(part, 1.0)], den, stated=i, form="ratio", factor=100.0,
            label=(owner.label if owner is not None else "") or wm.group(0), column="拉动",
        )  # fmt: skip
        c.evidence = [("base", "name-exact"), ("subject", "sentence")]
        c.why = why
        out.append(c)
    return out
