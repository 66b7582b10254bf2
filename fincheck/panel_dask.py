"""The panel on Dask (the ``fincheck-cn[dask]`` extra): files read by the workers, the facts
partitioned by report, each partition checked by the pandas engine (:func:`evaluate`), the
partitions' checks put in the order the pandas engine gives them.

The language of the messages, when not given, is decided as the pandas engine decides it
(from the first facts' labels and the texts of all reports): each partition sends back only
that sample, so facts stay on the workers until the checks are done.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from .catalogue import Rule
from .model import Loaded, Source
from .pipeline import evaluate, mostly_chinese, order_checks, read_source
from .report import Report


def read_group(files: list[str]) -> list[tuple[Source, Loaded]]:
    """One report's files read (on a worker)."""
    return [read_source(Path(f)) for f in files]


def language_sample(read: list[tuple[Source, Loaded]]) -> tuple[list[str], list[str]]:
    """The first 200 labels of a partition's facts (in the order evaluate stacks them) and its texts."""
    labels: list[str] = []
    texts: list[str] = []
    for _source, loaded in read:
        for frame in [*loaded.facts, *(b[0] for b in loaded.bound)]:
            if len(labels) < 200:
                labels.extend(frame["label"].astype(str).head(200 - len(labels)).tolist())
        if loaded.text:
            texts.append(loaded.text)
    return labels, texts


def evaluate_group(read: list[tuple[Source, Loaded]], rules: list[Rule], lang: str, context: dict | None) -> Report:
    return evaluate([s for s, _ in read], [p for _, p in read], rules, lang, context)


def check_dask(
    groups: dict[str, list[Path]], rules: list[Rule], lang: str | None, context: dict | None, client: Any = None
) -> Report:
    """The panel of the reports in ``groups`` (report → its files, :func:`fincheck.panel.group_reports`)."""
    import dask
    from dask import delayed

    def compute(tasks: list) -> list:
        if client is not None:
            return client.gather(client.compute(tasks))
        return list(dask.compute(*tasks))

    reads = [delayed(read_group, pure=False)([str(f) for f in g]) for g in groups.values()]
    if client is not None:
        reads = client.persist(reads)  # the parsed files stay on the workers
    if lang is None:
        samples = compute([delayed(language_sample)(r) for r in reads])
        labels = [label for s, _ in samples for label in s][:200]
        texts = [t for _, ts in samples for t in ts]
        lang = "zh" if mostly_chinese(pd.DataFrame({"label": labels}, dtype=str), texts) else "en"
    parts: list[Report] = compute([delayed(evaluate_group)(r, rules, lang, context) for r in reads])
    sources = [s for p in parts for s in p.sources]
    facts = pd.concat([p.facts for p in parts], ignore_index=True) if parts else None
    if not parts:
        return evaluate([], [], rules, lang or "zh", context)
    checks = order_checks(pd.concat([p.checks for p in parts], ignore_index=True))
    tables = pd.concat([p.tables for p in parts], ignore_index=True)
    return Report(sources=sources, facts=facts, tables=tables, checks=checks, rules=rules, lang=lang)
