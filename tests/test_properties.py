"""Property-based tests: consistent reports produce no failing check; one perturbed figure makes
only the checks that use it fail; figures on the rounding boundary pass, one unit beyond fail.

Reports are generated from exact amounts in 分 (random hierarchies), printed in 元 or 万元
with random decimals and either tie rule (half-up, half-even), with shares and growth rates
printed from the exact values, and read back through the real loaders (CSV and xlsx)."""

from __future__ import annotations

import tempfile
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fincheck
from fincheck.template import write_tidy_workbook

SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
UNITS = {"元": 100, "万元": 1_000_000}  # 分 per unit
TIES = {"half-up": ROUND_HALF_UP, "half-even": ROUND_HALF_EVEN}
RULES = ["GEN001", "GEN003", "GEN004", "GEN006", "GEN008", "GEN010", "GEN011"]


def fmt(x: Decimal, decimals: int, tie) -> str:
    return str(x.quantize(Decimal(1).scaleb(-decimals), rounding=tie))


@st.composite
def reports(draw):
    """A table: 合计 → top rows → optional indented children; 本年数, 上年数, 增长率, 占比."""
    n_top = draw(st.integers(2, 4))
    leaf = st.integers(1_000_000, 5_000_000_000)  # ≥ 1 万元 in 分
    tree = []  # (label, depth, current, previous, children)
    for i in range(n_top):
        n_kids = draw(st.sampled_from([0, 0, 2, 3]))
        kids = [(f"项{i}{j}", draw(leaf), draw(leaf)) for j in range(n_kids)]
        if kids:
            tree.append((f"类{i}", sum(k[1] for k in kids), sum(k[2] for k in kids), kids))
        else:
            tree.append((f"类{i}", draw(leaf), draw(leaf), []))
    unit = draw(st.sampled_from(sorted(UNITS)))
    decimals = draw(st.integers(0, 2))
    pct_decimals = draw(st.integers(1, 3))
    tie = TIES[draw(st.sampled_from(sorted(TIES)))]
    return tree, unit, decimals, pct_decimals, tie


def render(tree, unit, decimals, pct_decimals, tie, perturb: tuple[int, Decimal] | None = None) -> list[list[str]]:
    """Rows of printed strings; ``perturb`` = (data row index, amount added to its 本年数)."""
    per = UNITS[unit]
    total_cur = sum(t[1] for t in tree)
    total_prev = sum(t[2] for t in tree)
    rows_exact = [("合计", 0, total_cur, total_prev, None)]
    for label, cur, prev, kids in tree:
        rows_exact.append((label, 0, cur, prev, total_cur))
        rows_exact.extend((f"  {k[0]}", 1, k[1], k[2], cur) for k in kids)
    out = [[f"单位：{unit}"], ["项目", "本年数", "上年数", "增减额", "增长率", "占比"]]
    for i, (label, _depth, cur, prev, parent) in enumerate(rows_exact):
        c = Decimal(cur) / per
        p = Decimal(prev) / per
        cur_text = fmt(c, decimals, tie)
        if perturb and perturb[0] == i:
            cur_text = fmt(Decimal(cur_text) + perturb[1], decimals, tie)
        growth = fmt((Decimal(cur) / Decimal(prev) - 1) * 100, pct_decimals, tie) + "%"
        share = "" if parent is None else fmt(Decimal(cur) * 100 / Decimal(parent), pct_decimals, tie) + "%"
        change = fmt(c - p, decimals, tie)
        out.append([label, cur_text, fmt(p, decimals, tie), change, growth, share])
    return out


def check_rows(rows: list[list[str]], as_xlsx: bool, folder: Path):
    if as_xlsx:
        path = write_tidy_workbook(folder / "r.xlsx", {"表": rows})
    else:
        path = folder / "r.csv"
        path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    return fincheck.check(path, select=RULES).checks


@SETTINGS
@given(reports(), st.booleans())
def test_consistent_reports_pass(report, as_xlsx):
    with tempfile.TemporaryDirectory() as d:
        checks = check_rows(render(*report), as_xlsx, Path(d))
    fails = checks[checks["status"] == "fail"]
    assert fails.empty, fails[["rule", "location", "message"]].to_string()
    assert (checks["status"] == "pass").sum() > 0


def _cells(loc_list) -> set[str]:
    return {loc.get("cell") for loc in loc_list if isinstance(loc, dict)}


@SETTINGS
@given(reports(), st.data())
def test_one_perturbed_figure_fails_only_the_checks_that_use_it(report, data):
    decimals = report[2]
    rows = render(*report)
    n_rows = len(rows) - 2
    i = data.draw(st.integers(0, n_rows - 1), label="row")
    # far beyond any rounding tolerance: 1 000 units of the last printed digit, and 10% of the figure
    cur = Decimal(rows[i + 2][1])
    delta = Decimal(1000) * Decimal(1).scaleb(-decimals) + cur / 10
    cell = f"B{i + 3}"
    with tempfile.TemporaryDirectory() as d:
        base = check_rows(rows, False, Path(d))
        bad = check_rows(render(*report, perturb=(i, delta)), False, Path(d))
    uses = base[base.apply(lambda c: cell in _cells([c["location"], *c["related"]]), axis=1)]
    fails = bad[bad["status"] == "fail"]
    assert not fails.empty
    for _, c in fails.iterrows():
        assert cell in _cells([c["location"], *c["related"]]), (cell, c["rule"], c["message"])
    # the amount checks that use the figure all fail (shares of a tiny part may stay within rounding)
    amount_rules = {"GEN001", "GEN011"}
    used = {(c["rule"], c["location"]["cell"]) for _, c in uses.iterrows() if c["rule"] in amount_rules}
    failed = {(c["rule"], c["location"]["cell"]) for _, c in fails.iterrows() if c["rule"] in amount_rules}
    assert used == failed


@SETTINGS
@given(
    st.lists(st.integers(1, 10**7), min_size=1, max_size=6),
    st.integers(0, 2),
    st.sampled_from(sorted(UNITS)),
)
def test_rounding_boundary_passes_one_unit_beyond_fails(parts, decimals, unit):
    """Parent and n parts printed with d decimals: |stated − Σ| ≤ (n+1)/2 units passes; the next
    unit fails. With n odd the largest passing difference is exactly on the boundary."""
    unit_size = Decimal(1).scaleb(-decimals)
    printed = [Decimal(p) * unit_size for p in parts]
    total = sum(printed)
    limit = (len(parts) + 1) // 2  # largest whole number of units within (n+1)/2
    with tempfile.TemporaryDirectory() as d:
        for k, status in ((limit, "pass"), (-limit, "pass"), (limit + 1, "fail"), (-(limit + 1), "fail")):
            rows = [[f"单位：{unit}"], ["项目", "金额"], ["合计", str(total + k * unit_size)]]
            rows += [[f"项{j}", str(p)] for j, p in enumerate(printed)]
            checks = check_rows(rows, False, Path(d))
            gen001 = checks[checks["rule"] == "GEN001"]
            assert list(gen001["status"]) == [status], (k, parts, decimals)
