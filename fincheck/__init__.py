"""fincheck: recompute and check the arithmetic of public-sector financial reports.

>>> import fincheck
>>> report = fincheck.check("examples/zhengding-2021.xlsx")   # doctest: +SKIP
>>> report.findings                                           # doctest: +SKIP

``import fincheck`` is light: the pipeline (pandas, pandera) is imported when one of its names
is first used, so ``--version``, ``--help``, ``rules`` and ``explain`` do not pay for it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .errors import FincheckError, InputError, RuleError
from .version import __version__

if TYPE_CHECKING:
    from .panel import check_many
    from .pipeline import check, check_text
    from .report import Report

_LAZY = {
    "check": "fincheck.pipeline",
    "check_text": "fincheck.pipeline",
    "check_many": "fincheck.panel",
    "Report": "fincheck.report",
}

__all__ = [
    "FincheckError",
    "InputError",
    "Report",
    "RuleError",
    "__version__",
    "check",
    "check_many",
    "check_text",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'fincheck' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
