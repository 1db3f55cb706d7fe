"""Benchmark: the waiting-time estimate against the naive one on simulated office days.

Each day (loket.queue.simulation): 600 visitors between 08:00 and 18:00 with a morning and
an afternoon peak, three product groups with log-normal service times (medians 1.4, 3.0 and
6.0 minutes), 4 % priority tickets, four desks of which one opens an hour late and each
takes a break. For every visitor the estimate made when the ticket was taken is compared
with the wait actually achieved; the figure is the mean absolute error (minutes).

    PYTHONPATH=src .venv/bin/python bench/queue_estimate.py [--days 50] [--visitors 600]
"""

from __future__ import annotations

import argparse
import statistics

from loket.queue.simulation import day_simulate


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, default=50)
    parser.add_argument("--visitors", type=int, default=600)
    arguments = parser.parse_args()
    days = [day_simulate(seed=seed, visitors=arguments.visitors) for seed in range(arguments.days)]
    rows = {
        "estimate (desks replayed)": [day.mae_estimate for day in days],
        "naive: people ahead x mean service": [day.mae_naive for day in days],
        "naive per desk: ahead x mean / open desks": [day.mae_naive_per_desk for day in days],
    }
    waits = [day.mean_wait for day in days]
    print(f"{arguments.days} days of {arguments.visitors} visitors, 4 desks")
    low, high = min(waits), max(waits)
    print(
        f"mean wait per day: {statistics.fmean(waits):.1f} min (days from {low:.1f} to {high:.1f})"
    )
    print("| estimate | MAE min (mean of days) | best day | worst day |")
    print("|---|---:|---:|---:|")
    for name, values in rows.items():
        print(
            f"| {name} | {statistics.fmean(values):.2f} | {min(values):.2f} | {max(values):.2f} |"
        )
    wins = sum(day.mae_estimate < day.mae_naive_per_desk for day in days)
    print(f"estimate better than naive per desk on {wins} of {len(days)} days")


if __name__ == "__main__":
    main()
