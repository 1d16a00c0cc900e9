import os

from tests.conftest import REGEN_GOLDEN


def test_regen_golden_is_off_in_ci() -> None:
    if os.environ.get("CI"):
        assert not REGEN_GOLDEN, "REGEN_GOLDEN must not be set in CI: goldens are compared, not rewritten"
