"""Which writes make cached pages stale: every save or delete of public content.

Signals are used here, not in the models, because caching is infrastructure the models
should not know about. Bulk paths (queryset.update, bulk_create) send no signals and call
``page_cache.content_changed()`` themselves.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from .page_cache import content_changed

CONTENT_APPS = ("taxonomy", "interviews")


def _on_write(sender, **kwargs):
    if sender._meta.app_label in CONTENT_APPS:
        content_changed()


def connect():
    for name, signal in [("save", post_save), ("delete", post_delete), ("m2m", m2m_changed)]:
        signal.connect(_on_write, dispatch_uid=f"ops.invalidation.{name}")
