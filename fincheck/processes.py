"""How fincheck starts worker processes: one convention for the batch pool and the PDF readers.

``forkserver`` where the platform has it (safe with threads: each worker is forked from a
small server process, not from the caller), else ``spawn`` (Windows, and wherever fork is
unsafe). Either way a worker runs a module-level function with picklable arguments, and a
script that starts workers must run under ``if __name__ == "__main__":`` (docs/batch.md).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence


def worker_context(preload: Sequence[str] = ()):
    """The multiprocessing context for fincheck's workers. ``preload``: modules the forkserver
    imports once, before it forks any worker (only when the server is not running yet)."""
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" not in methods:
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    if preload:
        ctx.set_forkserver_preload(list(preload))
    return ctx
