"""``python -m fincheck serve [--port N] [--host H]``: the local web page (the ``web`` extra)."""

from __future__ import annotations

import argparse
import sys

DEFAULT_PORT = 8765


HELP = "a local web page to drop reports on: findings, evidence and downloads (nothing leaves this computer)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of ``serve`` (registered as a subcommand by :mod:`fincheck.cli`)."""
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT}; 0: any free port)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this computer only)")
    p.add_argument("--max-file-mb", type=float, default=64, help="largest file accepted (MB, default 64)")
    p.add_argument("--max-files", type=int, default=50, help="files in one session (default 50)")
    p.add_argument("--max-session-mb", type=float, default=256, help="all files of one session (MB, default 256)")


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from .app import create_app
    except ImportError as exc:
        print(
            f"fincheck: error: serve needs the web extra: pip install 'fincheck-cn[web]' (from a checkout: pip install '.[web]') ({exc.name})",
            file=sys.stderr,
        )
        return 2
    from .uploads import UploadLimits

    limits = UploadLimits(file_mb=args.max_file_mb, files=args.max_files, session_mb=args.max_session_mb)
    hosts = ("127.0.0.1", "localhost", "[::1]", "::1") if args.host in ("127.0.0.1", "localhost") else (args.host,)
    app = create_app(limits, hosts=hosts)
    config = uvicorn.Config(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    print(f"fincheck: serving on http://{args.host}:{args.port}/ (Ctrl+C to stop)", file=sys.stderr, flush=True)
    try:
        server.run()
    finally:
        app.state.sessions.close()
    return 0
