"""The import graph of fincheck (scripts/module_map.py reads it from the source): no cycles
(imports inside functions included), the model package (the pipeline's data) imports nothing
else from fincheck, and docs/design.md's module map is the one the code gives."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _load():
    spec = importlib.util.spec_from_file_location("module_map", REPO / "scripts" / "module_map.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_map = _load()
_graph = _map.graph
_cycles = _map.cycles


def test_the_graph_sees_function_level_and_relative_imports():
    graph = _graph()
    assert "fincheck.model.location" in graph["fincheck.model.facts"]
    assert "fincheck.render.html" in graph["fincheck.report"]  # imported inside Report.to_html


def test_type_only_imports_are_not_edges():
    graph = _graph()
    assert "fincheck.catalogue" not in graph["fincheck.kinds.registry"]
    assert "fincheck.kinds" in graph["fincheck.catalogue"]


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycles():
    assert _cycles(_graph()) == []


def test_the_model_package_is_a_leaf():
    graph = _graph()
    outside = {
        (name, dep)
        for name, deps in graph.items()
        if name.startswith("fincheck.model")
        for dep in deps
        if not dep.startswith("fincheck.model")
    }
    assert outside == set()


def test_design_module_map_is_current():
    design = _map.DESIGN.read_text(encoding="utf-8")
    assert _map.updated(design) == design, "docs/design.md's module map is stale: run python scripts/module_map.py"


def test_design_module_map_lists_every_module():
    table = _map.module_map()
    for name in _graph():
        short = name.removeprefix("fincheck.") if name != "fincheck" else "fincheck"
        assert f"| `{short}` |" in table
