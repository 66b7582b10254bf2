"""Row labels and column headers: normalisation and alias tables (kept as data in rules/aliases/).

A printed label such as "  （一）使用非财政拨款结余（含专用结余）" becomes the canonical item
"使用非财政拨款结余": numbering, 其中 prefixes, spaces and bracket styles are removed and the
alias table maps regional and yearly variants onto one name. Unknown labels stay as they are
(normalised) and still take part in sums and hierarchies.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

import yaml

from .rulesdir import YAML_LOADER, builtin_rules_dir

_NUMBERING = re.compile(
    r"""^\s*(?:
        [一二三四五六七八九十百]+\s*[、.．]            # 一、
      | [（(]\s*[一二三四五六七八九十百]+\s*[）)]\s*[、.．]?   # （一）
      | [（(]\s*\d+\s*[）)]\s*[、.．]?                 # （1）
      | \d+\s*[、.．](?!\d)                            # 1. 1、
      | [①-⑳]                                         # ①
    )\s*""",
    re.VERBOSE,
)
_QIZHONG = re.compile(r"^\s*其\s*中\s*[:：]?\s*")
_SPACES = re.compile(r"[\s\u3000]+")


def indent_width(label: str) -> int:
    """Visual indentation of a label: ASCII space 1, full-width space 2, tab 4."""
    width = 0
    for ch in label:
        if ch == " ":
            width += 1
        elif ch == "\u3000":
            width += 2
        elif ch == "\t":
            width += 4
        else:
            break
    return width


def is_qizhong(label: str) -> bool:
    return bool(_QIZHONG.match(label))


def numbering_level(label: str) -> int | None:
    """Outline level implied by a label's numbering: 一、→1, （一）→2, 1.→3, （1）→4."""
    s = label.strip()
    if re.match(r"^[一二三四五六七八九十百]+\s*[、.．]", s):
        return 1
    if re.match(r"^[（(]\s*[一二三四五六七八九十百]+\s*[）)]", s):
        return 2
    if re.match(r"^\d+\s*[、.．](?!\d)", s):
        return 3
    if re.match(r"^[（(]\s*\d+\s*[）)]", s):
        return 4
    return None


def clean_label(label: str) -> str:
    """Strip numbering, 其中, spaces; unify brackets and quotes (NFKC). Remembered for the
    last labels seen: a report's labels and headers are cleaned again by every stage."""
    try:
        return _clean_label(label)
    except TypeError:  # an unhashable value: cleaned as its text, not remembered
        return _clean_label.__wrapped__(label)


@lru_cache(maxsize=1 << 16, typed=True)  # typed: 1, 1.0 and True print differently
def _clean_label(label: str) -> str:
    s = unicodedata.normalize("NFKC", str(label))
    s = _QIZHONG.sub("", s)
    s = _NUMBERING.sub("", s)
    s = _QIZHONG.sub("", s)
    s = _SPACES.sub("", s)
    s = s.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
    return s.strip(":：")


def display_label(label: str) -> str:
    """A label as printed, for messages: numbering, 其中 and spaces removed, but the report's own
    brackets and quotes kept (so the finding can be searched for in the report)."""
    s = _QIZHONG.sub("", str(label))
    s = _NUMBERING.sub("", s)
    s = _QIZHONG.sub("", s)
    return _SPACES.sub("", s).strip(":：") or clean_label(label)


@cache
def _alias_table(kind: str) -> dict[str, str]:
    path = builtin_rules_dir() / "aliases" / f"{kind}.yaml"
    if not path.exists():
        return {}
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER) or {}
    table: dict[str, str] = {}
    for canonical, variants in data.items():
        key = clean_label(canonical)
        table[key] = key
        for v in variants or []:
            table[clean_label(v)] = key
    return table


def canonical_item(label: str) -> str:
    s = clean_label(label)
    return _alias_table("items").get(s, s)


def canonical_column(header: str) -> str:
    s = clean_label(header)
    return _alias_table("columns").get(s, _alias_table("columns").get(s.lower(), s))


@cache
def attribute_columns() -> frozenset[str]:
    """Canonical names of the columns that describe a row (年度, 序号, 编码 …), never amounts
    (rules/aliases/attributes.yaml)."""
    path = builtin_rules_dir() / "aliases" / "attributes.yaml"
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER) if path.exists() else {}
    return frozenset(clean_label(c) for c in (data or {}).get("columns", []))


def is_attribute_column(header: str) -> bool:
    """Whether a column header names a row's attribute (its year, period, serial number, code)."""
    return canonical_column(header) in attribute_columns()


GENERIC_ITEMS = frozenset({"合计", "总计", "小计", "其他", "其它", "total", "subtotal", "other", "本年合计", "合 计"})


@cache
def _table_titles() -> list[tuple[str, str]]:
    path = builtin_rules_dir() / "aliases" / "tables.yaml"
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER) if path.exists() else {}
    pairs = [(clean_label(v).replace('"', ""), key) for key, variants in (data or {}).items() for v in variants]
    return sorted(pairs, key=lambda p: -len(p[0]))


def table_type_of(title: str) -> str | None:
    """The known table type whose title variant the given title contains (longest match)."""
    t = clean_label(title).replace('"', "")
    for variant, key in _table_titles():
        if variant and variant in t:
            return key
    return None
