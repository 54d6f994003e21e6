"""What every response of the web app passes through: the access token, the forgery check
on forms and the security headers.

- Token: when the app has one, a request must carry it as `Authorization: Bearer TOKEN`, in
  the `newsprism_token` cookie, or once as `?token=TOKEN` (which sets the cookie and
  redirects to the same address without it, so the token leaves the address bar).
- Cross-site request forgery: every page sets a random `newsprism_csrf` cookie (SameSite
  Strict, HttpOnly) and its forms carry the same value in a hidden field; `check_form`
  refuses a POST whose field does not match the cookie, or whose Origin is another site.
- Headers: a Content-Security-Policy that allows scripts, styles and connections from the
  app itself only (the pages have no inline script or style), no framing, no referrer, no
  MIME sniffing.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable
from urllib.parse import urlencode, urlsplit

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

TOKEN_COOKIE = "newsprism_token"
CSRF_COOKIE = "newsprism_csrf"
CSRF_FIELD = "csrf"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

Next = Callable[[Request], Awaitable[Response]]


def same(a: str | None, b: str | None) -> bool:
    """Whether two secrets are equal, in time that does not depend on where they differ."""
    return a is not None and b is not None and hmac.compare_digest(a.encode(), b.encode())


def guard(token: str | None) -> Callable[[Request, Next], Awaitable[Response]]:
    """The middleware: token check, the page's CSRF value in `request.state.csrf`, and the
    security headers on every response."""

    async def middleware(request: Request, call_next: Next) -> Response:
        if token:
            given = request.query_params.get("token")
            if same(given, token):
                query = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
                target = request.url.path + (f"?{urlencode(query)}" if query else "")
                response: Response = RedirectResponse(target, status_code=303)
                response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
                return _with_headers(response)
            header = request.headers.get("authorization", "")
            bearer = header[7:] if header.lower().startswith("bearer ") else None
            if not (same(bearer, token) or same(request.cookies.get(TOKEN_COOKIE), token)):
                return _with_headers(
                    PlainTextResponse(
                        "newsprism: this server needs its access token; open the address "
                        "with ?token=TOKEN once, or send `Authorization: Bearer TOKEN`",
                        status_code=401,
                    )
                )
        cookie = request.cookies.get(CSRF_COOKIE)
        request.state.csrf = cookie or secrets.token_urlsafe(32)
        response = await call_next(request)
        if not cookie:
            response.set_cookie(CSRF_COOKIE, request.state.csrf, httponly=True, samesite="strict")
        return _with_headers(response)

    return middleware


def check_form(request: Request, value: str | None) -> str | None:
    """Why a form POST must be refused (forged or from another site), or None when it may
    go on."""
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host"):
        return f"the form was sent from another site ({origin})"
    if not same(value, request.cookies.get(CSRF_COOKIE)):
        return "the form's security token is missing or stale; reload the page and send it again"
    return None


def _with_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response
