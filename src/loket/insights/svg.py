"""Drawing a `Chart` as SVG with pygal (server-side, no script needed to read it). The
picture is served as its own document (an <img> on the page, with the same figures as a
table beside it), so its embedded style sheet does not need the pages' strict
Content-Security-Policy to allow inline styles."""

from __future__ import annotations

import pygal
from pygal.style import Style

from loket.insights.charts import Chart

# Loket's colours; the second series (targets) is drawn in a contrasting dark grey.
STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#1b1b1b",
    foreground_strong="#1b1b1b",
    foreground_subtle="#595959",
    colors=("#0b5cab", "#4d4d4d", "#b35900", "#2e7d32"),
    font_family="system-ui, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=13,
    title_font_size=16,
)
_KINDS = {"bar": pygal.Bar, "hbar": pygal.HorizontalBar, "line": pygal.Line}


def chart_svg(chart: Chart) -> bytes:
    kind = _KINDS[chart.kind]
    drawing = kind(
        style=STYLE,
        width=760,
        height=380 if chart.kind != "hbar" else max(260, 36 * len(chart.labels) + 120),
        title=chart.title,
        x_label_rotation=30 if chart.kind == "line" and len(chart.labels) > 6 else 0,
        show_legend=len(chart.series) > 1,
        legend_at_bottom=True,
        print_values=False,
        js=[],
        disable_xml_declaration=False,
        no_data_text="—",
        truncate_label=-1,
        min_scale=4,
        allow_interruptions=True,
    )
    drawing.x_labels = chart.labels
    for name, values in chart.series:
        drawing.add(name, values)
    data: bytes = drawing.render()
    return data
