"""What an import did to one kind of record, for its summary line."""

from dataclasses import dataclass


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self):
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


def collision_lines(found, first=()):
    """An import's summary lines, then the name collisions it reports and imports anyway
    (``taxonomy.duplicates.collisions``): ESCO itself shares labels between concepts."""
    if not found:
        return list(first)
    return [
        *first,
        f"name collisions (imported anyway; merge or rename in admin): {len(found)}",
        *(f"  {line}" for line in found),
    ]
