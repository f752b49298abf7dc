"""Who kommgraph is to a SPARQL server: credentials from the environment, Basic or Digest.

Most servers take HTTP Basic authentication; Virtuoso's `/sparql-auth` and
`/sparql-graph-crud-auth` take only Digest (`KOMMGRAPH_ENDPOINT_AUTH=digest`).
A Digest header is computed before the request is sent, from the challenge of
a body-less GET of the same URL: clients that answer the challenge afterwards
(urllib's handler, SPARQLWrapper) send the body first, and a server that
refuses it unread resets the connection once the body is larger than the
socket buffers (about 3 MB, a few ten thousand triples).
"""

from __future__ import annotations

import base64
import http.client
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from kommgraph.errors import EndpointError, ValueFieldError, shorten

ENV_USER = "KOMMGRAPH_ENDPOINT_USER"
ENV_PASSWORD = "KOMMGRAPH_ENDPOINT_PASSWORD"
ENV_AUTH = "KOMMGRAPH_ENDPOINT_AUTH"
SCHEMES = ("basic", "digest")


@dataclass(frozen=True)
class Credentials:
    """A user and password, and how the server wants them (`basic` or `digest`)."""

    user: str
    password: str
    scheme: str = "basic"


def credentials() -> Credentials | None:
    """The credentials in the environment; None without a user. A wrong scheme is an error."""
    scheme = os.environ.get(ENV_AUTH, "").strip().lower() or "basic"
    if scheme not in SCHEMES:
        given = os.environ.get(ENV_AUTH, "")
        reason = f"{shorten(given, quote=True)} is no authentication scheme; give basic or digest"
        raise ValueFieldError("auth", given, reason)
    user = os.environ.get(ENV_USER)
    return Credentials(user, os.environ.get(ENV_PASSWORD, ""), scheme) if user else None


def authorization(url: str, method: str, timeout: float) -> str | None:
    """The `Authorization` header value for one request (None: send none).

    Digest asks the server for a challenge first (a GET without body, waiting
    at most `timeout`); a server that asks for none gets no header.
    """
    found = credentials()
    if found is None:
        return None
    if found.scheme == "basic":
        token = base64.b64encode(f"{found.user}:{found.password}".encode()).decode()
        return f"Basic {token}"
    challenge = _challenge(url, timeout)
    if challenge is None:
        return None
    request = urllib.request.Request(url, method=method)
    manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    parts = urllib.parse.urlsplit(url)
    manager.add_password(None, f"{parts.scheme}://{parts.netloc}/", found.user, found.password)
    try:
        value = urllib.request.HTTPDigestAuthHandler(manager).get_authorization(request, challenge)
    except ValueError as exc:  # an algorithm or qop that urllib does not know
        raise EndpointError(url, f"cannot answer its Digest challenge ({exc})") from None
    if value is None:
        raise EndpointError(url, "cannot answer its Digest challenge")
    return f"Digest {value}"


def _challenge(url: str, timeout: float) -> dict[str, str] | None:
    """The Digest challenge of `url`, or None when it asks for no authentication."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url), timeout=timeout) as response:
            response.read()
            return None
    except urllib.error.HTTPError as exc:
        exc.read()
        status = exc.code
        offered = exc.headers.get("WWW-Authenticate", "") if status == 401 else ""
    except urllib.error.URLError as exc:
        raise connection_error(url, exc.reason, timeout) from None
    except (OSError, http.client.HTTPException) as exc:
        raise connection_error(url, exc, timeout) from None
    except ValueError as exc:
        raise EndpointError(url, f"not a usable URL ({exc})") from None
    scheme, _, rest = offered.partition(" ")
    if scheme.lower() != "digest":
        if status == 401:
            what = f"{scheme} authentication" if scheme else "authentication"
            raise EndpointError(url, f"asks for {what}, not Digest ({ENV_AUTH})", 401)
        return None  # no challenge (404, 405, ...): the real request tells what is wrong
    items = [item for item in urllib.request.parse_http_list(rest) if item]
    return urllib.request.parse_keqv_list(items)


def connection_error(url: str, reason: object, timeout: float) -> EndpointError:
    """A server that did not answer, worded the same for every request kommgraph makes."""
    if isinstance(reason, TimeoutError) or "timed out" in str(reason):
        return EndpointError(url, f"no answer within {timeout:g} s", timed_out=True)
    if isinstance(reason, ConnectionRefusedError):
        return EndpointError(url, "cannot connect (connection refused)")
    return EndpointError(url, f"cannot connect ({reason or type(reason).__name__})")
