from types import SimpleNamespace

import pytest


class Clock:
    """Stands in for time.time() in cms.security: its windows move only when a test says so."""

    def __init__(self):
        self.now = 1_800_000_000.0  # the start of a window of every length the tests use

    def time(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr("cms.security.time", SimpleNamespace(time=clock.time))
    return clock
