"""The routes of ``fincheck serve`` (Starlette).

Every state-changing request needs the ``X-Fincheck`` header (a page of another site cannot
send it without the browser asking first) and the session cookie; the Host header must be the
address the server listens on (no DNS rebinding). Everything the page shows from the input is
JSON put in with ``textContent``, or HTML escaped here.
"""

from __future__ import annotations

import contextlib

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from ..errors import localised
from ..failures import one_line
from . import downloads, page, runs
from .findings import evidence_fragment, findings_payload
from .sessions import COOKIE, FileState, Session, Sessions
from .uploads import MB, UploadError, UploadLimits, safe_name, save

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def _lang(request: Request) -> str:
    """The page's language, which it sends with each request (English when not given)."""
    lang = request.query_params.get("lang", "en")
    return lang if lang in ("zh", "en") else "en"


def _error(template: str, lang: str, status: int = 400, **values) -> JSONResponse:
    """A refusal said in ``lang`` (``template`` is a key of :mod:`fincheck.error_text`)."""
    return JSONResponse({"error": localised(template, values, lang)}, status_code=status, headers=HEADERS)


def create_app(
    limits: UploadLimits | None = None, hosts: tuple[str, ...] = ("127.0.0.1", "localhost"), sessions=None
) -> Starlette:
    """The application; ``app.state.sessions`` holds the sessions (closed on shutdown)."""
    limits = limits or UploadLimits()
    store = sessions if sessions is not None else Sessions()

    def session_of(request: Request) -> Session | None:
        return store.get(request.cookies.get(COOKIE))

    def guarded(handler, write: bool = False):
        async def endpoint(request: Request) -> Response:
            lang = _lang(request)
            if write and request.headers.get("x-fincheck") != "1":
                return _error("missing X-Fincheck header", lang, 403)
            session = session_of(request)
            if session is None:
                return _error("the session has ended: reload the page", lang, 401)
            try:
                return await handler(request, session)
            except UploadError as exc:
                return JSONResponse({"error": exc.text(lang)}, status_code=exc.status, headers=HEADERS)
            except Exception as exc:  # the server stays up; the page says what went wrong
                detail = f"{type(exc).__name__}: {one_line(exc)}"
                return _error("internal error: {detail}", lang, 500, detail=detail)

        return endpoint

    async def index(request: Request) -> Response:
        session = session_of(request)
        response = HTMLResponse(page.PAGE, headers=HEADERS)
        if session is None:
            session = store.new()
            response.set_cookie(COOKIE, session.token, httponly=True, samesite="strict", path="/")
        return response

    async def script(request: Request) -> Response:
        return Response(page.SCRIPT, media_type="text/javascript", headers=HEADERS)

    async def upload(request: Request, session: Session) -> Response:
        relative = safe_name(request.query_params.get("name", ""))
        key = relative.as_posix()
        with session.lock:
            if session.status == "running":
                raise UploadError("a check is running: wait for it to finish", 409)
            if key not in session.files and len(session.files) >= limits.files:
                raise UploadError("{path}: at most {n} files in one session", 413, path=key, n=limits.files)
            room = (
                int(limits.session_mb * MB) - session.used() + (session.files[key].size if key in session.files else 0)
            )
        hint = request.headers.get("content-length")
        size_hint = int(hint) if hint and hint.isdigit() else None
        try:
            _path, size = await save(
                request.stream(), session.folder, relative, size_hint, room, int(limits.file_mb * MB)
            )
        except OSError as exc:
            raise UploadError(
                "{path}: could not be stored ({detail})", path=key, detail=exc.strerror or type(exc).__name__
            ) from None
        with session.lock:
            session.files[key] = FileState(key, size)
            session.report, session.status = None, "idle"
        return JSONResponse({"name": key, "size": size}, headers=HEADERS)

    async def clear(request: Request, session: Session) -> Response:
        with session.lock:
            if session.status == "running":
                raise UploadError("a check is running: wait for it to finish", 409)
            for name in list(session.files):
                with contextlib.suppress(OSError):
                    session.path_of(name).unlink()
            session.files.clear()
            session.report, session.status = None, "idle"
        return JSONResponse({"files": 0}, headers=HEADERS)

    async def check(request: Request, session: Session) -> Response:
        lang = request.query_params.get("lang", "zh")
        if lang not in ("zh", "en"):
            raise UploadError("unknown language {lang}", lang=repr(lang))
        if not session.files:
            raise UploadError("no files: add report files first")
        if not runs.start(session, lang):
            raise UploadError("a check is already running", 409)
        return JSONResponse({"status": "running"}, headers=HEADERS)

    async def status(request: Request, session: Session) -> Response:
        with session.lock:
            files = [vars(f).copy() for f in sorted(session.files.values(), key=lambda f: f.name)]
            body = {"status": session.status, "message": session.message, "run": session.run, "files": files}
        return JSONResponse(body, headers=HEADERS)

    async def findings(request: Request, session: Session) -> Response:
        if session.report is None:
            raise UploadError("no results yet", 404)
        return JSONResponse(findings_payload(session.report, session.lang), headers=HEADERS)

    async def evidence(request: Request, session: Session) -> Response:
        report = session.report
        if report is None:
            raise UploadError("no results yet", 404)
        html = evidence_fragment(session, request.path_params["index"])
        return HTMLResponse(html, headers=HEADERS)

    async def download(request: Request, session: Session) -> Response:
        if session.report is None:
            raise UploadError("no results yet", 404)
        return downloads.response(session, request.path_params["name"], HEADERS)

    async def end(request: Request, session: Session) -> Response:
        store.end(session.token)
        response = JSONResponse({"ended": True}, headers=HEADERS)
        response.delete_cookie(COOKIE, path="/")
        return response

    routes = [
        Route("/", index),
        Route("/app.js", script),
        Route("/api/files", guarded(upload, write=True), methods=["PUT"]),
        Route("/api/files", guarded(clear, write=True), methods=["DELETE"]),
        Route("/api/check", guarded(check, write=True), methods=["POST"]),
        Route("/api/status", guarded(status)),
        Route("/api/findings", guarded(findings)),
        Route("/api/evidence/{index:int}", guarded(evidence)),
        Route("/download/{name:str}", guarded(download)),
        Route("/api/end", guarded(end, write=True), methods=["POST"]),
    ]

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        store.close()

    app = Starlette(
        routes=routes,
        middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=list(hosts))],
        lifespan=lifespan,
    )
    app.state.sessions = store
    app.state.limits = limits
    return app


__all__ = ["create_app"]
