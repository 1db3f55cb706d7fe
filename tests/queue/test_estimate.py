"""The waiting-time estimate: its parts, and that it beats the naive one on a simulated day."""

from __future__ import annotations

import pytest

from loket.queue.estimate import (
    DEFAULT_SERVICE_MINUTES,
    DeskLoad,
    ServiceHistory,
    naive_estimate,
    wait_estimate,
)
from loket.queue.simulation import day_simulate


def test_no_open_desk_gives_no_estimate() -> None:
    assert wait_estimate(ahead=["A"], desks=[], history=ServiceHistory()) is None


def test_a_free_desk_and_nobody_ahead_is_no_wait() -> None:
    assert wait_estimate(ahead=[], desks=[DeskLoad()], history=ServiceHistory()) == 0.0


def test_without_history_the_default_service_time_is_used() -> None:
    estimate = wait_estimate(ahead=["A", "A"], desks=[DeskLoad()], history=ServiceHistory())

    assert estimate == 2 * DEFAULT_SERVICE_MINUTES


def test_tickets_ahead_are_shared_over_the_open_desks() -> None:
    history = ServiceHistory(durations={"A": [4.0, 4.0, 4.0]})

    one_desk = wait_estimate(ahead=["A"] * 4, desks=[DeskLoad()], history=history)
    two_desks = wait_estimate(ahead=["A"] * 4, desks=[DeskLoad(), DeskLoad()], history=history)

    assert one_desk == 16.0
    assert two_desks == 8.0


def test_each_product_group_keeps_its_own_service_time() -> None:
    history = ServiceHistory(durations={"A": [2.0, 2.0, 2.0], "C": [10.0, 10.0, 10.0]})

    assert wait_estimate(ahead=["C"], desks=[DeskLoad()], history=history) == 10.0
    assert wait_estimate(ahead=["A"], desks=[DeskLoad()], history=history) == 2.0


def test_a_group_with_too_few_services_uses_the_pooled_mean() -> None:
    history = ServiceHistory(durations={"A": [2.0, 2.0, 2.0, 2.0], "C": [10.0]})

    assert history.mean("C") == pytest.approx(3.6)


def test_a_busy_desk_is_free_after_the_expected_remaining_time() -> None:
    history = ServiceHistory(durations={"A": [2.0, 4.0, 6.0, 8.0]})

    # Busy for 3 minutes: the services that lasted longer took 4, 6 and 8 → 1, 3, 5 left.
    estimate = wait_estimate(ahead=[], desks=[DeskLoad("A", 3.0)], history=history)

    assert estimate == pytest.approx(3.0)


def test_a_service_longer_than_all_recent_ones_still_needs_some_time() -> None:
    history = ServiceHistory(durations={"A": [2.0, 2.0, 2.0]})

    assert history.remaining("A", 9.0) == pytest.approx(0.6)


def test_the_naive_estimate_is_people_ahead_times_the_mean() -> None:
    history = ServiceHistory(durations={"A": [2.0, 4.0], "B": [6.0]})

    assert naive_estimate(ahead=3, history=history) == 12.0


def test_the_estimate_beats_the_naive_one_on_a_simulated_day() -> None:
    day = day_simulate(seed=1, visitors=600)

    assert len(day.visitors) == 600
    assert all(visitor.called is not None for visitor in day.visitors)
    assert day.mae_estimate < day.mae_naive / 5


def test_the_estimate_beats_the_naive_one_per_desk_over_ten_simulated_days() -> None:
    days = [day_simulate(seed=seed, visitors=600) for seed in range(10)]

    mine = sum(day.mae_estimate for day in days) / len(days)
    per_desk = sum(day.mae_naive_per_desk for day in days) / len(days)

    assert mine < 0.9 * per_desk
