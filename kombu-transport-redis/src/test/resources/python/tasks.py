"""A tiny Celery app for RedisCeleryIT: the task writes its result into Redis so no result backend is needed."""
import os

import redis
from celery import Celery

BROKER = os.environ["CELERY_IT_BROKER"]
app = Celery("tasks", broker=BROKER)
app.conf.worker_hijack_root_logger = False


@app.task(name="kombu_it.add")
def add(x, y, marker):
    redis.Redis.from_url(BROKER).set(marker, str(x + y), ex=300)
    return x + y
