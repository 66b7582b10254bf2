"""Renderer labels (headers, summary words) in Chinese and English; messages come from the rules."""

from __future__ import annotations

import re
from functools import cache

from ..model.document import NOTHING_CHECKED, NOTHING_RECOGNISED
from ..model.location import on_operands
from ..plurals import agree

LABELS: dict[str, dict[str, str]] = {
    "rule": {"zh": "规则", "en": "rule"},
    "name": {"zh": "名称", "en": "name"},
    "severity": {"zh": "级别", "en": "severity"},
    "status": {"zh": "状态", "en": "status"},
    "location": {"zh": "位置", "en": "location"},
    "stated": {"zh": "列示数", "en": "stated"},
    "expected": {"zh": "计算数", "en": "expected"},
    "difference": {"zh": "差额", "en": "difference"},
    "tolerance": {"zh": "容差", "en": "tolerance"},
    "unit": {"zh": "单位", "en": "unit"},
    "message": {"zh": "说明", "en": "message"},
    "note": {"zh": "备注", "en": "note"},
    "source": {"zh": "来源文件", "en": "source"},
    "table": {"zh": "表", "en": "table"},
    "text_table": {"zh": "正文", "en": "text"},
    "kind_text": {"zh": "文本", "en": "text"},
    "related": {"zh": "相关单元格", "en": "related cells"},
    "quote": {"zh": "原文", "en": "quote"},
    "error": {"zh": "错误", "en": "error"},
    "warning": {"zh": "警告", "en": "warning"},
    #: an input's own notice (nothing recognised in it), not a finding: the summary counts findings
    "notice": {"zh": "注意", "en": "note"},
    "info": {"zh": "提示", "en": "info"},
    "pass": {"zh": "通过", "en": "pass"},
    "fail": {"zh": "不符", "en": "fail"},
    "skip": {"zh": "跳过", "en": "skip"},
    "all": {"zh": "全部", "en": "all"},
    "findings": {"zh": "发现的问题", "en": "Findings"},
    "summary": {"zh": "汇总", "en": "Summary"},
    "checks": {"zh": "校验", "en": "checks"},
    "sources": {"zh": "来源", "en": "sources"},
    "tables": {"zh": "张表", "en": "table(s)"},
    "unreadable": {"zh": "无法读取", "en": "could not be read"},
    "no_findings": {"zh": "未发现问题。", "en": "No findings."},
    "per_table": {"zh": "各表问题数", "en": "Findings per table"},
    "evidence": {"zh": "原文", "en": "evidence"},
    "report": {"zh": "报告", "en": "report"},
    "report_title": {"zh": "fincheck 校验报告", "en": "fincheck report"},
    "shown": {"zh": "显示", "en": "shown"},
    "link": {"zh": "跳转", "en": "go to"},
    "facts": {"zh": "数据", "en": "facts"},
    # the facts' columns (the facts sheet of to_excel)
    "table_type": {"zh": "表类型", "en": "table type"},
    "row": {"zh": "行号", "en": "row"},
    "parent": {"zh": "上级行", "en": "parent"},
    "partial": {"zh": "其中项", "en": "partial"},
    "item": {"zh": "项目", "en": "item"},
    "label": {"zh": "行名称", "en": "label"},
    "code": {"zh": "编码", "en": "code"},
    "column": {"zh": "列", "en": "column"},
    "role": {"zh": "数值类型", "en": "role"},
    "value": {"zh": "数值", "en": "value"},
    "decimals": {"zh": "小数位数", "en": "decimals"},
    "scale": {"zh": "换算倍数", "en": "scale"},
    "base": {"zh": "基数", "en": "base"},
    "of": {"zh": "计算自", "en": "of"},
    "loc": {"zh": "位置", "en": "location"},
    # the facts' roles
    "amount": {"zh": "金额", "en": "amount"},
    "share": {"zh": "占比", "en": "share"},
    "rate": {"zh": "比率", "en": "rate"},
    "growth": {"zh": "增长率", "en": "growth"},
    "count": {"zh": "个数", "en": "count"},
    "score": {"zh": "得分", "en": "score"},
    "change": {"zh": "增减额", "en": "change"},
    "true": {"zh": "是", "en": "yes"},
    # `fincheck rules` and `fincheck tables`
    "kind": {"zh": "校验类型", "en": "kind"},
    "title": {"zh": "标题", "en": "title"},
    "type": {"zh": "表类型", "en": "type"},
    "range": {"zh": "范围", "en": "range"},
    "rows": {"zh": "行数", "en": "rows"},
    "columns": {"zh": "列", "en": "columns"},
    "sources_of_rule": {"zh": "依据", "en": "source"},
    "rule_count": {"zh": "共 {n} 条规则", "en": "{n} rule(s)"},
    "false": {"zh": "否", "en": "no"},
}

#: the check kinds (``fincheck rules``, ``explain``): said in Chinese; in English the kind's own name
KIND_NAMES = {
    "sum": "求和",
    "balance": "平衡关系",
    "cross-foot": "行列交叉合计",
    "equal": "前后一致",
    "share": "占比",
    "growth": "增长率",
    "rate": "比率",
    "bound": "取值范围",
    "score": "评分",
    "claim": "文字表述",
    "document": "文档",
    "schema": "表格结构",
}


def kind_name(kind: str, lang: str) -> str:
    """A check kind as ``fincheck rules`` shows it in ``lang`` (a kind of a user's own: as it is)."""
    return KIND_NAMES.get(kind, kind) if lang == "zh" else kind


#: table types that are no published table (a tidy sheet of the user's, the report's prose)
_OWN_TABLE_TYPES = {"tidy": "整洁格式", "text": "正文"}


@cache
def _table_type_titles() -> dict[str, str]:
    """Each known table type's first title (rules/aliases/tables.yaml): its name in Chinese."""
    import yaml

    from ..rulesdir import YAML_LOADER, builtin_rules_dir

    path = builtin_rules_dir() / "aliases" / "tables.yaml"
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER) if path.exists() else {}
    return {key: variants[0] for key, variants in (data or {}).items() if variants}


def table_type_name(table_type: str, lang: str) -> str:
    """A table type as shown in ``lang``: in Chinese the table's title (``final.expense`` →
    支出决算表, ``tidy`` → 整洁格式); in English its id."""
    if lang != "zh" or not isinstance(table_type, str):
        return table_type
    return _OWN_TABLE_TYPES.get(table_type) or _table_type_titles().get(table_type, table_type)


def kind_and_severity(kind: str, severity: str, lang: str) -> str:
    """``(sum, warning)`` / ``（求和，警告）``."""
    if lang == "zh":
        return f"（{kind_name(kind, lang)}，{label(severity, lang)}）"
    return f"({kind}, {label(severity, lang)})"


#: the sheets of ``Report.to_excel``
SHEETS = {
    "checks": {"zh": "校验", "en": "checks"},
    "findings": {"zh": "问题", "en": "findings"},
    "facts": {"zh": "数据", "en": "facts"},
}

#: columns whose values are words of the renderer (translated), not text of the input
_WORD_COLUMNS = {"severity", "status", "role"}

SUMMARY = {
    "zh": "{sources} 个来源，{checks} 项校验，{fail} 项不符：{error} 错误，{warning} 警告，{info} 提示",
    "en": "{sources} source(s), {checks} check(s), {fail} failing: {error} error(s), {warning} warning(s), {info} info",
}
SOURCE_LINE = {
    "zh": "{tables} 张表，{checks} 项校验：{pass_} 通过，{fail} 不符，{skip} 跳过",
    "en": "{tables} table(s), {checks} check(s): {pass_} pass, {fail} fail, {skip} skip",
}
UNREADABLE_INPUTS = {"zh": "；{n} 个输入无法读取", "en": "; {n} input(s) could not be read"}
UNRECOGNISED_INPUTS = {"zh": "；{n} 个输入未识别出任何内容", "en": "; nothing recognised in {n} input(s)"}
UNCHECKED_INPUTS = {
    "zh": "；{n} 个输入读出数字但未识别出可核对的关系",
    "en": "; no relation recognised in {n} input(s)",
}
#: with a baseline: the accepted findings, counted apart from the open ones (header and footer agree)
ACCEPTED_COUNT = {
    "source": {"zh": "，{n} 已接受", "en": ", {n} accepted"},
    "summary": {"zh": "；{n} 项已接受", "en": "; {n} accepted"},
}


def lang_of(report, lang: str | None = None) -> str:
    lang = lang or getattr(report, "lang", None) or "zh"
    return lang if lang in ("zh", "en") else "en"


def kind_of(source, lang: str) -> str:
    """A source's kind as shown: the format (xlsx, csv, pdf, docx), a text file said in ``lang``."""
    return label("kind_text", lang) if source.kind == "text" else str(source.kind)


def label(key: str, lang: str) -> str:
    entry = LABELS.get(key)
    if entry is None:
        return key
    return entry.get(lang) or entry["en"]


def unreadable_head(source, lang: str) -> str:
    """``无法读取（E101）`` / ``could not be read (E101)``: what an unreadable input's line opens
    with, its error code the one standard error gives."""
    code = source.error_code or "E000"
    return label("unreadable", lang) + (f"（{code}）" if lang == "zh" else f" ({code})")


def headers(columns, lang: str) -> list[str]:
    """Column names of a CSV or sheet in the report language (in English, the frames' own column
    names, as the JSON contract has them)."""
    if lang == "en":
        return list(columns)
    return [label(c, lang) for c in columns]


def cell_text(column: str, value, lang: str):
    """A value of a checks or facts column as a CSV or sheet shows it: severities, statuses,
    roles, notes, yes/no and the table of the report's text (正文) in the report language;
    everything else as it is."""
    if isinstance(value, bool):
        return label("true" if value else "false", lang)
    if column in _WORD_COLUMNS and isinstance(value, str):
        return label(value, lang)
    if column == "table_type" and isinstance(value, str):
        return table_type_name(value, lang)
    if column == "note" and isinstance(value, str):
        return note_text(value, lang)
    if column == "table" and value == "text":  # a finding of the report's text (its table id)
        return label("text_table", lang)
    return value


def rule_titles(report, lang: str) -> dict[str, str]:
    """What a Chinese table shows in its 名称 column: each rule's Chinese title, by the rule's
    name (an English kebab-case name, the code's alias, stays as it is in English)."""
    if lang != "zh":
        return {}
    return {r.name: r.text("title", "zh") or r.name for r in report.rules}


def summary_line(report, lang: str) -> str:
    s = report.summary()
    text = SUMMARY[lang].format(sources=len(report.sources), **s)
    if s.get("accepted"):
        text += ACCEPTED_COUNT["summary"][lang].format(n=s["accepted"])
    bad = sum(1 for x in report.sources if x.error)
    if bad:
        text += UNREADABLE_INPUTS[lang].format(n=bad)
    empty = sum(1 for x in report.sources if x.warning == NOTHING_RECOGNISED)
    if empty:
        text += UNRECOGNISED_INPUTS[lang].format(n=empty)
    unchecked = sum(1 for x in report.sources if x.warning == NOTHING_CHECKED)
    if unchecked:
        text += UNCHECKED_INPUTS[lang].format(n=unchecked)
    return agree(text, lang)


def source_line(source, checks, lang: str) -> str:
    """A source's counts; failures a baseline accepted are counted apart, as the summary does."""
    status = checks["status"]
    fail = status == "fail"
    accepted = fail & checks["accepted"].astype(bool) if "accepted" in checks.columns else fail & False
    text = SOURCE_LINE[lang].format(
        tables=source.tables,
        checks=len(checks),
        pass_=int((status == "pass").sum()),
        fail=int((fail & ~accepted).sum()),
        skip=int((status == "skip").sum()),
    )
    if accepted.any():
        text += ACCEPTED_COUNT["source"][lang].format(n=int(accepted.sum()))
    return agree(text, lang)


def fmt_num(value) -> str:
    """A figure for display: thousands separators, up to 4 decimals, blank for missing."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        return ""
    if value != value or value in (float("inf"), float("-inf")):
        return ""
    text = f"{value:,.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def quote_of(location, related=None) -> str:
    """The quoted sentence of a text location, if any; with ``related``, for a finding placed on
    the span of its operands (:func:`~fincheck.model.location.on_operands`), their quotes."""
    if related is not None and (operands := on_operands(location, related)):
        return " … ".join(q for r in operands if (q := quote_of(r)))
    return str(location.get("quote") or "") if isinstance(location, dict) else ""


from ..engine import note_in  # noqa: E402  (the notes the engine writes, in both languages)


def note_text(note: str, lang: str) -> str:
    """A check's note in the report language (known notes only; others as given)."""
    return note_in(note, lang) if note else ""


#: the parts of a table's note (``Report.tables["note"]``, English), by their opening words
TABLE_NOTES = {
    "hidden sheet (read)": {"zh": "隐藏的工作表（已读取）", "en": "hidden sheet (read)"},
    "hidden rows read: ": {"zh": "读取了隐藏行：", "en": "hidden rows read: "},
    "continued on ": {"zh": "续表：", "en": "continued on "},
    "ignored columns: ": {"zh": "未使用的列：", "en": "ignored columns: "},
    "rows not understood (no label): ": {
        "zh": "未能识别的行（没有项目名称）：",
        "en": "rows not understood (no label): ",
    },
    "no unit line": {"zh": "未列示单位", "en": "no unit line"},
    "note: ": {"zh": "表注：", "en": "note: "},
}


PAGE = {"zh": "第{p}页", "en": "p{p}"}
_PDF_PAGE = re.compile(r"p\d+")


def table_note(note: str, lang: str) -> str:
    """A table's note in ``lang``: each part's opening words translated, what follows them
    (sheet names, rows, the table's own notes) as the input has it."""
    if lang == "en" or not note:
        return note
    parts: list[str] = []
    for part in note.split("; "):
        opening = next((k for k in TABLE_NOTES if part.startswith(k)), None)
        if opening is None and parts:  # a "; " inside the table's own note
            parts[-1] += "; " + part
            continue
        rest = part[len(opening) :] if opening else part
        if opening == "continued on ":  # the sheets the table goes on to; a PDF's are its pages (p2)
            rest = "、".join(PAGE[lang].format(p=p[1:]) if _PDF_PAGE.fullmatch(p) else p for p in rest.split(", "))
        parts.append(TABLE_NOTES[opening][lang] + rest if opening else part)
    return "；".join(parts)
