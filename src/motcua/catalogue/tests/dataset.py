"""The national catalogue file the search and import tests measure with, when it is on this machine.

It is third-party data read from where it lies (settings.CATALOGUE_FILE's default, beside the
repository), never copied into the repository; tests that need it are skipped without it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

DEFAULT = Path(settings.BASE_DIR) / "../shared/data/procedures.json"


def dataset_path() -> Path | None:
    return DEFAULT if DEFAULT.is_file() else None


needs_dataset = pytest.mark.skipif(
    dataset_path() is None,
    reason="the national catalogue file (../shared/data/procedures.json) is not on this machine",
)
