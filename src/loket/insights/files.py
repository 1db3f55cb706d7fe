"""A chart's table as CSV (the same rows the page shows)."""

from __future__ import annotations

import csv
import io

from loket.insights.charts import Chart


def chart_csv(chart: Chart) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(chart.columns)
    for row in chart.rows:
        writer.writerow(["" if value is None else value for value in row])
    return buffer.getvalue().encode("utf-8-sig")
