"""Every domain has the shape of docs/domain-template.md (cases is the reference)."""

from __future__ import annotations

import re
from pathlib import Path

import loket

SOURCE = Path(loket.__file__).parent
# Packages that are not domains: settings, glue layers and the shared core.
NOT_DOMAINS = {"config", "core", "web", "api", "locale", "demo", "__pycache__"}
DOMAINS = sorted(
    path.name
    for path in SOURCE.iterdir()
    if path.is_dir() and path.name not in NOT_DOMAINS and (path / "apps.py").exists()
)
AUDIENCES = {"portal", "backoffice", "public", "email"}


def test_the_domains_are_found() -> None:
    assert {"cases", "catalog", "notify", "payments", "reports"} <= set(DOMAINS)


def test_pages_live_in_a_views_package_split_by_audience() -> None:
    misplaced = sorted(
        f"{domain}/{path.name}"
        for domain in DOMAINS
        for path in (SOURCE / domain).glob("*.py")
        if path.name == "views.py" or path.name.endswith("_views.py") or "views_" in path.name
    )
    assert misplaced == []


def test_page_templates_sit_in_an_audience_folder() -> None:
    misplaced = []
    for domain in DOMAINS:
        if not (SOURCE / domain / "views").is_dir():
            continue
        root = SOURCE / domain / "templates" / domain
        for template in root.rglob("*.html"):
            relative = template.relative_to(root)
            shared_partial = len(relative.parts) == 1 and relative.name.startswith("_")
            if not shared_partial and relative.parts[0] not in AUDIENCES:
                misplaced.append(f"{domain}/{relative}")
    assert misplaced == []


def test_notification_events_are_declared_in_the_domain_s_notifications_module() -> None:
    declaring = sorted(
        str(path.relative_to(SOURCE))
        for path in SOURCE.rglob("*.py")
        if re.search(r"\bevent_register\(", path.read_text(encoding="utf-8"))
    )
    assert [path for path in declaring if not path.endswith("/notifications.py")] == [
        "notify/events.py"  # where event_register itself is defined
    ]
