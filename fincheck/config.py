"""Project configuration: ``[tool.fincheck]`` in a pyproject.toml or the top level of a
``fincheck.toml``, found from the inputs' folder upwards (the first folder holding either wins;
in one folder ``fincheck.toml`` comes before ``pyproject.toml``).

Every check option can be set there; the command line overrides the file, the file overrides
the defaults. :func:`resolve` fills an argparse namespace and records where each value came
from, which ``fincheck config`` prints.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import FincheckError

CHOICES = {
    "format": ("text", "json", "csv", "html", "xlsx"),
    "fail-on": ("error", "warning", "info"),
    "lang": ("zh", "en"),
}
#: key → (argparse dest, kind, default). ``codes`` is a list of code prefixes (or one
#: comma-separated string); ``paths`` are files relative to the configuration file.
OPTIONS: dict[str, tuple[str, str, Any]] = {
    "select": ("select", "codes", None),
    "ignore": ("ignore", "codes", None),
    "fail-on": ("fail_on", "choice", "error"),
    "bands": ("bands", "bands", None),
    "lang": ("lang", "choice", None),
    "rules": ("rules", "paths", None),
    "format": ("format", "choice", "text"),
    "all": ("all", "bool", False),
    "quiet": ("quiet", "bool", False),
    "output": ("output", "path", None),
    "annotate": ("annotate", "path", None),
    "baseline": ("baseline", "path", None),
    "statistics": ("statistics", "bool", False),
    "verbose": ("verbose", "bool", False),
    "limits": ("limits", "limits", None),
    "jobs": ("jobs", "int", 1),
}


class ConfigError(FincheckError):
    """A configuration file that cannot be used: one line naming the file and the key."""


@dataclass
class Config:
    """A configuration file read (``path``; None when none applies) and its checked ``values``."""

    path: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path} [tool.fincheck]" if self.path.name == "pyproject.toml" else str(self.path)


def find_config(paths: list[str | Path]) -> Path | None:
    """The configuration file for these inputs: from the first input's folder upwards."""
    start = Path(paths[0]) if paths else Path.cwd()
    start = start.resolve()
    if not start.is_dir():
        start = start.parent
    for folder in (start, *start.parents):
        own = folder / "fincheck.toml"
        if own.is_file():
            return own
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "fincheck" in _read(pyproject).get("tool", {}):
            return pyproject
    return None


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(
            "{path}: cannot be read ({detail})", path=str(path), detail=exc.strerror or str(exc)
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError("{path}: not valid TOML ({detail})", path=str(path), detail=str(exc)) from None


def load_config(path: str | Path) -> Config:
    """Read and validate one configuration file: the ``[tool.fincheck]`` table of a file named
    pyproject.toml, the top level of any other. Returns a :class:`Config` whose ``values`` maps
    each key found (``select``, ``fail-on`` …) to its checked value, paths made relative to the
    file's folder; raises :class:`ConfigError` (one line naming the file and the key) for an
    unknown key, a wrong value or a file that is not valid TOML."""
    path = Path(path)
    data = _read(path)
    table = data.get("tool", {}).get("fincheck", {}) if path.name == "pyproject.toml" else data
    cfg = Config(path.resolve())
    if not isinstance(table, dict):
        raise ConfigError("{where}: must be a table of options", where=cfg.label)
    for key, value in table.items():
        if key not in OPTIONS:
            known = ", ".join(OPTIONS)
            raise ConfigError(
                "{where}: unknown key {key} (known: {known})", where=cfg.label, key=repr(key), known=known
            )
        cfg.values[key] = _value(cfg, key, value)
    return cfg


def _value(cfg: Config, key: str, value: Any) -> Any:
    kind = OPTIONS[key][1]
    where = f"{cfg.label}: {key}"
    base = cfg.path.parent if cfg.path else Path.cwd()
    if kind == "bool":
        if not isinstance(value, bool):
            raise ConfigError("{where}: must be true or false (got {value})", where=where, value=repr(value))
        return value
    if kind == "int":
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ConfigError(
                "{where}: must be a whole number of at least 1 (got {value})", where=where, value=repr(value)
            )
        return value
    if kind == "limits":
        from .limits import parse_limits

        return _key_values(value, where, "limit = value", parse_limits)
    if kind == "choice":
        if value not in CHOICES[key]:
            raise ConfigError(
                "{where}: must be one of {choices} (got {value})",
                where=where,
                choices=", ".join(CHOICES[key]),
                value=repr(value),
            )
        return value
    if kind == "codes":
        items = value.split(",") if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(c, str) for c in items):
            raise ConfigError(
                "{where}: must be a list of rule codes or prefixes (got {value})", where=where, value=repr(value)
            )
        codes = ",".join(c.strip() for c in items if c.strip())
        if not codes and key == "select":  # [] would select no rule: say so rather than run them all
            raise ConfigError(
                "{where}: selects no rule (leave the key out to run all rules)", where=where, value=repr(value)
            )
        return codes or None  # ignore = []: nothing ignored
    if kind == "paths":
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(c, str) for c in items):
            raise ConfigError(
                "{where}: must be a path or a list of paths (got {value})", where=where, value=repr(value)
            )
        return [str(base / p) for p in items]
    if kind == "path":
        if not isinstance(value, str):
            raise ConfigError("{where}: must be a path (got {value})", where=where, value=repr(value))
        return str(base / value)
    if kind == "bands":
        if isinstance(value, dict) and not all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in value.values()
        ):
            raise ConfigError("{where}: each grade needs a number (got {value})", where=where, value=repr(value))
        from .kinds.score import parse_bands

        return _key_values(value, where, "grade = lower bound", parse_bands)
    raise AssertionError(kind)  # pragma: no cover - OPTIONS names only the kinds above


def resolve(args: argparse.Namespace) -> dict[str, str]:
    """Fill the options the command line left unset from the configuration file, then the
    defaults; return where each value came from (``command line``, the file, ``default``).

    A configured ``output`` is the file of the configured ``format``: ``--format`` on the command
    line without ``--output`` prints to standard output."""
    cfg = _config_for(args)
    origin: dict[str, str] = {}
    for key, (dest, _kind, default) in OPTIONS.items():
        if getattr(args, dest, None) is not None:
            origin[key] = "command line"
        elif key in cfg.values:
            setattr(args, dest, cfg.values[key])
            origin[key] = cfg.label
        else:
            setattr(args, dest, default)
            origin[key] = "default"
    if origin["format"] == "command line" and origin["output"] == cfg.label and cfg.label:
        # a configured output is the file of the configured format: --format alone prints
        args.output = None
        origin["output"] = "default (--format given without --output)"
    args.config_file = cfg.label
    return origin


def _config_for(args: argparse.Namespace) -> Config:
    if getattr(args, "isolated", False):
        if getattr(args, "config", None):
            raise ConfigError("--config and --isolated cannot be used together")
        return Config()
    if getattr(args, "config", None):
        if not Path(args.config).is_file():
            raise ConfigError("--config {path}: no such file", path=str(args.config))
        return load_config(args.config)
    found = find_config(getattr(args, "paths", None) or [])
    return load_config(found) if found else Config()


def configured_lang(args: argparse.Namespace) -> str | None:
    """``--lang``, else the ``lang`` of the configuration file found for the subcommand's paths
    (or the current folder); None when neither says. A subcommand that only reads this key
    (``rules``, ``explain``, ``tables``) is not stopped by a configuration file it cannot use."""
    if getattr(args, "lang", None):
        return args.lang
    try:
        return _config_for(args).values.get("lang")
    except ConfigError:
        return None


def lang_before_parsing(argv: Sequence[str]) -> str | None:
    """The ``lang`` of the configuration file a run with ``argv`` would read (None: no file, no
    ``lang``, or a file that cannot be read: that error is reported once the options are parsed)."""
    if "--isolated" in argv:
        return None
    try:
        given = [argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--config"]
        given += [a[9:] for a in argv if a.startswith("--config=")]
        if given:
            path: Path | None = Path(given[-1])
        else:
            inputs = [a for a in argv if not a.startswith("-") and Path(a).exists()]
            path = find_config(inputs[:1])
        return load_config(path).values.get("lang") if path is not None and path.is_file() else None
    except (ConfigError, OSError, ValueError):
        return None


def print_config(args: argparse.Namespace) -> int:
    """``fincheck config``: each option's effective value and where it came from."""
    from .cli_text import output_lang, say

    origin = resolve(args)
    lang = output_lang(args.lang)  # as a check of these paths would speak before reading them
    out = [say("configuration file: {path}", lang, path=args.config_file or say("(none)", lang))]
    width = max(map(len, OPTIONS))
    for key, (dest, _kind, _default) in OPTIONS.items():
        value = getattr(args, dest)
        if value is None:
            shown = "-"
        elif isinstance(value, bool):
            shown = str(value).lower()
        elif isinstance(value, list | tuple):  # rules: the paths, not a Python list
            shown = ", ".join(map(str, value))
        else:
            shown = str(value)
        where = say(origin[key], lang)
        out.append(
            f"{key:<{width}}  {shown}  " + (f"（{where}）" if lang == "zh" else f"({where})")
        )  # keys as in the file
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def _key_values(value: Any, where: str, what: str, parse: Callable[[str], object]) -> str:
    """A table (or its "k=v,k=v" string) checked by the option's own parser; the string kept."""
    if isinstance(value, dict):
        value = ",".join(f"{k}={v}" for k, v in value.items())
    if not isinstance(value, str):
        raise ConfigError(f"{{where}}: must be a table of {what} (got {{value}})", where=where, value=repr(value))
    try:
        parse(value)
    except (ValueError, FincheckError) as exc:
        raise ConfigError("{where}: {detail}", where=where, detail=exc) from None
    return value
