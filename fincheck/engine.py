"""The rule engine: every rule, once, over the facts of all loaded reports.

Check kinds (:mod:`fincheck.kinds`) bind a rule's operands to facts and describe each check
as an *instance* with *links*, built with :func:`fincheck.contract.make_instances` and
:func:`fincheck.contract.make_links` (the contract, its columns and defaults are documented
there and in docs/design.md, "Writing a binder"). Text emitters hand over pre-bound checks in
the same frames. The engine checks every frame against the contract, naming the rule of a bad
one, gives each check its run-wide id, drops relations bound twice, and evaluates all
instances of all rules and reports in one vectorised pass (:class:`Evaluation`):

1. operands: links → Σ coef·[v ± h] per check and role (num, den; a den operand with a rate
   link rebased to operand ÷ (1 + rate/100)), in base units;
2. stated figure: the stated fact's value, decimals, scale and unit, or the constant;
3. expected interval: linear Σ num (+ offset) in the stated unit, or
   factor·min((N/D)^power, cap) + offset; then sign and absolute value;
4. statuses: skip (binder's, or an operand or base missing / zero), pass, fail, notes;
5. severities: the rule's, lowered to warning within one unit of the last digit;
6. messages: the rule's template, or a neutral one for skips and passing bounds.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import partitions
from .bounds import fold_ranges, range_pairs
from .catalogue import Rule
from .contract import (
    INSTANCE_COLUMNS,
    INSTANCES,
    LINK_COLUMNS,
    LINKS,
    STATED_NOTES,
    ContractError,
    check_frames,
    make_instances,
    make_links,
    no_links,
    validate_frames,
)
from .interval import Interval, compare, half_unit
from .kinds import bind
from .messages import Templates, capitalised, exact_decimals, fixed, joined_groups, printed, with_unlabelled
from .model.location import format_location, short_in
from .partitions import partition_facts, split_bound
from .rule_schema import MESSAGE_FIELDS as MESSAGE_FIELDS
from .schemas import CHECK_COLUMNS, CHECKS, empty_checks
from .text_words import columns_in

__all__ = ["Evaluation", "make_instances", "make_links", "run_rules"]

#: Messages of checks whose rule message would mislead: skipped checks, passing bounds.
NEUTRAL = {
    "skip": {
        "zh": "{label}（{column}）列示 {stated}{unit}：未校验，{note}",
        "en": "{label} ({column}) {stated}{unit}: not checked, {note}",
    },
    "bound": {
        "zh": "{label}（{column}）列示 {stated}{unit}，在界限 {expected}{unit} 之内",
        "en": "{label} ({column}) {stated}{unit} is within the bound {expected}{unit}",
    },
}
NOTE_TEXT = {
    "operand not stated": {"zh": "有运算数未列示", "en": "an operand is not stated"},
    "base not stated": {"zh": "未列明基数", "en": "the base is not stated"},
    "budget not stated": {"zh": "未列示预算数", "en": "the budget is not stated"},
    "previous year not stated": {"zh": "未列示上年数", "en": "last year's figure is not stated"},
    "zero base": {"zh": "基数为零", "en": "the base is zero"},
    "rounding gap": {"zh": "舍入差", "en": "rounding gap"},
    "within one unit of the last digit": {"zh": "差额在末位一个单位以内", "en": "within one unit of the last digit"},
    "0/0": {"zh": "0/0", "en": "0/0"},
    "operands not found": {"zh": "未找到可供核对的数字", "en": "the figures it relates to were not found"},
    "current or previous year not stated": {"zh": "未列示本年数或上年数", "en": "current or previous year not stated"},
    "number of years not stated": {"zh": "未说明年数", "en": "number of years not stated"},
    "weight not stated": {"zh": "未列示分值", "en": "weight not stated"},
    "a product of printed figures": {"zh": "算式为两数相乘，未重算", "en": "a product of printed figures"},
    "grade not in the bands": {"zh": "等级不在评分档次中", "en": "grade not in the bands"},
    "a first-level row has no figure": {"zh": "有一级指标未列示数值", "en": "a first-level row has no figure"},
    "rule crashed": {"zh": "规则运行出错", "en": "rule crashed"},
    "a part's weight is not printed": {"zh": "有组成项未列示分值", "en": "a part's weight is not printed"},
    "start or end not stated": {"zh": "未列示起始数或期末数", "en": "start or end not stated"},
    "the table may go on past its last line (its last group is open)": {
        "zh": "表格可能在所摘录的最后一行之后继续（最后一组未完）",
        "en": "the table may go on past its last line (its last group is open)",
    },
}


def note_in(note: str, lang: str) -> str:
    """A note in ``lang``: the engine's own notes, and the text readings' arbitration notes
    ("weak reading: …", "ambiguous: …", :mod:`fincheck.text.evidence`)."""
    if note in NOTE_TEXT:
        return NOTE_TEXT[note].get(lang, note)
    if not note:  # most checks: no note (and no need to import the text stage)
        return note
    from .text.evidence import note_text
    from .text_words import note_in as stage_note

    return note_text(note, lang) or stage_note(note, lang) or note


def _num(v: float, d: int) -> str:
    """A figure as printed: its decimals, or (exact figures, decimals < 0) without trailing zeros."""
    return f"{v:.10g}" if int(d) < 0 and abs(v) < 1e15 else f"{v:.{max(int(d), 0)}f}"


@dataclass
class Operands:
    """Σ coef·[v ± h] of each check's numerator and denominator links, in base units."""

    num: Interval
    den: Interval
    num_present: np.ndarray
    den_present: np.ndarray
    missing: np.ndarray  # an operand's fact has no value


@dataclass
class Stated:
    """Each check's stated figure: a fact's, or the binder's constant."""

    value: np.ndarray
    decimals: np.ndarray
    scale: np.ndarray
    unit: np.ndarray
    half: np.ndarray


@dataclass
class Verdict:
    status: np.ndarray
    note: np.ndarray
    diff: np.ndarray
    tol: np.ndarray


class Evaluation:
    """Evaluate instances and links against facts; returns the checks frame.

    ``inst`` and ``links`` follow :mod:`fincheck.contract`, with run-wide unique check ids;
    fact ids are positions in ``facts``. Each step below is vectorised over all checks.
    """

    def __init__(self, facts: pd.DataFrame, rules: dict[str, Rule], lang: str = "zh") -> None:
        self.facts = facts
        self.rules = rules
        self.lang = lang
        self._value = facts["value"].to_numpy("float64")
        self._half = half_unit(facts["decimals"].to_numpy())
        self._scale = facts["scale"].to_numpy("float64")

    def run(self, inst: pd.DataFrame, links: pd.DataFrame, keep_index: bool = False) -> pd.DataFrame:
        """The checks, in the order of ``inst``; ``keep_index``: indexed by their instance's
        position in ``inst`` (a folded range keeps one of its two)."""
        if inst.empty:
            return empty_checks()
        inst = inst.reset_index(drop=True)
        operands = self.operands(inst, links)
        stated = self.stated(inst)
        expected = self.expected(inst, operands, stated)
        verdict = self.statuses(inst, operands, stated, expected)
        severity = self.severities(inst, verdict, stated)
        checks = self.checks(inst, links, stated, expected, verdict, severity)
        checks = self.fold_ranges(checks, inst, links, stated)
        return checks if keep_index else checks.reset_index(drop=True)

    def fold_ranges(self, checks: pd.DataFrame, inst: pd.DataFrame, links: pd.DataFrame, stated: Stated):
        """7. A two-sided bound (its ``ge`` and ``le`` instances) becomes one row (:mod:`fincheck.bounds`)."""
        bound_rules = {code for code, rule in self.rules.items() if rule.kind == "bound"}
        linked = inst["check"].isin(links["check"]).to_numpy()
        pairs = range_pairs(inst, linked, bound_rules)
        single = (
            inst["rule"].isin(bound_rules).to_numpy()
            & inst["op"].isin(["ge", "gt", "le", "lt"]).to_numpy()
            & ~linked
            & (inst["stated_fact"].to_numpy("int64") >= 0)
        )
        value, dec = stated.value, stated.decimals
        folded = fold_ranges(checks, inst, pairs, lambda i: _num(value[i], dec[i]), self.lang, single)
        return folded if folded is checks else CHECKS.validate(folded)

    def operands(self, inst: pd.DataFrame, links: pd.DataFrame) -> Operands:
        """1. Operands in base units (元 for money), with their rounding half-units."""
        lf = links["fact"].to_numpy()
        coef = links["coef"].to_numpy("float64")
        v = self._value[lf] * self._scale[lf] * coef
        h = self._half[lf] * self._scale[lf] * np.abs(coef)
        lo, hi = v - h, v + h
        role = links["role"].to_numpy(object)
        check = links["check"].to_numpy()
        missing = np.isnan(v)
        rate = role == "rate"
        if rate.any():
            v, lo, hi, missing = _rebased(check, role, Interval(v, lo, hi), missing)
        frame = pd.DataFrame(
            {
                "check": check[~rate],
                "role": role[~rate],
                "v": np.nan_to_num(v[~rate]),
                "lo": np.nan_to_num(lo[~rate]),
                "hi": np.nan_to_num(hi[~rate]),
                "missing": missing[~rate],
            }
        )
        agg = frame.groupby(["check", "role"], sort=False).agg(
            v=("v", "sum"), lo=("lo", "sum"), hi=("hi", "sum"), missing=("missing", "any"), n=("v", "size")
        )
        checks = inst["check"].to_numpy()

        def side(role: str) -> tuple[Interval, np.ndarray, np.ndarray]:
            part = agg.xs(role, level="role") if role in agg.index.get_level_values("role") else agg.iloc[0:0]
            part = part.reindex(checks)
            iv = Interval(
                part["v"].fillna(0).to_numpy("float64"),
                part["lo"].fillna(0).to_numpy("float64"),
                part["hi"].fillna(0).to_numpy("float64"),
            )
            return iv, part["n"].notna().to_numpy(), part["missing"].fillna(False).to_numpy(bool)

        num, num_present, num_missing = side("num")
        den, den_present, den_missing = side("den")
        return Operands(num, den, num_present, den_present, num_missing | den_missing)

    def stated(self, inst: pd.DataFrame) -> Stated:
        """2. The stated figure: its value, printed decimals, scale to base units and unit."""
        sf = inst["stated_fact"].to_numpy("int64")
        has_fact = sf >= 0
        sfi = np.where(has_fact, sf, 0)
        decimals = np.where(has_fact, self.facts["decimals"].to_numpy()[sfi], inst["stated_decimals"].to_numpy("int64"))
        return Stated(
            value=np.where(has_fact, self._value[sfi], inst["stated_value"].to_numpy("float64")),
            decimals=decimals,
            scale=np.where(has_fact, self._scale[sfi], 1.0),
            unit=np.where(has_fact, self.facts["unit"].array.take(sfi).to_numpy(object), inst["unit"].to_numpy(object)),
            half=half_unit(decimals),
        )

    def expected(self, inst: pd.DataFrame, ops: Operands, stated: Stated) -> Interval:
        """3. The expected interval of each check, in the stated figure's unit."""
        ratio = (inst["form"] == "ratio").to_numpy()
        offset = inst["offset"].to_numpy("float64")
        # linear: plus a constant offset (0 unless a binder compares with a constant: a
        # weight, a grade band's bound)
        lin = ops.num.scale(1.0 / stated.scale).shift(np.where(ratio, 0.0, offset))
        # ratio: factor·min((N/D)^power, cap) + offset
        q = ops.num / ops.den
        power = inst["power"].to_numpy("float64")
        powered = q.power(power)  # compound growth; a plain ratio may be negative (a decrease)
        plain = power == 1.0
        q = Interval(
            np.where(plain, q.mid, powered.mid), np.where(plain, q.lo, powered.lo), np.where(plain, q.hi, powered.hi)
        )
        cap = inst["cap"].to_numpy("float64")
        capped = Interval(np.minimum(q.mid, cap), np.minimum(q.lo, cap), np.minimum(q.hi, cap))
        rat = capped.scale(inst["factor"].to_numpy("float64")).shift(offset)
        expected = _where(ratio, rat, lin)
        # a decrease stated as a positive figure; an unsigned difference
        expected = expected.scale(inst["sign"].to_numpy("float64"))
        absed = Interval(
            np.abs(expected.mid),
            np.where(expected.lo > 0, expected.lo, np.where(expected.hi < 0, -expected.hi, 0.0)),
            np.maximum(np.abs(expected.lo), np.abs(expected.hi)),
        )
        return _where(inst["absolute"].to_numpy(bool), absed, expected)

    def statuses(self, inst: pd.DataFrame, ops: Operands, stated: Stated, expected: Interval) -> Verdict:
        """4. Skip where the binder said so or an operand or base is missing; else pass or fail."""
        op = inst["op"].to_numpy(object)
        ok, diff, tol = compare(stated.value, stated.half, expected, op)
        ratio = (inst["form"] == "ratio").to_numpy()
        status = inst["status"].to_numpy(object).copy()
        note = inst["note"].to_numpy(object).copy()
        note[np.isin(note, list(STATED_NOTES))] = ""  # these go into the message (see _messages)
        todo = status == ""
        absent = ops.missing | (ratio & (~ops.num_present | ~ops.den_present)) | np.isnan(stated.value)
        skip_missing = todo & absent
        status[skip_missing] = "skip"
        note[skip_missing & (note == "")] = "operand not stated"
        todo = status == ""
        zero_den = todo & ratio & (ops.den.mid == 0)
        zero_zero = zero_den & (ops.num.mid == 0) & (stated.value == 0)
        status[zero_zero] = "pass"
        note[zero_zero] = "0/0"
        status[zero_den & ~zero_zero] = "skip"
        note[zero_den & ~zero_zero] = "zero base"
        todo = status == ""
        status[todo] = np.where(ok[todo], "pass", "fail")
        # "rounding gap": the check passes only thanks to rounding (for ≤ / ≥, only when the
        # stated figure is on the wrong side of the point estimate)
        beyond = np.where(op == "le", diff, np.where(op == "ge", -diff, np.abs(diff)))
        gap = todo & ok & (beyond > stated.half + 1e-9 * np.maximum(1, np.abs(stated.value)))
        note[gap & (note == "")] = "rounding gap"
        return Verdict(status, note, diff, tol)

    def severities(self, inst: pd.DataFrame, verdict: Verdict, stated: Stated) -> np.ndarray:
        """5. The rule's severity, lowered to warning when within one unit of the last digit."""
        rules = self.rules
        sev = _per_rule(inst["rule"], lambda c: rules[c].severity if c in rules else "error")
        dec = stated.decimals
        one_unit = np.where(dec < 0, 0.0, np.power(10.0, -np.clip(dec, 0, 15)))
        near = (verdict.status == "fail") & (np.abs(verdict.diff) <= verdict.tol + one_unit + 1e-9) & (sev == "error")
        verdict.note[near & (verdict.note == "")] = "within one unit of the last digit"
        return np.where(near, "warning", sev)

    def checks(
        self,
        inst: pd.DataFrame,
        links: pd.DataFrame,
        stated: Stated,
        expected: Interval,
        verdict: Verdict,
        severity: np.ndarray,
    ) -> pd.DataFrame:
        """6. The checks frame: figures, locations and messages."""
        skipped = verdict.status == "skip"
        tol = verdict.tol
        # round away float noise (1e-10), not the rounding of the report
        exp_out = np.round(np.where(skipped, np.nan, expected.mid), 10)
        diff_out = np.round(np.where(skipped, np.nan, verdict.diff), 10)
        tol_out = np.round(np.where(skipped | ~np.isfinite(tol), np.nan, tol), 10)
        floc = self.facts["location"].to_numpy(object)
        location = floc[np.maximum(inst["anchor"].to_numpy("int64"), 0)]
        for i in np.flatnonzero(inst["anchor"].to_numpy("int64") < 0):
            location[i] = {}
        rules = self.rules
        checks = pd.DataFrame(
            {
                "rule": _text(inst["rule"]),
                "name": _per_rule(inst["rule"], lambda c: rules[c].name if c in rules else "").astype(str),
                "severity": severity.astype(str),
                "status": verdict.status.astype(str),
                "note": verdict.note.astype(str),
                "message": "",
                "stated": stated.value.astype("float64"),
                "expected": exp_out.astype("float64"),
                "difference": diff_out.astype("float64"),
                "tolerance": tol_out.astype("float64"),
                "unit": np.array([u if isinstance(u, str) else "" for u in stated.unit], dtype=object).astype(str),
                "source": _text(inst["report"]),
                "table": _text(inst["table"]),
                "location": location,
                "related": _related(floc, links, inst["check"].to_numpy()),
            }
        )
        operands = self._operand_text(links, inst)
        digits = self._operand_decimals(links, inst, stated)
        checks["message"] = pd.Series(self._messages(checks, inst, operands, stated.decimals, digits), dtype="str")
        checks["table"] = checks["table"].where(checks["table"] != "", None)
        return CHECKS.validate(checks[CHECK_COLUMNS])

    def _other_places(self, checks: pd.DataFrame, lang: str) -> pa.Array:
        """``{other_place}``: where the figure a check compares with is (its first related
        place, in ``lang``), for the checks of rules whose messages say it; "" elsewhere."""
        uses = [
            c
            for c, r in self.rules.items()
            if any("{other_place}" in r.text(key, lang) for key in ("message", "passed") if getattr(r, key))
        ]
        out = np.full(len(checks), "", dtype=object)
        rows = np.flatnonzero(checks["rule"].isin(uses).to_numpy()) if uses else []
        related = checks["related"].to_numpy(object)
        for i in rows:  # only the few checks of such rules
            if len(related[i]):
                out[i] = format_location(related[i][0], lang)
        return pa.array(out.tolist(), pa.string())

    def _operand_decimals(self, links: pd.DataFrame, inst: pd.DataFrame, stated: Stated) -> np.ndarray:
        """Per check, the most decimals of its numerator's figures in the stated figure's unit
        (``2`` for 元 figures with 2 decimals and a figure in 元; 0 where none or all exact)."""
        out = np.zeros(len(inst), dtype="int64")
        pos = pd.Index(inst["check"].to_numpy()).get_indexer(links["check"].to_numpy())
        use = (pos >= 0) & (links["role"].to_numpy(object) == "num")
        if not use.any():
            return out
        lf = links["fact"].to_numpy()[use]
        dec = np.maximum(self.facts["decimals"].to_numpy("int64")[lf], 0)
        ratio = self._scale[lf] / stated.scale[pos[use]]
        with np.errstate(divide="ignore", invalid="ignore"):
            shift = np.where(np.isfinite(ratio) & (ratio > 0), np.round(-np.log10(ratio)), 0).astype("int64")
        np.maximum.at(out, pos[use], np.clip(dec + shift, 0, 10))
        return out

    def _operand_text(self, links: pd.DataFrame, inst: pd.DataFrame) -> pa.Array:
        """Each check's operands as an expression of printed figures (``a + b − 2×c``, ``(a + b) / c``)."""
        n = len(inst)
        pos = pd.Index(inst["check"].to_numpy()).get_indexer(links["check"].to_numpy())
        role = links["role"].to_numpy(object)
        side = np.where(role == "num", 0, np.where(role == "den", 1, -1))
        use = (pos >= 0) & (side >= 0)
        if not use.any():
            return pa.repeat(pa.scalar("", pa.string()), n)
        lf = links["fact"].to_numpy()[use]
        coef = links["coef"].to_numpy("float64")[use]
        keys = pos[use] * 2 + side[use]
        # a decrease stated as a positive figure (sign −1): the numerator as computed, its
        # terms negated and the positive ones first ("12.39 − 11.8" for "减少0.59")
        flip = (inst["sign"].to_numpy("float64") < 0) & ~inst["absolute"].to_numpy(bool)
        flipped = flip[pos[use]] & (side[use] == 0)
        coef = np.where(flipped, -coef, coef)
        by = np.lexsort((flipped & (coef < 0), keys))
        lf, coef, keys = lf[by], coef[by], keys[by]
        # a multiple read from the text ("24600倍", unit 倍) keeps its rounding in its scale
        # (246 × 100): it is printed as the whole figure
        multiple = self.facts["unit"].to_numpy(object)[lf] == "倍"
        shown = np.where(multiple, self._value[lf] * self._scale[lf], self._value[lf])
        dec = self.facts["decimals"].to_numpy()[lf]
        dec = np.where(multiple, np.maximum(dec - np.round(np.log10(self._scale[lf])).astype("int64"), 0), dec)
        values = printed(shown, dec)
        codes, uniques = pd.factorize(coef, use_na_sentinel=False)
        signs = ["− " if c < 0 else "+ " for c in uniques]
        times = [f"{abs(c):g}×" if abs(c) != 1 else "" for c in uniques]
        first = np.zeros(len(keys), bool)  # the first term of a side drops its "+ "
        order = np.argsort(keys, kind="stable")
        sk = keys[order]
        first[order[np.r_[True, sk[1:] != sk[:-1]]]] = True
        prefix = pa.array(
            [
                *(a + b for a, b in zip(signs, times, strict=True)),
                *(("−" if a == "− " else a.removeprefix("+ ")) + b for a, b in zip(signs, times, strict=True)),
            ],
            pa.string(),
        )
        terms = pc.binary_join_element_wise(prefix.take(pa.array(codes + first * len(uniques))), values, "")
        groups, texts = joined_groups(keys, terms, " ")
        sides = []
        for s in (0, 1):
            mask = np.zeros(n, bool)
            mask[groups[groups % 2 == s] // 2] = True
            text = pa.repeat(pa.scalar("", pa.string()), n)
            if mask.any():
                text = pc.replace_with_mask(text, pa.array(mask), texts.filter(pa.array(groups % 2 == s)))
            sides.append(text)
        num, den = sides

        def wrap(t: pa.Array) -> pa.Array:
            plain = pc.invert(pc.or_(pc.match_substring(t, " + "), pc.match_substring(t, " − ")))
            return pc.if_else(plain, t, pc.binary_join_element_wise("(", t, ")", ""))

        ratio = pa.array((inst["form"] == "ratio").to_numpy())
        return pc.if_else(ratio, pc.binary_join_element_wise(wrap(num), wrap(den), " / "), num)

    def _messages(
        self, checks: pd.DataFrame, inst: pd.DataFrame, operands: pa.Array, stated_dec, digits: np.ndarray
    ) -> pa.Array:
        """One message per check: the rule's template (a neutral one for skips and passing
        bounds) filled column-wise (:class:`fincheck.messages.Templates`). The expected figure
        of a sum or difference has its operands' decimals, never fewer: "18.67 − 0.04 + 0.11 =
        18.74" where the stated figure has one decimal."""
        rules = self.rules
        lang = self.lang
        pct = checks["unit"].to_numpy(object) == "%"
        sd = np.asarray(stated_dec).astype("int64")
        ed = np.where(pct, np.maximum(sd, 2), np.maximum(sd, 0))
        ex = checks["expected"].to_numpy("float64")
        ed = np.where((inst["form"] != "ratio").to_numpy() & ~pct, exact_decimals(ex, np.maximum(ed, digits)), ed)
        df = checks["difference"].to_numpy("float64")
        tl = checks["tolerance"].to_numpy("float64")
        n = len(checks)
        notes = checks["note"]
        note_names = pd.unique(notes.to_numpy(object))
        note_text = {k: note_in(k, lang) for k in note_names}
        fields = {
            "label": _arrow(inst["label"]),
            "column": _arrow(_places_in(columns_in(inst["column"], inst["table"], lang), lang)),
            "stated": printed(checks["stated"].to_numpy("float64"), sd),
            "expected": printed(ex, np.where((sd < 0) & ~pct, -1, ed)),
            "difference": _where_finite(df, lambda m: fixed(df[m], ed[m], plus=True)),
            "tolerance": _where_finite(tl, lambda m: fixed(tl[m], ed[m] + 1)),
            "unit": _arrow(checks["unit"]),
            "operands": operands,
            "table": _arrow(checks["table"]),
            "note": _arrow(notes.map(note_text)),
            "other_place": self._other_places(checks, lang),
        }
        codes = list(rules)
        values = [f for f in MESSAGE_FIELDS if f != "note"]
        templates = [(rules[c].text("message", lang), values) for c in codes]
        templates += [("{label}", values), (NEUTRAL["skip"][lang], MESSAGE_FIELDS), (NEUTRAL["bound"][lang], values)]
        # a rule's own message for a passing check (``passed``), after the neutral ones
        passing = [c for c in codes if rules[c].passed]
        templates += [(rules[c].text("passed", lang), values) for c in passing]
        own_pass = np.array([len(codes) + 3 + passing.index(c) if c in passing else -1 for c in codes] + [-1])
        ids = pd.Index(codes).get_indexer(checks["rule"].to_numpy(object))
        ids = np.where(ids < 0, len(codes), ids)
        status = checks["status"].to_numpy(object)
        bound = np.array([rules[c].kind == "bound" for c in codes] + [False], dtype=bool)
        passed = status == "pass"
        ids = np.where(
            status == "skip",
            len(codes) + 1,
            np.where(passed & bound[ids], len(codes) + 2, np.where(passed & (own_pass[ids] >= 0), own_pass[ids], ids)),
        )
        # a check with no label (a figure of the text with no subject): its template without it
        ids, templates, capital = with_unlabelled(ids, inst["label"].fillna("").to_numpy(object) == "", templates, lang)
        said = "列示" if lang == "zh" else "stated"

        def fallback(template: str) -> str:
            escaped = template.replace("{", "{{").replace("}", "}}")
            return f"{escaped} ({{operands}} = {{expected}}, {said} {{stated}})"

        filler = Templates(templates, list(MESSAGE_FIELDS), fallback)

        def slow(positions: np.ndarray) -> list[str]:
            cols = {k: v.take(pa.array(positions)).to_pylist() for k, v in fields.items()}
            out = []
            for j, i in enumerate(positions.tolist()):
                template, names = templates[ids[i]]
                values = {k: cols[k][j] for k in names}
                try:
                    out.append(template.format_map(values))
                except (KeyError, ValueError, IndexError):
                    out.append(f"{template} ({values['operands']} = {values['expected']}, {said} {values['stated']})")
            return out

        out = capitalised(filler.fill(ids, fields, slow), capital, lang) if n else pa.array([], pa.string())
        # a note about where the stated figure comes from is said in the message
        given = inst["note"].to_numpy(object)
        said_notes = np.isin(given, list(STATED_NOTES)) & (status != "skip")
        if said_notes.any():
            form = "（{}）" if lang == "zh" else " ({})"
            tails = {k: form.format(v[lang]) for k, v in STATED_NOTES.items()}
            suffix = np.where(said_notes, pd.Series(given).map(tails).fillna("").to_numpy(object), "")
            out = pc.binary_join_element_wise(out, pa.array(suffix.tolist(), pa.string()), "")
        return out


def _places_in(column: pd.Series, lang: str) -> pd.Series:
    """The instances' ``column``, where a binder put a place (the facts' ``loc``, English short
    form) said in ``lang``: each distinct value translated once."""
    if lang == "en" or column.empty:
        return column
    said = {v: t for v in pd.unique(column.to_numpy(object)) if (t := short_in(v, lang)) != v}
    return column.replace(said) if said else column  # most columns name no place: left as they are


def _arrow(series: pd.Series) -> pa.Array:
    """A text column as one pyarrow string array."""
    arr = pa.array(series.array)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    return arr.cast(pa.string())


def _where_finite(values: np.ndarray, make) -> pa.Array:
    """``make(mask)`` at the finite values, ``—`` elsewhere."""
    finite = np.isfinite(values)
    if finite.all():
        return make(finite)
    out = pa.repeat(pa.scalar("—", pa.string()), len(values))
    return pc.replace_with_mask(out, pa.array(finite), make(finite)) if finite.any() else out


def _text(column: pd.Series):
    """A text column for the checks frame: a str column's own array (no round trip through
    Python objects), anything else cast as ``astype(str)``."""
    return column.array if column.dtype == "str" else column.astype(str).to_numpy()


def _related(floc: np.ndarray, links: pd.DataFrame, checks: np.ndarray) -> list[list]:
    """The locations of each check's linked facts, in link order (a list per check)."""
    pos = pd.Index(checks).get_indexer(links["check"].to_numpy())
    keep = pos >= 0
    pos = pos[keep]
    order = np.argsort(pos, kind="stable")
    locs = floc[links["fact"].to_numpy()[keep][order]].tolist()
    ends = np.cumsum(np.bincount(pos, minlength=len(checks))).tolist()
    starts = [0, *ends[:-1]]
    return [locs[a:b] for a, b in zip(starts, ends, strict=True)]


def _where(mask: np.ndarray, a: Interval, b: Interval) -> Interval:
    return Interval(np.where(mask, a.mid, b.mid), np.where(mask, a.lo, b.lo), np.where(mask, a.hi, b.hi))


def _rebased(
    check: np.ndarray, role: np.ndarray, iv: Interval, missing: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Link intervals with each ``rate`` link's denominator operand (the one of the same
    ordinal in its check) rebased to the previous period: operand ÷ (1 + rate / 100), in
    interval arithmetic over both roundings. A rate of −100% or below leaves no previous
    amount: the operand counts as missing (the check is skipped)."""
    v, lo, hi, missing = iv.mid.copy(), iv.lo.copy(), iv.hi.copy(), missing.copy()
    order = pd.Series(check)
    den = np.flatnonzero(role == "den")
    rate = np.flatnonzero(role == "rate")
    den_key = pd.MultiIndex.from_arrays([check[den], order.iloc[den].groupby(check[den]).cumcount().to_numpy()])
    rate_key = pd.MultiIndex.from_arrays([check[rate], order.iloc[rate].groupby(check[rate]).cumcount().to_numpy()])
    at = den_key.get_indexer(rate_key)
    paired, r = den[at[at >= 0]], rate[at >= 0]
    divisor = Interval(1 + iv.mid[r] / 100, 1 + iv.lo[r] / 100, 1 + iv.hi[r] / 100)
    q = Interval(iv.mid[paired], iv.lo[paired], iv.hi[paired]) / divisor
    v[paired], lo[paired], hi[paired] = q.mid, q.lo, q.hi
    missing[paired] |= missing[r] | (divisor.lo <= 0)
    return v, lo, hi, missing


def run_rules(
    rules: list[Rule],
    facts: pd.DataFrame,
    lang: str = "zh",
    context: dict | None = None,
    prebound: list[tuple[pd.DataFrame, pd.DataFrame]] | None = None,
    partition: int | None = None,
) -> pd.DataFrame:
    """Bind every rule over all facts and evaluate the instances in one vectorised pass.

    ``prebound``: (instances, links) of checks an emitter bound itself (the text claims),
    with fact ids already positions in ``facts`` (:func:`fincheck.contract.stack_bound`).
    A rule whose binder raises or returns frames that break the contract becomes a failing
    check of its own (severity error, rule code kept, the error in its message); the other
    rules still run. A pre-bound frame that breaks the contract is a bug and raises.

    A panel of more than ``partition`` facts (None: :data:`fincheck.partitions.PARTITION_FACTS`)
    is checked in partitions of whole reports (:mod:`fincheck.partitions`; 0: in one run), one
    after the other, with the same checks in the same order as one run; a rule that crashes in
    one partition is reported once and gives no checks in any.
    """
    facts = facts.reset_index(drop=True)  # fact id = position = index label
    ctx = context or {}
    prebound = prebound or []
    parts = partition_facts(facts, partitions.PARTITION_FACTS if partition is None else partition)
    split = _split_prebound(parts, prebound, len(facts)) if parts is not None else None
    if parts is None or split is None:
        checks, _keys, crashes = _run(rules, facts, lang, ctx, prebound)
        return _with_crashes(checks.reset_index(drop=True), crashes)
    runs: list = [None] * len(parts.members)
    crashed: dict[int, tuple] = {}
    skip: set[int] = set()
    todo = list(range(len(parts.members)))
    while todo:  # a second round for partitions run before a rule was seen to crash
        for p in todo:
            runs[p] = _run(rules, facts.iloc[parts.members[p]], lang, ctx, split[p], skip)
            for crash in runs[p][2]:
                crashed.setdefault(crash[1], crash)
        newly = set(crashed) - skip
        skip |= newly
        todo = [p for p in range(len(runs)) if newly - {c[1] for c in runs[p][2]}]
        for p in todo:
            runs[p] = None  # freed before it is run again
    found = [r[0] for r in runs if len(r[0])]
    checks = empty_checks()
    if found:  # within a frame, the partitions in turn: the order of one run
        order = np.argsort(np.concatenate([r[1] for r in runs if len(r[0])]), kind="stable")
        runs.clear()
        checks = _stacked(found, order)
    return _with_crashes(checks, sorted(crashed.values(), key=lambda c: c[:2]))


def _stacked(frames: list[pd.DataFrame], order: np.ndarray) -> pd.DataFrame:
    """The frames stacked and put in ``order`` a column at a time, each column taken out of the
    frames as it goes (the checks are held about once, not three times)."""
    columns = {}
    for name in list(frames[0].columns):
        column = pd.concat([f.pop(name) for f in frames], ignore_index=True)
        columns[name] = column.take(order).reset_index(drop=True)
    return pd.DataFrame(columns)


def _split_prebound(parts, prebound: list, n_facts: int) -> list[list] | None:
    """Each partition's share of the pre-bound frames (None: a check spans partitions)."""
    split: list[list] = [[] for _ in parts.members]
    for inst, links in prebound:
        who = f"pre-bound checks of {', '.join(sorted(set(inst['rule'])))}"
        check_frames(inst, links, n_facts, who)
        cut = split_bound(parts, inst, links)
        if cut is None:
            return None
        for p, frame in enumerate(cut):
            split[p].append(frame)
    return split


def _with_crashes(checks: pd.DataFrame, crashes: list[tuple]) -> pd.DataFrame:
    if not crashes:
        return checks
    rows = pd.DataFrame([c[2] for c in crashes])
    return pd.concat([checks, rows], ignore_index=True) if len(checks) else rows


def _run(rules: list[Rule], facts: pd.DataFrame, lang: str, ctx: dict, prebound: list, skip: set[int] = frozenset()):
    """One run over ``facts``: the checks (indexed by their position among the instances),
    the key of the frame each check comes from (the rule's place in ``rules``, then the
    pre-bound frames in turn), and the crashes as (stage, rule's place, check row)."""
    facts = facts.reset_index(drop=True)
    n_facts = len(facts)
    frames: list[tuple[Rule | None, pd.DataFrame, pd.DataFrame, int]] = []
    crashed: list[tuple] = []
    for key, rule in enumerate(rules):
        if key in skip:
            continue
        try:
            inst, links = bind(rule, facts, ctx)
            if inst is None or inst.empty:
                continue
            links = no_links() if links is None else links
            who = f"rule {rule.code} (binder {rule.params.get('bind')})"
            check_frames(inst, links, n_facts, who)
            if (inst["rule"].to_numpy(object) != rule.code).any():
                raise ContractError(f"{who}: instances of another rule")
        except Exception as exc:  # a broken rule must not stop the run
            crashed.append((0, key, _crash(rule, exc)))
            continue
        frames.append((rule, inst, links, key))
    by_code = {r.code: r for r in rules}
    for j, (inst, links) in enumerate(prebound):
        keep = inst["rule"].isin(by_code).to_numpy()
        if not keep.any():
            continue
        who = f"pre-bound checks of {', '.join(sorted(set(inst['rule'])))}"
        check_frames(inst, links, n_facts, who)
        inst = inst[keep]
        frames.append((None, inst, links[links["check"].isin(inst["check"])], len(rules) + j))
    if not frames:
        return empty_checks(), np.zeros(0, "int64"), crashed
    try:  # the cheap pass, over all frames at once
        inst, links = _numbered(frames)
        # (the link frames' own check ids too: numbering casts them to int64)
        conform = (
            INSTANCES.conforms(inst)
            and LINKS.conforms(links)
            and all(f[2]["check"].dtype == np.dtype("int64") for f in frames)
        )
    except (TypeError, ValueError):  # frames of a broken rule: found and named below
        conform = False
    if not conform:
        frames = _validated(frames, crashed)
        if not frames:
            return empty_checks(), np.zeros(0, "int64"), crashed
        inst, links = _numbered(frames)
    keys = np.repeat([f[3] for f in frames], [len(f[1]) for f in frames])
    inst, links = _drop_repeated_relations(inst, links, by_code)
    keys = keys[inst.index.to_numpy()]
    checks = Evaluation(facts, by_code, lang).run(inst, links, keep_index=True)
    return checks, keys[checks.index.to_numpy()], crashed


def _validated(frames: list, crashed: list) -> list:
    """Validate the frames against the contract's schemas (when the cheap pass over the stacked
    frames found something): all at once, and rule by rule only when that fails, to name the
    rule and drop its frames."""
    if not frames:
        return frames
    try:
        validate_frames(
            pd.concat([f[1] for f in frames], ignore_index=True)
            .drop(columns="check")
            .assign(check=np.arange(sum(len(f[1]) for f in frames))),
            pd.concat([f[2] for f in frames], ignore_index=True),
            "instances",
        )
        return frames
    except ContractError:
        pass
    good = []
    for rule, inst, links, key in frames:
        who = f"rule {rule.code} (binder {rule.params.get('bind')})" if rule else "pre-bound checks"
        try:
            validate_frames(inst, links, who)
        except ContractError as exc:
            if rule is None:
                raise
            crashed.append((1, key, _crash(rule, exc)))
            continue
        good.append((rule, inst, links, key))
    return good


def _numbered(frames: list) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Give every check its run-wide id (the one renumbering of check ids) and stack the frames."""
    starts = np.cumsum([0] + [len(f[1]) for f in frames])
    link_checks = []
    for (_rule, inst, links, _key), start in zip(frames, starts[:-1], strict=True):
        local = pd.Index(inst["check"].to_numpy("int64"))
        link_checks.append(local.get_indexer(links["check"].to_numpy("int64")) + start)
    inst = pd.concat([f[1] for f in frames], ignore_index=True)[INSTANCE_COLUMNS]
    inst["check"] = np.arange(starts[-1], dtype="int64")
    links = pd.concat([f[2] for f in frames], ignore_index=True)[LINK_COLUMNS]
    links["check"] = np.concatenate(link_checks).astype("int64") if link_checks else np.array([], "int64")
    return inst, links.astype({"check": "int64"})


def _drop_repeated_relations(inst: pd.DataFrame, links: pd.DataFrame, rules: dict[str, Rule]):
    """The same relation bound by two rules (a generic hierarchy sum and a table's own rule over
    the same cells) is checked once, under the most specific rule: one that names its tables.

    A relation is its report, its stated figure or constant, comparison, form, factor and
    offset, and its operands: the (role, fact, coefficient) of its links, sorted by role and fact
    (in link order among links to the same fact), compared by two 64-bit hashes and their count.
    Two reports never share a relation, so a panel checked in partitions drops the same ones."""
    if inst.empty:
        return inst, links
    pos = pd.Index(inst["check"].to_numpy()).get_indexer(links["check"].to_numpy())
    keep = pos >= 0
    pos = pos[keep]
    role = pd.factorize(links["role"].array[keep])[0].astype("uint64")
    fact = links["fact"].to_numpy("int64")[keep]
    coef = links["coef"].to_numpy("float64")[keep] + 0.0  # -0.0 and 0.0 alike
    coef = np.where(np.isnan(coef), np.nan, coef).view("uint64")
    order = np.lexsort((fact, role, pos))
    key = np.stack([pos[order], role[order], fact[order]])
    new_run = np.r_[True, (key[:, 1:] != key[:, :-1]).any(axis=0)] if len(order) else np.zeros(0, bool)
    run_start = np.maximum.accumulate(np.where(new_run, np.arange(len(order)), 0))
    rank = (np.arange(len(order)) - run_start).astype("uint64")
    n = len(inst)
    sums = []
    for seed in (0x9E3779B97F4A7C15, 0xD1B54A32D192ED69):
        h = _mix(np.uint64(seed) ^ role[order])
        for part in (fact[order].astype("uint64"), rank, coef[order]):
            h = _mix(h ^ part)
        total = np.zeros(n, "uint64")
        np.add.at(total, pos[order], h)  # a sum modulo 2**64: the order of the links does not count
        sums.append(total)
    sig = inst[["stated_fact", "stated_value", "op", "form", "factor", "offset"]].assign(
        h1=sums[0], h2=sums[1], n=np.bincount(pos, minlength=n), report=pd.factorize(inst["report"])[0]
    )
    generic = _per_rule(inst["rule"], lambda c: 1 if c in rules and not rules[c].tables else 0).astype("int64")
    order = (
        pd.DataFrame({"generic": generic, "rule": inst["rule"]}, index=inst.index)
        .sort_values(["generic", "rule"])
        .index
    )
    first = ~sig.loc[order].duplicated()
    kept = inst.loc[first.index[first.to_numpy()].sort_values()]
    return kept, links[links["check"].isin(kept["check"])]


def _per_rule(codes: pd.Series, value) -> np.ndarray:
    """``value(code)`` of each check's rule, computed once per rule."""
    which, uniques = pd.factorize(codes)
    return np.array([value(c) for c in uniques] or [value("")], dtype=object)[which]


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: a 64-bit hash of each value."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


def _crash(rule: Rule, exc: Exception) -> dict:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    place = f" ({where.filename.rsplit('/', 1)[-1]}:{where.lineno})" if where else ""
    return {
        "rule": rule.code,
        "name": rule.name,
        "severity": "error",
        "status": "fail",
        "note": "rule crashed",
        "message": f"rule {rule.code} could not run: {type(exc).__name__}: {exc}{place}",
        "stated": np.nan,
        "expected": np.nan,
        "difference": np.nan,
        "tolerance": np.nan,
        "unit": "",
        "source": "",
        "table": None,
        "location": {"rule": rule.path or rule.code},
        "related": [],
    }
