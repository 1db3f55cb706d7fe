"""The nightly open-data publication."""

from __future__ import annotations

from procrastinate.contrib.django import app

from loket.opendata.services import open_data_publish


@app.periodic(cron="15 3 * * *", periodic_id="opendata-publish")
@app.task(
    name="opendata.publish",
    queue="opendata",
    queueing_lock="opendata-publish",
    lock="opendata-publish",
)
def opendata_publish(timestamp: int) -> int:
    """Recompute every open-data file; returns how many changed."""
    return open_data_publish().changed
