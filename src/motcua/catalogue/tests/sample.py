"""Tests that need the demo's curated procedures skip, saying why, where the sourced sample is absent."""

from __future__ import annotations

import pytest

from motcua.catalogue.demo import sample_file

needs_sample = pytest.mark.skipif(
    sample_file() is None,
    reason=(
        "the demo's curated procedures are read from settings.CATALOGUE_SAMPLE_FILE "
        "(../shared/data/procedures-sample.json, third-party data never copied into the repository), absent here"
    ),
)
