"""Refreshing the dashboards' figures every hour."""

from __future__ import annotations

from procrastinate.contrib.django import app

from loket.insights.figures import figures_refresh


@app.periodic(cron="5 * * * *", periodic_id="insights-refresh")
@app.task(
    name="insights.refresh",
    queue="insights",
    queueing_lock="insights-refresh",
    lock="insights-refresh",
)
def insights_refresh(timestamp: int) -> float:
    return figures_refresh()
