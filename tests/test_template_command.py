"""`fincheck template OUT.xlsx`: its language (--lang, else the configuration's), and a wrong
OUT refused in one line naming the path (exit 2)."""

from __future__ import annotations

import openpyxl
import pytest

from fincheck.cli import main
from fincheck.template import INSTRUCTIONS


def _explanations(path) -> list[str]:
    ws = openpyxl.load_workbook(path)["说明"]
    return [c.value for c in ws["B"] if c.value]


def test_the_template_speaks_the_language_asked_for(tmp_path, capsys):
    zh, en = tmp_path / "zh.xlsx", tmp_path / "en.xlsx"
    assert main(["template", str(zh), "--lang", "zh"]) == 0
    assert main(["template", str(en), "--lang", "en"]) == 0
    assert _explanations(zh) == [z for _, z, _ in INSTRUCTIONS if z]
    assert _explanations(en) == [e for _, _, e in INSTRUCTIONS if e]
    assert "wrote" in capsys.readouterr().out


def test_the_configured_lang_chooses_the_templates_language(tmp_path, capsys, monkeypatch):
    (tmp_path / "fincheck.toml").write_text('lang = "en"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["template", "t.xlsx"]) == 0
    assert capsys.readouterr().out.startswith("wrote")
    assert _explanations(tmp_path / "t.xlsx")[0].startswith("The first row")


@pytest.mark.parametrize(
    ("name", "zh", "en"),
    [
        ("nodir/x.xlsx", "文件夹", "does not exist"),
        ("x.csv", ".xlsx", "ending in .xlsx"),
    ],
)
def test_a_wrong_output_name_is_one_line_naming_it(tmp_path, capsys, name, zh, en):
    out = tmp_path / name
    for lang, word in (("zh", zh), ("en", en)):
        assert main(["template", str(out), "--lang", lang]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and str(out) in err and word in err, err
        assert "内部错误" not in err and "internal error" not in err
    assert not out.exists()
