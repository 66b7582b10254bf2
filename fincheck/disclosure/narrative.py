"""What the narrative says about its items, checked against itself (DOC012–DOC014).

* DOC012: two explained items (…（项）。主要用于：…) whose purpose text is the same sentence:
  one was copied from the other. Short purposes ("退休人员经费支出") are generic and skipped, as
  are items of the same 项 under two 款 (行政运行 of 财政事务 and of 税收事务: one purpose).
* DOC013: amounts that bound one another (the SME-reserved procurement within the total
  procurement, the small-business share within the SME one), each read with its printed
  precision: a failure only when no rounding explains it.
* DOC014: an execution rate "of the budget" stated in the sentence that gives the budget as 0.
"""

from __future__ import annotations

import re

from ..model import Finding
from ..model.units import MONEY_SCALE
from . import phrasing
from .flow import Flow, plain, short


def purposes(flow: Flow, path: str) -> list[Finding]:
    cfg = phrasing.data()["purposes"]
    first: dict[str, tuple[str, dict]] = {}
    out = []
    for m in phrasing.regex("purposes").finditer(flow.text):
        text = plain(m["purpose"])
        if len(text) < cfg["min_chars"] or "XX" in text.upper():
            continue
        item = plain(m["item"]).lstrip("0123456789、.．")
        where = flow.where(m.start("purpose"), m.end("purpose"))
        if text in first and first[text][0] != item and _xiang(first[text][0]) != _xiang(item):
            other, place = first[text]
            out.append(
                Finding(
                    "DOC012",
                    path,
                    where,
                    {"item": item, "other": other, "purpose": m["purpose"].strip(), "place": short(place)},
                    related=[place],
                )
            )
        first.setdefault(text, (item, where))
    return out


def _xiang(item: str) -> str:
    """The 项 of an explained item: 行政运行 under two 款 is one kind of item with one purpose."""
    m = re.search(r"([^()]+)\(项\)$", item)
    return m.group(1) if m else item


def _amount(m) -> tuple[float, float]:
    """(value in 元, half a unit of its last printed digit in 元)."""
    raw = m["value"].replace(",", "")
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    scale = MONEY_SCALE[m["unit"]]
    return float(raw) * scale, 0.5 * 10**-decimals * scale


def bounds(flow: Flow, path: str) -> list[Finding]:
    cfg = phrasing.data()["bounds"]
    found: dict[str, tuple[float, float, dict, str, str]] = {}
    for name, before in cfg["amounts"].items():
        m = re.search(f"(?:{before}){cfg['amount']}", flow.text)
        if m:
            value, half = _amount(m)
            words = re.sub(r"\s+", "", flow.text[m.start() : m.start("value")])  # as printed, not the key
            found[name] = (value, half, flow.where(m.start("value"), m.end("unit")), f"{m['value']}{m['unit']}", words)
    out = []
    for low, high in cfg["pairs"]:
        if low not in found or high not in found:
            continue
        a, ha, wa, ta, label = found[low]
        b, hb, wb, tb, _ = found[high]
        if a - ha > b + hb:
            out.append(
                Finding(
                    "DOC013",
                    path,
                    wa,
                    {"label": label, "stated": ta, "expected": tb, "place": short(wb)},
                    related=[wb],
                    stated=a / MONEY_SCALE[_unit(ta)],
                )
            )
    for m in phrasing.regex("bounds", "zero_budget").finditer(flow.text):
        out.append(
            Finding(
                "DOC014",
                path,
                flow.where(m.start("rate"), m.end("rate")),
                {"budget": m["budget"], "stated": m["value"]},
                related=[flow.where(m.start("budget"), m.end("budget"))],
                stated=float(m["value"]),
            )
        )
    return out


def _unit(printed: str) -> str:
    return next(u for u in ("亿元", "万元", "元") if printed.endswith(u))
