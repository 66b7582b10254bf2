"""``python -m fincheck serve``: a local web page to drop reports on (the ``web`` extra).

Small modules: :mod:`.uploads` (safe names, limits, streaming to disk), :mod:`.sessions` (one
temporary folder per browser session, removed when the session ends), :mod:`.runs` (the check
of a session's files, through the same pipeline as the command line), :mod:`.app` (the routes),
:mod:`.page` (the one HTML page and its script) and :mod:`.cli` (the ``serve`` subcommand).
"""
