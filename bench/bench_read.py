"""What reading number formats costs on one large generated workbook: the openpyxl reader, the fast
reader (python-calamine + the workbook XML) and python-calamine alone (values only).
Run: python bench/bench_read.py [ROWS] [SHEETS]   (many small workbooks: bench/bench_fast_reader.py)"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path


def make(path: Path, rows: int, sheets: int) -> None:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    for s in range(sheets):
        ws = wb.create_sheet(f"S{s}")
        ws.append(["支出决算表"])
        ws.append(["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出", "占比"])
        for r in range(rows):
            ws.append([str(2010000 + r), f"项目{r}", 1234.5 + r, 1000.25, 234.25 + r, 0.1234])
    wb.save(path)


def timed(fn, *args):
    t = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - t, out


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    sheets = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    from fincheck.sources.calamine import read_calamine
    from fincheck.sources.xlsx import read_xlsx
    from fincheck.sources.xlsx_openpyxl import read_xlsx_openpyxl

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "big.xlsx"
        make(path, rows, sheets)
        cells = rows * sheets * 6
        t_o, _g_o = timed(read_xlsx_openpyxl, path)
        t_x, _g_x = timed(read_xlsx, path)
        t_c, _g_c = timed(read_calamine, path)
        print(f"{cells:,} cells, {path.stat().st_size / 1e6:.1f} MB")
        print(f"openpyxl reader (values + formats + hidden + formulas): {t_o:6.2f} s  {cells / t_o:,.0f} cells/s")
        print(f"fast reader (calamine + the workbook XML):              {t_x:6.2f} s  {cells / t_x:,.0f} cells/s")
        print(f"calamine reader (values only):                          {t_c:6.2f} s  {cells / t_c:,.0f} cells/s")
        print(f"formats cost x{t_x / t_c:.1f} with the fast reader, x{t_o / t_c:.1f} with openpyxl")


if __name__ == "__main__":
    main()
