"""The demo loader: categories and mappings for every municipality, reports, idempotent."""

from __future__ import annotations

from loket.reports.demo import category_tree, demo_texts, reports_demo_load
from loket.reports.models import Category, CategoryMapping, Open311Client, Report
from loket.reports.services import open311_client_authenticate
from tests.reports.conftest import ReportsRegion


def test_the_demo_loads_once(zwvl: ReportsRegion) -> None:
    first = reports_demo_load(reports_total=12)
    assert first.reports == 12
    assert first.categories == 46
    assert first.mappings == 3 * 35
    assert (
        Report.objects.filter(device_id="loket-demo").values("municipality").distinct().count() == 3
    )
    assert Report.objects.exclude(status="new").exists()
    counts = (
        Category.objects.count(),
        CategoryMapping.objects.count(),
        Report.objects.count(),
        Open311Client.objects.count(),
    )
    second = reports_demo_load(reports_total=12)
    assert second.reports == 0
    assert (
        Category.objects.count(),
        CategoryMapping.objects.count(),
        Report.objects.count(),
        Open311Client.objects.count(),
    ) == counts
    client = open311_client_authenticate(first.open311_keys["zwvl"])
    assert client is not None
    assert client.region == zwvl.region


def test_every_category_has_its_own_demo_texts() -> None:
    leaves = {child["code"] for group in category_tree() for child in group["children"]}
    texts = demo_texts()
    assert set(texts) == leaves
    assert all(len(pairs) >= 2 and all(nl and fr for nl, fr in pairs) for pairs in texts.values())


def test_demo_reports_describe_their_own_category(zwvl: ReportsRegion) -> None:
    reports_demo_load(reports_total=40)
    texts = demo_texts()
    reports = list(Report.objects.filter(device_id="loket-demo").select_related("category"))
    assert len(reports) == 40
    for report in reports:
        dutch = [nl for nl, _fr in texts[report.category.code]]
        assert report.description in dutch, (report.category.code, report.description)
    dog = [nl for nl, _fr in texts["dog-fouling"]]
    assert all("zetel" not in text for text in dog)
