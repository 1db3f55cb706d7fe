from tests.cases.conftest import residence_certificate  # noqa: F401
