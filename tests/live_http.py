"""Real parallel HTTP requests against pytest-django's live server (a threaded WSGI server,
one database connection per thread), for races the test client cannot produce."""

import json
import threading
import urllib.error
import urllib.request


def send(url, method="GET", body=None, headers=None, timeout=60):
    """``(status, headers, parsed JSON or text)``; an HTTP error status is a result, not a raise."""
    data = None if body is None else json.dumps(body).encode()
    assert url.startswith("http://"), url  # the live server, never a file: URL
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})  # noqa: S310
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            status, head, raw = response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        status, head, raw = error.code, dict(error.headers), error.read()
    text = raw.decode("utf-8", "replace")
    try:
        return status, head, json.loads(text) if text else None
    except ValueError:
        return status, head, text


def in_parallel(calls):
    """Run each zero-argument callable in its own thread, released together; their results."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        try:
            results[index] = call()
        except Exception as exc:  # noqa: BLE001 - reported as the result, the test asserts on it
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results
