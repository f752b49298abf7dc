"""A throwaway Virtuoso Open Source 7 server for tests, run as a plain subprocess.

`virtuoso_server(folder)` writes its own `virtuoso.ini` into `folder` (database,
transaction log and temp files all inside it; SQL and HTTP ports are free
ports on 127.0.0.1), starts `virtuoso-t -f` (foreground: no daemon, not the
system service), waits until the SPARQL endpoint answers, creates a SPARQL
user and a random dba password through `isql-vt`, yields a `VirtuosoServer`
and always stops the process at the end (SIGTERM, then SIGKILL after a
timeout), also when starting fails half-way or the test fails.

Needs the Debian/Ubuntu package `virtuoso-opensource` (7.2.5 on Debian 12:
binaries `/usr/bin/virtuoso-t` and `/usr/bin/isql-vt`; upstream builds call
the client `isql`, which on Debian is unixODBC's and cannot talk to Virtuoso).

Endpoints of a fresh database (rows of DB.DBA.HTTP_PATH):

    /sparql                   queries; updates only if the anonymous user
                              "SPARQL" is granted SPARQL_UPDATE (not done here:
                              anyone on the machine could then write)
    /sparql-auth              queries and updates, HTTP Digest auth (realm
                              "SPARQL", qop=auth, MD5); Basic auth is refused
    /sparql-graph-crud        Graph Store Protocol, anonymous: GET only
    /sparql-graph-crud-auth   Graph Store Protocol, Digest auth: GET, PUT, POST,
                              DELETE; `?graph=<iri>` only (`?default` is refused)

There is no `/update` next to `/sparql` (404).

Digest auth from Python: `urllib.request.HTTPDigestAuthHandler` (see
`VirtuosoServer.opener`) or SPARQLWrapper's `setHTTPAuth(DIGEST)` with
`setCredentials(user, password)`. Both send the body first and answer the
401 afterwards; Virtuoso answers 401 without reading the body, so a body
larger than the socket buffers (about 3 MB here) fails with "connection
reset" or "broken pipe": send large bodies with `authorize` (a Digest header
computed from a body-less probe of the same URL) instead.
"""

from __future__ import annotations

import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"
START_SECONDS = 60.0  # a new database takes 3-7 s on 2 busy cores
STOP_SECONDS = 10.0  # SIGTERM ("quick shutdown") takes well under 1 s unless a write hangs
ISQL_SECONDS = 60.0
SPARQL_USER = "kommgraph"  # may query and update, on the -auth endpoints only
REALM = "SPARQL"  # the Digest realm of both -auth endpoints

# The packaged /etc/virtuoso-opensource-7/virtuoso.ini (7.2.5), cut down to what
# a test server needs: no plugins, no VAD auto-install (the Conductor, 2 s of
# every start), no striping/replication/URIQA; every path in the folder, both
# ports on 127.0.0.1. The [SPARQL] limits are off: the packaged
# ResultSetMaxRows = 10000 and MaxQueryExecutionTime = 60 cut answers off
# *silently* (HTTP 200 with a partial result; only the X-SQL-State header says so).
_INI = """\
; written by tests/remote/virtuoso.py for a throwaway test server
[Database]
DatabaseFile       = {db}/virtuoso.db
ErrorLogFile       = {db}/virtuoso.log
LockFile           = {db}/virtuoso.lck
TransactionFile    = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {db}/virtuoso-temp.db
TransactionFile    = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort               = {host}:{sql_port}
LiteMode                 = 0
DisableUnixSocket        = 1
DisableTcpSocket         = 0
MaxClientConnections     = 20
CheckpointInterval       = 60
O_DIRECT                 = 0
CaseMode                 = 2
MaxStaticCursorRows      = 5000
CheckpointAuditTrail     = 0
AllowOSCalls             = 0
SchedulerInterval        = 10
DirsAllowed              = ., {folder}
ThreadCleanupInterval    = 0
ThreadThreshold          = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize        = 100000
SingleCPU                = 0
PrefixResultNames        = 0
RdfFreeTextRulesSize     = 100
IndexTreeMaps            = 64
MaxMemPoolSize           = 200000000
MaxQueryMem              = 1G
VectorSize               = 1000
MaxVectorSize            = 1000000
AdjustVectorSize         = 0
ThreadsPerQuery          = 2
AsyncQueueMaxThreads     = 10
NumberOfBuffers          = 20000
MaxDirtyBuffers          = 15000
MaxSortedTopRows         = 1000000

[HTTPServer]
ServerPort                  = {host}:{http_port}
ServerRoot                  = {vsp}
MaxClientConnections        = 20
DavRoot                     = DAV
EnabledDavVSP               = 0
HTTPProxyEnabled            = 0
TempASPXDir                 = 0
ServerThreads               = 20
MaxKeepAlives               = 10
KeepAliveTimeout            = 10
MaxCachedProxyConnections   = 10
ProxyConnectionCacheTimeout = 15
HTTPThreadSize              = 280000
HttpPrintWarningsInOutput   = 0
Charset                     = UTF-8
EnabledGzipContent          = 0

[Client]
SQL_PREFETCH_ROWS  = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT  = 0
SQL_TXN_TIMEOUT    = 0

[SPARQL]
ResultSetMaxRows           = 0
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime      = 0
DefaultQuery               = ASK {{}}
DeferInferenceRulesInit    = 0
"""


class VirtuosoStartError(RuntimeError):
    """Virtuoso is not installed, exited, or never answered."""


@dataclass(frozen=True)
class VirtuosoServer:
    """A running throwaway Virtuoso: its URLs and accounts."""

    folder: Path
    http_port: int
    sql_port: int
    pid: int
    user: str  # has SPARQL_UPDATE: queries, updates and Graph Store writes with Digest auth
    password: str
    dba_password: str  # for `isql` (the SQL port), and Digest auth as "dba"

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.http_port}"

    @property
    def query_url(self) -> str:
        """Anonymous SPARQL queries (read only)."""
        return f"{self.base_url}/sparql"

    @property
    def auth_url(self) -> str:
        """SPARQL queries and updates, Digest auth."""
        return f"{self.base_url}/sparql-auth"

    @property
    def graph_crud_url(self) -> str:
        """Graph Store Protocol, anonymous (GET only)."""
        return f"{self.base_url}/sparql-graph-crud"

    @property
    def graph_crud_auth_url(self) -> str:
        """Graph Store Protocol, Digest auth (GET, PUT, POST, DELETE; `?graph=` only)."""
        return f"{self.base_url}/sparql-graph-crud-auth"

    @property
    def log(self) -> Path:
        """Everything the server wrote (also in db/virtuoso.log)."""
        return self.folder / "virtuoso.stderr"

    def opener(
        self, user: str | None = None, password: str | None = None
    ) -> urllib.request.OpenerDirector:
        """A urllib opener that answers the Digest challenge (401) by itself (small bodies)."""
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(
            None,
            self.base_url + "/",
            user or self.user,
            self.password if password is None else password,
        )
        return urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(manager))

    def authorize(self, request: urllib.request.Request) -> urllib.request.Request:
        """`request` with a Digest `Authorization` header, for bodies of any size."""
        add_digest_authorization(request, self.user, self.password)
        return request

    def isql(self, sql: str, timeout: float = ISQL_SECONDS) -> str:
        """Run SQL statements (each ending in `;`) as dba; the output, or RuntimeError."""
        return run_isql(self.sql_port, "dba", self.dba_password, sql, timeout)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _executable(*names: str) -> Path:
    for name in names:
        found = shutil.which(name)
        if found is not None:
            return Path(found)
    raise VirtuosoStartError(
        f"Virtuoso is not installed ({' / '.join(names)} not found): "
        "apt-get install virtuoso-opensource"
    )


def server_executable() -> Path:
    """The Virtuoso server binary."""
    return _executable("virtuoso-t")


def isql_executable() -> Path:
    """Virtuoso's SQL client: `isql-vt` (Debian), `isql-v`, else an upstream `isql`."""
    return _executable("isql-vt", "isql-v", "isql")


def run_isql(port: int, user: str, password: str, sql: str, timeout: float = ISQL_SECONDS) -> str:
    """Run SQL through isql, statements on stdin; raise on an `*** Error` line.

    Statements go through stdin rather than `exec=` (where quotes and `%`
    break the command). isql itself exits 0 after a failed statement, so the
    output is checked. Write SPARQL as `SPARQL ...;` on a single line: isql
    reads `?name` at the start of a continuation line as a parameter marker.
    """
    command = [str(isql_executable()), f"{HOST}:{port}", user, password]
    done = subprocess.run(
        command,
        input=sql if sql.rstrip().endswith(";") else sql.rstrip() + ";",
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    output = done.stdout + done.stderr
    if done.returncode != 0 or "*** Error" in output:
        raise RuntimeError(f"isql failed (exit {done.returncode}):\n{output.strip()}")
    return output


def add_digest_authorization(request: urllib.request.Request, user: str, password: str) -> None:
    """Add a Digest `Authorization` header to `request` before it is sent.

    The challenge comes from a body-less GET of the same URL; the header for
    the real method and URL is computed from it with urllib's own Digest code.
    Virtuoso's nonces may be used again, so one header serves one request.
    """
    probe = urllib.request.Request(request.full_url, method="GET")
    try:
        with urllib.request.urlopen(probe, timeout=30) as response:
            response.read()
            return  # no authentication asked for
    except urllib.error.HTTPError as exc:
        exc.read()
        challenge = exc.headers.get("WWW-Authenticate", "")
    scheme, _, rest = challenge.partition(" ")
    if scheme.lower() != "digest":
        raise RuntimeError(f"{request.full_url} asks for no Digest auth: {challenge!r}")
    parsed = urllib.request.parse_keqv_list(
        [item for item in urllib.request.parse_http_list(rest) if item]
    )
    manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    split = urllib.parse.urlsplit(request.full_url)
    manager.add_password(None, f"{split.scheme}://{split.netloc}/", user, password)
    value = urllib.request.HTTPDigestAuthHandler(manager).get_authorization(request, parsed)
    if value is None:
        raise RuntimeError(f"cannot answer the Digest challenge of {request.full_url}")
    request.add_unredirected_header("Authorization", f"Digest {value}")


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _answers(url: str) -> bool:
    probe = url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    try:
        with urllib.request.urlopen(probe, timeout=2) as response:
            return int(response.status) == 200
    except (urllib.error.URLError, OSError):
        return False


def write_ini(
    folder: Path,
    http_port: int,
    sql_port: int,
    settings: Mapping[str, Mapping[str, object]] | None = None,
) -> Path:
    """Write `folder/virtuoso.ini` (database in `folder/db`); return its path.

    `settings` replaces or adds entries per section, e.g.
    `{"SPARQL": {"ResultSetMaxRows": 10000}, "Parameters": {"NumberOfBuffers": 100000}}`
    (20,000 buffers of 8 kB = 160 MB of page cache, enough for ~1M triples).
    """
    db = folder / "db"
    vsp = folder / "vsp"
    db.mkdir(parents=True, exist_ok=True)
    vsp.mkdir(parents=True, exist_ok=True)
    text = _INI.format(
        db=db, vsp=vsp, folder=folder, host=HOST, sql_port=sql_port, http_port=http_port
    )
    ini = folder / "virtuoso.ini"
    ini.write_text(_override(text, settings or {}), encoding="utf-8")
    return ini


def _override(text: str, settings: Mapping[str, Mapping[str, object]]) -> str:
    """The ini text with `key = value` lines replaced or added per section."""
    lines = text.splitlines()
    for section, entries in settings.items():
        header = f"[{section}]"
        if header not in lines:
            lines += ["", header]
        start = lines.index(header) + 1
        end = next((i for i in range(start, len(lines)) if lines[i].startswith("[")), len(lines))
        for key, value in entries.items():
            found = next(
                (i for i in range(start, end) if lines[i].split("=")[0].strip() == key), None
            )
            if found is None:
                lines.insert(end, f"{key} = {value}")
                end += 1
            else:
                lines[found] = f"{key} = {value}"
    return "\n".join(lines) + "\n"


def _setup_sql(user: str, password: str, dba_password: str) -> str:
    """A SPARQL user with write rights (Digest auth), and a new dba password.

    SPARQL_UPDATE lets the user update through /sparql-auth and write through
    /sparql-graph-crud-auth; RDF_DEFAULT_USER_PERMS_SET(.., 15) gives it
    read, write, sponge and list on every graph (graph-level security).
    The anonymous user "SPARQL" of /sparql keeps read-only rights.
    """
    quoted = _sql_string(user)
    return (
        f"DB.DBA.USER_CREATE({quoted}, {_sql_string(password)});\n"
        f'GRANT SPARQL_UPDATE TO "{user}";\n'
        f"DB.DBA.RDF_DEFAULT_USER_PERMS_SET({quoted}, 15);\n"
        f"USER_SET_PASSWORD('dba', {_sql_string(dba_password)});\n"
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM ("quick shutdown"), SIGKILL if that hangs, and reap the process."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=STOP_SECONDS)
            return
        except subprocess.TimeoutExpired:
            # A write stuck in a lock wait keeps a SIGTERMed Virtuoso alive.
            process.kill()
    process.wait(timeout=STOP_SECONDS)


@contextmanager
def virtuoso_server(
    folder: Path,
    *,
    settings: Mapping[str, Mapping[str, object]] | None = None,
    start_seconds: float = START_SECONDS,
) -> Iterator[VirtuosoServer]:
    """Run a throwaway Virtuoso with its database in `folder`; always stop it.

    `folder` must be new or empty (a pytest `tmp_path`): a new database is
    made there. `settings` overrides virtuoso.ini entries (see `write_ini`).
    """
    folder = folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    if (folder / "db" / "virtuoso.db").exists():
        raise VirtuosoStartError(f"{folder} already holds a database; give an empty folder")
    server = server_executable()
    isql_executable()  # missing client: fail before starting anything
    http_port = free_port()
    sql_port = free_port()
    while sql_port == http_port:
        sql_port = free_port()
    ini = write_ini(folder, http_port, sql_port, settings)
    log = folder / "virtuoso.stderr"
    command = [str(server), "-f", "-c", str(ini)]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=folder, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + start_seconds
        query_url = f"http://{HOST}:{http_port}/sparql"
        while not _answers(query_url):
            if process.poll() is not None or time.monotonic() > deadline:
                why = (
                    f"exited with code {process.returncode}"
                    if process.poll() is not None
                    else f"did not answer within {start_seconds:g} s"
                )
                raise VirtuosoStartError(
                    f"Virtuoso ({' '.join(command)}) {why}; the end of its output:\n"
                    + log.read_text(encoding="utf-8", errors="replace")[-3000:]
                )
            time.sleep(0.1)
        password = secrets.token_hex(12)
        dba_password = secrets.token_hex(12)
        run_isql(sql_port, "dba", "dba", _setup_sql(SPARQL_USER, password, dba_password))
        yield VirtuosoServer(
            folder=folder,
            http_port=http_port,
            sql_port=sql_port,
            pid=process.pid,
            user=SPARQL_USER,
            password=password,
            dba_password=dba_password,
        )
    finally:
        _stop(process)
