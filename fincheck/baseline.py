"""A baseline of accepted findings: ``--write-baseline FILE`` records the current findings
(rule, report, location, stated, expected, an optional reason); ``--baseline FILE`` marks the
findings that match one exactly as accepted. A finding whose stated or expected value changed
no longer matches, so it is shown again. Both at once (``--baseline OLD --write-baseline NEW
--reason R``) writes the current findings, the ones OLD accepted with their own reasons, the
new ones with R.

The file is JSON: ``{"fincheck": VERSION, "accepted": [{rule, report, place, location, stated,
expected, reason}, ...]}``. A finding is matched by its ``place``: the parts of its location
that say where it is, the same in every language and however places are worded
(``{"sheet": "资产", "cell": "C9"}``, ``{"line": 2, "start": 300, "end": 306}``, ``{"page": 13,
"table": 1, "row": 19, "column": 2}``), with the places of its operands (``span``) for a finding
placed at one of them (GEN004 at 资产!C5:C9, not at C5); ``location`` is that place as English
text, for people.
The report is its path relative to the baseline file's folder, so a baseline matches the same
file however its path is spelled on the command line (absolute, relative, from another folder).

Files written before ``place`` existed name the place by ``location`` text only, in a wording
of their time (``line 2 [300:306]``, ``line 2 col 301``, ``page 13 table 1 r19c2``, or the
Chinese ``第2行第301字``, ``第13页表1 第19行第2列``): they still match, through every wording a
place has had (:func:`legacy_texts`).
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import replace
from pathlib import Path

import pandas as pd

from .errors import FincheckError
from .model.location import Location, format_location, on_operands
from .model.location import place_of as place_text
from .outputs import write_text_atomic
from .render.tabular import jsonable
from .version import __version__

KEY = ["rule", "report", "location", "stated", "expected"]
#: the columns an entry with a ``place`` is matched on
PLACE_KEY = ["rule", "report", "place", "stated", "expected"]
#: the parts of a location that say where it is (a span's ``column`` follows from its ``start``;
#: its ``quote`` is what it says, not where)
PLACE_PARTS = ("page", "sheet", "cell", "table", "row", "paragraph", "line", "column", "start", "end", "rule")


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


def place_of(location) -> dict:
    """The parts of a location dict that say where it is, in :data:`PLACE_PARTS` order (a
    span's ``column`` left out: it follows from ``start``); ``{}`` for anything else."""
    if not isinstance(location, dict):
        return {}
    span = location.get("start") is not None and location.get("cell") is None and location.get("row") is None
    return {k: location[k] for k in PLACE_PARTS if location.get(k) is not None and not (span and k == "column")}


def finding_place(location, related=None) -> dict:
    """A finding's whole place: :func:`place_of` its location, and for a finding placed at one
    of its own operands (a sum of shares sits at its first share) the places of all of them
    (``span``): GEN004 at 资产!C5:C9 is not the finding at C5 alone."""
    place = place_of(location)
    operands = on_operands(location, related)
    if place and operands:
        place["span"] = [place_of(r) for r in operands]
    return place


def _plain(parts: dict) -> dict:
    return {k: int(v) if isinstance(v, float) and v.is_integer() else v for k, v in parts.items()}


def place_key(place) -> str:
    """A place as one comparable text, the same in every language and version (with its
    ``span`` of operands when it has one: :func:`finding_place`)."""
    parts = _plain(place_of(place))
    span = place.get("span") if isinstance(place, dict) else None
    if parts and isinstance(span, list) and span:
        parts["span"] = [_plain(place_of(p)) for p in span]
    return json.dumps(parts, ensure_ascii=False)


def legacy_texts(location) -> list[str]:
    """Every text a baseline file may have named this location by: today's wording in English
    and Chinese, a span by its offsets (``line 2 [300:306]`` / ``第2行 [300:306]``, before text
    places were said by their character), a PDF or Word table as ``表1`` (``page 13 table 1
    r19c2`` / ``第13页表1 第19行第2列``, before tables were said by their order)."""
    if not isinstance(location, dict) or not location:
        return []
    texts = dict.fromkeys(format_location(location, lang) for lang in ("en", "zh"))
    place = Location.from_dict(location)
    if place.start is not None and place.end is not None and place.cell is None and place.row is None:
        span = f" [{place.start}:{place.end}]"
        if place.paragraph is not None:
            texts.update(dict.fromkeys((f"paragraph {place.paragraph}{span}", f"第{place.paragraph}段{span}")))
        elif place.line is not None and place.page is None:
            texts.update(dict.fromkeys((f"line {place.line}{span}", f"第{place.line}行{span}")))
    if place.table is not None and place.row is not None:
        t, r, c = place.table, place.row, place.column
        if place.page is not None:
            old = (f"page {place.page} table {t} r{r}c{c}", f"第{place.page}页表{t} 第{r}行第{c}列")
        else:
            old = (f"table {t} r{r}c{c}", f"表{t} 第{r}行第{c}列")
        texts.update(dict.fromkeys(old))
    return [t for t in texts if t]


def _keys(findings: pd.DataFrame, baseline: str | Path) -> pd.DataFrame:
    folder = Path(baseline).resolve().parent
    sources = findings["source"].astype("str")
    names = {s: _report_key(s, folder) for s in sources.unique()}
    places = [finding_place(loc, rel) for loc, rel in zip(findings["location"], findings["related"], strict=True)]
    return pd.DataFrame(
        {
            "rule": findings["rule"].astype("str"),
            "report": sources.map(names).astype("str"),
            "location": findings["location"].map(format_location).astype("str"),
            "place": pd.Series([place_key(p) for p in places], index=findings.index, dtype="str"),
            # the location alone: what a file written before spans were keyed holds
            "head": findings["location"].map(place_key).astype("str"),
            "stated": findings["stated"].map(_number).astype("float64"),
            "expected": findings["expected"].map(_number).astype("float64"),
        },
        index=findings.index,
    )


def baseline_entries(report, reason: str | None = None, baseline: str | Path = "fincheck-baseline.json") -> list[dict]:
    """The report's findings as baseline entries (reports named relative to ``baseline``'s folder).

    A finding a baseline already accepted (a report that went through :func:`apply_baseline`)
    keeps the reason it was accepted for; ``reason`` is for the others (and for accepted ones
    that had none)."""
    findings = report.findings
    keys = _keys(findings, baseline)
    kept = (
        findings["accepted_reason"].where(findings["accepted"].astype(bool), "").fillna("").astype("str")
        if "accepted_reason" in findings.columns
        else pd.Series("", index=findings.index, dtype="str")
    )
    out = []
    rows = zip(keys.itertuples(index=False), findings["location"], findings["related"], kept, strict=True)
    for row, location, related, old in rows:
        entry = {k: getattr(row, k) for k in KEY}
        entry = {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in entry.items()}
        entry["location"] = place_text(location, related)  # for people: the span, 资产!C5:C9
        out.append({**entry, "place": jsonable(finding_place(location, related)), "reason": old or reason})
    return out


def write_baseline(report, path: str | Path, reason: str | None = None) -> int:
    """Write the report's findings to ``path``; return how many were written."""
    entries = baseline_entries(report, reason, path)
    data = {"fincheck": __version__, "accepted": entries}
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return len(entries)


def read_baseline(path: str | Path) -> pd.DataFrame:
    if not Path(path).exists():
        raise BaselineError("{path}: no such baseline file (write one with --write-baseline)", path=path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError("{path}: cannot be read ({detail})", path=path, detail=exc.strerror or exc) from None
    except ValueError as exc:
        raise BaselineError("{path}: not a baseline file (not JSON: {detail})", path=path, detail=exc) from None
    entries = data.get("accepted") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not all(isinstance(e, dict) and "rule" in e for e in entries):
        raise BaselineError("{path}: not a baseline file (no list of accepted findings)", path=path)
    frame = pd.DataFrame(entries, columns=[*KEY, "place", "reason"])
    # an entry with a place is matched on it; one from before places on its location text
    frame["place"] = frame["place"].map(lambda p: place_key(p) if isinstance(p, dict) and p else "")
    return frame.astype({"rule": "str", "report": "str", "location": "str", "stated": "float64", "expected": "float64"})


def apply_baseline(report, path: str | Path):
    """A copy of the report whose checks carry ``accepted`` (and ``accepted_reason``) columns."""
    accepted = read_baseline(path)
    checks = report.checks
    keys = _keys(checks, path).reset_index(names="_row")
    failing = (checks["status"] == "fail").to_numpy()
    fails = keys[failing]
    # NaN never equals NaN in a merge key: compare missing numbers through a sentinel
    left = fails.fillna({"stated": -1e300, "expected": -1e300})
    right = accepted.fillna({"stated": -1e300, "expected": -1e300})
    by_place = right[right["place"] != ""].drop_duplicates(PLACE_KEY)
    spanned = by_place["place"].str.contains('"span"', regex=False)
    hits = [left.drop(columns="head").merge(by_place[spanned].drop(columns="location"), on=PLACE_KEY, how="inner")]
    # an entry written before spans were keyed: matched on the finding's location alone
    heads = left.drop(columns="place").rename(columns={"head": "place"})
    hits.append(heads.merge(by_place[~spanned].drop(columns="location"), on=PLACE_KEY, how="inner"))
    by_text = right[right["place"] == ""].drop_duplicates(KEY)
    if len(by_text):  # a file from before places: any wording the finding's place has had
        worded = [legacy_texts(loc) for loc in checks["location"][failing]]
        texts = left.drop(columns=["location", "place", "head"]).assign(location=worded).explode("location")
        hits.append(texts.merge(by_text.drop(columns="place"), on=KEY, how="inner"))
    hit = pd.concat(hits, ignore_index=True).drop_duplicates("_row")
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
