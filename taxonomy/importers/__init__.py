"""Importers that write whole batches of taxonomy content in one transaction."""

from .errors import ImportFailed

__all__ = ["ImportFailed"]
