"""Importers that write whole batches of taxonomy content in one transaction."""

from ..import_errors import ImportFailed

__all__ = ["ImportFailed"]
