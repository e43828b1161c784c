"""Errors the domain raises; every message is meant for a person (Chinese first)."""

from __future__ import annotations

from dataclasses import dataclass


class DomainError(Exception):
    """A rule of the domain was broken. ``str(err)`` is a one-line Chinese message."""


class PermissionDenied(DomainError):
    pass


class NotFound(DomainError):
    pass


class Conflict(DomainError):
    pass


class StorageFailure(DomainError):
    """The disk refused a write (full, or an I/O error): nothing of this change was saved,
    everything saved before is intact, and the same action can be tried again."""


@dataclass(frozen=True)
class CellError:
    """One fault in an imported table: sheet, 1-based row as shown in Excel, column header."""

    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if not self.sheet:
            return self.message
        where = f"工作表「{self.sheet}」第 {self.row} 行" if self.row > 0 else f"「{self.sheet}」"
        if self.column:
            where += f"「{self.column}」列"
        return f"{where}：{self.message}"


class ImportRejected(DomainError):
    """An all-or-nothing import found faults; nothing was written.

    At most ``max_listed`` faults are kept in ``errors`` (a file with 50 000 bad rows
    must not make a 50 000-line message); when there were more, the last entry says how
    many were left out, and ``total`` is the full count."""

    max_listed = 200  # app.formats.limits sets the configured value

    def __init__(self, errors: list[CellError]):
        errors = list(errors)
        self.total = len(errors)
        self.errors = errors[:self.max_listed]
        if self.total > self.max_listed:
            self.errors.append(CellError("", 0, "", f"……另有 {self.total - self.max_listed} 处错误未列出"
                                                    f"（共 {self.total} 处）"))
        first = str(self.errors[0]) if self.errors else ""
        more = f"（另有 {self.total - 1} 处错误）" if self.total > 1 else ""
        super().__init__(f"导入未执行，未写入任何数据：{first}{more}")
