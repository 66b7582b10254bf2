"""The compiled rule catalogue: cached per version and rule files, safe when the cache is unusable."""

from __future__ import annotations

import shutil

from fincheck import catalogue


def _copy_rules(tmp_path):
    folder = tmp_path / "rules"
    shutil.copytree(catalogue.builtin_rules_dir(), folder)
    return folder


def test_compiled_catalogue_is_cached_and_follows_the_files(tmp_path, monkeypatch):
    monkeypatch.setenv("FINCHECK_CACHE_DIR", str(tmp_path / "cache"))
    folder = _copy_rules(tmp_path)
    first = catalogue._compiled(folder)
    cached = list((tmp_path / "cache").glob("rules-*.pickle"))
    assert len(cached) == 1
    assert catalogue._compiled(folder) == first  # read back from the pickle
    # an edited rule file is a new key: parsed again, not the stale copy
    path = next(
        p
        for p in catalogue._rule_files(folder)
        if "severity: error" in p.read_text(encoding="utf-8").split("examples")[0]
    )
    rule = catalogue.load_rule_file(path)[0]
    path.write_text(path.read_text(encoding="utf-8").replace("severity: error", "severity: info", 1), encoding="utf-8")
    again = catalogue._compiled(folder)
    assert len(list((tmp_path / "cache").glob("rules-*.pickle"))) == 2
    changed = {r.code: r for r in again}[rule.code]
    assert (rule.severity, changed.severity) == ("error", "info")
    assert sorted(r.code for r in again) == sorted(r.code for r in first)


def test_a_damaged_or_unwritable_cache_is_not_an_error(tmp_path, monkeypatch):
    folder = _copy_rules(tmp_path)
    monkeypatch.setenv("FINCHECK_CACHE_DIR", str(tmp_path / "cache"))
    expected = catalogue.load_rules_from(folder, user=False)
    (tmp_path / "cache").mkdir()
    key = catalogue._catalogue_key(folder, catalogue._rule_files(folder))
    (tmp_path / "cache" / f"rules-{key}.pickle").write_bytes(b"not a pickle")
    assert catalogue._compiled(folder) == expected
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("FINCHECK_CACHE_DIR", str(blocker / "cache"))
    assert catalogue._compiled(folder) == expected
