"""The one module that builds tables with great-tables.

Every table is rendered to an HTML fragment with its CSS inline in a
``<style>`` block, so the page stays self-contained. great-tables escapes
cell text, so data such as ``<b>`` is shown as text, never as markup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
from great_tables import GT, loc, style


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def render_table(
    rows: Sequence[Mapping[str, str]],
    columns: Mapping[str, str],
    *,
    title: str | None = None,
    status_column: str | None = None,
    status_colours: Mapping[str, str] | None = None,
) -> str:
    """Render ``rows`` as an HTML table fragment.

    ``columns`` maps each key of the rows to its heading, in display order.
    When ``status_column`` is given, its cells get the background colour that
    ``status_colours`` names for their text.
    """
    frame = pd.DataFrame(
        [{key: _cell(row.get(key)) for key in columns} for row in rows], columns=list(columns)
    )
    table = GT(frame).cols_label(cases=dict(columns)).opt_row_striping()
    if title:
        table = table.tab_header(title=title)
    if status_column and status_colours:
        for text, colour in status_colours.items():
            matching = [i for i, value in enumerate(frame[status_column]) if value == text]
            if matching:
                table = table.tab_style(
                    style=style.fill(color=colour),
                    locations=loc.body(columns=status_column, rows=matching),
                )
    return str(table.as_raw_html())
