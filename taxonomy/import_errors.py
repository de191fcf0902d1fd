"""The one error every importer and the taxonomy file reader raise: where input went wrong."""


def undecodable_line(path):
    """The physical line (1-based) holding the first byte that is not UTF-8, or None.

    A text reader decodes ahead in blocks and a CSV reader counts records, so neither knows the
    line of a bad byte; reading the raw lines again does."""
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                return number
    return None


class ImportFailed(Exception):
    """Bad input: names the file, the line (or record) and the field, and nothing was written."""

    def __init__(self, message, *, file="", line=None, field=""):
        self.message = message
        self.file = str(file)
        self.line = line
        self.field = field
        super().__init__(str(self))

    def __str__(self):
        where = [self.file] if self.file else []
        if self.line is not None:
            where.append(f"line {self.line}" if isinstance(self.line, int) else str(self.line))
        if self.field:
            where.append(f"field {self.field!r}")
        return f"{', '.join(where)}: {self.message}" if where else self.message
