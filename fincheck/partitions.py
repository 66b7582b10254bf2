"""A panel's facts in partitions of whole reports, checked by the engine one at a time.

Binding and evaluating a partition at a time bounds the engine's memory by a partition's
instance frames, not the panel's.

A report here is a document: the files that share a path without its suffix
(``2021.xlsx`` + ``2021.txt``) stay in one partition, since the text-table rules match a
text to the tables of its own document. Documents are taken in the order their first fact
appears and cut into runs of about :data:`PARTITION_FACTS` facts (a document larger than
that is a partition of its own). :func:`fincheck.engine.run_rules` puts the partitions'
checks back in the order one run over all facts gives them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

import numpy as np
import pandas as pd

#: about how many facts the engine checks at once (a nine-table report has ≈ 580)
PARTITION_FACTS = 200_000


@dataclass
class Partitions:
    """Which partition each fact is in, its id inside it, and each partition's fact ids."""

    part: np.ndarray  # partition of each fact
    local: np.ndarray  # fact id inside its partition
    members: list[np.ndarray]  # each partition's fact ids, in facts order
    by_report: dict[str, int]  # partition of each report


def document(report: str) -> str:
    """The document a report's file belongs to: its path without the suffix."""
    return str(PurePath(str(report)).with_suffix(""))


def partition_facts(facts: pd.DataFrame, size: int | None = PARTITION_FACTS) -> Partitions | None:
    """The partitions of ``facts`` (fact id = position), or None when one partition holds them."""
    if not size or len(facts) <= size or "report" not in facts:
        return None
    codes, reports = pd.factorize(facts["report"].to_numpy(object))
    doc, docs = pd.factorize(np.array([document(r) for r in reports], dtype=object))
    if len(docs) < 2:
        return None
    fact_doc = doc[codes]
    counts = np.bincount(fact_doc, minlength=len(docs))
    before = np.cumsum(counts) - counts  # facts of the documents before each one
    _, doc_part = np.unique(before // int(size), return_inverse=True)
    if doc_part.max() == 0:
        return None
    part = doc_part[fact_doc]
    order = np.argsort(part, kind="stable")
    sizes = np.bincount(part)
    starts = np.cumsum(sizes) - sizes
    local = np.empty(len(part), dtype="int64")
    local[order] = np.arange(len(part)) - np.repeat(starts, sizes)
    members = np.split(order, np.cumsum(sizes)[:-1])
    by_report = dict(zip(reports.tolist(), doc_part[doc].tolist(), strict=True))
    return Partitions(part, local, members, by_report)


def split_bound(
    parts: Partitions, inst: pd.DataFrame, links: pd.DataFrame
) -> list[tuple[pd.DataFrame, pd.DataFrame]] | None:
    """One pre-bound frame cut by partition (its instances by report, fact ids made local to the
    partition); None when a check refers to facts of another partition."""
    n = len(parts.members)
    where = inst["report"].map(parts.by_report)
    if where.isna().any():
        return None
    where = where.to_numpy("int64")
    link_pos = pd.Index(inst["check"].to_numpy("int64")).get_indexer(links["check"].to_numpy("int64"))
    link_fact = links["fact"].to_numpy("int64")
    if (link_pos < 0).any() or (parts.part[link_fact] != where[link_pos]).any():
        return None
    inst = inst.copy()
    for col in ("stated_fact", "anchor"):
        ids = inst[col].to_numpy("int64")
        known = ids >= 0
        if (parts.part[ids[known]] != where[known]).any():
            return None
        inst[col] = np.where(known, parts.local[np.maximum(ids, 0)], ids).astype("int64")
    links = links.assign(fact=parts.local[link_fact])
    link_part = where[link_pos]
    return [(inst[where == p], links[link_part == p]) for p in range(n)]
