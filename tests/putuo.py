"""A generator of workbooks in the published 部门决算 layouts (the nine public tables).

Headers are written as the Shanghai 2024 template prints them; the figures are those of the
published Putuo 2024 report (万元, 2 decimals). Variants reproduce the quirks of real files:
split 类/款/项 code columns, numbers stored as text, full-width digits, "—" for blanks, a 行次
column, stacked tables on one sheet, a table continued on a second sheet, hidden rows and
sheets, headers without merged cells, a table in 元, totals at the top.

``write_workbook`` returns a map from (table, row key, column) to the sheet and cell where the
figure was written, so tests can locate every figure (row key: the label as printed, "side:label"
in two-sided tables, or the code for coded rows).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

UNIT_LINE = "单位：万元"


class N(str):
    """A figure as printed ("2940.05"); "" = blank cell."""


class Code(str):
    """A classification code (written as a number unless ``codes_as_text``)."""


@dataclass
class Block:
    key: str  # t1 … t9
    title: str
    rows: list[list] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    cells: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)  # (row key, column) → (r, c)
    unit: str = "万元"


# ---------------------------------------------------------------------------------------------
# Putuo 2024 figures

T1_INCOME = [
    ("一、一般公共预算财政拨款收入", "2940.05"),
    ("二、政府性基金预算财政拨款收入", ""),
    ("三、国有资本经营预算财政拨款收入", ""),
    ("四、上级补助收入", ""),
    ("五、事业收入", ""),
    ("六、经营收入", ""),
    ("七、附属单位上缴收入", ""),
    ("八、其他收入", "6.20"),
]
CLASSES = [
    "一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出",
    "文化旅游体育与传媒支出", "社会保障和就业支出", "卫生健康支出", "节能环保支出", "城乡社区支出",
    "农林水支出", "交通运输支出", "资源勘探工业信息等支出", "商业服务业等支出", "金融支出",
    "援助其他地区支出", "自然资源海洋气象等支出", "住房保障支出", "粮油物资储备支出",
    "国有资本经营预算支出", "灾害防治及应急管理支出", "其他支出", "债务还本支出", "债务付息支出",
    "抗疫特别国债安排的支出",
]  # fmt: skip
NUMERALS = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五",
    "十六", "十七", "十八", "十九", "二十", "二十一", "二十二", "二十三", "二十四", "二十五", "二十六",
]  # fmt: skip
T1_EXPENSE_VALUES = {
    "一般公共服务支出": "2106.66",
    "社会保障和就业支出": "326.71",
    "卫生健康支出": "60.99",
    "住房保障支出": "445.69",
}
T1_BOTTOM = [
    ("本年收入合计", "2946.25", "本年支出合计", "2940.05"),
    ("使用非财政拨款结余（含专用结余）", "", "结余分配", ""),
    ("年初结转和结余", "49.14", "年末结转和结余", "55.34"),
    ("总计", "2995.39", "总计", "2995.39"),
]

# 功能分类 rows: code, name
FUNC = [
    ("201", "一般公共服务支出"),
    ("20106", "财政事务"),
    ("2010601", "行政运行"),
    ("2010602", "一般行政管理事务"),
    ("2010607", "信息化建设"),
    ("2010608", "财政委托业务支出"),
    ("208", "社会保障和就业支出"),
    ("20805", "行政事业单位养老支出"),
    ("2080501", "行政单位离退休"),
    ("2080505", "机关事业单位基本养老保险缴费支出"),
    ("2080506", "机关事业单位职业年金缴费支出"),
    ("2080599", "其他行政事业单位养老支出"),
    ("210", "卫生健康支出"),
    ("21011", "行政事业单位医疗"),
    ("2101101", "行政单位医疗"),
    ("221", "住房保障支出"),
    ("22102", "住房改革支出"),
    ("2210201", "住房公积金"),
    ("2210203", "购房补贴"),
]
T2_COLUMNS = ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位\n上缴收入", "其他收入"]
T2_TOTAL = ["2946.25", "2940.05", "", "", "", "", "6.20"]
T2_VALUES = {
    "201": ["2112.86", "2106.66", "", "", "", "", "6.20"],
    "20106": ["2112.86", "2106.66", "", "", "", "", "6.20"],
    "2010601": ["1511.90", "1511.89", "", "", "", "", "0.01"],
    "2010602": ["16.19", "10.00", "", "", "", "", "6.19"],
    "2010607": ["135.25", "135.25", "", "", "", "", ""],
    "2010608": ["449.52", "449.52", "", "", "", "", ""],
}
T3_COLUMNS = ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补\n助支出"]
T3_TOTAL = ["2940.05", "2336.91", "603.14", "", "", ""]
T3_VALUES = {
    "201": ["2106.66", "1503.52", "603.14"],
    "20106": ["2106.66", "1503.52", "603.14"],
    "2010601": ["1511.89", "1503.52", "8.37"],
    "2010602": ["10.00", "", "10.00"],
    "2010607": ["135.25", "", "135.25"],
    "2010608": ["449.52", "", "449.52"],
}
# rows where 本年 = 财政拨款 = 基本支出 (the 208/210/221 branches)
SAME = {
    "208": "326.72", "20805": "326.72", "2080501": "84.65", "2080505": "160.75", "2080506": "80.38",
    "2080599": "0.94", "210": "60.99", "21011": "60.99", "2101101": "60.99", "221": "445.69",
    "22102": "445.69", "2210201": "187.19", "2210203": "258.50",
}  # fmt: skip
for _code, _v in SAME.items():
    T2_VALUES[_code] = [_v, _v, "", "", "", "", ""]
    T3_VALUES[_code] = [_v, _v, ""]
T5_VALUES = {c: v[:3] for c, v in T3_VALUES.items()}
T5_TOTAL = ["2940.05", "2336.91", "603.14"]

T6_LEFT = [
    ("301", "工资福利支出", "2082.85"), ("30101", "基本工资", "262.33"), ("30102", "津贴补贴", "1238.58"),
    ("30103", "奖金", ""), ("30106", "伙食补助费", ""), ("30107", "绩效工资", ""),
    ("30108", "机关事业单位基本养老保险缴费", "160.75"), ("30109", "职业年金缴费", "80.38"),
    ("30110", "职工基本医疗保险缴费", "60.99"), ("30111", "公务员医疗补助缴费", ""),
    ("30112", "其他社会保障缴费", "1.61"), ("30113", "住房公积金", "187.19"), ("30114", "医疗费", ""),
    ("30199", "其他工资福利支出", "91.03"), ("303", "对个人和家庭的补助", "69.41"), ("30301", "离休费", ""),
    ("30302", "退休费", "69.10"), ("30303", "退职（役）费", ""), ("30304", "抚恤金", ""), ("30305", "生活补助", ""),
    ("30306", "救济费", ""), ("30307", "医疗费补助", ""), ("30308", "助学金", ""), ("30309", "奖励金", "0.31"),
    ("30310", "个人农业生产补贴", ""), ("30311", "代缴社会保险费", ""), ("30399", "其他对个人和家庭的补助", ""),
]  # fmt: skip
T6_RIGHT = [
    ("302", "商品和服务支出", "171.07"), ("30201", "办公费", "21.21"), ("30202", "印刷费", "7.61"),
    ("30203", "咨询费", ""), ("30204", "手续费", "0.09"), ("30205", "水费", ""), ("30206", "电费", ""),
    ("30207", "邮电费", "4.88"), ("30208", "取暖费", ""), ("30209", "物业管理费", ""), ("30211", "差旅费", "1.20"),
    ("30212", "因公出国（境）费用", ""), ("30213", "维修（护）费", "2.83"), ("30214", "租赁费", ""),
    ("30215", "会议费", ""), ("30216", "培训费", "4.05"), ("30217", "公务接待费", ""), ("30218", "专用材料费", ""),
    ("30224", "被装购置费", ""), ("30225", "专用燃料费", ""), ("30226", "劳务费", "2.01"), ("30227", "委托业务费", ""),
    ("30228", "工会经费", "24.42"), ("30229", "福利费", "42.77"), ("30231", "公务用车运行维护费", ""),
    ("30239", "其他交通费用", "48.49"), ("30240", "税金及附加费用", ""), ("30299", "其他商品和服务支出", "11.53"),
    ("310", "资本性支出", "13.58"), ("31001", "房屋建筑物购建", ""), ("31002", "办公设备购置", "13.58"),
    ("31003", "专用设备购置", ""), ("31007", "信息网络及软件购置更新", ""), ("31013", "公务用车购置", ""),
    ("31019", "其他交通工具购置", ""), ("31021", "文物和陈列品购置", ""), ("31022", "无形资产购置", ""),
    ("31099", "其他资本性支出", ""),
]  # fmt: skip
T6_TOTALS = (("人员经费合计", "2152.26"), ("公用经费合计", "184.65"))
T7_GROUPS = [
    "合计",
    "因公出国（境）费",
    "公务用车购置及运行维护费",
    "公务用车购置费",
    "公务用车运行维护费",
    "公务接待费",
]
T7_VALUES = {"合计": ("0.95", ""), "公务接待费": ("0.95", "")}

TITLES = {
    "t1": "收入支出决算总表",
    "t2": "收入决算表",
    "t3": "支出决算表",
    "t4": "财政拨款收入支出决算总表",
    "t5": "一般公共预算财政拨款支出决算表",
    "t6": "一般公共预算财政拨款基本支出决算表",
    "t7": "财政拨款“三公”经费支出决算表",
    "t8": "政府性基金预算财政拨款收入支出决算表",
    "t9": "国有资本经营预算财政拨款收入支出决算表",
}
NOTES = {
    "t8": "注：上海市普陀区财政局无政府性基金预算财政拨款支出，故本表无数据。",
    "t9": "注：上海市普陀区财政局无国有资本经营预算财政拨款支出，故本表无数据。",
}


# ---------------------------------------------------------------------------------------------
# blocks


def _head(block: Block, width: int) -> None:
    block.rows.append([block.title] + [""] * (width - 1))
    block.merges.append((1, 1, 1, width))
    block.rows.append([""] * (width - 1) + [f"单位：{block.unit}"])


def _put(block: Block, key: str, column: str, r: int, c: int) -> None:
    block.cells[(key, column)] = (r, c)


def t1(options: dict) -> Block:
    b = Block("t1", TITLES["t1"])
    rowno = options.get("row_numbers", False)
    width = 6 if rowno else 4
    _head(b, width)
    if rowno:
        b.rows.append(["收入", "", "", "支出", "", ""])
        b.merges += [(3, 1, 3, 3), (3, 4, 3, 6)]
        b.rows.append(["项目", "行次", "决算数", "项目", "行次", "决算数"])
    else:
        b.rows.append(["收入", "", "支出", ""])
        b.merges += [(3, 1, 3, 2), (3, 3, 3, 4)]
        b.rows.append(["项目", "决算数", "项目", "决算数"])
    lines = max(len(T1_INCOME), len(CLASSES))
    left = list(T1_INCOME) + [("", None)] * (lines - len(T1_INCOME))
    right = [(f"{NUMERALS[i]}、{name}", T1_EXPENSE_VALUES.get(name, "")) for i, name in enumerate(CLASSES)]
    pairs = [(lab, v, rl, rv) for (lab, v), (rl, rv) in zip(left, right, strict=True)]
    pairs += [(a, v, c, w) for a, v, c, w in T1_BOTTOM]
    for i, (lab, v, rlab, rv) in enumerate(pairs):
        r = len(b.rows) + 1
        if rowno:
            row = [lab, str(i + 1) if lab else "", N(v) if v is not None else "", rlab, str(i + 29), N(rv)]
            vcols = (3, 6)
        else:
            row = [lab, N(v) if v is not None else "", rlab, N(rv)]
            vcols = (2, 4)
        b.rows.append(row)
        if lab:
            _put(b, f"收入:{lab}", "决算数", r, vcols[0])
        _put(b, f"支出:{rlab}", "决算数", r, vcols[1])
    return b


def _coded_header(b: Block, columns: list[str], split: bool, group: dict | None = None) -> int:
    """项目 over (功能分类科目编码 | 科目名称), value columns merged down; returns the label column."""
    ncode = 3 if split else 1
    label_col = ncode + 1
    width = label_col + len(columns)
    _head(b, width)
    top = len(b.rows) + 1
    depth = 3 if split else 2
    rows = [[""] * width for _ in range(depth)]
    rows[0][0] = "项目"
    b.merges.append((top, 1, top, label_col))
    rows[1][0] = "功能分类\n科目编码" if not split else "支出功能分类科目编码"
    if split:
        b.merges.append((top + 1, 1, top + 1, 3))
        rows[2][0:3] = ["类", "款", "项"]
    rows[1][label_col - 1] = "科目名称"
    if depth > 2:
        b.merges.append((top + 1, label_col, top + depth - 1, label_col))
    for j, name in enumerate(columns):
        c = label_col + 1 + j
        if group and name in group:
            rows[0][c - 1] = group[name][0]
            rows[1][c - 1] = group[name][1]
            if group[name][0] and (j == 0 or columns[j - 1] not in group or group[columns[j - 1]][0] != group[name][0]):
                span = sum(1 for n in columns if group.get(n, ("",))[0] == group[name][0])
                b.merges.append((top, c, top, c + span - 1))
            b.merges.append((top + 1, c, top + depth - 1, c))
        else:
            rows[0][c - 1] = name
            b.merges.append((top, c, top + depth - 1, c))
    b.rows.extend(rows)
    return label_col


def _code_cells(code: str, split: bool) -> list[str]:
    if not split:
        return [Code(code)]
    return [Code(code[:3]), Code(code[3:5]) if len(code) > 3 else "", Code(code[5:7]) if len(code) > 5 else ""]


def _coded(key: str, columns: list[str], total: list[str], values: dict, options: dict, total_top: bool, group=None):
    b = Block(key, TITLES[key], unit=options.get("unit", "万元"))
    split = options.get("split_codes", False)
    label_col = _coded_header(b, columns, split, group)
    names = [c.replace("\n", "") for c in columns]

    def total_row():
        r = len(b.rows) + 1
        row = ["合计"] + [""] * (label_col - 1) + [N(_scale(v, options)) for v in total]
        b.merges.append((r, 1, r, label_col))
        b.rows.append(row)
        for j, n in enumerate(names):
            _put(b, "合计", n, r, label_col + 1 + j)

    if total_top:
        total_row()
    for code, name in FUNC:
        vals = values.get(code)
        if vals is None:
            continue
        vals = list(vals) + [""] * (len(columns) - len(vals))
        r = len(b.rows) + 1
        b.rows.append(_code_cells(code, split) + [name] + [N(_scale(v, options)) for v in vals])
        for j, n in enumerate(names):
            _put(b, code, n, r, label_col + 1 + j)
    if not total_top:
        total_row()
    return b


def _scale(v: str, options: dict) -> str:
    if not v or options.get("unit", "万元") == "万元":
        return v
    return f"{Decimal(v) * 10000:.2f}"


def t2(options: dict) -> Block:
    return _coded("t2", T2_COLUMNS, T2_TOTAL, T2_VALUES, options, total_top=not options.get("total_bottom", False))


def t3(options: dict) -> Block:
    return _coded("t3", T3_COLUMNS, T3_TOTAL, T3_VALUES, options, total_top=not options.get("total_bottom", False))


def t5(options: dict) -> Block:
    return _coded(
        "t5", ["合计", "基本支出", "项目支出"], T5_TOTAL, T5_VALUES, options, total_top=options.get("total_top", False)
    )


def t4(options: dict) -> Block:
    b = Block("t4", TITLES["t4"])
    _head(b, 7)
    b.rows.append(["收入", "", "支出", "", "", "", ""])
    b.merges += [(3, 1, 3, 2), (3, 3, 3, 7)]
    funds = ["一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
    heads = ["一般公共\n预算财政\n拨款", "政府性基\n金预算财\n政拨款", "国有资本\n经营预算\n财政拨款"]
    b.rows.append(["项目", "决算数", "项目", "合计", *heads])
    cols = ["合计", *funds]
    income = [
        ("一、一般公共预算财政拨款", "2940.05"),
        ("二、政府性基金预算财政拨款", ""),
        ("三、国有资本经营预算财政拨款", ""),
    ]
    for i, name in enumerate(CLASSES):
        r = len(b.rows) + 1
        lab, v = income[i] if i < len(income) else ("", None)
        rv = T1_EXPENSE_VALUES.get(name, "")
        rlab = f"{NUMERALS[i]}、{name}"
        b.rows.append([lab, N(v) if v is not None else "", rlab, N(rv), N(rv), N(""), N("")])
        if lab:
            _put(b, f"收入:{lab}", "决算数", r, 2)
        for j, c in enumerate(cols):
            _put(b, f"支出:{rlab}", c, r, 4 + j)
    bottom = [
        ("本年收入合计", "2940.05", "本年支出合计", ("2940.05", "2940.05", "", "")),
        ("年初财政拨款结转和结余", "21.63", "年末财政拨款结转和结余", ("21.63", "21.63", "", "")),
        ("一、一般公共预算财政拨款", "21.63", "", None),
        ("二、政府性基金预算财政拨款", "", "", None),
        ("三、国有资本经营预算财政拨款", "", "", None),
        ("总计", "2961.68", "总计", ("2961.68", "2961.68", "", "")),
    ]
    for lab, v, rlab, rv in bottom:
        r = len(b.rows) + 1
        b.rows.append([lab, N(v), rlab] + ([N(x) for x in rv] if rv else ["", "", "", ""]))
        key = f"收入:年初财政拨款结转和结余/{lab}" if lab.startswith(("一", "二", "三")) else f"收入:{lab}"
        _put(b, key, "决算数", r, 2)
        if rv:
            for j, c in enumerate(cols):
                _put(b, f"支出:{rlab}", c, r, 4 + j)
    return b


def t6(options: dict) -> Block:
    b = Block("t6", TITLES["t6"])
    split = options.get("split_codes", False)
    half = 4 if split else 3
    _head(b, 2 * half)
    if split:
        b.rows.append(["经济分类科目编码", "", "科目名称", "决算数"] * 2)
        b.rows.append(["类", "款", "", ""] * 2)
        b.merges += [(3, 1, 3, 2), (3, 5, 3, 6), (3, 3, 4, 3), (3, 4, 4, 4), (3, 7, 4, 7), (3, 8, 4, 8)]
    else:
        b.rows.append(["经济分类\n科目编码", "科目名称", "决算数"] * 2)
    n = max(len(T6_LEFT), len(T6_RIGHT))
    for i in range(n):
        r = len(b.rows) + 1
        row = []
        for side, data in ((0, T6_LEFT), (1, T6_RIGHT)):
            if i < len(data):
                code, name, v = data[i]
                codes = [Code(code[:3]), Code(code[3:]) if len(code) > 3 else ""] if split else [Code(code)]
                row += codes + [name, N(v)]
                _put(b, code, "决算数", r, side * half + half)
            else:
                row += [""] * half
        b.rows.append(row)
    r = len(b.rows) + 1
    (l1, v1), (l2, v2) = T6_TOTALS
    b.rows.append([l1] + [""] * (half - 2) + [N(v1), l2] + [""] * (half - 2) + [N(v2)])
    b.merges += [(r, 1, r, half - 1), (r, half + 1, r, 2 * half - 1)]
    _put(b, l1, "决算数", r, half)
    _put(b, l2, "决算数", r, 2 * half)
    return b


def t7(options: dict) -> Block:
    b = Block("t7", TITLES["t7"])
    _head(b, 12)
    b.rows.append(["财政拨款“三公”经费"] + [""] * 11)
    b.merges.append((3, 1, 3, 12))
    b.rows.append(
        ["合计", "", "因公出国\n（境）费", "", "公务用车购置及运行维护费", "", "", "", "", "", "公务接待费", ""]
    )
    b.rows.append(["", "", "", "", "小计", "", "公务用车\n购置费", "", "公务用车\n运行维护费", "", "", ""])
    b.merges += [(4, 1, 5, 2), (4, 3, 5, 4), (4, 5, 4, 10), (4, 11, 5, 12), (5, 5, 5, 6), (5, 7, 5, 8), (5, 9, 5, 10)]
    b.rows.append(["预算数", "决算数"] * 6)
    r = len(b.rows) + 1
    row = []
    for j, g in enumerate(T7_GROUPS):
        bud, act = T7_VALUES.get(g, ("", ""))
        row += [N(bud), N(act)]
        _put(b, g, "预算数", r, 2 * j + 1)
        _put(b, g, "决算数", r, 2 * j + 2)
    b.rows.append(row)
    return b


def _fund(key: str, options: dict) -> Block:
    b = Block(key, TITLES[key])
    _head(b, 10)
    b.rows.append(["项目", "", "", "", "年初结转和\n结余", "本年收入", "本年支出", "", "", "年末结转和\n结余"])
    b.rows.append(["支出功能分类科目编码", "", "", "科目名称", "", "", "小计", "基本支出", "项目支出", ""])
    b.rows.append(["类", "款", "项", "", "", "", "", "", "", ""])
    b.merges += [(3, 1, 3, 4), (4, 1, 4, 3), (4, 4, 5, 4), (3, 5, 5, 5), (3, 6, 5, 6), (3, 7, 3, 9)]
    b.merges += [(4, 7, 5, 7), (4, 8, 5, 8), (4, 9, 5, 9), (3, 10, 5, 10)]
    r = len(b.rows) + 1
    b.rows.append(["合计", "", "", ""] + [N("")] * 6)
    b.merges.append((r, 1, r, 4))
    for j, c in enumerate(["年初结转和结余", "本年收入", "本年支出合计", "基本支出", "项目支出", "年末结转和结余"]):
        _put(b, "合计", c, r, 5 + j)
    b.rows.append([NOTES[key]] + [""] * 9)
    return b


def t8(options: dict) -> Block:
    return _fund("t8", options)


def t9(options: dict) -> Block:
    return _fund("t9", options)


BUILDERS = {"t1": t1, "t2": t2, "t3": t3, "t4": t4, "t5": t5, "t6": t6, "t7": t7, "t8": t8, "t9": t9}


def blocks(options: dict | None = None, changes: dict | None = None) -> list[Block]:
    """The nine tables; ``changes`` = {(table, row key, column): new printed figure}."""
    options = options or {}
    out = [BUILDERS[k](options) for k in TITLES]
    for (tkey, rkey, col), new in (changes or {}).items():
        b = next(x for x in out if x.key == tkey)
        r, c = b.cells[(rkey, col)]
        b.rows[r - 1][c - 1] = N(new)
    return out


# ---------------------------------------------------------------------------------------------
# writing


def _to_fullwidth(text: str) -> str:
    return text.translate(str.maketrans("0123456789.,-", "０１２３４５６７８９．，－"))


def _write_value(cell, value, options: dict) -> None:
    import openpyxl.utils  # noqa: F401

    if isinstance(value, Code):
        cell.value = (
            str(value) if options.get("codes_as_text", options.get("numbers") in ("text", "fullwidth")) else int(value)
        )
        return
    if isinstance(value, N):
        text = str(value)
        if not text:
            blank = options.get("blank")
            if blank:
                cell.value = blank
            return
        decimals = len(text.split(".")[1]) if "." in text else 0
        style = options.get("numbers", "number")
        number = Decimal(text)
        if style == "text":
            cell.value = f"{number:,.{decimals}f}"
        elif style == "fullwidth":
            cell.value = _to_fullwidth(f"{number:,.{decimals}f}")
        else:
            cell.value = float(number) if decimals else int(number)
            if decimals:
                cell.number_format = "#,##0." + "0" * decimals
        return
    if value != "":
        cell.value = value


def write_workbook(path: str | Path, options: dict | None = None, changes: dict | None = None):
    """Write the nine tables; returns {(table, row key, column): (sheet, cell)}."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    options = options or {}
    bl = blocks(options, changes)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    where: dict[tuple[str, str, str], tuple[str, str]] = {}
    stacked = options.get("stacked", False)
    ws = None
    offset = 0
    for k, b in enumerate(bl):
        if not stacked or ws is None:
            name = options.get("sheet_names", {}).get(b.key, f"{b.key.upper()} {b.title}"[:31])
            ws = wb.create_sheet(name.replace("“", "").replace("”", ""))
            offset = 0
            if options.get("banner") and k == 0:
                ws.cell(row=1, column=1, value="上海市普陀区财政局2024年度部门决算表")
                offset = 1
        rows = b.rows
        split_at = options.get("continue", {}).get(b.key)
        for i, row in enumerate(rows):
            if split_at and i >= split_at:
                break
            for j, v in enumerate(row):
                _write_value(ws.cell(row=offset + i + 1, column=j + 1), v, options)
        if not options.get("no_merges"):
            for r1, c1, r2, c2 in b.merges:
                if split_at and r2 > split_at:
                    continue
                ws.merge_cells(start_row=offset + r1, start_column=c1, end_row=offset + r2, end_column=c2)
        for (rk, col), (r, c) in b.cells.items():
            where[(b.key, rk, col)] = (ws.title, f"{get_column_letter(c)}{offset + r}")
        if split_at:  # the rest on a second sheet, header repeated
            ws2 = wb.create_sheet(f"{ws.title[:28]}(续)")
            header = [i for i in range(2, split_at) if not any(isinstance(v, N) and v for v in rows[i])]
            head_rows = [rows[i] for i in header if i >= 2]
            for i, row in enumerate(head_rows):
                for j, v in enumerate(row):
                    _write_value(ws2.cell(row=i + 1, column=j + 1), v, options)
            for r1, c1, r2, c2 in b.merges:
                if r1 >= 3 and r2 <= 2 + len(head_rows):
                    ws2.merge_cells(start_row=r1 - 2, start_column=c1, end_row=r2 - 2, end_column=c2)
            for i, row in enumerate(rows[split_at:]):
                for j, v in enumerate(row):
                    _write_value(ws2.cell(row=len(head_rows) + i + 1, column=j + 1), v, options)
            for (rk, col), (r, c) in b.cells.items():
                if r > split_at:
                    where[(b.key, rk, col)] = (ws2.title, f"{get_column_letter(c)}{r - split_at + len(head_rows)}")
        for r in options.get("hidden_rows", {}).get(b.key, []):
            ws.row_dimensions[offset + r].hidden = True
        if b.key in options.get("hidden_sheets", []):
            ws.sheet_state = "hidden"
        offset += len(rows) + 2
    wb.save(path)
    return where


def with_options(**kw) -> dict:
    return copy.deepcopy(kw)
