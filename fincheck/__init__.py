"""fincheck: recompute and check the arithmetic of public-sector financial reports.

>>> import fincheck
>>> report = fincheck.check("examples/zhengding-2021.xlsx")   # doctest: +SKIP
>>> report.findings                                           # doctest: +SKIP
"""

from __future__ import annotations

from .errors import FincheckError, InputError, RuleError
from .pipeline import check, check_text
from .report import Report
from .version import __version__

__all__ = ["FincheckError", "InputError", "Report", "RuleError", "__version__", "check", "check_text"]
