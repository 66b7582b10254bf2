"""The unit of the narrative's amounts against the tables' (DOC016).

A narrative amount whose printed figure is a table's figure but whose unit is not ("支出
2940.05元" where the tables print 2940.05 in 万元) states the amount 10,000 times off: a unit
written from habit or copied from another report. Only amounts with two or more decimals count
(a round figure repeats by chance), and only when no table holds the amount itself in any
unit within the rounding of both figures.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..model import Finding
from ..model.units import MONEY_SCALE
from .flow import short


def amount_units(path: str, tables: pd.DataFrame, text: pd.DataFrame) -> list[Finding]:
    if tables.empty or text.empty:
        return []
    money = list(MONEY_SCALE)
    t = tables[tables["unit"].isin(money) & tables["value"].notna() & (tables["value"] != 0)]
    s = text[(text["role"] == "amount") & text["unit"].isin(money) & (text["decimals"] >= 2) & (text["value"] >= 1)]
    if t.empty or s.empty:
        return []
    t_base = (t["value"] * t["scale"]).to_numpy()
    t_half = (0.5 * 10.0 ** -t["decimals"].clip(lower=0) * t["scale"]).to_numpy()
    order = np.argsort(t_base)
    t_base, t_half = t_base[order], t_half[order]
    s_base = (s["value"] * s["scale"]).to_numpy()
    s_half = (0.5 * 10.0 ** -s["decimals"] * s["scale"]).to_numpy()
    reach = s_half + t_half.max()
    lo = np.searchsorted(t_base, s_base - reach, side="left")
    hi = np.searchsorted(t_base, s_base + reach, side="right")
    key, scale = t["value"].round(6).to_numpy(), t["scale"].to_numpy()
    s_value, s_scale = s["value"].to_numpy(), s["scale"].to_numpy()
    out = []
    for k in np.flatnonzero(lo == hi):  # no table amount within rounding of this one
        same = np.flatnonzero((key == round(float(s_value[k]), 6)) & (scale != s_scale[k]))
        if not len(same):
            continue
        row, other = s.iloc[k], t.iloc[same[0]]
        cell = other["location"] if isinstance(other["location"], dict) else {}
        out.append(
            Finding(
                "DOC016",
                path,
                row["location"],
                {
                    "label": str(row["label"]),
                    "stated": f"{row['value']:.{int(row['decimals'])}f}",
                    "unit": str(row["unit"]),
                    "table_unit": str(other["unit"]),
                    "cell": short(cell) if cell else "",
                },
                related=[cell] if cell else [],
                table=str(other["table"]),
                stated=float(row["value"]),
            )
        )
    return out
