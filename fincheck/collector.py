"""Python's cyclic garbage collector in a one-shot process (the command line, a PDF's workers).

Such a process imports a few hundred modules (pandas, pyarrow, pdfplumber, the pipeline) whose
objects live until it ends, and then allocates many short-lived ones. The collector examines
every tracked object again at each full collection and once more while the interpreter shuts
down: measured on a 25-page PDF, ≈ 0.15 s of CPU in the main process's run, ≈ 0.2 s at its exit
and ≈ 0.1 s in each extraction worker. :func:`start` lets more allocations pass between young
collections while the modules are imported; :func:`settle` moves what is loaded so far out of
the collector's view (``gc.freeze``) and keeps the young collections that rare;
:func:`before_exit` freezes everything once the outputs are written, so that shutdown
frees objects by their reference counts without tracing all of them first. Neither skips an
``atexit`` handler or a flush: the process ends the ordinary way. Only processes that end
soon call them — never a library caller's process (its objects would stay frozen).
"""

from __future__ import annotations

import gc

#: allocations between young collections in a settled process (Python's default is 700)
YOUNG_THRESHOLD = 10_000


def start() -> None:
    """At the start of a one-shot process, before it imports the pipeline: collect young
    objects less often while the modules load (their objects live until the process ends;
    at Python's default threshold the imports of a PDF run met ≈ 170 collections, three of
    them full, ≈ 0.05 s of CPU). Nothing is frozen yet: :func:`settle` does that once they
    are loaded."""
    first, second, third = gc.get_threshold()
    gc.set_threshold(max(YOUNG_THRESHOLD, first), second, third)


def settle() -> None:
    """Freeze the objects alive now (loaded modules and their data) and collect young
    objects less often."""
    gc.freeze()
    _first, second, third = gc.get_threshold()
    gc.set_threshold(max(YOUNG_THRESHOLD, _first), second, third)


def before_exit() -> None:
    """At the end of a run, after its outputs are written: freeze everything, so that shutdown
    does not trace every object once more (the standard streams are still flushed by the
    interpreter, and files are closed where they are written)."""
    gc.freeze()
