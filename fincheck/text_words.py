"""The text stage's own words in the report's language: the names it gives the columns of
figures read from prose (by their role: 增减额, 占比, 执行率…) and the notes of the checks it
skips. The words are data (rules/text/words.yaml); the stage stores the Chinese column name (the
one the rules and the report's tables know) and the English note, and these are said in the
run's language only where a message is written.
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd
import yaml

from .rulesdir import YAML_LOADER, builtin_rules_dir

#: the table id of the figures the text stage reads from prose (fincheck/text/frames.py)
TEXT_TABLE = "text"


@cache
def data() -> dict:
    path = builtin_rules_dir() / "text" / "words.yaml"
    return yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER) or {}


def column_name(name: str, lang: str) -> str:
    """A text column's name in ``lang`` (a name that is not one of the stage's: as it is)."""
    entry = data()["columns"].get(name)
    return name if entry is None or lang == "zh" else entry.get(lang, name)


def columns_in(column: pd.Series, table: pd.Series, lang: str) -> pd.Series:
    """The instances' ``column`` with the text stage's column names said in ``lang``: only the
    columns of figures read from prose (table ``text``), never a table's own header."""
    if lang == "zh" or column.empty:
        return column
    ours = (table.to_numpy(object) == TEXT_TABLE) & column.isin(list(data()["columns"])).to_numpy()
    if not ours.any():
        return column
    said = column[ours].map(lambda v: column_name(v, lang))
    out = column.copy()
    out[ours] = said
    return out


def note_in(note: str, lang: str) -> str | None:
    """A skip note of the text stage in ``lang`` (None when the note is not one of them); a
    note's ``{name}`` stands for the words the stage puts there, said as they are."""
    entry = data()["notes"].get(note)
    if entry is not None:
        return entry.get(lang, note)
    for pattern, names, entry in _patterns():
        if m := pattern.fullmatch(note):
            return entry.get(lang, note).format(**dict(zip(names, m.groups(), strict=True)))
    return None


@cache
def _patterns() -> list[tuple[re.Pattern, list[str], dict]]:
    out = []
    for key, entry in data()["notes"].items():
        names = re.findall(r"\{(\w+)\}", key)
        if names:
            parts = re.split(r"\{\w+\}", key)
            out.append((re.compile("(.+?)".join(map(re.escape, parts))), names, entry))
    return out
