"""A total stated after its parts: "本年收入A，加上年结转B，收入总计T", "A…，B…，合计T".

In a sentence, a figure labelled as a total (rules/text/phrasing.yaml group ``total_after``:
总计, 合计, 共计) that closes a run of figures of its kind is their sum (TXT001). The run
starts after the sentence's previous total, a 其中 or a ；. How decisive the check is depends
on how the parts are joined:

* joined by arithmetic words (group ``joins``: "加", "加上", "减"), the sentence states the sum
  term by term: the check passes or fails (a 减 part counts negative, and so do the parts after
  it until the next 加);
* a bare total word ("合计T", "共计T") after the run: the same;
* a total naming its subject ("支出合计T") after figures joined by nothing: the run may start
  earlier than the parts, so only a fit of the whole run or of its last figures (two or more,
  to the last digit) passes; otherwise the check is a visible skip, never a failure.

Figures that carry a total label themselves ("资产总额A，负债总额B，合计…") are an
enumeration of indicators, not parts: such a run gives no check.

Two things of budget execution reports:

* a budget printed inside an execution rate's phrase ("收入A，为预算B的x%，加上年结转C，收入
  总计T") is the rate's, not a part: it neither joins nor breaks the run;
* a sentence that opens with 加 continues an earlier one: its first term is the subject the
  total names, stated in one of the sentences before it of the same section ("…一般公共预算收入
  A，增长x%。…。加上级补助收入B、调入资金C，一般公共预算收入总计T"). A total naming that subject
  in full (the same canonical name, four characters or more) makes the sum decisive; a short one
  ("收入总计T") only names a kind, and the nearest earlier amount of that kind is a guess: the
  check passes when it fits, and is a visible skip otherwise.

A total that counts its parts ("四项合计T", "以上三项合计T", "三项支出合计T") is the sum of the
last N amounts before it, whatever separates them (；, 一是…三是, a sentence), within its
paragraph: decisive, as the count says which figures are summed. When its own clause lists
the names counted ("教育、卫生健康…四项支出合计T") the figures are elsewhere (a table), and
nothing is read here.
"""

from __future__ import annotations

import re

from . import phrasing
from .claims import Claim, Structure, sum_fits
from .mentions import Mention
from .names import canonical, name_score, qualified

_BARE = re.compile(r"^(?:以上|上述|两项|三项|各项)?(?:总计|合计|共计)$")
_COUNTED = re.compile(
    r"(?:^|[，,。；;：:\n])\s*(?:以上|上述|前述|这)?\s*(?P<n>[两二三四五六七八九十]|\d{1,2})\s*项"
    r"(?:[\u4e00-\u9fff]{0,10}?)(?:总计|合计|共计)(?:为|是|达到?)?\s*$"
)
_NUMERALS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_QIZHONG = re.compile(r"其中|[；;]")
_TOTAL_WORD = re.compile(r"总计|合计|共计|总额|总数|总量")
_HEADING = re.compile(r"\n\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
#: how many sentences back the first term of a sentence opening with 加 is looked for
_HEAD_REACH = 3


def _rate_budget(st: Structure, mentions: list[Mention], text: str, k: int) -> bool:
    """Whether item k's figure is the budget inside an execution rate's phrase ("为预算B的x%")."""
    i = st.items[k].mention
    if i + 1 >= len(mentions) or st.roles[i + 1].role != "rate":
        return False
    return text[mentions[i].end : mentions[i + 1].start].strip() in ("的", "")


def _head(text: str, mentions: list[Mention], st: Structure, k: int, total) -> tuple[int, bool] | None:
    """The first term of a sum whose sentence opens with 加 (item k the first part): the
    earlier amount of the subject the total names, and whether the total names it in full."""
    want = canonical(total.label)
    if len(want) < 2:
        return None
    first = st.items[k]
    sent = st.sentences[first.sentence] if st.sentences else None
    lo_sentence = first.sentence - _HEAD_REACH
    m0 = mentions[first.mention]
    tm = mentions[total.mention]
    for j in range(k - 1, -1, -1):
        it = st.items[j]
        if it.sentence >= first.sentence:
            continue
        if it.sentence < lo_sentence or (
            sent is not None and _HEADING.search(text, mentions[it.mention].end, sent.start)
        ):
            break
        m = mentions[it.mention]
        if it.in_paren or st.roles[it.mention].role != "amount" or m.kind != tm.kind or m.unit != m0.unit:
            continue
        if _rate_budget(st, mentions, text, j):
            continue
        have = canonical(it.label)
        if len(want) >= 4 and name_score(want, have) == 3:
            return j, True
        if len(want) < 4 and qualified(want, have):
            return j, False
    return None


def _join(lead: str) -> int:
    """+1 / −1 when the words before a figure join it by 加 / 减, 0 when by nothing."""
    r = phrasing.read("joins", lead.lstrip("，,、 \t\n"))
    return int(r["join"]) if r else 0


def total_after_claims(text: str, mentions: list[Mention], st: Structure, taken: set[int]) -> list[Claim]:
    """TXT001 claims of totals stated after their parts (see the module)."""
    out: list[Claim] = []
    by_sentence: dict[int, list[int]] = {}
    for k, it in enumerate(st.items):
        if not it.in_paren and st.roles[it.mention].role == "amount":
            by_sentence.setdefault(it.sentence, []).append(k)
    for ks in by_sentence.values():
        run: list[tuple[int, int, str]] = []  # (item, sign, the words before its figure)
        sign = 1
        joined = False
        prev_end = -1
        opens = -1  # the first item of a sentence opening with 加
        for n, k in enumerate(ks):
            it = st.items[k]
            m = mentions[it.mention]
            sent = st.sentences[it.sentence] if st.sentences else None
            lo = prev_end if prev_end >= 0 else (sent.start if sent else max(0, m.start - 30))
            lead = text[lo : m.start]
            prev_end = m.end
            if _rate_budget(st, mentions, text, k):
                continue  # the budget of an execution rate: the rate's, not a part
            if prev_end >= 0 and _QIZHONG.search(lead):
                run, sign, joined = [], 1, False
            words = lead.strip("，,、；;：: \t\n")
            total = phrasing.read("total_after", words)
            if total is not None and run:
                head = _head(text, mentions, st, run[0][0], it) if opens == run[0][0] else None
                if head is not None:
                    run = [(head[0], 1, ""), *run]
                c = _claim(it, words, run, joined and (head is None or head[1]), mentions, st)
                if c is not None and it.mention not in taken:
                    out.append(c)
                run, sign, joined = [], 1, False
                continue
            if total is not None:
                continue  # a total of its own opens no run
            if n == 0 and sent is not None and _join(text[sent.start : m.start]) > 0:
                opens, sign, joined = k, 1, True
            before = mentions[it.mention - 1].end if it.mention else lo
            j = _join(text[max(lo, before) : m.start]) if run else 0  # the words right before it
            if j:
                sign, joined = j, True
            if not run or mentions[st.items[run[0][0]].mention].kind == m.kind:
                run.append((k, sign if run else 1, words))
            else:
                run, sign, joined = [(k, 1, words)], 1, False
    return out


def _claim(total, words: str, run: list[tuple[int, int, str]], joined: bool, mentions, st: Structure) -> Claim | None:
    tm = mentions[total.mention]
    if _COUNTED.search(words):
        return None  # a total that counts its parts: counted_total_claims reads it
    run = [r for r in run if mentions[st.items[r[0]].mention].kind == tm.kind]
    if len(run) < 2 or any(_TOTAL_WORD.search(w) for _, _, w in run):
        return None  # an enumeration of totals ("资产总额A，负债总额B"), not parts
    label = total.label or words
    decisive = joined or bool(_BARE.match(words))
    pms = [mentions[st.items[p].mention] for p, _, _ in run]
    coefs = [float(s) for _, s, _ in run]
    if not decisive and not sum_fits(tm, pms, coefs):
        for n in range(len(run) - 2, 0, -1):  # the run's last figures, by exact fit
            if sum_fits(tm, pms[n:], coefs[n:]):
                run, pms, coefs = run[n:], pms[n:], coefs[n:]
                break
    num = [(st.items[p].mention, c) for (p, _, _), c in zip(run, coefs, strict=True)]
    c = Claim("TXT001", total.mention, num, stated=total.mention, label=label, column="金额")
    # parts joined to the total by 加/减 or a bare 合计: the structure says it
    c.evidence = [("parts", "list-marked" if decisive else "list-guessed")]
    if not decisive and not sum_fits(tm, pms, coefs):
        c.status, c.note = "skip", "the parts before a total are open-ended (parts unclear)"
    return c


def counted_total_claims(text: str, mentions: list[Mention], st: Structure) -> list[Claim]:
    """TXT001 claims of totals that count their parts ("以上三项合计T"; see the module)."""
    out: list[Claim] = []
    amounts = [
        k
        for k, it in enumerate(st.items)
        if not it.in_paren and st.roles[it.mention].role == "amount" and not _rate_budget(st, mentions, text, k)
    ]
    for n, k in enumerate(amounts):
        it = st.items[k]
        m = mentions[it.mention]
        lo = max(text.rfind("\n", 0, m.start) + 1, m.start - 40)
        cm = _COUNTED.search(text, lo, m.start)
        if cm is None:
            continue
        count = _NUMERALS.get(cm.group("n")) or int(cm.group("n"))
        parts = amounts[max(0, n - count) : n]
        if count < 2 or len(parts) < count:
            continue
        pms = [mentions[st.items[p].mention] for p in parts]
        if any(p.kind != m.kind or p.unit != m.unit for p in pms) or "\n" in text[pms[0].start : m.start]:
            continue
        if any(_TOTAL_WORD.search(st.items[p].label or "") for p in parts):
            continue
        c = Claim("TXT001", it.mention, [(mentions.index(p), 1.0) for p in pms], stated=it.mention,
                  label=it.label or cm.group(0).strip("，,。；;：: \n"), column="金额")  # fmt: skip
        c.evidence = [("parts", "list-marked")]
        out.append(c)
    return out
