"""Running a rule's examples through the real loaders (shared by the tests and the docs)."""

from __future__ import annotations

from pathlib import Path

import fincheck
from fincheck.catalogue import Rule
from fincheck.report import format_location
from fincheck.template import write_tidy_workbook


def example_inputs(example: dict, folder: Path) -> list[Path]:
    """Write an example's input files: ``table`` → CSV, ``sheets`` → xlsx, ``text`` → .txt."""
    paths: list[Path] = []
    if "table" in example:
        p = folder / "example.csv"
        p.write_text(example["table"], encoding="utf-8")
        paths.append(p)
    if "sheets" in example:
        paths.append(write_tidy_workbook(folder / "example.xlsx", example["sheets"]))
    if "text" in example:
        p = folder / "example.txt"
        p.write_text(example["text"], encoding="utf-8")
        paths.append(p)
    if "files" in example:
        for name, content in example["files"].items():
            p = folder / name
            if name.endswith((".xlsx", ".xlsm")):
                write_tidy_workbook(p, content)
            else:
                p.write_text(content, encoding="utf-8")
            paths.append(p)
    return paths


def _decimals(x: float) -> int:
    text = repr(float(x))
    return len(text.split(".")[1]) if "." in text and not text.endswith(".0") else 0


def _matches(expected: dict, check: dict, default_sheet: str) -> bool:
    loc = check["location"] or {}
    if "cell" in expected:
        if loc.get("cell") != expected["cell"]:
            return False
        if loc.get("sheet") != expected.get("sheet", loc.get("sheet") if default_sheet == "*" else default_sheet):
            return False
    if "line" in expected and loc.get("line") != expected["line"]:
        return False
    if "quote" in expected and expected["quote"] not in str(loc.get("quote", "")):
        return False
    for key in ("stated", "expected"):
        if key in expected:
            want, got = float(expected[key]), check.get(key)
            if got is None:
                return False
            if abs(got - want) > max(1e-6, 0.5 * 10 ** -_decimals(want)):
                return False
    return not ("severity" in expected and check["severity"] != expected["severity"])


def run_example(rule: Rule, example: dict, folder: Path, extra_rules: list[Rule] | None = None):
    """Check an example with only this rule active; returns (report, problems)."""
    paths = example_inputs(example, folder)
    rules = [rule] if rule.user or extra_rules else None
    report = fincheck.check(*paths, select=[rule.code], rules=rules)
    checks = report.to_dict()["checks"]
    mine = [c for c in checks if c["rule"] == rule.code]
    fails = [c for c in mine if c["status"] == "fail"]
    problems: list[str] = []
    errors = [s.error for s in report.sources if s.error]
    if errors:
        problems.append(f"inputs not read: {errors}")
    default_sheet = "example.csv" if "table" in example else "*"
    expected = example.get("fails") or []
    unmatched = list(fails)
    for exp in expected:
        hit = next((c for c in unmatched if _matches(exp, c, default_sheet)), None)
        if hit is None:
            problems.append(f"expected failure {exp} not reported")
        else:
            unmatched.remove(hit)
    for extra in unmatched:
        problems.append(
            f"unexpected failure at {format_location(extra['location'])}: stated {extra['stated']}, "
            f"expected {extra['expected']}: {extra['message']}"
        )
    if not expected and rule.kind not in ("schema", "document") and not any(c["status"] == "pass" for c in mine):
        problems.append("a passing example must exercise the rule (no passing check of this rule)")
    return report, problems
