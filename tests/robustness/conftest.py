"""Every FUSE mount a test makes is unmounted at teardown, whatever the test did."""

from __future__ import annotations

import pytest

from tests.robustness.power_support import PoweredFolder, require_fuse


@pytest.fixture
def powered(tmp_path):
    """``powered(name, source=None)``: a folder on a filesystem whose power the test can cut."""
    require_fuse()
    made: list[PoweredFolder] = []

    def make(name, source=None):
        folder = PoweredFolder(tmp_path, name, source)
        made.append(folder)
        return folder

    yield make
    for folder in made:
        folder.close()
