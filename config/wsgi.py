"""WSGI entry point for gunicorn.

numpy's BLAS (search by meaning) starts a thread per core in every process. A sync worker
serves one request at a time and the workers already fill the cores, so those threads only
contend (one measurement on two cores: the job advert reader's p95 116 ms with the default,
70 ms with one thread each). Set before Django loads the apps, which loads numpy; an
operator's own value wins.

Once Django is loaded, ``gc.freeze()`` moves everything it built (modules, URL patterns,
templates' loaders, model metadata) out of the garbage collector's sight: a full collection
otherwise walks all of it, and one fell inside a request every few dozen searches, adding
30-50 ms to that request (the search page's p99 in process: 55 ms before, 43 ms after). With
gunicorn's ``preload_app`` this runs once in the master and the workers inherit frozen pages,
which also keeps those pages shared after the fork instead of copied when the collector
touches them.
"""

import gc
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

from django.core.wsgi import get_wsgi_application  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()
gc.freeze()
