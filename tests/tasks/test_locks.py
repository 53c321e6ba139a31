import datetime

import pytest
from django.utils import timezone

from tasks.locks import LockLost, lock_held
from tasks.models import Lock


@pytest.fixture(params=["redis", "database"])
def backend(request, settings):
    if request.param == "database":
        settings.REDIS_URL = None
    return request.param


@pytest.mark.django_db
def test_only_one_holder_at_a_time(backend):
    with lock_held("test-lock", timeout=30) as first, lock_held("test-lock", timeout=30) as second:
        assert first is not None
        assert second is None
    with lock_held("test-lock", timeout=30) as again:
        assert again is not None


@pytest.mark.django_db
def test_a_holder_that_died_blocks_only_until_its_lock_expires(settings):
    settings.REDIS_URL = None
    Lock.objects.create(
        name="test-lock",
        owner="dead-worker",
        expires_at=timezone.now() - datetime.timedelta(seconds=1),
    )

    with lock_held("test-lock", timeout=30) as held:
        assert held is not None
        assert Lock.objects.get(name="test-lock").owner != "dead-worker"
    assert not Lock.objects.filter(name="test-lock").exists()


@pytest.mark.django_db
def test_extend_keeps_a_database_lock(settings):
    settings.REDIS_URL = None
    with lock_held("test-lock", timeout=1) as held:
        Lock.objects.filter(name="test-lock").update(expires_at=timezone.now())
        held.extend()
        assert Lock.objects.get(name="test-lock").expires_at > timezone.now()


@pytest.mark.django_db
def test_a_holder_whose_lock_was_taken_over_learns_it(backend):
    with lock_held("test-lock", timeout=30) as held:
        if backend == "database":
            Lock.objects.filter(name="test-lock").update(owner="someone-else")
        else:
            import redis
            from django.conf import settings

            redis.Redis.from_url(settings.REDIS_URL).set("tapestry:lock:test-lock", "someone-else")
        with pytest.raises(LockLost):
            held.extend()
