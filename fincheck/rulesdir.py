"""Where the built-in rules and aliases are (a leaf module: labels, kinds and catalogue use it)."""

from __future__ import annotations

from pathlib import Path

import yaml

#: libyaml's loader when pyyaml was built with it (much faster on the catalogue), else pure Python
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def builtin_rules_dir() -> Path:
    """``fincheck/rules`` in an installed wheel; the repository's ``rules/`` in a checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "rules"
    if installed.is_dir():
        return installed
    return here.parent / "rules"
