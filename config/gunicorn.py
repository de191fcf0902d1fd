"""gunicorn settings for production: `gunicorn -c config/gunicorn.py` (see `make serve`).

Every value can be changed from the environment; the defaults suit a small VM behind a
reverse proxy on the same host.
"""

import multiprocessing
import os

wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: pages are short database reads; a proxy in front buffers slow clients.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A request that takes this long is stuck; the worker is replaced rather than left hanging.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Recycle workers now and then so a slow leak can never grow without bound, but not so often
# that a busy minute churns them: at 2,000 a worker restarted 70 times in 95 s under load
# (each restart re-reads the skill vectors). 100,000 is hours at ordinary traffic and still
# minutes apart at the ~1,500 requests/s a 2-core host reaches.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "10000"))
# Import Django once in the master, then fork: faster start, shared memory pages.
preload_app = True
# Request lines come from Django's own JSON request log (LOG_FORMAT=json), so gunicorn's
# access log is off unless asked for; errors go to stderr.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Trust X-Forwarded-* only from the proxy on this host.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn's control socket (gunicornc) defaults to one path per user, so two instances on a
# host took it from each other. Off unless GUNICORN_CONTROL_SOCKET names this instance's own.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket
