"""The binder → engine contract: instance and link frames, built by constructors, checked by
schemas.

A binder (:mod:`fincheck.kinds`) or a pre-bound emitter (the text checker) describes each
check it found as one *instance* row and its operands as *link* rows. It builds them with
:func:`make_instances` and :func:`make_links`, never by hand: the constructors fill the
optional columns with the defaults listed once, in :data:`INSTANCE_OPTIONAL`, refuse unknown
columns and missing required ones, and give every column its dtype. The engine validates the
frames (:func:`check_frames`, :func:`validate_frames`) and names the rule whose frame is
wrong.

Fact ids
    A fact id is a row *position* in the facts frame the ids refer to. A binder is given the
    facts of the whole run with a RangeIndex (position = index label), so ``facts.index`` is
    its fact ids. A pre-bound emitter refers to positions in its own facts frame (a
    :class:`Bound`); :func:`stack_bound` puts those frames after the loaded facts and shifts
    the ids once — the only place fact ids are rebased.

Check ids
    Local to one frame: any unique int64 per binder call (``np.arange(n)``, or the stated fact
    id). Links refer to them. The engine gives every check its run-wide id once, when it
    collects the frames (:func:`fincheck.engine.run_rules`).

This module imports nothing else from fincheck but the frame specs (:mod:`fincheck.model.framespec`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa

from .model.framespec import Check, Col, FrameSpec

#: Required instance columns: the check's local id, its rule, its report, and the fact of the
#: stated figure (``-1`` when the figure is a constant given by ``stated_value``).
INSTANCE_REQUIRED: dict[str, str] = {
    "check": "int64",
    "rule": "str",
    "report": "str",
    "stated_fact": "int64",
}

#: Optional instance columns with their dtype and default — the only defaults of the contract.
#: notes a binder gives about where the stated figure comes from (not why a check was
#: skipped): the engine adds them to the check's message, in the report's language
STATED_NOTES: dict[str, dict[str, str]] = {
    "100% implied: the total states no share": {
        "zh": "合计行未列示占比，按 100% 核对",
        "en": "the total states no share: checked against 100%",
    },
}

INSTANCE_OPTIONAL: dict[str, tuple[str, object]] = {
    "table": ("str", ""),  # table id, for messages and grouping
    "anchor": ("int64", -1),  # fact id the check is located at; -1: the stated fact
    "stated_value": ("float64", np.nan),  # the stated figure when stated_fact is -1
    "stated_decimals": ("int64", -1),  # its printed decimals (-1: exact)
    "unit": ("str", ""),  # its unit (a stated fact brings its own)
    "op": ("str", "eq"),  # stated op expected: eq, le, ge
    "form": ("str", "linear"),  # linear: Σ coef·num + offset; ratio: factor·min((N/D)^power, cap) + offset
    "factor": ("float64", 1.0),
    "offset": ("float64", 0.0),
    "power": ("float64", 1.0),
    "cap": ("float64", np.inf),
    "sign": ("float64", 1.0),  # -1: the text states a decrease as a positive figure
    "absolute": ("bool", False),  # compare with |expected|
    "label": ("str", ""),  # row label, for messages
    "column": ("str", ""),  # column, for messages
    "note": ("str", ""),  # a note the binder already knows ("base not stated")
    "status": ("str", ""),  # "" to evaluate, "skip" to report unchecked with the note
}

INSTANCE_COLUMNS = [*INSTANCE_REQUIRED, *INSTANCE_OPTIONAL]
LINK_COLUMNS = ["check", "fact", "role", "coef"]
OPS = ("eq", "le", "ge")
FORMS = ("linear", "ratio")
#: a link's role: a numerator or denominator operand, or a ``rate`` (in percent, times its
#: coef: ±1 for a rise or a fall) that rebases the denominator operand of the same ordinal
#: within its check to its previous-period value, operand ÷ (1 + coef·rate / 100): the
#: previous amounts of figures stated with their growth rates only (TXT022)
ROLES = ("num", "den", "rate")

_CODE = r"^[A-Z]{2,4}[0-9]{3}$"

INSTANCES = FrameSpec(
    "instances",
    {
        "check": Col("int64", unique=True),
        "rule": Col("str", (Check(matches=_CODE),)),
        "report": Col("str"),
        "stated_fact": Col("int64", (Check(ge=-1),)),
        "table": Col("str"),
        "anchor": Col("int64", (Check(ge=-1),)),
        "stated_value": Col("float64", nullable=True),
        "stated_decimals": Col("int64", (Check(ge=-1),)),
        "unit": Col("str"),
        "op": Col("str", (Check(isin=OPS),)),
        "form": Col("str", (Check(isin=FORMS),)),
        "factor": Col("float64"),
        "offset": Col("float64"),
        "power": Col("float64"),
        "cap": Col("float64"),
        "sign": Col("float64", (Check(isin=(1.0, -1.0)),)),
        "absolute": Col("bool"),
        "label": Col("str"),
        "column": Col("str"),
        "note": Col("str"),
        "status": Col("str", (Check(isin=("", "skip")),)),
    },
    checks=(
        (
            lambda f: (f["stated_fact"] >= 0) | f["stated_value"].notna() | (f["status"] == "skip"),
            "a check needs a stated fact or a stated value",
        ),
    ),
    strict=True,
)

LINKS = FrameSpec(
    "links",
    {
        "check": Col("int64"),
        "fact": Col("int64", (Check(ge=0),)),
        "role": Col("str", (Check(isin=ROLES),)),
        "coef": Col("float64"),
    },
    strict=True,
)


class ContractError(ValueError):
    """A binder or emitter handed the engine a frame that breaks the contract."""


def _length(columns: Mapping[str, object]) -> int | None:
    for value in columns.values():
        if isinstance(value, pd.Series | np.ndarray | list | tuple | pd.Index | pd.api.extensions.ExtensionArray):
            return len(value)
    return None


def _column(value: object, n: int, dtype: str) -> np.ndarray:
    if isinstance(value, pd.Series | pd.Index):
        value = value.to_numpy()
    arr = np.asarray(value, dtype=object if dtype == "str" else dtype)
    if arr.ndim == 0:
        arr = np.full(n, arr.item(), dtype=arr.dtype)
    if len(arr) != n:
        raise ContractError(f"column has {len(arr)} values, not {n}")
    return arr


_STR = pd.StringDtype(na_value=np.nan)


def _text(value: object, n: int) -> pd.api.extensions.ExtensionArray:
    """A text column of ``n`` values in the str dtype: a str array (or Series) as it is, a
    string repeated by pyarrow, anything else converted as ``astype(str)`` would."""
    if isinstance(value, pd.Series):
        value = value.array
    if isinstance(value, pd.api.extensions.ExtensionArray) and value.dtype == _STR:
        if len(value) != n:
            raise ContractError(f"column has {len(value)} values, not {n}")
        return value
    if isinstance(value, str):
        return pd.arrays.ArrowStringArray(pa.array([value] * n, pa.large_string()), dtype=_STR)
    return pd.array(_column(value, n, "str"), dtype="str")


def _frame(columns: dict[str, object], n: int) -> pd.DataFrame:
    """The frame of typed columns (numpy arrays and str arrays of length ``n``), put together
    without pandas' per-column inference (the frame ``pd.DataFrame(columns)`` gives, at a
    fraction of its fixed cost: binding builds one or two frames per rule)."""
    return pd.DataFrame._from_arrays(
        list(columns.values()), _column_index(tuple(columns)), pd.RangeIndex(n), verify_integrity=False
    )


@cache
def _column_index(names: tuple[str, ...]) -> pd.Index:
    """The columns of a frame of these names (an Index is immutable: frames share it; building
    it, with pandas' inference of its dtype, was a good part of a small frame's cost)."""
    return pd.Index(list(names))


def make_instances(rule: str | Sequence[str] | np.ndarray, **columns: object) -> pd.DataFrame:
    """A complete, typed instance frame for ``rule`` (a code, or one code per row).

    Columns are arrays or scalars (broadcast); ``check`` defaults to ``0..n-1``. A required
    column that is missing, or a column the contract does not know, raises
    :class:`ContractError` naming the rule.
    """
    codes = rule if isinstance(rule, str) else ",".join(sorted({str(c) for c in rule}))
    unknown = set(columns) - set(INSTANCE_COLUMNS)
    if unknown:
        raise ContractError(f"rule {codes}: unknown instance columns {', '.join(sorted(unknown))}")
    n = _length({"rule": rule, **columns} if not isinstance(rule, str) else columns)
    if n is None:
        raise ContractError(f"rule {codes}: no column gives the number of instances")
    given = {"rule": rule, **columns}
    given.setdefault("check", np.arange(n))
    missing = [c for c in INSTANCE_REQUIRED if c not in given]
    if missing:
        raise ContractError(f"rule {codes}: missing instance columns {', '.join(missing)}")
    data: dict[str, object] = {}
    try:
        for name, dtype in INSTANCE_REQUIRED.items():
            data[name] = _text(given[name], n) if dtype == "str" else _column(given[name], n, dtype)
        for name, (dtype, default) in INSTANCE_OPTIONAL.items():
            value = given.get(name, default)
            data[name] = _text(value, n) if dtype == "str" else _column(value, n, dtype)
    except (ContractError, ValueError, TypeError) as exc:
        raise ContractError(f"rule {codes}: instance column {name!r}: {exc}") from None
    # located at the stated figure unless the binder says otherwise
    data["anchor"] = np.where(data["anchor"] >= 0, data["anchor"], data["stated_fact"])
    # one frame built at once, the text columns in the str dtype (as ``astype(str)`` gives)
    return _frame({name: data[name] for name in INSTANCE_COLUMNS}, n)


def make_links(check: object, fact: object, role: str | object = "num", coef: float | object = 1.0) -> pd.DataFrame:
    """A typed link frame: operand ``fact`` of ``check`` with ``role`` (num, den or rate, see
    :data:`ROLES`) and ``coef``."""
    fact_arr = np.asarray(fact.to_numpy() if isinstance(fact, pd.Series) else fact)
    n = len(fact_arr)
    return _frame(
        {
            "check": _column(check, n, "int64"),
            "fact": _column(fact_arr, n, "int64"),
            "role": _text(role, n),
            "coef": _column(coef, n, "float64"),
        },
        n,
    )


def no_links() -> pd.DataFrame:
    """The link frame of checks against constants (bounds, weights)."""
    return make_links(np.array([], "int64"), np.array([], "int64"))


def concat_links(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if f is not None and len(f)]
    return pd.concat(frames, ignore_index=True) if frames else no_links()


def check_frames(inst: pd.DataFrame, links: pd.DataFrame, n_facts: int, who: str) -> None:
    """The cheap part of the contract, checked for every frame: exactly the contract's columns,
    unique check ids, links to known checks, fact ids inside the facts frame. Raises
    :class:`ContractError` naming ``who``."""
    problems = []
    if inst.columns.tolist() != INSTANCE_COLUMNS:
        extra = sorted(set(inst.columns) - set(INSTANCE_COLUMNS))
        lacking = [c for c in INSTANCE_COLUMNS if c not in inst.columns]
        problems.append(
            "instances not built by make_instances"
            + (f" (unknown columns {', '.join(extra)})" if extra else "")
            + (f" (missing columns {', '.join(lacking)})" if lacking else "")
        )
    if links.columns.tolist() != LINK_COLUMNS:
        problems.append(
            f"links must have the columns {', '.join(LINK_COLUMNS)}, not {', '.join(map(str, links.columns))}"
        )
    if problems:
        raise ContractError(f"{who}: {'; '.join(problems)}")
    checks, linked = inst["check"], links["check"]
    if checks.dtype == np.dtype("int64") and linked.dtype == np.dtype("int64"):  # numpy on the ids
        ids = checks.to_numpy()
        unique = len(np.unique(ids)) == len(ids)
        known = bool(np.isin(linked.to_numpy(), ids).all())
    else:  # as pandas compares them
        unique, known = checks.is_unique, bool(linked.isin(checks).all())
    if not unique:
        problems.append("check ids are not unique")
    if not known:
        problems.append("a link refers to a check that is not in the instances")
    ids = np.concatenate([inst["stated_fact"].to_numpy(), inst["anchor"].to_numpy(), links["fact"].to_numpy()])
    if len(ids) and (ids >= n_facts).any():
        problems.append(f"a fact id is past the {n_facts} facts")
    if len(links) and (links["fact"].to_numpy() < 0).any():
        problems.append("a link has no fact (id < 0)")
    if problems:
        raise ContractError(f"{who}: {'; '.join(problems)}")


def validate_frames(inst: pd.DataFrame, links: pd.DataFrame, who: str) -> None:
    """Validate frames against :data:`INSTANCES` and :data:`LINKS` (dtypes, values)."""
    if INSTANCES.conforms(inst) and LINKS.conforms(links):
        return
    from pandera.errors import SchemaError, SchemaErrors

    try:
        INSTANCES.schema.validate(inst)
        LINKS.schema.validate(links)
    except (SchemaError, SchemaErrors) as exc:
        first = str(exc).strip().splitlines()[0]
        raise ContractError(f"{who}: {first}") from None


class Bound(NamedTuple):
    """Pre-bound checks of one source: their own facts, and instances and links whose fact ids
    are positions in ``facts`` (a tuple: ``facts, inst, links = bound``)."""

    facts: pd.DataFrame
    instances: pd.DataFrame
    links: pd.DataFrame


def stack_bound(parts: Sequence[Bound], start: int) -> tuple[list[pd.DataFrame], list[Bound]]:
    """Place each part's facts after ``start`` facts and those of the parts before it, and shift
    its fact ids to match: the one place pre-bound fact ids are rebased. Returns the facts
    frames (in order) and the rebased parts."""
    facts, out = [], []
    offset = start
    for part_facts, part_inst, part_links in parts:
        f = part_facts.reset_index(drop=True)
        inst = part_inst.copy()
        for col in ("stated_fact", "anchor"):
            if col in inst:
                inst[col] = np.where(inst[col] >= 0, inst[col] + offset, inst[col]).astype("int64")
        links = part_links.assign(fact=part_links["fact"].to_numpy("int64") + offset)
        facts.append(f)
        out.append(Bound(f, inst, links))
        offset += len(f)
    return facts, out
