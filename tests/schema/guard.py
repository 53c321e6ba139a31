"""A guard for the tests of requests that used to hang a worker (exponential work)."""

import signal
from contextlib import contextmanager


class Hung(AssertionError):
    pass


@contextmanager
def no_hang(seconds: int = 30):
    """Fail instead of hanging when the block has not finished after `seconds`.

    Not a speed assertion: the block is expected to take milliseconds, and the limit is far
    above any machine's time for it. It exists so that a regression to exponential work fails
    the test (the old code took minutes to years) instead of stalling the suite.
    """

    def expired(_signum, _frame):
        raise Hung(f"still running after {seconds} s: the work is not linear any more")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
