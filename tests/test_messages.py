"""Column-wise message text (fincheck.messages) gives exactly Python's formatting."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

from fincheck.engine import _num
from fincheck.messages import Templates, fixed, joined_groups, printed

EDGES = [0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 2.675, 1.005, 1234567.125, 1e15, -1e15, 4.5e15, 1e20, 1e300]


def _values() -> np.ndarray:
    rng = np.random.default_rng(7)
    return np.concatenate(
        [
            rng.normal(0, 1e4, 3000),
            np.round(rng.normal(0, 1e4, 3000), 2),
            np.round(rng.normal(0, 100, 2000), 3) + 0.005,
            np.arange(-400, 400) / 8,
            rng.integers(-(10**6), 10**6, 1000).astype(float),
            EDGES,
        ]
    )


@pytest.mark.parametrize("plus", [False, True])
@pytest.mark.parametrize("d", [0, 1, 2, 3, 6])
def test_fixed_is_python_formatting(d, plus):
    values = _values()
    spec = f"{'+' if plus else ''}.{d}f"
    assert fixed(values, np.full(len(values), d), plus).to_pylist() == [format(v, spec) for v in values.tolist()]


def test_fixed_with_mixed_decimals_keeps_the_order():
    values = _values()
    decimals = np.random.default_rng(3).integers(0, 5, len(values))
    expected = [f"{v:.{d}f}" for v, d in zip(values.tolist(), decimals.tolist(), strict=True)]
    assert fixed(values, decimals).to_pylist() == expected


def test_printed_is_the_engine_figure():
    values = _values()
    values[::97] = np.nan
    values[::101] = np.inf
    values[::103] = 12345678901.0  # whole, but printed by .10g with an exponent
    decimals = np.random.default_rng(5).integers(-1, 5, len(values))
    expected = [_num(v, d) if np.isfinite(v) else "—" for v, d in zip(values.tolist(), decimals.tolist(), strict=True)]
    assert printed(values, decimals).to_pylist() == expected


def test_joined_groups_keep_the_order_of_the_terms():
    keys, texts = joined_groups(np.array([5, 2, 5, 2, 9]), pa.array(["a", "b", "c", "d", "e"]), " ")
    assert keys.tolist() == [2, 5, 9]
    assert texts.to_pylist() == ["b d", "a c", "e"]


def test_templates_fill_like_format_map():
    names = ["label", "stated", "note"]
    templates = [
        ("{label} 列示 {stated}", ["label", "stated"]),
        ("{{literal}} {label}{note}", names),
        ("{label} {missing}", ["label", "stated"]),  # unknown field: the fallback text
        ("{label:>6}|{stated!r}", ["label", "stated"]),  # a spec and a conversion: Python fills it
        ("{note}", ["label", "stated"]),  # note is not a field of this template
        ("", ["label"]),
    ]
    fields = {
        "label": pa.array(["甲", "乙", "丙"]),
        "stated": pa.array(["1.00", "2", "—"]),
        "note": pa.array(["x", "", "z"]),
    }

    def fallback(template: str) -> str:
        return template.replace("{", "{{").replace("}", "}}") + " ({stated})"

    filler = Templates(templates, names, fallback)
    for t, (template, allowed) in enumerate(templates):
        ids = np.full(3, t)
        rows = [{k: fields[k][i].as_py() for k in allowed} for i in range(3)]

        def slow(positions, template=template, rows=rows):
            return [template.format_map(rows[i]) for i in positions.tolist()]

        expected = []
        for row in rows:
            try:
                expected.append(template.format_map(row))
            except KeyError:
                expected.append(f"{template} ({row['stated']})")
        assert filler.fill(ids, fields, slow).to_pylist() == expected, template


def test_templates_fill_in_chunks(monkeypatch):
    import fincheck.messages as messages

    templates = [("{label}={stated}", ["label", "stated"]), ("{label:>3}", ["label"])]
    fields = {"label": pa.array(list("abcdefg")), "stated": pa.array([str(i) for i in range(7)])}
    ids = np.array([0, 1, 0, 0, 1, 1, 0])

    def slow(positions):
        return [f"{fields['label'][i].as_py():>3}" for i in positions.tolist()]

    whole = Templates(templates, ["label", "stated"], str).fill(ids, fields, slow).to_pylist()
    monkeypatch.setattr(messages, "CHUNK", 2)
    assert Templates(templates, ["label", "stated"], str).fill(ids, fields, slow).to_pylist() == whole
    assert whole == ["a=0", "  b", "c=2", "d=3", "  e", "  f", "g=6"]
