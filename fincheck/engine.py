"""The rule engine: every rule, once, over the facts of all loaded reports.

Check kinds (:mod:`fincheck.kinds`) bind a rule's operands to facts and describe each check
as an *instance* with *links*:

instances (one row per check)
    ``check`` id, ``rule`` code, ``report``, ``table``, ``anchor`` (fact id the check is
    located at), ``stated_fact`` (fact id of the stated figure, or -1 for a constant given by
    ``stated_value``/``stated_decimals``/``unit``), ``op`` (eq, le, ge), ``form`` (linear or
    ratio), ``factor``, ``offset``, ``power``, ``cap`` (ratio forms), ``sign`` (+1, or -1
    when the text states a decrease as a positive figure), ``absolute`` (compare with
    |expected|), ``label`` and ``column`` for messages, ``note`` (a note the binder already
    knows, e.g. "base not stated" for a skip), ``status`` ("" to evaluate, or "skip").

links (one row per operand)
    ``check``, ``fact``, ``role`` (num or den), ``coef``.

Expected values are intervals (:mod:`fincheck.interval`): linear forms sum coef·[v ± h] (plus
``offset``, a constant in the stated figure's unit);
ratio forms compute factor·min((N/D)^power, cap) + offset. Everything is vectorised over
the instances of all rules and all reports at once.
"""

from __future__ import annotations

import traceback

import numpy as np
import pandas as pd

from .catalogue import Rule
from .interval import Interval, compare, half_unit
from .kinds import bind
from .schemas import CHECK_COLUMNS, CHECKS, empty_checks

INSTANCE_DEFAULTS: dict[str, object] = {
    "table": "",
    "anchor": -1,
    "stated_fact": -1,
    "stated_value": np.nan,
    "stated_decimals": -1,
    "unit": "",
    "op": "eq",
    "form": "linear",
    "factor": 1.0,
    "offset": 0.0,
    "power": 1.0,
    "cap": np.inf,
    "sign": 1.0,
    "absolute": False,
    "label": "",
    "column": "",
    "note": "",
    "status": "",
}

LINK_COLUMNS = ["check", "fact", "role", "coef"]

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
    "current or previous year not stated": {"zh": "未列示本年数或上年数", "en": "current or previous year not stated"},
    "number of years not stated": {"zh": "未说明年数", "en": "number of years not stated"},
    "weight not stated": {"zh": "未列示分值", "en": "weight not stated"},
    "grade not in the bands": {"zh": "等级不在评分档次中", "en": "grade not in the bands"},
    "a first-level row has no figure": {"zh": "有一级指标未列示数值", "en": "a first-level row has no figure"},
    "rule crashed": {"zh": "规则运行出错", "en": "rule crashed"},
}


def make_instances(frame: pd.DataFrame, rule: Rule) -> pd.DataFrame:
    """Complete a binder's instance frame with defaults and the rule code."""
    out = frame.copy()
    for name, default in INSTANCE_DEFAULTS.items():
        if name not in out.columns:
            out[name] = default
    out["rule"] = rule.code
    if (out["anchor"] < 0).any():
        out["anchor"] = np.where(out["anchor"] < 0, out["stated_fact"], out["anchor"])
    return out


def make_links(check: np.ndarray, fact: np.ndarray, role: str | np.ndarray, coef: np.ndarray | float = 1.0):
    n = len(check)
    return pd.DataFrame(
        {
            "check": np.asarray(check, dtype="int64"),
            "fact": np.asarray(fact, dtype="int64"),
            "role": np.broadcast_to(np.asarray(role, dtype=object), n),
            "coef": np.broadcast_to(np.asarray(coef, dtype="float64"), n),
        }
    )


def _fmt(values: np.ndarray, decimals: np.ndarray) -> list[str]:
    out = []
    for v, d in zip(values, decimals, strict=True):
        if v is None or not np.isfinite(v):
            out.append("—")
        else:
            out.append(f"{v:.{max(int(d), 0)}f}")
    return out


class Evaluation:
    """Evaluate instances and links against facts; returns the checks frame."""

    def __init__(self, facts: pd.DataFrame, rules: dict[str, Rule], lang: str = "zh") -> None:
        self.facts = facts
        self.rules = rules
        self.lang = lang

    def run(self, inst: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
        if inst.empty:
            return empty_checks()
        facts = self.facts
        inst = inst.reset_index(drop=True)
        inst["check"] = np.arange(len(inst))  # renumber: binders number their own checks
        links = links.merge(inst[["_key", "check"]], left_on="check", right_on="_key", suffixes=("_old", ""))
        links = links.drop(columns=["check_old", "_key"])

        # operands in base units (元 for money), with their rounding half-units
        fv = facts["value"].to_numpy("float64")
        fh = half_unit(facts["decimals"].to_numpy())
        fs = facts["scale"].to_numpy("float64")
        lf = links["fact"].to_numpy()
        coef = links["coef"].to_numpy("float64")
        v = fv[lf] * fs[lf] * coef
        h = fh[lf] * fs[lf] * np.abs(coef)
        missing = np.isnan(v)
        frame = pd.DataFrame(
            {
                "check": links["check"].to_numpy(),
                "role": links["role"].to_numpy(),
                "v": np.nan_to_num(v),
                "lo": np.nan_to_num(v - h),
                "hi": np.nan_to_num(v + h),
                "missing": missing,
            }
        )
        agg = frame.groupby(["check", "role"], sort=False).agg(
            v=("v", "sum"), lo=("lo", "sum"), hi=("hi", "sum"), missing=("missing", "any"), n=("v", "size")
        )
        len(inst)

        def side(role: str) -> tuple[Interval, np.ndarray, np.ndarray]:
            part = agg.xs(role, level="role") if role in agg.index.get_level_values("role") else agg.iloc[0:0]
            part = part.reindex(inst["check"].to_numpy())
            present = part["n"].notna().to_numpy()
            iv = Interval(
                part["v"].fillna(0).to_numpy("float64"),
                part["lo"].fillna(0).to_numpy("float64"),
                part["hi"].fillna(0).to_numpy("float64"),
            )
            return iv, present, part["missing"].fillna(False).to_numpy(bool)

        num, num_present, num_missing = side("num")
        den, den_present, den_missing = side("den")

        # stated figure
        sf = inst["stated_fact"].to_numpy("int64")
        has_fact = sf >= 0
        sfi = np.where(has_fact, sf, 0)
        stated = np.where(has_fact, fv[sfi], inst["stated_value"].to_numpy("float64"))
        stated_dec = np.where(has_fact, facts["decimals"].to_numpy()[sfi], inst["stated_decimals"].to_numpy("int64"))
        stated_scale = np.where(has_fact, fs[sfi], 1.0)
        unit = np.where(has_fact, facts["unit"].to_numpy(object)[sfi], inst["unit"].to_numpy(object))
        hs = half_unit(stated_dec)

        ratio = (inst["form"] == "ratio").to_numpy()
        factor = inst["factor"].to_numpy("float64")
        offset = inst["offset"].to_numpy("float64")
        power = inst["power"].to_numpy("float64")
        cap = inst["cap"].to_numpy("float64")
        sign = inst["sign"].to_numpy("float64")
        absolute = inst["absolute"].to_numpy(bool)

        # linear: expected in the stated figure's unit, plus a constant offset (0 unless a binder
        # compares with a constant: a weight, a grade band's bound)
        lin = num.scale(1.0 / stated_scale).shift(np.where(ratio, 0.0, offset))
        # ratio: factor·min((N/D)^power, cap) + offset
        q = num / den
        q = q.power(power)
        capped = Interval(np.minimum(q.mid, cap), np.minimum(q.lo, cap), np.minimum(q.hi, cap))
        rat = capped.scale(factor).shift(offset)
        expected = Interval(
            np.where(ratio, rat.mid, lin.mid), np.where(ratio, rat.lo, lin.lo), np.where(ratio, rat.hi, lin.hi)
        )
        # a decrease stated as a positive figure; an unsigned difference
        expected = expected.scale(sign)
        absed = Interval(
            np.abs(expected.mid),
            np.where(expected.lo > 0, expected.lo, np.where(expected.hi < 0, -expected.hi, 0.0)),
            np.maximum(np.abs(expected.lo), np.abs(expected.hi)),
        )
        expected = Interval(
            np.where(absolute, absed.mid, expected.mid),
            np.where(absolute, absed.lo, expected.lo),
            np.where(absolute, absed.hi, expected.hi),
        )

        ok, diff, tol = compare(stated, hs, expected, inst["op"].to_numpy(object))

        status = inst["status"].to_numpy(object).copy()
        note = inst["note"].to_numpy(object).copy()
        todo = status == ""
        skip_missing = todo & (num_missing | den_missing | (ratio & (~num_present | ~den_present)) | np.isnan(stated))
        status[skip_missing] = "skip"
        note[skip_missing & (note == "")] = "operand not stated"
        todo = status == ""
        zero_den = todo & ratio & (den.mid == 0)
        zero_zero = zero_den & (num.mid == 0) & (stated == 0)
        status[zero_zero] = "pass"
        note[zero_zero] = "0/0"
        status[zero_den & ~zero_zero] = "skip"
        note[zero_den & ~zero_zero] = "zero base"
        todo = status == ""
        status[todo] = np.where(ok[todo], "pass", "fail")
        # "rounding gap": the check passes only thanks to rounding (for ≤ / ≥, only when the
        # stated figure is on the wrong side of the point estimate)
        op = inst["op"].to_numpy(object)
        beyond = np.where(op == "le", diff, np.where(op == "ge", -diff, np.abs(diff)))
        gap = todo & ok & (beyond > hs + 1e-9 * np.maximum(1, np.abs(stated)))
        note[gap & (note == "")] = "rounding gap"

        # severity: the rule's, lowered to warning when within one unit of the last digit
        sev = inst["rule"].map(lambda c: self.rules[c].severity if c in self.rules else "error").to_numpy(object)
        one_unit = np.where(stated_dec < 0, 0.0, np.power(10.0, -np.clip(stated_dec, 0, 15)))
        near = (status == "fail") & (np.abs(diff) <= tol + one_unit + 1e-9) & (sev == "error")
        sev = np.where(near, "warning", sev)
        note[near & (note == "")] = "within one unit of the last digit"

        skipped = status == "skip"
        # round away float noise (1e-10), not the rounding of the report
        exp_out = np.round(np.where(skipped, np.nan, expected.mid), 10)
        diff_out = np.round(np.where(skipped, np.nan, diff), 10)
        tol_out = np.round(np.where(skipped | ~np.isfinite(tol), np.nan, tol), 10)

        # locations
        floc = facts["location"].to_numpy(object)
        anchor = inst["anchor"].to_numpy("int64")
        location = [floc[a] if a >= 0 else {} for a in anchor]
        related_s = pd.Series(floc[lf], index=links["check"].to_numpy()).groupby(level=0).agg(list)
        related = related_s.reindex(inst["check"].to_numpy()).to_numpy(object)
        related = [r if isinstance(r, list) else [] for r in related]

        operands = self._operand_text(links, facts, inst)
        checks = pd.DataFrame(
            {
                "rule": inst["rule"].astype(str).to_numpy(),
                "name": inst["rule"]
                .map(lambda c: self.rules[c].name if c in self.rules else "")
                .astype(str)
                .to_numpy(),
                "severity": sev.astype(str),
                "status": status.astype(str),
                "note": note.astype(str),
                "message": "",
                "stated": stated.astype("float64"),
                "expected": exp_out.astype("float64"),
                "difference": diff_out.astype("float64"),
                "tolerance": tol_out.astype("float64"),
                "unit": np.array([u if isinstance(u, str) else "" for u in unit], dtype=object).astype(str),
                "source": inst["report"].astype(str).to_numpy(),
                "table": inst["table"].astype(str).to_numpy(),
                "location": location,
                "related": related,
            }
        )
        checks["message"] = self._messages(checks, inst, operands, stated_dec)
        checks["table"] = checks["table"].where(checks["table"] != "", None)
        return CHECKS.validate(checks[CHECK_COLUMNS])

    def _operand_text(self, links: pd.DataFrame, facts: pd.DataFrame, inst: pd.DataFrame) -> pd.Series:
        if links.empty:
            return pd.Series("", index=inst["check"].to_numpy())
        lf = links["fact"].to_numpy()
        vals = _fmt(facts["value"].to_numpy("float64")[lf], facts["decimals"].to_numpy()[lf])
        coef = links["coef"].to_numpy("float64")
        terms = [
            (("− " if c < 0 else "+ ") + (f"{abs(c):g}×" if abs(c) != 1 else "") + t)
            for c, t in zip(coef, vals, strict=True)
        ]
        frame = pd.DataFrame({"check": links["check"].to_numpy(), "role": links["role"].to_numpy(), "t": terms})
        joined = frame.groupby(["check", "role"], sort=False)["t"].agg(lambda s: " ".join(s).removeprefix("+ "))
        num = joined.xs("num", level="role") if "num" in joined.index.get_level_values("role") else pd.Series(dtype=str)
        den = joined.xs("den", level="role") if "den" in joined.index.get_level_values("role") else pd.Series(dtype=str)
        idx = inst["check"].to_numpy()
        num = num.reindex(idx).fillna("").astype(str)
        den = den.reindex(idx).fillna("").astype(str)

        def wrap(s: str) -> str:
            return f"({s})" if (" + " in s or " − " in s) else s

        ratio = (inst["form"] == "ratio").to_numpy()
        text = [f"{wrap(n)} / {wrap(d)}" if r else n for n, d, r in zip(num, den, ratio, strict=True)]
        return pd.Series(text, index=idx)

    def _messages(self, checks: pd.DataFrame, inst: pd.DataFrame, operands: pd.Series, stated_dec) -> list[str]:
        out = []
        rules = self.rules
        pct_unit = checks["unit"].to_numpy(object) == "%"
        exp_dec = np.where(pct_unit, np.maximum(stated_dec, 2), np.maximum(stated_dec, 0))
        for i, row in enumerate(checks.itertuples(index=False)):
            rule = rules.get(row.rule)
            template = rule.text("message", self.lang) if rule else "{label}"
            unit = "%" if row.unit == "%" else row.unit
            values = {
                "label": inst["label"].iat[i],
                "column": inst["column"].iat[i],
                "stated": "—" if not np.isfinite(row.stated) else f"{row.stated:.{max(int(stated_dec[i]), 0)}f}",
                "expected": "—" if not np.isfinite(row.expected) else f"{row.expected:.{int(exp_dec[i])}f}",
                "difference": "—" if not np.isfinite(row.difference) else f"{row.difference:+.{int(exp_dec[i])}f}",
                "tolerance": "—" if not np.isfinite(row.tolerance) else f"{row.tolerance:.{int(exp_dec[i]) + 1}f}",
                "unit": unit,
                "operands": operands.iat[i],
                "table": row.table or "",
            }
            if row.status == "skip":  # the rule's message describes a recomputation that did not happen
                template = NEUTRAL["skip"][self.lang]
                values["note"] = NOTE_TEXT.get(row.note, {}).get(self.lang, row.note)
            elif row.status == "pass" and rule is not None and rule.kind == "bound":
                template = NEUTRAL["bound"][self.lang]  # a bound's message reads as a failure
            try:
                out.append(template.format_map(values))
            except (KeyError, ValueError, IndexError):
                out.append(f"{template} ({values['operands']} = {values['expected']}, stated {values['stated']})")
        return out


def run_rules(
    rules: list[Rule],
    facts: pd.DataFrame,
    lang: str = "zh",
    context: dict | None = None,
    prebound: list[tuple[pd.DataFrame, pd.DataFrame]] | None = None,
) -> pd.DataFrame:
    """Bind every rule over all facts and evaluate the instances in one vectorised pass.

    A rule whose binder raises becomes a failing check of its own (severity error, rule code
    kept, the exception in its message); the other rules still run.
    """
    facts = facts.reset_index(drop=True)
    all_inst, all_links, crashed = [], [], []
    offset = 0
    for rule in rules:
        try:
            inst, links = bind(rule, facts, context or {})
        except Exception as exc:  # a broken rule must not stop the run
            crashed.append(_crash(rule, exc))
            continue
        if inst is None or inst.empty:
            continue
        inst = make_instances(inst, rule)
        inst["_key"] = inst["check"].to_numpy("int64") + offset
        links = links.copy()
        links["check"] = links["check"].to_numpy("int64") + offset
        offset = int(inst["_key"].max()) + 1
        all_inst.append(inst)
        all_links.append(links)
    by_code = {r.code: r for r in rules}
    for inst, links in prebound or []:
        inst = inst[inst["rule"].isin(by_code)]
        if inst.empty:
            continue
        codes = inst["rule"].to_numpy()
        inst = make_instances(inst.drop(columns=["rule"]), rules[0])
        inst["rule"] = codes
        inst["_key"] = inst["check"].to_numpy("int64") + offset
        links = links[links["check"].isin(inst["check"])].copy()
        links["check"] = links["check"].to_numpy("int64") + offset
        offset = int(inst["_key"].max()) + 1
        all_inst.append(inst)
        all_links.append(links)
    if all_inst:
        inst = pd.concat(all_inst, ignore_index=True)
        links = pd.concat(all_links, ignore_index=True) if all_links else pd.DataFrame(columns=LINK_COLUMNS)
        inst, links = _drop_repeated_relations(inst, links, by_code)
        checks = Evaluation(facts, by_code, lang).run(inst, links)
    else:
        checks = empty_checks()
    if crashed:
        checks = pd.concat([checks, pd.DataFrame(crashed)], ignore_index=True) if len(checks) else pd.DataFrame(crashed)
    return checks


def _drop_repeated_relations(inst: pd.DataFrame, links: pd.DataFrame, rules: dict[str, Rule]):
    """The same relation bound by two rules (a generic hierarchy sum and a table's own rule over
    the same cells) is checked once, under the most specific rule: one that names its tables."""
    if inst.empty:
        return inst, links
    ordered = links.sort_values(["check", "role", "fact"], kind="stable")
    terms = ordered["role"].astype(str) + ":" + ordered["fact"].astype(str) + "*" + ordered["coef"].astype(str)
    operands = terms.groupby(ordered["check"].to_numpy(), sort=False).agg("|".join)
    key = inst[["stated_fact", "stated_value", "op", "form", "factor", "offset"]].assign(
        operands=inst["_key"].map(operands).fillna("") if len(operands) else ""
    )
    sig = pd.util.hash_pandas_object(key, index=False)
    generic = inst["rule"].map(lambda c: 1 if c in rules and not rules[c].tables else 0)
    order = pd.DataFrame({"sig": sig, "generic": generic, "rule": inst["rule"]}).sort_values(["generic", "rule"])
    keep = order.drop_duplicates("sig").index.sort_values()
    kept = inst.loc[keep]
    return kept, links[links["check"].isin(kept["_key"])]


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
