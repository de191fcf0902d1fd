"""Database time limits, so a database that stops answering costs seconds, not whole workers.

Without them a PostgreSQL that accepts connections and never replies held every request until
gunicorn killed the worker (~31 s, no response at all). With them:

- ``DB_CONNECT_TIMEOUT`` (seconds, default 3): libpq gives up connecting (TCP, TLS and the
  start-up exchange) after this long; the request then answers 503 (``ops.outage``).
- ``DB_STATEMENT_TIMEOUT`` (seconds, default 20, below gunicorn's 30 s; 0 = no limit):
  PostgreSQL cancels a query (or a lock wait) running longer; also a 503. ``manage.py`` commands
  default to no limit (imports and migrations run long statements on purpose), see manage.py.

``describe()`` turns the driver's error into a reason safe to show on ``/healthz``.
"""

DEFAULT_CONNECT_TIMEOUT = 3
DEFAULT_STATEMENT_TIMEOUT = 20


def with_timeouts(database, connect_timeout, statement_timeout):
    """``database`` (a DATABASES entry) with the limits added to its OPTIONS (PostgreSQL only)."""
    if "postgresql" not in database.get("ENGINE", ""):
        return database
    options = dict(database.get("OPTIONS", {}))
    if connect_timeout:
        # libpq's minimum is 2 s; a smaller value would silently become 2.
        options.setdefault("connect_timeout", max(2, int(connect_timeout)))
    if statement_timeout:
        setting = f"-c statement_timeout={int(float(statement_timeout) * 1000)}"
        options["options"] = f"{options.get('options', '')} {setting}".strip()
    return {**database, "OPTIONS": options}


def describe(error, settings):
    """Why the database did not answer, in words for a load balancer's log or a person."""
    text = str(error).lower()
    options = settings.DATABASES["default"].get("OPTIONS", {})
    if "timeout expired" in text:
        seconds = options.get("connect_timeout", "?")
        return f"The database did not answer within {seconds} s (DB_CONNECT_TIMEOUT)."
    if "statement timeout" in text:
        return "The database did not answer a query within DB_STATEMENT_TIMEOUT (cancelled)."
    if "refused" in text:
        return "The database did not answer: it refused the connection (is it running?)."
    if "could not translate host name" in text or "name or service not known" in text:
        return "The database did not answer: its host name does not resolve."
    return f"The database did not answer ({type(error).__name__})."
