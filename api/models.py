"""API tokens: stored as a SHA-256 digest (never the key), with an expiry and a scope.

The key is 43 random URL-safe characters (256 bits) shown once when issued; a digest of such a
key needs no salt or slow hash, and lets a request find its token with one indexed lookup.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

KEY_PREFIX_LENGTH = 8


def key_digest(key):
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def for_key(self, key):
        """The token with this key, its account loaded (None if unknown)."""
        return self.select_related("user").filter(digest=key_digest(key)).first()


class ApiToken(models.Model):
    class Scope(models.TextChoices):
        READ = "read", "Read only"
        WRITE = "write", "Read and write"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What uses it, e.g. “ATS nightly sync”.")
    scope = models.CharField(max_length=5, choices=Scope.choices, default=Scope.READ)
    prefix = models.CharField(
        max_length=KEY_PREFIX_LENGTH, editable=False, help_text="The key's first characters."
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    expires = models.DateTimeField(help_text="The token stops working at this time.")

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "API token"
        ordering = ["-created"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, user, *, name, scope=Scope.READ, days=90):
        """Create a token; returns (token, key). The key is not stored: show it now or never."""
        token = cls(
            user=user, name=name, scope=scope, expires=timezone.now() + timedelta(days=days)
        )
        key = token.new_key()
        token.save()
        return token, key

    def new_key(self):
        """Give the (unsaved) token a fresh key; returns the key, which is not kept."""
        key = secrets.token_urlsafe(32)
        self.prefix, self.digest = key[:KEY_PREFIX_LENGTH], key_digest(key)
        return key

    @property
    def has_expired(self):
        return self.expires <= timezone.now()

    @property
    def can_write(self):
        return self.scope == self.Scope.WRITE
