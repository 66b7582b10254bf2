"""fincheck: recompute and check the arithmetic of public-sector financial reports.

>>> import fincheck
>>> report = fincheck.check("examples/zhengding-2021.xlsx")   # doctest: +SKIP
>>> report.findings                                           # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import FincheckError, InputError, RuleError
from .report import Report, check, check_text

__all__ = ["FincheckError", "InputError", "Report", "RuleError", "__version__", "check", "check_text"]
