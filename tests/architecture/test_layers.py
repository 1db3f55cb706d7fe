"""The layer contracts (pyproject.toml, [tool.importlinter]) hold, and lint-imports fails
on a contract the code breaks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint_imports(*arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_layer_contracts_are_kept():
    result = _lint_imports()

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def test_lint_imports_fails_on_a_broken_layer_contract(tmp_path):
    # Upside down: core above payments, so payments (which uses core) breaks it.
    config = tmp_path / "broken.toml"
    config.write_text(
        """
[tool.importlinter]
root_package = "loket"

[[tool.importlinter.contracts]]
name = "Upside down"
type = "layers"
layers = ["loket.core", "loket.payments"]
""",
        encoding="utf-8",
    )

    result = _lint_imports("--config", str(config))

    assert result.returncode == 1
    assert "Upside down BROKEN" in result.stdout
    assert "loket.payments is not allowed to import loket.core" in result.stdout
