"""Build examples/zhengding-2021.xlsx, the bundled example, in the tidy workbook format.

Its figures come from the 正定县行政审批局 2021 部门整体支出绩效自评报告 (the report this project
started from, ../shared/corpus/seed). Every arithmetic claim of that report that a table can hold
becomes a relation fincheck checks: budget and final-account totals, the asset structure with its
shares (one of which, 固定资产净值 "占资产的 2.52%", is wrong: 95.49 / 3973.46 = 2.40%), project
funds and the project spending rate, and the counts of market entities.

Run: python scripts/build_example.py [OUT.xlsx]
"""

from __future__ import annotations

import sys
from pathlib import Path

from fincheck.template import write_tidy_workbook

SHEETS = {
    "预算": """
2021年收入支出预算
单位：万元
项目,预算数
预算收入,1633.12
  基本收入,915.40
    人员经费,841.49
    日常公用经费,73.91
  项目收入,717.72
""",
    "决算": """
2021年收入支出决算
单位：万元
项目,决算数
决算收入,1209.15
  本年收入,1092.11
  上年结转收入,117.04
决算支出,1209.15
  基本支出,884.17
  项目支出,324.98
""",
    "资产": """
2021年末资产情况
单位：万元
项目,金额,占比,占比基数
资产,3973.46,,
  流动资产,3877.96,97.60%,
    货币资金,3877.96,100%,
      公共资源交易保证金,3757.76,96.90%,流动资产
      银行存款和现金,120.20,3.10%,流动资产
  固定资产净值,95.49,2.52%,
""",
    "项目经费": """
项目经费来源
单位：万元
项目,金额
项目经费合计,324.98
  本年项目经费收入,233.07
  上年结转项目收入,91.91
""",
    "项目支出": """
项目支出执行情况
单位：万元
项目,全年预算数,执行数,执行率,执行率基数
项目支出,,324.98,100%,本年项目经费收入 + 上年结转项目收入
  评估咨询评审项目,49.01,49.01,,
  “互联网+政务服务”项目,21.42,21.42,,
  行政审批工作经费项目,205.99,205.99,,
  行政审批和政务服务项目,34.16,34.16,,
  疫情防控隔离点费用项目,14.4,14.4,,
""",
    "市场主体": """
市场主体登记情况
单位：户
项目,户数
市场主体总数,82780
  企业,18798
  个体工商户,63982
新登记市场主体,15932
  企业,3207
  个体工商户,12725
""",
}


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path(__file__).resolve().parents[1] / "examples" / "zhengding-2021.xlsx"
    write_tidy_workbook(out, {name: text.strip("\n") for name, text in SHEETS.items()})
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
