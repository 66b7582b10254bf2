"""One temporary folder per browser session, so two users' uploads never mix.

A session is a random token in a cookie (HttpOnly, SameSite=Strict); its folder is made under
the server's own temporary folder and removed when the session ends: the page's "end session"
button, the session left idle for ``idle_seconds``, or the server stopping (which removes the
server's whole folder).
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

COOKIE = "fincheck_session"


@dataclass
class FileState:
    """What the page shows for one file: uploaded, read (or its error)."""

    name: str
    size: int
    state: str = "uploaded"  # uploaded → queued → done | error
    error: str = ""


@dataclass
class Session:
    token: str
    folder: Path
    files: dict[str, FileState] = field(default_factory=dict)
    report: Any = None  # the last Report, with names relative to the folder
    evidence: Any = None  # its render.evidence.Evidence (sources read again once)
    status: str = "idle"  # idle | running | done | failed
    message: str = ""
    lang: str = "zh"
    run: int = 0
    touched: float = field(default_factory=time.monotonic)
    lock: threading.RLock = field(default_factory=threading.RLock)

    def used(self) -> int:
        return sum(f.size for f in self.files.values())

    def path_of(self, name: str) -> Path:
        return self.folder / name


class Sessions:
    """The server's sessions and its temporary folder."""

    def __init__(self, idle_seconds: float = 3600, root: Path | None = None) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="fincheck-web-", dir=root))
        self.idle_seconds = idle_seconds
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    def get(self, token: str | None) -> Session | None:
        self.expire()
        with self._lock:
            session = self._sessions.get(token or "")
        if session is not None:
            session.touched = time.monotonic()
        return session

    def new(self) -> Session:
        token = secrets.token_urlsafe(32)
        folder = Path(tempfile.mkdtemp(prefix="s-", dir=self.root))
        session = Session(token, folder)
        with self._lock:
            self._sessions[token] = session
        return session

    def end(self, token: str) -> None:
        with self._lock:
            session = self._sessions.pop(token, None)
        if session is not None:
            with session.lock:
                shutil.rmtree(session.folder, ignore_errors=True)

    def expire(self) -> None:
        now = time.monotonic()
        with self._lock:
            old = [
                t for t, s in self._sessions.items() if now - s.touched > self.idle_seconds and s.status != "running"
            ]
        for token in old:
            self.end(token)

    def __len__(self) -> int:
        return len(self._sessions)

    def close(self) -> None:
        for token in list(self._sessions):
            self.end(token)
        shutil.rmtree(self.root, ignore_errors=True)
