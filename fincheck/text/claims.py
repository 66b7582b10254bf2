"""Claims in prose: what each figure says, and the checks that follow from it.

Steps (each a function with its own tests):

1. :func:`classify` gives every mention a role from the words just before it in its clause:
   an amount (a new subject), a share (占…的X%), a change (比上年增加A), a previous-year
   figure (较上年的P), a growth rate (增长X%), a compound rate (年均增长X%), an execution rate
   (完成预算X%), the start and end of a compound period (从2015年的A…到2020年的B), or a
   list continuation ("、B和C" after "分别为A").
2. :func:`build_items` attaches shares, changes and rates to the subject they follow in the
   same sentence, pairs parallel lists (分别为A、B和C … 占X%、Y%和Z%) and finds 其中 groups.
3. :func:`make_claims` turns items into claims (engine instances): totals, shares with
   their bases (:mod:`fincheck.text.bases`), growth, compound growth, execution rates, the
   change of a total against its parts' changes, and shares exhausting a base adding to 100.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field, replace

from . import phrasing
from .labels import YEAR_NAMED, clean_name, item_name, key, loose_key, report_year
from .mentions import Mention
from .segment import Sentence

DECREASE = ("减少", "下降", "降低", "回落", "减收", "减支", "下滑", "压减", "缩减", "负增长", "降幅")
INCREASE = ("增加", "增长", "上升", "提高", "增收", "增支", "增幅", "增速", "递增", "上涨")
_DIR_WORDS = "|".join(DECREASE + INCREASE)
_GROWTH_END = re.compile(rf"(?:{_DIR_WORDS})(?:了|为|达到?|约|幅度为?)?\s*$")
_CHANGE_END = re.compile(rf"(?:{_DIR_WORDS}|多|少)(?:了|额为?|约)?\s*$")
_COMPARE = re.compile(r"同比|比上年|较上年|比去年|较去年|比年初|较年初|上年同期|去年同期|比|较")
_PREV_END = re.compile(
    r"(?:比|较)(?:上年|去年|上年度|上年同期|去年同期|同期|年初)?(?:的)?\s*$|(?:上年|去年)(?:同期)?(?:为|是)\s*$"
)
_CAGR = re.compile(rf"年均(?:{_DIR_WORDS})")
_FROM_YEAR = re.compile(r"从\s*(\d{4})\s*年(?:的|末|底)?\s*$")
_TO_YEAR = re.compile(r"(?:到|至)\s*(\d{4})\s*年(?:的|末|底)?\s*$")
_RATE = re.compile(
    r"(?:完成|达到|为|占)了?(?P<base>(?:年度|全年|本年度?)?(?:年初|调整后的?|调整)?预算(?:数)?)的?\s*$"
    r"|(?P<name>执行率|完成率|支出率|执行进度)(?:为|达到?|是)?\s*$"
)
#: a bracketed alias may follow the base ("占一般公共预算收入的比重（税收比重）为78.46%")
_SHARE = re.compile(
    r"占(?P<base>[^占]*?)(?:的)?(?:比例|比重|份额)?(?:[(（][^()（）占]{1,8}[)）])?(?:分别|各)?(?:为|是|达到?|约)?\s*$"
)
_LIST_START = re.compile(r"(?:分别|各)(?:为|是|达到?|占|完成)?[^，,；;]{0,30}$")
_LIST_SEP = re.compile(r"^\s*(?:、|，|,|和|及|与|以及)\s*$")
#: "不包括陪同人员" (excluding) opens no list
_QIZHONG = re.compile(r"其中|(?<![不未])包括")
_EXHAUSTIVE = re.compile(r"(?<!主要)(?<![不未])包括|分为|由[^，,。]*(?:组成|构成)")
_MARKER = re.compile(
    r"^\s*(?:(\d+)\s*[、.．](?!\d)|[（(]\s*([一二三四五六七八九十]+)\s*[)）]|([一二三四五六七八九十]+)\s*、|[（(]\s*(\d+)\s*[)）])"
)


@dataclass
class Role:
    role: str  # amount share change prev growth cagr rate from to cont points other
    direction: int = 1
    base: str = ""  # share / rate base name as printed
    name: str = ""  # a subject named before 占 ("X占Y的…")
    year: int = 0


@dataclass
class Item:
    """A subject amount and the figures that describe it."""

    mention: int
    label: str
    sentence: int
    marker: str
    share: int = -1
    share_base: str = ""
    change: int = -1
    change_dir: int = 1
    growth: int = -1
    growth_dir: int = 1
    prev: int = -1
    #: a gap to a budget stated after the amount ("决算数为A，比年初预算数增加D"), and its sign
    gap: int = -1
    gap_dir: int = 1
    rate: int = -1
    rate_base: str = ""
    in_paren: bool = False
    list_id: int = -1
    name: str = ""  # the item as a table would name it (labels.item_name), "" when unsure
    via: str = (
        ""  # how a later sentence's change was tied to it: "name" (named again), "block" (its block's one amount)
    )
    #: a reference, not a subject: the budget inside a rate's phrase ("为年初预算B的x%"), a gap to the budget
    reference: bool = False


@dataclass
class Claim:
    """One check, in mention ids; becomes one engine instance with its links."""

    rule: str
    anchor: int
    num: list[tuple[int, float]]
    den: list[tuple[int, float]] = field(default_factory=list)
    #: growth rates (mention, ±1 for a rise or a fall) rebasing the ``den`` operand of the same
    #: position to its previous-period value, operand ÷ (1 + rate / 100) (TXT022)
    rebase: list[tuple[int, float]] = field(default_factory=list)
    stated: int = -1
    stated_value: float = math.nan
    stated_decimals: int = -1
    unit: str = ""
    form: str = "linear"
    factor: float = 1.0
    offset: float = 0.0
    power: float = 1.0
    sign: float = 1.0
    op: str = "eq"
    absolute: bool = False
    label: str = ""
    column: str = ""
    status: str = ""
    note: str = ""
    #: how each operand was tied to the stated figure: (operand, level) pairs (:mod:`fincheck.text.evidence`)
    evidence: list[tuple[str, str]] = field(default_factory=list)
    #: the reading, and other plausible readings of the same figure (arbitrated once decimals are known)
    why: str = ""
    others: list[Claim] = field(default_factory=list)
    #: a figure of the claim restates it on the basis its words name (剔除A因素后: A is an
    #: operand), so a 同口径 growth is read on its own basis (:mod:`fincheck.text.comparable`)
    restated: bool = False


def growth_claim(stated: int, direction: float, label: str) -> Claim:
    """TXT005 for a growth rate (operands set by the caller): (current − previous) / previous × 100."""
    return Claim(
        "TXT005", stated, [], stated=stated, form="ratio", factor=100.0, sign=direction, label=label, column="增长率"
    )


def compound_growth_claim(
    stated: int, last: int, first: int, years: int, direction: float, label: str, column: str
) -> Claim:
    """TXT006 for a yearly (compound) growth rate over ``years``: ((last / first)^(1/years) − 1) × 100."""
    return Claim(
        "TXT006",
        stated,
        [(last, 1.0)],
        [(first, 1.0)],
        stated=stated,
        form="ratio",
        factor=100.0,
        offset=-100.0,
        power=1.0 / years,
        sign=direction,
        label=label,
        column=column,
    )


# --------------------------------------------------------------------------- step 1


def classify(text: str, mentions: list[Mention], sentences: list[Sentence]) -> list[Role]:
    """A role for every mention, from the words before it in its clause."""
    roles: list[Role] = []
    sent_of = sentence_index(mentions, sentences)
    for i, m in enumerate(mentions):
        s = sentences[sent_of[i]] if sent_of[i] >= 0 else None
        clause = s.clause_at(m.start) if s else None
        c0 = clause.start if clause else max(0, m.start - 40)
        prev_end = mentions[i - 1].end if i and sent_of[i - 1] == sent_of[i] else -1
        lead = text[max(c0, prev_end) : m.start]
        clause_lead = text[c0 : m.start]
        if s is not None and _COMPARED_SENTENCE.match(text, s.start, c0):
            clause_lead = "比" + clause_lead  # "与2023年度相比，X减少A": compared to the previous year
        elif (
            s is not None
            and i
            and sent_of[i - 1] == sent_of[i]
            and roles[i - 1].role == "growth"
            and _COMPARE.search(text, s.start, mentions[i - 1].start)
            and m.kind == "money"
        ):
            # "同比增长5.6%，增收8.31亿元": the change after a growth rate compares like it
            clause_lead = "比" + clause_lead
        roles.append(_role(text, m, lead, clause_lead, i, mentions, roles, prev_end >= c0))
    _implied_changes(text, mentions, roles, sent_of, sentences)
    _listed_changes(text, mentions, roles, sent_of, sentences)
    return roles


_LISTED_CHANGE = re.compile(rf"(?:分别|各)(?:{_DIR_WORDS})(?:了)?\s*$")


def _listed_changes(text, mentions, roles: list[Role], sent_of, sentences) -> None:
    """A column of changes in a parallel list: "收、支总计分别为A、B；与上年相比，分别减少C、D，
    分别下降x%、y%" — money after 分别/各 and a direction word is a change when its sentence
    states the comparison before it, or the sentence before does (a paragraph's lead)."""
    compare = phrasing.finder("compare")
    for i, m in enumerate(mentions):
        if roles[i].role != "amount" or m.kind != "money" or sent_of[i] < 0:
            continue
        si = sent_of[i]
        lo = mentions[i - 1].end if i and sent_of[i - 1] == si else sentences[si].start
        lead = text[lo : m.start]
        if not _LISTED_CHANGE.search(lead):
            continue
        before = max(sentences[si - 1].start if si else sentences[si].start, m.start - 300)
        if not compare.search(text, before, m.start):
            continue
        tail = lead.rstrip()[-4:]
        roles[i] = Role("change", -1 if any(w in tail for w in (*DECREASE, "减")) else 1)


_IMPLIED_END = re.compile(rf"(?:{_DIR_WORDS})(?:了|额为?|约)?\s*$")
_NOT_CHANGE = re.compile(r"新增|年初|预算|追加|调整")
_RATE_ROLES = ("share", "rate", "growth")


def _implied_changes(text, mentions, roles: list[Role], sent_of, sentences) -> None:
    """A change without 同比/较上年 in its clause: "增值税20.10亿元，增加0.90亿元，增长4.69%" —
    an amount after a direction word, right after another amount of its sentence, is a change
    when a rate in the same direction follows it, or when its sentence states the comparison
    before it. "比年初预算增加A", "新增A" stay amounts.

    The rates of the subject may stand between its amount and the change: "税收收入A，增长x%，
    增收B" (a growth rate in the same direction right before the change compares like it),
    "国有土地使用权出让收入A，占…的y%，减收B，下降z%"."""
    for i, m in enumerate(mentions):
        if roles[i].role != "amount" or m.kind != "money" or i == 0 or sent_of[i] < 0:
            continue
        si = sent_of[i]
        j = i - 1
        while j >= 0 and sent_of[j] == si and mentions[j].kind == "percent" and roles[j].role in _RATE_ROLES:
            j -= 1
        if j < 0 or sent_of[j] != si or roles[j].role not in ("amount", "prev") or mentions[j].kind != "money":
            continue
        prev = mentions[i - 1]
        lead = text[prev.end : m.start]
        if len(lead) > 12 or not _IMPLIED_END.search(lead) or _NOT_CHANGE.search(lead) or re.search(r"[。；;]", lead):
            continue
        clause = sentences[si].clause_at(m.start)
        if clause is not None and phrasing.read("difference", text[clause.start : m.start]) is not None:
            continue  # "比年初预算B减少D": a gap to that budget
        d = (phrasing.read("direction", lead) or {}).get("direction", 1)
        nxt = i + 1 < len(mentions) and sent_of[i + 1] == si and mentions[i + 1].kind == "percent"
        agrees = False
        if nxt:
            after = text[m.end : mentions[i + 1].start]
            r = phrasing.read("direction", after)
            agrees = len(after) <= 12 and r is not None and r["direction"] == d
        stated = bool(phrasing.finder("compare").search(text, sentences[si].start, prev.start))
        growth_before = roles[i - 1].role == "growth" and roles[i - 1].direction == d and j != i - 1
        own = j == i - 1 and phrasing.read("own_change", lead) is not None  # "A，增收B"
        if agrees or stated or growth_before or own:
            roles[i] = Role("change", int(d))


def _role(text, m: Mention, lead: str, clause_lead: str, i, mentions, roles, same_clause_prev) -> Role:
    lead_s = lead.strip()
    prev = mentions[i - 1] if i else None
    gap = text[prev.end : m.start].strip() if prev is not None else "x"
    if (
        prev is not None
        and (_LIST_SEP.match(lead_s or "x") or (gap in ("，", ",") and "万" not in prev.text and prev.unit == m.unit))
        and prev.kind == m.kind
        and roles[i - 1].role not in ("other",)
        and text[prev.end : m.start].count("\n") == 0
    ):
        return Role("cont")
    if m.kind == "percent":
        if _CAGR.search(lead):
            return Role("cagr", -1 if any(w in lead[-8:] for w in DECREASE) else 1)
        rm = _RATE.search(lead)
        if rm is None and same_clause_prev and lead_s == "的" and prev.kind == "money":
            # "为年初预算427,000万元的48.2%": the budget printed inside the rate's phrase
            rm = _RATE.search(clause_lead[: len(clause_lead) - (m.start - prev.start)])
        if rm:  # "占调整预算105.47%", "为预算的98%": an execution rate, not a share
            return Role("rate", base=rm.group("base") or "")
        sm = _SHARE.search(lead)
        # "专项债务余额占比60.17%": 占比 is the word for a share (share_word), 比 no base
        if sm and "占" in lead and not sm.group("base").startswith("比"):
            base = clean_name(sm.group("base"))
            name = clean_name(lead[: lead.rfind("占")])
            return Role("share", base=base, name=name)
        share = _share_word(lead)
        if share is not None:
            return share
        if _GROWTH_END.search(lead):
            tail = lead_s[-6:]
            d = -1 if any(w in tail for w in DECREASE) else 1
            return Role("growth", d)
        return Role("other")
    if m.kind == "points":
        return Role("points", -1 if re.search(r"低于|少|下降|回落|减少", lead) else 1)
    fm = _FROM_YEAR.search(lead)
    if fm:
        return Role("from", year=int(fm.group(1)))
    tm = _TO_YEAR.search(lead)
    if tm:
        return Role("to", year=int(tm.group(1)))
    if _PREV_END.search(lead) or phrasing.finder("previous").search(lead):
        return Role("prev")
    if _CHANGE_END.search(lead) and _COMPARE.search(clause_lead):
        if phrasing.read("difference", clause_lead) is not None:
            # "比年初预算B减少D": a gap to the budget its clause compares with, not a change
            # from the previous year (the difference reader checks it)
            return Role("amount")
        tail = lead_s[-6:]
        d = -1 if any(w in tail for w in (*DECREASE, "少")) else 1
        return Role("change", d)
    return Role("amount")


def _share_word(lead: str) -> Role | None:
    """A share said without 占 (group ``share_word``): "为收入合计的93.10%" names its base,
    "比重为70.19%" / "税收占比为74.99%" leave it to the list's total, like a bare "占x%"."""
    found = phrasing.matches("share_word", lead)
    if not found or found[-1][1] < len(lead.rstrip()):
        return None
    a, b, entry = found[-1]
    if dict(entry.reading).get("share") == "named":
        return Role("share", base=clean_name(lead[a:b].strip()[1:].rstrip("的 ")), name="")
    return Role("share", base="", name=clean_name(lead[:a]))


def sentence_index(mentions: list[Mention], sentences: list[Sentence]) -> list[int]:
    out, j = [], 0
    for m in mentions:
        while j < len(sentences) and sentences[j].end <= m.start:
            j += 1
        out.append(j if j < len(sentences) and sentences[j].start <= m.start else -1)
    return out


# --------------------------------------------------------------------------- step 2


def marker_style(text: str, sentence: Sentence) -> str:
    m = _MARKER.match(text[sentence.start : sentence.end])
    if not m:
        return ""
    return ["d.", "(c)", "c、", "(d)"][next(k for k in range(4) if m.group(k + 1))]


@dataclass
class Group:
    """A total and parts stated as its breakdown (其中 / 分别为 / N个…中)."""

    parent: int  # item index
    parts: list[int]
    cross_sentence: bool
    exhaustive: bool
    kind: str = "qizhong"


@dataclass
class Structure:
    items: list[Item]
    groups: list[Group]
    lists: list[list[int]]  # mention ids of parallel lists, in order
    roles: list[Role]
    sent_of: list[int]
    sentences: list[Sentence] | None = None
    extra_shares: list[Item] = field(default_factory=list)  # an item's second and later shares
    extra_rates: list[Item] = field(default_factory=list)  # an item's second and later execution rates
    #: the one part of a 其中 (item index → its total's item index): "支出A，为预算B的x%，其中专项债券
    #:安排的支出C，占y%" (the total A, not the budget B); no list to add up, a base for its bare share
    single_parts: dict[int, int] = field(default_factory=dict)


def _across_bracket(text: str, s: Sentence, c0: int, pos: int) -> str:
    """The words before a figure in its clause; a clause that starts inside a bracket without
    figures ("资产总额(账面净值,下同)298.5亿元": the comma is the bracket's) reaches back to the
    name before the bracket, the bracket left out."""
    lead = text[c0:pos]
    close = max(lead.rfind(")"), lead.rfind("）"))
    if close < 0 or "(" in lead[:close] or "（" in lead[:close]:
        return lead
    o = max(text.rfind("(", s.start, c0), text.rfind("（", s.start, c0))
    if o < 0 or re.search(r"\d", text[o:c0]) or re.search(r"[)）]", text[o:c0]):
        return lead
    return text[s.clause_at(o).start : o] + lead[close + 1 :]


def build_items(text: str, mentions: list[Mention], sentences: list[Sentence], roles: list[Role]) -> Structure:
    sent_of = sentence_index(mentions, sentences)
    items: list[Item] = []
    item_of: dict[int, int] = {}
    lists: list[list[int]] = []
    # parallel lists: a mention followed by "cont" mentions of the same kind
    list_of: dict[int, int] = {}
    for i, r in enumerate(roles):
        if r.role == "cont" and i > 0:
            j = list_of.get(i - 1)
            if j is None:
                lists.append([i - 1])
                j = len(lists) - 1
                list_of[i - 1] = j
            lists[j].append(i)
            list_of[i] = j
            roles[i] = Role(roles[i - 1].role, roles[i - 1].direction, roles[i - 1].base, "", roles[i - 1].year)
    current: dict[int, int] = {}  # sentence -> last item index
    extra: list[Item] = []
    rates: list[Item] = []
    year = report_year(text)
    depth = _ParenDepth(text)
    other_year = _OtherYears(text, year)
    for i, (m, r) in enumerate(zip(mentions, roles, strict=True)):
        si = sent_of[i]
        if si < 0:
            continue
        s = sentences[si]
        if (
            r.role == "amount"
            and m.kind in ("money", "count")
            and _previous_year_figure(text, mentions, items, current.get(si), i, s)
        ):
            roles[i] = Role("prev")
            items[current[si]].prev = i
            continue
        if r.role == "amount" and m.kind in ("money", "count", "score"):
            clause = s.clause_at(m.start)
            lead = _across_bracket(text, s, clause.start, m.start)
            continuing = i in list_of and lists[list_of[i]][0] != i
            # the label starts after the figure before it in the clause ("货物类A、工程类B")
            own = (
                lead[max(0, mentions[i - 1].end - clause.start) :] if i and mentions[i - 1].end > clause.start else lead
            )
            label = "" if continuing else clean_name(own)
            in_paren = depth.open_between(s.start, m.start) and not _bracketed_amount(text, m)
            it = Item(i, label, si, marker_style(text, s), in_paren=in_paren, list_id=list_of.get(i, -1))
            if not continuing and not in_paren:
                # item_name(lead, year, sentence before the clause), without rescanning the sentence
                it.name = "" if other_year.between(s.start, clause.start) else item_name(lead, year)
            items.append(it)
            item_of[i] = len(items) - 1
            gap = phrasing.read("difference", own) or phrasing.read("difference", lead) or {}
            cur = current.get(si)
            if gap.get("difference") and cur is not None and items[cur].gap < 0 and not in_paren:
                # "决算数为A，比年初预算数增加D，增长g%": the gap's rate reads against A ∓ D
                items[cur].gap, items[cur].gap_dir = i, int(gap["difference"])
            # a gap to the budget ("比预算节约A；比上年减少C，降幅g%") is not the subject the
            # changes after it describe
            if (
                not in_paren
                and not _budget_of_rate(text, own, m)
                and phrasing.read("difference", own) is None
                and phrasing.read("difference", lead) is None
                and not _COMPARED_BUDGET.search(own)
            ):
                current[si] = len(items) - 1
            elif not in_paren:
                it.reference = True
            continue
        cur = current.get(si)
        if cur is None and r.role == "change":
            cur = _subject_before(text, mentions, sentences, items, si, m)
            via = "name"
            if cur is None:
                cur, via = _block_subject(text, mentions, sentences, items, si, m), "block"
            if cur is not None:
                current[si] = cur
                items[cur].via = items[cur].via or via
        if cur is None and r.role == "share" and r.name and i not in list_of:
            # "基本支出占一般公共预算支出的67.86%" after the sentence stating 基本支出 A元
            named = _named_subject(items, mentions, si, r.name)
            if named is not None and items[named].share < 0:
                items[named].share, items[named].share_base = i, r.base
            continue
        if cur is None:
            continue
        it = items[cur]
        if r.role == "share" and i not in list_of:
            if r.name and key(r.name) != key(it.label) and loose_key(r.name) != loose_key(it.label):
                continue
            if it.share < 0:
                it.share, it.share_base = i, r.base
            else:  # "A万元，占本级支出的x%，占全市支出的y%": a second share of the same amount
                extra.append(replace(it, share=i, share_base=r.base))
        elif r.role == "change" and it.change < 0:
            it.change, it.change_dir = i, r.direction
        elif r.role == "growth" and it.growth < 0 and i not in list_of:
            it.growth, it.growth_dir = i, r.direction
        elif r.role == "prev" and it.prev < 0:
            it.prev = i
        elif r.role == "rate" and it.rate < 0:
            it.rate, it.rate_base = i, r.base
        elif r.role == "rate" and r.base and r.base != it.rate_base:
            # "为调整预算的96%，为年初预算的120%": a second rate, of another budget named
            rates.append(replace(it, rate=i, rate_base=r.base, share=-1, change=-1, growth=-1, prev=-1))
    _pair_lists(mentions, roles, items, item_of, lists, sent_of, text)
    _name_members(items, item_of, lists, roles)
    groups, singles = _groups(text, mentions, sentences, roles, items, sent_of, lists, list_of)
    return Structure(items, groups, lists, roles, sent_of, sentences, extra, rates, singles)


_OF_RATE = re.compile(r"\s*的")
#: the budget a figure is compared with ("比年初预算B节约D"): the reference, not the subject
_COMPARED_BUDGET = re.compile(r"(?:比|较)\s*(?:年初|调整后?的?|全年|年度)?预算(?:数)?(?:的)?\s*$")


def _budget_of_rate(text: str, own: str, m: Mention) -> bool:
    """ "支出完成A万元，为年初预算B万元的x%，同比增长y%": B is the budget inside the rate's phrase,
    not the sentence's new subject; the growth and change after it stay A's."""
    return _OF_RATE.match(text, m.end) is not None and phrasing.read("execution", own) is not None


_YEAR_ONLY = re.compile(r"^\s*[、，,；;]?\s*((?:19|20)\d{2})\s*年度?(?:同期)?(?:为|是)?\s*$")
_LAST_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def _previous_year_figure(text, mentions, items: list[Item], cur: int | None, i: int, s: Sentence) -> bool:
    """ "2023年收入45.67亿元、2022年42.10亿元、同比增长8.48%": a figure named only by the year
    before the year of the subject just stated (same unit) is that subject's previous-year figure."""
    if cur is None or i == 0:
        return False
    it = items[cur]
    if it.mention != i - 1 or it.prev >= 0 or it.change >= 0 or it.growth >= 0 or it.in_paren:
        return False
    m, a = mentions[i], mentions[i - 1]
    y = _YEAR_ONLY.match(text[a.end : m.start])
    if not y or a.unit != m.unit:
        return False
    years = _LAST_YEAR.findall(text, s.start, a.start)
    return bool(years) and int(years[-1]) == int(y.group(1)) + 1


_COMPARED_SENTENCE = re.compile(
    r"\s*(?:与|和|同|较|比)\s*(?:上年|去年|上年度|上年同期|去年同期|(?:19|20)\d{2}\s*年度?)\s*(?:相比|比较)?\s*[，,]"
)


def _subject_before(text, mentions, sentences, items: list[Item], si: int, m: Mention) -> int | None:
    """ "X2995.39万元。与2023年度相比，X减少56.95万元": a change stated in a sentence that
    compares with the previous year and names, before the change word, the item of an amount in
    the sentence before (the same item name); None when there is no such single amount."""
    s = sentences[si]
    if si == 0:
        return None
    clause = s.clause_at(m.start)
    if _COMPARED_SENTENCE.match(text, s.start, m.start):
        name = item_name(_CHANGE_END.sub("", text[clause.start : m.start]), None)
        # the same item, or its name without a trailing 支出/收入/经费 ("财政拨款" for 财政拨款支出)
        same = lambda it: it.name == name or _same_subject(it.name, name)  # noqa: E731
    else:
        # "“三公”经费预算较上年减少4.40万元": the sentence opens with the item's name, then the
        # comparison and the change word (the same item up to 预算/数/额)
        named = _NAMED_CHANGE.match(text[s.start : m.start])
        name = item_name(named.group("name"), None) if named else ""
        same = lambda it: bool(it.name) and loose_key(it.name) == loose_key(name)  # noqa: E731
    if not name:
        return None
    hits = [k for k in _items_of(items, si - 1) if same(items[k])]
    if hits:
        return hits[0] if len(hits) == 1 else None
    # further back in the same block: "一般公共服务支出A万元，…。一般公共服务支出主要用于…。与上
    # 年相比，一般公共服务支出增加B万元" — the one figure of the item in the sentences before, up
    # to the block's heading or numbered start; none when two are stated there (a budget and an
    # actual, two years: which one is compared is not said), or when it is printed as a budget,
    # a previous-year figure or under a year other than the report's
    from .names import canonical, name_score

    want = canonical(name)
    year = report_year(text)
    found: list[int] = []
    for sj in range(si - 2, max(-1, si - 1 - _LOOKBACK), -1):
        if _is_heading_line(text[sentences[sj + 1].start : sentences[sj + 1].end]):
            break
        for k in _items_of(items, sj):
            if items[k].in_paren or name_score(canonical(items[k].name or items[k].label), want) != 3:
                continue
            years = {int(y) for y in _LAST_YEAR.findall(text, sentences[sj].start, mentions[items[k].mention].start)}
            if _OTHER_LEVEL.search(items[k].label) or (years and years != {year}):
                return None
            found.append(k)
    return found[0] if len(found) == 1 else None


#: how many sentences back a named comparison looks for its item
_LOOKBACK = 6
#: labels of figures that are not the current level of an item
_OTHER_LEVEL = re.compile(r"预算|上年|去年|同期|以前年度")


_SUBJECT_TAIL = re.compile(r"(?:支出|收入|经费|费用|资金)$")


def _same_subject(a: str, b: str) -> bool:
    """The same subject up to a trailing 支出/收入/经费 ("财政拨款" and "财政拨款支出")."""
    ka, kb = (_SUBJECT_TAIL.sub("", loose_key(x)) for x in (a, b))
    return bool(ka) and ka == kb


def _items_of(items: list[Item], si: int) -> list[int]:
    """Indices of the items of sentence ``si``, read back from the end of ``items`` while they
    are built (items come in text order, so this costs the items after ``si``, not all)."""
    out = []
    for k in range(len(items) - 1, -1, -1):
        if items[k].sentence < si:
            break
        if items[k].sentence == si:
            out.append(k)
    return out[::-1]


_OPENS_WITH_COMPARISON = re.compile(
    r"\s*(?:同比|(?:较|比|与)\s*(?:上年|去年|上年度|上年同期|去年同期|(?:19|20)\d{2}\s*年度?)(?:决算数?|预算数?)?(?:相比)?)"
)


def _block_subject(text, mentions, sentences, items: list[Item], si: int, m: Mention) -> int | None:
    """ "1.上级补助收入8.38万元，为……的收入。较2020年度决算数减少17.40万元": a sentence that
    opens with the comparison names no subject, so it speaks of its item block's subject —
    the one amount (same kind of figure, not in brackets, no change of its own) stated since
    the block's numbered heading, at most three sentences back. None when there are several
    (which one is meant is unclear) or a heading of another item intervenes."""
    s = sentences[si]
    opening = _OPENS_WITH_COMPARISON.match(text, s.start, m.start)
    if not opening or re.search(r"[\u4e00-\u9fff]{2,}", _CHANGE_END.sub("", text[opening.end() : m.start])):
        return None  # "较上年，项目支出减少A": the sentence names its subject after all
    found: list[int] = []
    for sj in range(si - 1, max(-1, si - 4), -1):
        own = [k for k in _items_of(items, sj) if not items[k].in_paren]
        found += [k for k in own if mentions[items[k].mention].kind == m.kind]
        if marker_style(text, sentences[sj]) or len(found) > 1:
            break
        if text[sentences[sj].start : sentences[sj].end].strip() and not own and sj < si - 1:
            break
    if len(found) != 1:
        return None
    it = items[found[0]]
    if it.change >= 0 or it.growth >= 0 or it.prev >= 0 or it.list_id >= 0:
        return None
    return found[0]


_NAMED_CHANGE = re.compile(
    rf"^\s*(?P<name>[^，,；;：:、]{{2,30}}?)(?:同比|(?:比|较)(?:上年|去年)(?:度|同期)?)(?:{_DIR_WORDS})(?:了|额为?|约)?\s*$"
)


def _named_subject(items: list[Item], mentions, si: int, name: str) -> int | None:
    """The one money amount labelled ``name`` in sentence ``si`` or the sentence before it."""
    k = key(name)
    if not k:
        return None
    hits = [
        n
        for n in _items_of(items, si - 1) + _items_of(items, si)
        if not (it := items[n]).in_paren and mentions[it.mention].kind == "money" and key(it.label) == k
    ]
    return hits[0] if len(hits) == 1 else None


def _in_paren(text: str, lo: int, pos: int) -> bool:
    seg = text[lo:pos]
    return seg.count("(") + seg.count("（") > seg.count(")") + seg.count("）")


class _ParenDepth:
    """:func:`_in_paren` for many spans of one text in linear time (prefix counts of brackets)."""

    def __init__(self, text: str) -> None:
        import numpy as np

        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        step = np.isin(codes, (ord("("), ord("（"))).astype(np.int64) - np.isin(codes, (ord(")"), ord("）")))
        self.depth = np.concatenate(([0], np.cumsum(step)))

    def open_between(self, lo: int, pos: int) -> bool:
        return bool(self.depth[pos] - self.depth[lo] > 0)


class _OtherYears:
    """Whether a span of the text names a year other than the report's (what :func:`item_name`
    checks in the sentence before a clause), from one pass over the text, not one per figure."""

    def __init__(self, text: str, year: int | None) -> None:
        # a match ends at its 年 (a span cut before 年度's 度 still names the year)
        found = [
            (m.start(), m.end(1) + m.group(0)[m.end(1) - m.start() :].index("年") + 1, int(m.group(1)) != year)
            for m in YEAR_NAMED.finditer(text)
        ]
        self.starts = [f[0] for f in found]
        self.ends = [f[1] for f in found]
        self.other = [0]
        for f in found:
            self.other.append(self.other[-1] + f[2])

    def between(self, lo: int, hi: int) -> bool:
        first = bisect.bisect_left(self.starts, lo)
        last = bisect.bisect_right(self.ends, hi)  # matches [first, last) lie inside [lo, hi)
        return last > first and self.other[last] - self.other[first] > 0


def _pair_lists(mentions, roles, items, item_of, lists, sent_of, text: str = "") -> None:
    """分别为A、B和C … 占X%、Y%和Z% / 各下降X%、Y%: pair the percentages with the amounts."""
    for k, lst in enumerate(lists):
        r = roles[lst[0]]
        if r.role not in ("share", "growth", "change", "rate"):
            continue
        # the nearest amount list before it in the same sentence, of the same length
        cands = [
            a
            for a in lists[:k]
            if roles[a[0]].role == "amount" and sent_of[a[0]] == sent_of[lst[0]] and len(a) == len(lst)
        ]
        if cands:
            amounts = cands[-1]
        else:
            amounts = _named_amounts(mentions, roles, items, item_of, sent_of, lst, text)
            if amounts is None:
                amounts = _parallel_amounts(mentions, roles, lists[:k], sent_of, lst, text)
            if amounts is None and r.role == "share":
                amounts = _amounts_by_names(mentions, items, sent_of, lst, r.name)
            if amounts is None or any(a not in item_of for a in amounts):
                continue
        for a, p in zip(amounts, lst, strict=True):
            it = items[item_of[a]]
            if r.role == "share":
                it.share, it.share_base = p, r.base
            elif r.role == "growth":
                it.growth, it.growth_dir = p, r.direction
            elif r.role == "change":
                it.change, it.change_dir = p, r.direction
            else:
                it.rate, it.rate_base = p, r.base


def _name_members(items, item_of, lists, roles) -> None:
    """ "收、支总计各是A、B": the amounts of a list whose first is labelled by a shared subject
    printed short, the others not labelled, are labelled by its members (收入总计 A, 支出总计 B)
    when there are as many members as amounts (:func:`names.shared_members`)."""
    from .names import shared_members

    for lst in lists:
        if len(lst) < 2 or roles[lst[0]].role != "amount" or any(a not in item_of for a in lst):
            continue
        its = [items[item_of[a]] for a in lst]
        if any(it.label.strip() for it in its[1:]):
            continue
        names = shared_members(its[0].label.strip())
        if len(names) == len(its):
            for it, name in zip(its, names, strict=True):
                it.label = name


#: how far back the amounts a list of shares names one by one may be stated
_NAMED_LOOKBACK = 3


def _amounts_by_names(mentions, items: list[Item], sent_of, lst: list[int], names: str) -> list[int] | None:
    """ "财政拨款收入、事业收入、其他收入占本年收入合计的比重分别为x%、y%、z%": a list of shares
    whose subjects are named one by one before 占; each name must be the label of exactly one
    amount (outside brackets, the shares' sentence or the few before it), else the list is
    left unpaired."""
    parts = [clean_name(x) for x in names.split("、")]
    if len(parts) != len(lst) or any(not x for x in parts):
        return None
    si = sent_of[lst[0]]
    pool = [
        it
        for it in items
        if si - _NAMED_LOOKBACK <= it.sentence <= si
        and not it.in_paren
        and it.mention < lst[0]
        and mentions[it.mention].kind == "money"
    ]
    out = []
    for name in parts:
        hits = [it.mention for it in pool if it.label and key(it.label) == key(name)]
        if len(hits) != 1:
            return None
        out.append(hits[0])
    return out if len(set(out)) == len(out) else None


_EACH_SUBJECT = re.compile(r"([\u4e00-\u9fff、]{2,20}?)(?:各|分别)(?:是|为|减少|增加|下降|增长|降低|上升)")


def _parallel_amounts(mentions, roles, before: list[list[int]], sent_of, lst: list[int], text: str) -> list[int] | None:
    """Parallel lists across sentences: "收、支总计各是A、B。…收、支总计各减少C、D，各下降x%、y%":
    the amount list of the sentence before, of the same length, introduced by the same
    subjects before 各."""
    here = _each_subject(text, mentions, sent_of, lst)
    if not here:
        return None
    for a in reversed(before):
        if roles[a[0]].role != "amount" or len(a) != len(lst) or sent_of[a[0]] not in (sent_of[lst[0]] - 1,):
            continue
        if _same_subjects(_each_subject(text, mentions, sent_of, a), here):
            return a
    return None


def _same_subjects(a: str, b: str) -> bool:
    """ "本年收入、支出总计" and "收入、支出总计" name the same subjects (years, 本年, kind
    words aside)."""
    from .names import canonical

    return a == b or (bool(a) and [canonical(x) for x in a.split("、")] == [canonical(x) for x in b.split("、")])


def _each_subject(text: str, mentions, sent_of, lst: list[int]) -> str:
    """The subjects a 各-list is stated for ("收、支总计"), from its sentence up to the list."""
    first = mentions[lst[0]].start
    k = lst[0]
    while k > 0 and sent_of[k - 1] == sent_of[lst[0]]:
        k -= 1
    lo = mentions[k - 1].end if k > 0 else max(0, first - 80)
    found = _EACH_SUBJECT.findall(text, max(lo, first - 80), first)
    subject = clean_name(found[0]) if found else ""
    return subject if "、" in subject else ""


def _named_amounts(mentions, roles, items, item_of, sent_of, lst: list[int], text: str) -> list[int] | None:
    """ "货物类A、工程类B、服务类C，分别占…X%、Y%、Z%": the amounts named one by one just before
    a 分别/各 list of as many figures (the mentions right before it, of one unit, nothing between)."""
    n, first = len(lst), lst[0]
    if n < 2 or first < n or not text:
        return None
    amounts = list(range(first - n, first))
    if any(
        roles[a].role != "amount" or a not in item_of or sent_of[a] != sent_of[first] or items[item_of[a]].in_paren
        for a in amounts
    ):
        return None
    if len({mentions[a].unit for a in amounts}) > 1 or (
        first - n > 0
        and sent_of[first - n - 1] == sent_of[first]
        and roles[first - n - 1].role == "amount"
        and mentions[first - n - 1].unit == mentions[first - n].unit
        and not _QIZHONG.search(text, mentions[first - n - 1].end, mentions[first - n].start)
    ):
        return None  # more amounts of the unit than figures in the list: which ones is unclear
    if not re.match(r"\s*[，,]?\s*(?:分别|各)", text[mentions[first - 1].end : mentions[first].start]):
        return None
    return amounts


def _groups(text, mentions, sentences, roles, items, sent_of, lists, list_of) -> tuple[list[Group], dict[int, int]]:
    """其中 breakdowns, within a sentence (nested ones closed by ；) and across sentences; and the
    one-part 其中 (part → total, :func:`_single_parts`)."""
    groups: list[Group] = []
    opening: list[Group] = []  # groups of a sentence opening with 其中: parent in the sentence before
    by_sentence: dict[int, list[int]] = {}
    for k, it in enumerate(items):
        by_sentence.setdefault(it.sentence, []).append(k)
    for si, ks in by_sentence.items():
        s = sentences[si]
        stack: list[Group] = []
        last_item: int | None = None
        for k in ks:
            it = items[k]
            m = mentions[it.mention]
            if it.in_paren:
                continue
            lo = mentions[items[last_item].mention].end if last_item is not None else s.start
            between = text[lo : m.start]
            if last_item is not None and ("；" in between or ";" in between) and len(stack) > 1:
                stack.pop()
            qizhong = _QIZHONG.search(between) is not None
            opens = qizhong or _list_lead_in(between)
            if opens and last_item is not None:
                g = Group(last_item, [], False, bool(_EXHAUSTIVE.search(between)), kind="qizhong" if qizhong else "led")
                groups.append(g)
                stack.append(g)
            elif opens and last_item is None and si > 0:
                led = not qizhong
                parent = _first_item(items, by_sentence, si - 1)
                if parent is None and led and si > 1 and si - 1 not in by_sentence:
                    # "…支出决算为A万元。差异主要是…。按支出功能分类：B…": over a sentence without figures
                    parent = _first_item(items, by_sentence, si - 2)
                if parent is not None:
                    # "收入总计A。包括：1.…；2.…": a list word saying the parts are the whole
                    # (kept only when the total is certain, below)
                    whole = bool(_EXHAUSTIVE.search(between))
                    g = Group(parent, [], True, whole, kind="led" if led else "qizhong")
                    groups.append(g)
                    stack.append(g)
                    opening.append(g)
            if stack and k != stack[-1].parent:
                stack[-1].parts.append(k)
            last_item = k
    for g in opening:
        g.parent = _parent_before(mentions, items, by_sentence, g)
        g.exhaustive = g.exhaustive and _parent_certain(mentions, items, by_sentence, g)
    # a list announced by its lead alone (no 其中) breaks down a figure of the sentence before
    # only when that figure is the one amount of the parts' unit there, or the one the parts add
    # up to; its bare shares find their base as a run of parts adding up to it (exhaustion)
    groups = [
        g for g in groups if g.kind != "led" or not g.cross_sentence or _parent_certain(mentions, items, by_sentence, g)
    ]
    groups.extend(_cross_sentence_groups(text, sentences, items, by_sentence, groups, mentions))
    groups.extend(_paren_groups(text, mentions, items, groups))
    groups.extend(_count_groups(text, mentions, items, by_sentence))
    groups.extend(_total_groups(mentions, items, by_sentence, groups))
    for g in groups:
        g.parts = _without_nested(items, g)
    singles = _single_parts(mentions, items, by_sentence, groups)
    return [g for g in groups if len(g.parts) >= 2 or (len(g.parts) == 1 and g.kind == "count")], singles


def _single_parts(mentions, items: list[Item], by_sentence, groups: list[Group]) -> dict[int, int]:
    """Part → total of each 其中 naming one part: the subject before it, not a budget inside a
    rate's phrase ("完成调整预算B的x%，其中C"); across sentences, the one subject amount of the
    part's unit in the sentence before. Nothing when that total is not unique."""
    out: dict[int, int] = {}
    for g in groups:
        if g.kind != "qizhong" or len(g.parts) != 1:
            continue
        part = g.parts[0]
        unit = mentions[items[part].mention].unit
        si = items[g.parent].sentence
        cands = [
            k
            for k in by_sentence.get(si, [])
            if not items[k].in_paren and not items[k].reference and mentions[items[k].mention].unit == unit
        ]
        if g.cross_sentence:
            total = cands[0] if len(cands) == 1 else None
        else:
            before = [k for k in cands if k < part]
            total = before[-1] if before else None
        if total is not None and total != part:
            out[part] = total
    return out


_BRACKETED = re.compile(r"[\u4e00-\u9fff][（(]\s*$")


def _bracketed_amount(text: str, m: Mention) -> bool:
    """ "基本工资（218.60万元）、津贴补贴（196.45万元）": a bracket holding nothing but the figure,
    right after a name, prints that name's amount; it is no aside to the figure before it."""
    return (
        m.kind == "money"
        and _BRACKETED.search(text, max(0, m.start - 3), m.start) is not None
        and re.match(r"\s*[)）]", text[m.end : m.end + 3]) is not None
    )


def _list_lead_in(between: str) -> bool:
    """ "A万元，主要用于以下方面：B…" / "按支出功能分类：B…": a lead announcing a list (group
    ``list_lead``) ending with a colon right before the next figure's label opens a breakdown
    like 其中."""
    c = max(between.rfind("："), between.rfind(":"))
    if c < 0 or re.search(r"[，,；;。]", between[c + 1 :]):
        return False
    lead = between[: c + 1]
    cut = max(lead.rfind(x, 0, c) for x in "，,；;。")
    return phrasing.read("list_lead", lead[cut + 1 :]) is not None


def _without_nested(items: list[Item], g: Group) -> list[int]:
    """A part whose share is of another part ("其中：授予中小企业合同金额A，占总额的x%；授予小微
    企业合同金额B，占授予中小企业合同金额的y%") is that part's own part, not the total's."""
    names = {key(items[k].label) for k in g.parts if items[k].label}
    names.discard("")
    return [
        k
        for k in g.parts
        if not (
            items[k].share_base
            and key(items[k].share_base) in names
            and key(items[k].share_base) != key(items[k].label)
        )
    ]


def _parent_before(mentions, items: list[Item], by_sentence, g: Group) -> int:
    """The total a sentence opening with 其中 breaks down ("…有625.7亿元。其中，A…，B…"): the
    figure of the parts' unit in the sentence before (a count "77户企业" before an amount is no
    total of amounts); of several, the one the parts add up to exactly (a boundary by exact fit,
    as for a list's end), else the first of them."""
    if not g.parts:
        return g.parent
    unit = mentions[items[g.parts[0]].mention].unit
    cands = [
        k
        for k in by_sentence.get(items[g.parent].sentence, [])
        if not items[k].in_paren and mentions[items[k].mention].unit == unit
    ]
    if len(cands) > 1:
        parts = [mentions[items[k].mention] for k in g.parts if mentions[items[k].mention].unit == unit]
        fits = [k for k in cands if sum_fits(mentions[items[k].mention], parts)]
        cands = fits if len(fits) == 1 else cands
    return cands[0] if cands else g.parent


def _parent_certain(mentions, items: list[Item], by_sentence, g: Group) -> bool:
    """Whether the total of a list opening its sentence is certain: the one amount of the
    parts' unit in the sentence before, or the one they add up to."""
    if not g.parts:
        return False
    unit = mentions[items[g.parts[0]].mention].unit
    cands = [
        k
        for k in by_sentence.get(items[g.parent].sentence, [])
        if not items[k].in_paren and mentions[items[k].mention].unit == unit
    ]
    parts = [mentions[items[k].mention] for k in g.parts if mentions[items[k].mention].unit == unit]
    return len(cands) == 1 or sum_fits(mentions[items[g.parent].mention], parts)


def _paren_groups(text, mentions, items: list[Item], existing: list[Group]) -> list[Group]:
    """A total's parts in the bracket right after it (:mod:`fincheck.text.parentheses`)."""
    from .parentheses import paren_parts

    parents = {g.parent for g in existing}
    found = paren_parts(text, [m.start for m in mentions], items, mentions)
    return [Group(k, parts, False, False, kind="paren") for k, parts in found if k not in parents]


def _first_item(items, by_sentence, si) -> int | None:
    for k in by_sentence.get(si, []):
        if not items[k].in_paren:
            return k
    return None


def _numbered_parts(text, sentences, items, by_sentence, starts: list[int], si: int) -> list[int] | None:
    """The numbered parts on the lines after sentence ``si`` (:mod:`fincheck.text.sublists`)."""
    from .sublists import numbered_parts

    after = sentences[si + 1 : si + 41]

    def first_part(n: int) -> int | None:
        k = _first_item(items, by_sentence, after[n].index)
        # the item's first figure must be its amount: no other figure (a change, a rate) before it
        if k is None or bisect.bisect_left(starts, after[n].start) != items[k].mention:
            return None
        return k

    def blank(n: int) -> bool:
        return text.count("\n", after[n - 1].end, after[n].start) > 1

    return numbered_parts([text[x.start : x.end] for x in after], first_part, blank)


def _led_parts(text, sentences, items, by_sentence, starts, mentions, si: int) -> Group | None:
    """ "总收入A，其中本年收入B。收入具体情况如下。" then numbered parts: a figureless lead
    announcing the list; the total is the one figure of the parts' unit in the sentence before
    that they add up to (a boundary by exact fit), else the first such figure, with the list
    read as open-ended (never failing on parts beyond the total)."""
    parts = _numbered_parts(text, sentences, items, by_sentence, starts, si)
    prev = _first_item(items, by_sentence, si - 1)
    if parts is None or prev is None:
        return None
    g = Group(prev, parts, True, False)
    g.parent = _parent_before(mentions, items, by_sentence, g)
    return g


def _cross_sentence_groups(text, sentences, items, by_sentence, existing, mentions=()) -> list[Group]:
    """ "…。其中:" then one part per sentence until a heading of the parent's level; after a
    line closing with 其中, the numbered parts below it (:func:`_numbered_parts`)."""
    out: list[Group] = []
    starts = [m.start for m in mentions]
    for s in sentences:
        body = text[s.start : s.end].strip()
        parent = None
        closing = False
        if re.fullmatch(r"其中\s*[:：]?", body):
            for sj in range(s.index - 1, max(-1, s.index - 3), -1):
                parent = _first_item(items, by_sentence, sj)
                if parent is not None:
                    break
        elif re.search(r"[，,]\s*其中\s*[:：]\s*$", body) and s.end < len(text) and text[s.end] == "\n":
            # "基本支出A元，其中：" closing its line: the parts follow, one per line
            own = [k for k in by_sentence.get(s.index, []) if not items[k].in_paren]
            parent = own[-1] if own else None
            closing = True
        elif len(body) <= 40 and s.index not in by_sentence and s.index and phrasing.read("list_lead", body):
            led = _led_parts(text, sentences, items, by_sentence, starts, mentions, s.index)
            if led is not None:
                out.append(led)
            continue
        if parent is None:
            continue
        if closing:
            numbered = _numbered_parts(text, sentences, items, by_sentence, starts, s.index)
            if numbered is not None:
                out.append(Group(parent, numbered, False, False))
                continue
        pstyle = items[parent].marker
        parts: list[int] = []
        for sj in range(s.index + 1, min(len(sentences), s.index + 40)):
            t = text[sentences[sj].start : sentences[sj].end]
            if _is_heading_line(t) and marker_style(text, sentences[sj]) in (pstyle, "c、"):
                break  # the next item of the parent's level, or a section heading
            if re.fullmatch(r"\s*其中\s*[:：]?\s*", t):
                break
            k = _first_item(items, by_sentence, sj)
            if k is None:
                if sentences[sj].start > 0 and text[sentences[sj].start - 1] == "\n" and not t.strip():
                    break
                continue
            if pstyle and items[k].marker == pstyle:
                break
            parts.append(k)
        if len(parts) >= 2:
            out.append(Group(parent, parts, True, False))
    return out


def _is_heading_line(t: str) -> bool:
    return bool(_MARKER.match(t))


def _count_groups(text, mentions, items, by_sentence) -> list[Group]:
    """ "5个项目中，4个…，1个…": counts of a whole and of its parts."""
    out: list[Group] = []
    for ks in by_sentence.values():
        for n, k in enumerate(ks):
            m = mentions[items[k].mention]
            if m.kind != "count":
                continue
            after = text[m.end : m.end + 12]
            if not re.match(r"^[\u4e00-\u9fff]{0,8}(?:中|里|当中)\s*[,，:：]", after):
                continue
            parts = [j for j in ks[n + 1 :] if mentions[items[j].mention].unit == m.unit]
            if parts:
                out.append(Group(k, parts, False, False, kind="count"))
    return out


_TOTAL_LABEL = re.compile(r"(?:总数|总额|总计|合计|共计|总量)$")


def _total_groups(mentions, items, by_sentence, existing: list[Group]) -> list[Group]:
    """ "市场主体总数A户，企业B户，个体工商户C户": a figure labelled as a total and the
    figures of the same unit after it in the sentence (a part-of bound: they may be partial)."""
    used = {k for g in existing for k in [g.parent, *g.parts]}
    out: list[Group] = []
    for ks in by_sentence.values():
        for n, k in enumerate(ks):
            it = items[k]
            if it.in_paren or k in used or not _TOTAL_LABEL.search(it.label):
                continue
            unit = mentions[it.mention].unit
            parts = [j for j in ks[n + 1 :] if not items[j].in_paren and mentions[items[j].mention].unit == unit]
            # "资产总额A，负债总额B，净资产总额C": an enumeration of indicators (each figure a
            # total of its own), not a breakdown
            indicators = all(_TOTAL_LABEL.search(items[j].label) for j in parts)
            if len(parts) >= 2 and not indicators and not any(j in used for j in parts):
                out.append(Group(k, parts, False, False, kind="total"))
            break
    return out


def own_subject(it: Item, sentence_items: list[Item]) -> str:
    """The subject an item's figure belongs to: its label, or for a bare kind word ("预算数为A，
    支出决算为B，完成预算的x%": 支出决算) the subject of the record it continues, the label
    of the nearest figure before it in its sentence that names one ("公务接待费预算数")."""
    from .names import _TAIL, canonical

    if _TAIL.sub("", canonical(it.label)):
        return it.label
    before = [
        o
        for o in sentence_items
        if o.sentence == it.sentence and o.mention < it.mention and not o.in_paren and _TAIL.sub("", canonical(o.label))
    ]
    return before[-1].label if before else it.label


_SPENT = re.compile(r"(?:完成|使用|拨付|执行|支出|支付)(?:并使用|并支付|了)?\s*$")
_BUDGET_LABEL = re.compile(r"预算调整后|调整后预算|全年预算|调整预算")


def spent_pairs(text: str, mentions, items, sentences) -> list[tuple[int, int]]:
    """(budget item, spent mention) pairs: "项目预算调整后A万元，…，完成B万元"."""
    out = []
    by_sentence: dict[int, list[int]] = {}
    for k, it in enumerate(items):
        by_sentence.setdefault(it.sentence, []).append(k)
    for ks in by_sentence.values():
        budget = next((k for k in ks if _BUDGET_LABEL.search(items[k].label)), None)
        if budget is None or phrasing.read("flow", items[budget].label) == {"flow": "in"}:
            # revenue above its budget is over-collection (超收), not spending beyond it
            continue
        for k in ks:
            m = mentions[items[k].mention]
            if (
                k == budget
                or m.start < mentions[items[budget].mention].start
                or m.unit != mentions[items[budget].mention].unit
            ):
                continue
            s = sentences[items[k].sentence]
            lead = text[s.clause_at(m.start).start : m.start]
            if _SPENT.search(lead):
                out.append((items[budget].mention, items[k].mention))
                break
    return out


# --------------------------------------------------------------------------- helpers


def half(m: Mention) -> float:
    """Half a unit of the last printed digit; a printed 0 is exact (fincheck.text.precision)."""
    if m.decimals < 0 or (m.value == 0 and m.decimals == 0 and m.kind == "money"):
        return 0.0
    return 0.5 * 10.0 ** (-m.decimals)


def sum_fits(total: Mention, parts: list[Mention], coefs: list[float] | None = None) -> bool:
    """Whether Σ parts equals the total under some rounding of the printed figures."""
    coefs = coefs or [1.0] * len(parts)
    s = sum(c * p.value * p.scale for c, p in zip(coefs, parts, strict=True))
    tol = sum(abs(c) * half(p) * p.scale for c, p in zip(coefs, parts, strict=True)) + half(total) * total.scale
    return abs(s - total.value * total.scale) <= tol + 1e-9 * max(1.0, abs(s))


def ratio_fits(stated: Mention, num: list[Mention], den: list[Mention]) -> bool:
    """Whether stated% = Σnum / Σden × 100 under some rounding."""
    n = sum(p.value * p.scale for p in num)
    nh = sum(half(p) * p.scale for p in num)
    d = sum(p.value * p.scale for p in den)
    dh = sum(half(p) * p.scale for p in den)
    if d - dh <= 0:
        return False
    lo, hi = 100 * (n - nh) / (d + dh), 100 * (n + nh) / (d - dh)
    h = half(stated)
    return stated.value + h >= lo - 1e-9 and stated.value - h <= hi + 1e-9
