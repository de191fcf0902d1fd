"""The one error every importer and the taxonomy file reader raise: where input went wrong."""


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
