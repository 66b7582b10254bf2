"""Checks of a published report as a document, beyond the arithmetic of its figures.

The pipeline hands each document here once its tables are recognised
(:func:`fincheck.pipeline.load_document`): its prose (the lines the text stage reads, with the
source's locator), its grids and its recognised tables and facts. Each module is one
mechanism, each finding a rule of the DOC family (rules/DOC, emitter ``document-checks``)::

    residue       template residue: placeholders, alternatives, empty slots, bare
                  percentages, instructions (DOC001–DOC005)
    itemlists     items a narrative lists vs the 基本支出 table's lines (DOC006, DOC007)
    structure     tables the 目录 lists but the document does not print; blank tables
                  without a 空表说明 (DOC008, DOC009)
    consistency   the unit's name and the report's year across headings (DOC010, DOC011)
    narrative     copied purpose texts; amounts that bound one another; a rate of a zero
                  budget (DOC012–DOC014)
    classified    the 类（款）（项） an item names vs the table's names for its code (DOC015)
    amount_units  a narrative amount printed as a table's figure in another unit (DOC016)
    scopes        a narrative amount against the table of the funding scope it names: another
                  scope's figure (DOC017), or no table's figure (DOC018)

Findings are :class:`fincheck.model.Finding` (no figures to recompute); :func:`finding_checks`
makes them rows of the checks frame, with the rule's message in the report's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from string import Formatter

import numpy as np
import pandas as pd

from ..catalogue import Rule, emitted
from ..model import Document, Finding, Loaded
from ..model.facts import empty_facts
from ..model.location import Locator
from ..plurals import agree
from .amount_units import amount_units
from .classified import classified
from .consistency import consistency
from .flow import Flow
from .itemlists import item_lists
from .narrative import bounds, purposes
from .residue import residue
from .scopes import funding_scopes
from .structure import blank_tables, contents


def check_document(doc: Document, loaded: Loaded, lines: Sequence[str], locate: Locator) -> list[Finding]:
    """The findings of every document check on one document (its tables already recognised)."""
    flow = Flow(list(lines), locate, wrapped=doc.kind == "pdf")
    facts = pd.concat(loaded.facts, ignore_index=True) if loaded.facts else empty_facts()
    found = [
        *residue(flow, doc.path),
        *item_lists(flow, doc.path, facts),
        *contents(flow, doc.path, doc, loaded.tables),
        *blank_tables(flow, doc.path, doc, loaded.tables, facts),
        *consistency(flow, doc.path),
        *purposes(flow, doc.path),
        *bounds(flow, doc.path),
        *classified(flow, doc.path, facts),
        *amount_units(doc.path, facts, _text_facts(loaded)),
        *funding_scopes(flow, doc.path, facts, loaded.tables),
    ]
    emitted("document-checks", sorted({f.rule for f in found}))
    return found


def _text_facts(loaded: Loaded) -> pd.DataFrame:
    """The figures the text stage read in the narrative (not its flattened tables)."""
    frames = [f[f["table"] == "text"] for f, _inst, _links in loaded.bound if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else empty_facts()


class _Lenient(Formatter):
    """Leaves a placeholder the finding does not fill as it is written."""

    def get_value(self, key, args, kwargs):
        return kwargs.get(key, "{" + str(key) + "}") if isinstance(key, str) else super().get_value(key, args, kwargs)


def _in_language(values: dict, lang: str) -> dict:
    """A finding's values, those given in both languages ({"en": …, "zh": …}) said in ``lang``."""
    return {k: v.get(lang, v.get("en", "")) if isinstance(v, dict) and "en" in v else v for k, v in values.items()}


def finding_checks(findings: list[Finding], rules: list[Rule], lang: str) -> list[dict]:
    """Rows of the checks frame for the findings of active rules."""
    by_code = {r.code: r for r in rules}
    out = []
    for f in findings:
        rule = by_code.get(f.rule)
        if rule is None:
            continue
        out.append(
            {
                "rule": f.rule,
                "name": rule.name,
                "severity": rule.severity,
                "status": "fail",
                "note": "",
                "message": agree(_Lenient().format(rule.text("message", lang), **_in_language(f.values, lang)), lang),
                "stated": f.stated,
                "expected": np.nan,
                "difference": np.nan,
                "tolerance": np.nan,
                "unit": "%" if f.rule in ("DOC004", "DOC014") else "",
                "source": f.path,
                "table": f.table,
                "location": f.location,
                "related": list(f.related),
            }
        )
    return out
