"""A test-only app for the real worker: with TAPESTRY_TEST_PUBLISH_DELAY set, every page that
goes live takes that many seconds longer (inside its publishing transaction); `purge_logged` is a
cache purger that writes each purge to the file TAPESTRY_TEST_PURGE_LOG names."""

import os
import time

from django.apps import AppConfig


class WorkerTestConfig(AppConfig):
    name = "tests.tasks"
    label = "tapestry_test_worker"

    def ready(self) -> None:
        delay = float(os.environ.get("TAPESTRY_TEST_PUBLISH_DELAY", "0"))
        if not delay:
            return
        from wagtail.signals import page_published

        def slow_down(sender, instance, **kwargs):
            if instance.live:
                time.sleep(delay)

        page_published.connect(slow_down, weak=False, dispatch_uid="test-slow-publishing")


def purge_logged(tags: set[str]) -> None:
    with open(os.environ["TAPESTRY_TEST_PURGE_LOG"], "a", encoding="utf-8") as log:
        log.write(" ".join(sorted(tags)) + "\n")
