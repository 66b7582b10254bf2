"""MkDocs hooks of the docs site (mkdocs.yml ``hooks:``): the rule reference is generated from
rules/**/*.yaml at build time, one page per rule, and added to the navigation by family."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from mkdocs.structure.files import File

_GEN = Path(__file__).with_name("gen_rule_reference.py")


def _generator():
    spec = importlib.util.spec_from_file_location("gen_rule_reference", _GEN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def on_config(config):
    """Replace the ``rules/index.md`` entry of the navigation by the index and one section per family."""
    rule_nav = _generator().nav()

    def expand(items):
        out = []
        for item in items:
            if isinstance(item, dict):
                out.append(
                    {
                        k: (expand(v) if isinstance(v, list) else rule_nav if v == "rules/index.md" else v)
                        for k, v in item.items()
                    }
                )
            elif item == "rules/index.md":
                out.append({"Rule reference": rule_nav})
            else:
                out.append(item)
        return out

    config["nav"] = expand(config["nav"] or [])
    return config


def on_files(files, config):
    """Add the generated rule pages to the site's files."""
    for rel, text in _generator().pages().items():
        files.append(File.generated(config, rel, content=text))
    return files
