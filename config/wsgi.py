"""WSGI entry point for gunicorn.

numpy's BLAS (search by meaning) starts a thread per core in every process. A sync worker
serves one request at a time and the workers already fill the cores, so those threads only
contend (one measurement on two cores: the job advert reader's p95 116 ms with the default,
70 ms with one thread each). Set before Django loads the apps, which loads numpy; an
operator's own value wins.
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

from django.core.wsgi import get_wsgi_application  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()
