"""The one module that talks to duckdb.

Cross-table and log rules are SQL run here on pandas frames registered as
views; nothing else in vigoklar imports duckdb.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import Any, Self

import duckdb
import pandas as pd


class Database:
    """An in-memory duckdb connection with the extract tables registered as views."""

    def __init__(self, tables: Mapping[str, pd.DataFrame] | None = None) -> None:
        self._connection = duckdb.connect(database=":memory:")
        for name, frame in (tables or {}).items():
            self.register(name, frame)

    def register(self, name: str, frame: pd.DataFrame) -> None:
        """Make ``frame`` queryable as ``name``."""
        self._connection.register(name, frame)

    def query(self, sql: str, parameters: Sequence[Any] | None = None) -> pd.DataFrame:
        """Run ``sql`` and return the result as a pandas frame."""
        frame: pd.DataFrame = self._connection.execute(sql, parameters or []).df()
        return frame

    def scalar(self, sql: str, parameters: Sequence[Any] | None = None) -> Any:
        """Run ``sql`` and return the first column of its first row (None when empty)."""
        row = self._connection.execute(sql, parameters or []).fetchone()
        return None if row is None else row[0]

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
