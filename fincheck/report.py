"""The :class:`Report`: the result of checking sources (its checks, facts, tables, rules) and
its views (JSON, HTML, Excel, annotated workbooks, terminal). Built by :mod:`fincheck.pipeline`."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .catalogue import Rule
from .errors import FincheckError
from .frames import failure_cases, hashable_locations, with_flat_locations
from .model import Source
from .model.location import format_location as format_location  # the old import path
from .model.location import place_of
from .plurals import agree
from .render.tabular import jsonable
from .schemas import CHECK_COLUMNS
from .version import __version__

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """Object columns holding dicts or lists as JSON text (Parquet has no free-form objects)."""
    out = {}
    for name in frame.columns:
        col = frame[name]
        if col.dtype == object and col.map(lambda v: isinstance(v, dict | list)).any():
            col = col.map(lambda v: json.dumps(jsonable(v), ensure_ascii=False)).astype(str)
        out[name] = col
    return pd.DataFrame(out, index=frame.index)


class FindingsError(FincheckError):
    """Raised by :meth:`Report.raise_for_errors`; ``findings`` holds the open findings at or
    above the level (a frame like :attr:`Report.findings`), ``errors`` why each unreadable input
    could not be read."""

    findings: pd.DataFrame
    errors: list[str]


@dataclass
class Report:
    """The result of checking one or more sources.

    ``checks`` has one row per check (the JSON contract's columns); ``findings`` the failing
    ones; ``facts`` every figure read, with its location; ``tables`` every table recognised.
    """

    sources: list[Source]
    facts: pd.DataFrame
    tables: pd.DataFrame
    checks: pd.DataFrame
    rules: list[Rule] = field(default_factory=list, repr=False)
    lang: str = "zh"
    #: the baseline file applied (see :mod:`fincheck.baseline`): ``checks`` then has
    #: ``accepted`` and ``accepted_reason`` columns
    baseline: str | None = None

    def __post_init__(self) -> None:
        if "col" not in self.checks.columns:  # flat location columns, for sort_values and groupby
            self.checks = with_flat_locations(self.checks)
        self.facts = hashable_locations(self.facts)  # its locations hashable too (drop_duplicates)

    @property
    def ok(self) -> bool:
        """True when every input was read and no error-severity finding is left open."""
        return not self.errors and not self.failing_at("error")

    def raise_for_errors(self, level: str = "error") -> Report:
        """Raise :class:`FindingsError` when an input was unreadable or a finding is at or
        above ``level``; return the report otherwise (so calls can be chained)."""
        if self.errors or self.failing_at(level):
            english = [s.error for s in self.sources if s.error]  # the exception speaks English
            fails = self._open_fails()
            fails = fails[fails["severity"].map(SEVERITY_ORDER) <= SEVERITY_ORDER[level]]
            shown = "; ".join(
                f"{r.rule} {place_of(r.location, r.related)}: {r.message}"
                for r in fails.head(3).itertuples(index=False)
            )
            more = f" (and {len(fails) - 3} more)" if len(fails) > 3 else ""
            unread = f"; {len(english)} input(s) could not be read ({'; '.join(english[:3])})" if english else ""
            error = FindingsError(
                agree(f"{len(fails)} finding(s) at or above {level}{unread}: {shown}{more}".rstrip(": "))
            )
            error.findings = fails.reset_index(drop=True)
            error.errors = self.errors
            raise error
        return self

    @property
    def failure_cases(self) -> pd.DataFrame:
        """One row per failing operand (see :func:`fincheck.frames.failure_cases`)."""
        return failure_cases(self)

    @property
    def findings(self) -> pd.DataFrame:
        """The failing rows of :attr:`checks` (accepted ones too: see the ``accepted`` column
        when a baseline was applied), numbered from 0."""
        return self.checks[self.checks["status"] == "fail"].reset_index(drop=True)

    def _open_fails(self) -> pd.DataFrame:
        """Failing checks that no baseline accepted."""
        fails = self.checks[self.checks["status"] == "fail"]
        return fails[~fails["accepted"]] if "accepted" in fails.columns else fails

    @property
    def errors(self) -> list[str]:
        """Why each unreadable input could not be read, in the report's language."""
        return [s.error_in(self.lang) for s in self.sources if s.error]

    @property
    def error_codes(self) -> list[str]:
        """The stable codes of :attr:`errors` (:mod:`fincheck.error_codes`), one per error."""
        return [s.error_code or "E000" for s in self.sources if s.error]

    @property
    def warnings(self) -> list[str]:
        """The warning about each input read without error in which something is amiss (nothing
        recognised), in the report's language."""
        return [w for s in self.sources if (w := s.warning_in(self.lang))]

    @property
    def warning_codes(self) -> list[str]:
        """The stable codes of :attr:`warnings` (:data:`fincheck.error_codes.WARNING_CODES`)."""
        return [s.warning_code or "W000" for s in self.sources if s.warning]

    def summary(self) -> dict[str, int]:
        """Counts: ``checks``, failing checks not accepted by a baseline (``fail``) and those by
        severity (``error``, ``warning``, ``info``); ``accepted`` when a baseline was applied."""
        c = self.checks
        fails = self._open_fails()
        out = {
            "checks": len(c),
            "fail": len(fails),
            "error": int((fails["severity"] == "error").sum()),
            "warning": int((fails["severity"] == "warning").sum()),
            "info": int((fails["severity"] == "info").sum()),
        }
        if "accepted" in c.columns:
            out["accepted"] = int(c["accepted"].sum())
        return out

    def failing_at(self, level: str) -> bool:
        """True when a failing check is at or above ``level`` (error > warning > info)."""
        limit = SEVERITY_ORDER[level]
        fails = self._open_fails()
        return bool((fails["severity"].map(SEVERITY_ORDER) <= limit).any())

    def to_dict(self, all_checks: bool = True) -> dict[str, Any]:
        """The report as the JSON contract's object (docs/json-contract.md): ``sources``,
        ``checks`` (every check, or only the findings when ``all_checks`` is false) and
        ``summary``."""
        checks = self.checks if all_checks else self.findings
        columns = [*CHECK_COLUMNS, *(["accepted", "accepted_reason"] if "accepted" in checks.columns else [])]
        records = [
            self._with_place({k: jsonable(v) for k, v in zip(columns, row, strict=True)})
            for row in checks[columns].itertuples(index=False, name=None)
        ]
        return {
            "fincheck": __version__,
            "sources": [s.as_dict(self.lang) for s in self.sources],
            "checks": records,
            "summary": self.summary(),
        }

    def _with_place(self, record: dict[str, Any]) -> dict[str, Any]:
        """A check's record with ``place``: where it is as the text outputs say it, in the report's
        language — the whole span of its operands for a finding placed at one of them
        (``资产!C5:C9``: shares that must add up to a 100% not printed), where ``location`` is
        the first operand's."""
        record["place"] = place_of(record.get("location"), record.get("related"), self.lang)
        return record

    def to_json(self, all_checks: bool = True, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text (Chinese kept as it is, not escaped)."""
        return json.dumps(self.to_dict(all_checks), ensure_ascii=False, indent=indent)

    # The renderers are imported when used: they pull in openpyxl, rich and the HTML templates,
    # which checking does not need.

    def to_html(self, all_checks: bool = False, lang: str | None = None) -> str:
        """The report as one self-contained HTML page (findings only unless ``all_checks``), in
        ``lang`` (default: the report's language)."""
        from .render.html import to_html

        return to_html(self, all_checks=all_checks, lang=lang)

    def to_excel(self, path: str | Path, lang: str | None = None) -> Path:
        """Write checks, findings and facts sheets to an xlsx file (text never becomes a formula),
        with headers in ``lang`` (default: the report's language)."""
        from .render.excel import to_excel

        return to_excel(self, path, lang=lang)

    def to_parquet(self, directory: str | Path) -> dict[str, Path]:
        """Write ``facts.parquet``, ``checks.parquet`` and ``findings.parquet`` into ``directory``
        (created if needed); dict and list columns (locations, related) become JSON strings."""
        out_dir = Path(directory)
        out_dir.mkdir(parents=True, exist_ok=True)
        written = {}
        for name, frame in (("facts", self.facts), ("checks", self.checks), ("findings", self.findings)):
            path = out_dir / f"{name}.parquet"
            _flat(frame).to_parquet(path, index=False)
            written[name] = path
        return written

    def annotate(self, out_path: str | Path) -> list[Path]:
        """Write a copy of each input workbook with its failing cells marked (see ``--annotate``)."""
        from .render.annotate import annotate_workbook

        return annotate_workbook(self, out_path)

    def explain(self, n: int) -> dict[str, Any]:
        """One check with its rule and the facts it used (by row number of ``checks``)."""
        row = self.checks.iloc[n]
        rule = next((r for r in self.rules if r.code == row["rule"]), None)
        wanted = {_location_text(x) for x in [row["location"], *row["related"]]}
        used = self.facts
        if len(used):  # by value: a location is a dict, which ``isin`` cannot hash
            same = used["location"].map(lambda x: _location_text(x) in wanted).to_numpy(bool)
            used = used[same & (used["report"] == row["source"]).to_numpy(bool)]
        return {
            "check": self._with_place({k: jsonable(row[k]) for k in CHECK_COLUMNS}),
            "rule": {
                "code": rule.code,
                "name": rule.name,
                "kind": rule.kind,
                "title": rule.title,
                "why": rule.why,
                "source": list(rule.source),
                "params": rule.params,
            }
            if rule
            else None,
            "operands": used[["table", "label", "column", "value", "decimals", "unit", "loc"]].to_dict("records"),
        }

    def __repr__(self) -> str:
        s = self.summary()
        return agree(
            f"<fincheck Report: {len(self.sources)} source(s), {s['checks']} check(s), {s['fail']} failing "
            f"({s['error']} error(s), {s['warning']} warning(s), {s['info']} info)>"
        )

    def __rich__(self):
        from .render.terminal import render_report

        return render_report(self, show_all=False)

    def _repr_html_(self) -> str:
        try:
            from .render.html import notebook_html
        except ImportError:  # pragma: no cover - the HTML renderer ships with the package
            return f"<pre>{self.summary()}</pre>"
        return notebook_html(self)


def _location_text(location: Any) -> str:
    """A location dict as one comparable text (its items in key order)."""
    return json.dumps(location, sort_keys=True, ensure_ascii=False, default=str)
