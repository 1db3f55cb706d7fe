"""The architecture rules of docs/architecture.md as functions over source text, URL
patterns and the API, so a test can run each one on the code base and on a deliberate
violation."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI

from loket.tenancy.access import Access, access_of

SRC = Path(__file__).resolve().parents[2] / "src" / "loket"
MAX_MODULE_LINES = 500

DJANGO_SIGNALS = frozenset(
    {
        "pre_init",
        "post_init",
        "pre_save",
        "post_save",
        "pre_delete",
        "post_delete",
        "m2m_changed",
        "class_prepared",
        "pre_migrate",
        "post_migrate",
        "request_started",
        "request_finished",
        "got_request_exception",
        "setting_changed",
        "user_logged_in",
        "user_logged_out",
        "user_login_failed",
        "connection_created",
    }
)
SIGNAL_MODULES = ("django.dispatch", "django.db.models.signals", "django.core.signals")


def source_files() -> Iterator[Path]:
    """The Python modules of src/loket, migrations left out (they are generated)."""
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    if isinstance(node, ast.Call):
        return _dotted(node.func)
    return ""


def _signal_imports(node: ast.AST) -> list[str]:
    line = getattr(node, "lineno", 0)
    if isinstance(node, ast.ImportFrom) and node.module:
        if node.module.startswith(SIGNAL_MODULES):
            return [f"line {line}: imports from {node.module}"]
        if any(alias.name in DJANGO_SIGNALS for alias in node.names):
            return [f"line {line}: imports a signal from {node.module}"]
    if isinstance(node, ast.Import):
        return [
            f"line {line}: imports {alias.name}"
            for alias in node.names
            if alias.name.startswith(SIGNAL_MODULES)
        ]
    return []


def _signal_hooks(node: ast.AST) -> list[str]:
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return [
            f"line {decorator.lineno}: @receiver on {node.name}"
            for decorator in node.decorator_list
            if _dotted(decorator).split(".")[-1] == "receiver"
        ]
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"connect", "disconnect"}
    ):
        target = _dotted(node.func.value).split(".")[-1]
        by_sender = any(keyword.arg == "sender" for keyword in node.keywords)
        if target in DJANGO_SIGNALS or target.endswith("signal") or by_sender:
            return [f"line {node.lineno}: {_dotted(node.func)}(...)"]
    return []


def signal_uses(source: str) -> list[str]:
    """Places where a module uses Django signals: `@receiver`, `<signal>.connect(...)`,
    imports from django.dispatch or the signal modules, signal names imported."""
    found = []
    for node in ast.walk(ast.parse(source)):
        found += _signal_imports(node) + _signal_hooks(node)
    return sorted(found, key=lambda text: int(text.split(":")[0].removeprefix("line ")))


def model_methods(source: str, model_bases: Iterable[str], methods: Iterable[str]) -> list[str]:
    """Methods named in `methods` (save, delete) defined on a model class: a class with
    a base named in `model_bases` (or ending in Model), or one of another such class of
    the same module."""
    models = set(model_bases)
    wanted = set(methods)
    found = []
    classes = [node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.ClassDef)]
    changed = True
    while changed:  # a model's subclass in the same module is a model too
        changed = False
        for node in classes:
            bases = {_dotted(base).split(".")[-1] for base in node.bases}
            if node.name not in models and any(b in models or b.endswith("Model") for b in bases):
                models.add(node.name)
                changed = True
    for node in classes:
        if node.name in models:
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef) and item.name in wanted:
                    found.append(f"line {item.lineno}: {node.name}.{item.name}()")
    return found


def line_count(source: str) -> int:
    return len(source.splitlines())


def _declared(view: Callable[..., Any]) -> bool:
    declared = access_of(view)
    return isinstance(declared, Access) or (isinstance(declared, tuple) and len(declared) > 0)


def api_operations(api: NinjaAPI) -> Iterator[tuple[str, Any]]:
    """("GET /api/v1/…", operation) for every operation of the API."""
    bound = getattr(api, "_get_bound_routers", None)
    routers = (
        [(router.prefix, router) for router in bound()] if bound is not None else list(api._routers)
    )
    for prefix, router in routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                route = "/".join(part.strip("/") for part in (prefix, path) if part.strip("/"))
                for method in operation.methods:
                    yield f"{method} /{route}", operation


def undeclared_operations(api: NinjaAPI) -> list[str]:
    """Operations without a non-empty declaration, and public ones that still ask for
    authentication (or authenticated ones marked public)."""
    problems = []
    for name, operation in api_operations(api):
        view = operation.view_func
        if not _declared(view):
            problems.append(f"{name}: no @requires(<codes>|SIGNED_IN) and no @public")
        elif (access_of(view) is Access.PUBLIC) == bool(operation.auth_callbacks):
            problems.append(f"{name}: @public and auth=None go together")
    return problems


def url_views(patterns: Iterable[Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from url_views(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def undeclared_views(patterns: Iterable[Any], *, under: str = "backoffice/") -> list[str]:
    """URL patterns under `under` whose view declares neither permission codes
    (`@permission_required`), SIGNED_IN nor `@public`."""
    return [
        f"{route} ({view.__module__}.{view.__name__})"
        for route, view in url_views(patterns)
        if route.startswith(under) and not _declared(view)
    ]
