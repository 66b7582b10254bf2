"""The command line's own words in Chinese: help texts, argparse's headings and errors, and the
CLI's messages, keyed by their English text (which stays in the code, where it is read).

Two questions of language, each answered once:

- what a command prints, on standard output and standard error alike (the report, its errors and
  warnings, the subcommands' lists): :func:`output_lang`, that is ``--lang``, else the ``lang`` of
  the configuration file, else the language detected from the inputs (the report's own), else
  :data:`DEFAULT_LANG` (an input that could not be read, no input at all);
- what argparse prints before any command runs (``--help``, a usage error): :func:`cli_lang`,
  that is ``--lang``, else the ``lang`` of the configuration file the run would use (``--config
  FILE``, else the one found from the first input's folder or the current folder upwards; none
  with ``--isolated``), else ``FINCHECK_LANG``, else a locale that names a language
  (``LC_ALL``, ``LC_MESSAGES``, ``LANG``: ``zh…`` Chinese, ``en…`` English; ``C`` and ``POSIX``
  name none), else :data:`DEFAULT_LANG`, the language a report defaults to.
"""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Iterator, Sequence

from .plurals import agree
from .punctuation import labelled

ZH: dict[str, str] = {
    # the parser
    "Check the arithmetic of budget, final-account, asset and performance reports. "
    "`fincheck PATH...` is short for `fincheck check PATH...`; to check a folder named like a "
    "subcommand, write `fincheck ./rules` or `fincheck check rules`.": "核对预算、决算、资产和绩效报告中的数字关系。"
    "`fincheck PATH...` 是 `fincheck check PATH...` 的简写；要检查与子命令同名的文件夹，"
    "请写 `fincheck ./rules` 或 `fincheck check rules`。",
    "check report files or folders (the default)": "检查报告文件或文件夹（默认）",
    "write a blank tidy workbook with instructions": "写出一份带说明的空白整洁格式工作簿",
    "list the rule catalogue": "列出规则目录",
    "only this family or code prefix (e.g. FIN, AST0)": "只列出此类规则或编码前缀（如 FIN、AST0）",
    "include your own rules": "加入自己的规则",
    "print a rule with its examples": "显示一条规则及其示例",
    "show the tables recognised in a file": "显示文件中识别出的表格",
    "show the effective configuration and where each value comes from": "显示生效的配置及每项取值的来源",
    "language of the output and of this help": "输出和本帮助的语言",
    "language of the rule's texts and of this help": "规则文字和本帮助的语言（both：中英两种）",
    "language of the output and of this help (default: zh for Chinese reports)": "输出和本帮助的语言（默认：中文报告用 zh）",
    "language of messages (default: zh for Chinese reports)": "输出的语言（默认：中文报告用 zh）",
    "report files (.xlsx .xlsm .xls .csv .txt .md .docx .pdf) or folders": "报告文件（.xlsx .xlsm .xls .csv .txt .md .docx .pdf）或文件夹",
    "read options from this file instead of searching for one": "从此文件读取选项，不再查找配置文件",
    "ignore every configuration file": "忽略所有配置文件",
    "default text": "默认 text",
    "default text, or the one -o FILE's suffix names (.json .csv .html .xlsx .txt .md)": "默认 text，或 -o FILE 的后缀所指的格式（.json .csv .html .xlsx .txt .md）",
    "write the report to FILE instead of standard output": "把报告写入 FILE，而不是标准输出",
    "list passing and skipped checks too": "同时列出通过和跳过的校验",
    "with --all: every passing check, not counts by rule": "与 --all 同用：逐条列出通过的校验，而不是按规则计数",
    "print open findings counted by rule": "按规则统计未处理的问题",
    "only rules whose code starts with one of these (comma-separated)": "只运行编码以这些前缀开头的规则（逗号分隔）",
    "skip rules whose code starts with one of these": "跳过编码以这些前缀开头的规则",
    "add your own rules (YAML)": "加入自己的规则（YAML）",
    "default error": "默认 error",
    "performance grade bands (lower bounds), e.g. 优秀=85,良好=75,合格=60,差=0 (default 优=90,良=80,中=60,差=0)": "绩效评价等级的下限，如 优秀=85,良好=75,合格=60,差=0（默认 优=90,良=80,中=60,差=0）",
    "write a marked copy of each workbook (.xlsx), PDF (.pdf) or Word (.docx) input": "为每个工作簿（.xlsx）、PDF（.pdf）或 Word（.docx）输入写出一份标注副本",
    "per-file limits, e.g. cells=5e5,pages=500,seconds=60 (defaults and names: docs/limits.md)": "每个文件的限额，如 cells=5e5,pages=500,seconds=60（默认值和名称见 docs/limits.md）",
    "print only the summary line": "只显示汇总行",
    "hide the findings accepted in FILE (unless they changed)": "隐藏 FILE 中已接受的问题（除非其内容有变化）",
    "record the current findings in FILE as accepted": "把当前的问题记入 FILE，作为已接受",
    "with --write-baseline: why these findings are accepted": "与 --write-baseline 同用：接受这些问题的理由",
    "show tracebacks": "显示调用栈",
    "read the files in N worker processes (a batch; files of one folder with the same name are one report)": "用 N 个工作进程读取文件（批量；同一文件夹中同名的文件属于同一份报告）",
    # serve (fincheck/web/cli.py)
    "a local web page to drop reports on: findings, evidence and downloads (nothing leaves this computer)": "本机网页：拖入报告，查看问题、依据并下载（文件不离开本机）",
    "port (default 8765; 0: any free port)": "端口（默认 8765；0：任一空闲端口）",
    "address to listen on (default 127.0.0.1: this computer only)": "监听地址（默认 127.0.0.1：仅本机）",
    "largest file accepted (MB, default 64)": "单个文件上限（MB，默认 64）",
    "files in one session (default 50)": "一次会话的文件数上限（默认 50）",
    "all files of one session (MB, default 256)": "一次会话全部文件的上限（MB，默认 256）",
    # argparse's own words
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "the following arguments are required: %s": "缺少以下参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项：%(value)r（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "expected one argument": "需要一个参数",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    # the CLI's messages
    "error": "错误",
    "warning": "警告",
    "internal error": "内部错误",
    "internal error: {name}{detail} (run with --debug for details)": "内部错误 {name}（用 --debug 运行可查看详情）",
    "give a PATH to check or a COMMAND (see `fincheck --help`)": "请给出要检查的路径或一个子命令（见 `fincheck --help`）",
    "{path}: already exists, not overwritten": "{path}：已存在，未覆盖",
    "{path}: the template is an Excel workbook: give a name ending in .xlsx": "{path}：模板是 Excel 工作簿，请给出以 .xlsx 结尾的文件名",
    "{path}: the folder {folder} does not exist": "{path}：文件夹 {folder} 不存在",
    "{path}: cannot be written ({reason})": "{path}：无法写入（{reason}）",
    "language of the instructions and of this help": "说明文字和本帮助的语言",
    "wrote {path}": "已写出 {path}",
    "(to check the folder ./rules, run `fincheck check rules`)": "（要检查文件夹 ./rules，请运行 `fincheck check rules`）",
    "{n} finding(s) recorded as accepted in {path}": "{n} 个问题已作为已接受记入 {path}",
    "{n} accepted finding(s) hidden (baseline {path})": "已隐藏 {n} 个已接受的问题（基线 {path}）",
    "annotated workbook written to {path}": "标注副本已写出：{path}",
    "--jobs {n}: must be at least 1": "--jobs {n}：至少为 1",
    "--format xlsx writes a workbook: give its file with -o FILE.xlsx": "--format xlsx 输出工作簿：请用 -o 文件.xlsx 指定文件",
    "-o {path}: a .xlsx file holds a workbook, not --format {fmt}": "-o {path}：.xlsx 文件只能是工作簿，不能写入 --format {fmt} 的输出",
    "configuration file: {path}": "配置文件：{path}",
    "(none)": "（无）",
    "command line": "命令行",
    "default": "默认",
    "default (--format given without --output)": "默认（命令行给出 --format 而未给出 --output）",
}

_LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG")
#: the language of a report when nothing was read to detect one from (``pipeline.mostly_chinese``)
DEFAULT_LANG = "zh"


def output_lang(chosen: str | None, report=None) -> str:
    """The language of everything a command prints: ``chosen`` (``--lang``, else the configuration
    file's ``lang``), else the report's detected language, else :data:`DEFAULT_LANG`."""
    if chosen in ("zh", "en"):
        return chosen
    detected = getattr(report, "lang", None)
    return detected if detected in ("zh", "en") else DEFAULT_LANG


def cli_lang(argv: Sequence[str] = (), configured: str | None = None) -> str:
    """The language of argparse's pages, help and usage errors (see the module's docstring),
    decided from ``argv`` before it is parsed; ``configured``: the ``lang`` of the configuration
    file the run would read (:func:`fincheck.config.lang_before_parsing`)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in ("zh", "en"):
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in ("zh", "en"):
            return arg[7:]
    if configured in ("zh", "en"):
        return configured
    chosen = os.environ.get("FINCHECK_LANG", "")
    if chosen in ("zh", "en"):
        return chosen
    for name in _LOCALE_VARS:
        value = os.environ.get(name, "").lower()
        if value:  # the first one set decides, as for gettext
            return "zh" if value.startswith("zh") else "en" if value.startswith("en") else DEFAULT_LANG
    return DEFAULT_LANG


def tr(text: str | None, lang: str) -> str | None:
    """``text`` in ``lang`` (English texts are the keys; an unknown text is returned as it is)."""
    if text is None or lang != "zh":
        return text
    return ZH.get(text, text)


def say(text: str, lang: str, **values) -> str:
    """A message of the CLI in ``lang``, with its ``{placeholders}`` filled."""
    return agree((tr(text, lang) or text).format(**values), lang)


def problem_line(kind: str, message: str, lang: str, code: str | None = None) -> str:
    """One line of standard error: ``fincheck: 错误 E101：…`` / ``fincheck: error E101: …``
    (``kind`` is ``error`` or ``warning``; the code only when given)."""
    head = say(kind, lang) + (f" {code}" if code else "")
    return f"fincheck: {labelled(head, message, lang)}"


def source_problems(sources, lang: str) -> list[str]:
    """The lines standard error gets for the inputs: a warning for each one in which nothing was
    recognised, an error for each one that could not be read (the report names them too)."""
    from .render.safe_text import clean

    lines = []
    for source in sources:
        if source.warning:
            where = clean(source.path, newlines=False)
            text = labelled(where, source.warning_in(lang), lang)
            lines.append(problem_line("warning", text, lang, source.warning_code or "W000"))
        if source.error:
            said = clean(source.error_in(lang), newlines=False)
            lines.append(problem_line("error", said, lang, source.error_code or "E000"))
    return lines


@contextlib.contextmanager
def argparse_in(lang: str) -> Iterator[None]:
    """argparse's own words (headings, usage, its errors) in ``lang`` while the block runs."""
    if lang != "zh":
        yield
        return
    original = argparse._
    argparse._ = lambda s: ZH.get(s, original(s))
    try:
        yield
    finally:
        argparse._ = original
