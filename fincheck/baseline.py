"""A baseline of accepted findings: ``--write-baseline FILE`` records the current findings
(rule, report, location, stated, expected, an optional reason); ``--baseline FILE`` marks the
findings that match one exactly as accepted. A finding whose stated or expected value changed
no longer matches, so it is shown again.

The file is JSON: ``{"fincheck": VERSION, "accepted": [{rule, report, location, stated,
expected, reason}, ...]}``, with the location written as in the terminal (``资产!C9``) and
the report as its path relative to the baseline file's folder, so a baseline matches the same
file however its path is spelled on the command line (absolute, relative, from another folder).
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import replace
from pathlib import Path

import pandas as pd

from .errors import FincheckError
from .model.location import format_location
from .outputs import write_text_atomic
from .version import __version__

KEY = ["rule", "report", "location", "stated", "expected"]


class BaselineError(FincheckError):
    """A baseline file that cannot be read."""


def _number(value) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return round(float(value), 6)


def _report_key(source: str, folder: Path) -> str:
    """A file's path relative to the baseline's folder (POSIX separators); other names as given."""
    path = Path(source)
    try:
        if not path.exists():
            return source
        return Path(os.path.relpath(path.resolve(), folder)).as_posix()
    except (OSError, ValueError):  # another drive on Windows, an unreadable folder
        return source


def _keys(findings: pd.DataFrame, baseline: str | Path) -> pd.DataFrame:
    folder = Path(baseline).resolve().parent
    sources = findings["source"].astype("str")
    names = {s: _report_key(s, folder) for s in sources.unique()}
    return pd.DataFrame(
        {
            "rule": findings["rule"].astype("str"),
            "report": sources.map(names).astype("str"),
            "location": findings["location"].map(format_location).astype("str"),
            "stated": findings["stated"].map(_number).astype("float64"),
            "expected": findings["expected"].map(_number).astype("float64"),
        },
        index=findings.index,
    )


def baseline_entries(report, reason: str | None = None, baseline: str | Path = "fincheck-baseline.json") -> list[dict]:
    """The report's findings as baseline entries (reports named relative to ``baseline``'s folder)."""
    keys = _keys(report.findings, baseline)
    out = []
    for row in keys.itertuples(index=False):
        entry = {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in zip(KEY, row, strict=True)}
        out.append({**entry, "reason": reason})
    return out


def write_baseline(report, path: str | Path, reason: str | None = None) -> int:
    """Write the report's findings to ``path``; return how many were written."""
    entries = baseline_entries(report, reason, path)
    data = {"fincheck": __version__, "accepted": entries}
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return len(entries)


def read_baseline(path: str | Path) -> pd.DataFrame:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError("{path}: cannot be read ({detail})", path=path, detail=exc.strerror or exc) from None
    except ValueError as exc:
        raise BaselineError("{path}: not a baseline file (not JSON: {detail})", path=path, detail=exc) from None
    entries = data.get("accepted") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not all(isinstance(e, dict) and "rule" in e for e in entries):
        raise BaselineError("{path}: not a baseline file (no list of accepted findings)", path=path)
    frame = pd.DataFrame(entries, columns=[*KEY, "reason"])
    return frame.astype({"rule": "str", "report": "str", "location": "str", "stated": "float64", "expected": "float64"})


def apply_baseline(report, path: str | Path):
    """A copy of the report whose checks carry ``accepted`` (and ``accepted_reason``) columns."""
    accepted = read_baseline(path)
    checks = report.checks
    keys = _keys(checks, path).reset_index(names="_row")
    fails = keys[(checks["status"] == "fail").to_numpy()]
    # NaN never equals NaN in a merge key: compare missing numbers through a sentinel
    left = fails.fillna({"stated": -1e300, "expected": -1e300})
    right = accepted.fillna({"stated": -1e300, "expected": -1e300}).drop_duplicates(KEY)
    hit = left.merge(right, on=KEY, how="inner")
    flag = pd.Series(False, index=checks.index)
    flag.loc[hit["_row"].to_numpy()] = True
    why = pd.Series("", index=checks.index, dtype="str")
    why.loc[hit["_row"].to_numpy()] = hit["reason"].fillna("").astype("str").to_numpy()
    out = checks.assign(accepted=flag.to_numpy(), accepted_reason=why.to_numpy())
    return replace(report, checks=out, baseline=str(path))


#: the HTML report's mark on accepted findings (the command line's words are in cli_text)
WORDS = {"accepted": {"zh": "已接受", "en": "accepted"}}


def word(key: str, lang: str) -> str:
    entry = WORDS[key]
    return entry.get(lang, entry["en"])
