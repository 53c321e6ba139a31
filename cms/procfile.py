"""`make run`'s process manager: honcho, stopping the workers as a terminal's Ctrl-C would.

Honcho stops its processes with SIGTERM to each process group and SIGKILLs whatever still runs
5 s after the first of them stopped. Both lose work: SIGTERM reaches a Celery worker's pool
processes too, which die mid-task (Celery resets SIGTERM in them), and a SIGKILLed worker loses
the messages it had fetched, which kombu's filesystem transport (the embedded default's broker)
has already removed from its folder. So here the stop is SIGINT to each group, as Ctrl-C sends
to a foreground job: pool processes ignore it, a worker's main process makes a warm shutdown
(finishes the tasks in hand, puts back those it fetched but had not started), runserver and
beat exit. The SIGKILL comes only after the longest task's hard time limit
(CELERY_TASK_TIME_LIMIT) plus a margin; a warm shutdown usually takes a second or two.

    python -m cms.procfile start -f Procfile.dev
"""

import errno
import os
import signal
import sys

import honcho.manager
from honcho.command import main

# CELERY_TASK_TIME_LIMIT's default (cms/settings/base.py), plus a margin.
STOP_GRACE_SECONDS = int(os.environ.get("CELERY_TASK_TIME_LIMIT", "120")) + 15


class ProcessManager(honcho.manager.ProcessManager):
    def terminate(self, pid: int) -> None:
        try:
            os.killpg(pid, signal.SIGINT)
        except OSError as error:
            if error.errno not in (errno.EPERM, errno.ESRCH):
                raise


if __name__ == "__main__":
    honcho.manager.KILL_WAIT = STOP_GRACE_SECONDS
    honcho.manager.ProcessManager = ProcessManager
    sys.exit(main())
