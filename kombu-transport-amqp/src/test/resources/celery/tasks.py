"""A tiny Celery app for CeleryWorkerIT: the task writes what it received to a file, so no result backend is needed.

The broker URL and the queue (also used as exchange and routing key) come from the environment, so every test run
uses its own names.
"""
import json
import os

from celery import Celery

QUEUE = os.environ["CELERY_IT_QUEUE"]
app = Celery("tasks", broker=os.environ["CELERY_IT_BROKER"])
app.conf.worker_hijack_root_logger = False
app.conf.task_default_queue = QUEUE
app.conf.task_default_exchange = QUEUE
app.conf.task_default_exchange_type = "direct"
app.conf.task_default_routing_key = QUEUE


@app.task(bind=True, name="kombu_it.record")
def record(self, path, x, y, note=None, big=None):
    result = {
        "args": [path, x, y],
        "kwargs": {"note": note, "big": big},
        "sum": x + y,
        "id": self.request.id,
        "correlation_id": self.request.correlation_id,
        "reply_to": self.request.reply_to,
        "retries": self.request.retries,
        "origin": self.request.origin,
        "delivery_info": self.request.delivery_info,
    }
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(result, f)
    os.replace(tmp, path)
    return x + y
