"""Settings of every process in the multi-node test (tests/scale/test_web_nodes.py): both web
nodes, the worker, the publisher and beat.

The real worker's settings (tests/tasks/worker_settings.py), minus what the test settings keep
apart per test process and production shares between all of them: one cache namespace and the
response cache on, as with REDIS_URL in production. Each process has a disk of its own
(TAPESTRY_NODE_DISK: its MEDIA_ROOT), on which nothing a request needs may be left.
"""

import os
from pathlib import Path

from tests.tasks.worker_settings import *  # noqa: F403

CACHES["default"]["KEY_PREFIX"] = "tapestry-nodes"  # noqa: F405
TAPESTRY_GRAPHQL_RESPONSE_CACHE = True
TAPESTRY_GRAPHQL_RESPONSE_CACHE_PREFIX = "tapestry-nodes:graphql"
if os.environ.get("TAPESTRY_NODE_DISK"):
    MEDIA_ROOT = Path(os.environ["TAPESTRY_NODE_DISK"]) / "media"
# Small enough to reach with requests spread over both nodes.
FEEDBACK_STATUS_LIMIT = 4
TAPESTRY_RATE_LIMITS = {
    **TAPESTRY_RATE_LIMITS,  # noqa: F405
    "feedbackStatus": {"ip": (FEEDBACK_STATUS_LIMIT, 3600)},
}
