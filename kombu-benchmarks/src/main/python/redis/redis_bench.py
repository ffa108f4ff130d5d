"""Python Kombu's side of the Redis benchmark (run by io.kombu.benchmarks.redis.RedisBenchmark).

Usage: python3 redis_bench.py <redis-url> <messages>

Measures, on the given Redis database, the same operations the Java benchmark measures:
  * single publish: Producer.publish of a small JSON body to a queue, one call per message;
  * consume + ack with prefetch 100: a Consumer with prefetch_count=100 whose callback acks each message, driven by
    Connection.drain_events.
Prints one JSON line: {"kombu": version, "single_publish_per_s": ..., "consume_ack_per_s": ...}.
"""
import json
import sys
import time

import kombu
from kombu import Connection, Consumer, Producer, Queue

BODY = {"id": 123456, "event": "order.created", "customer": "c-0042", "amount": 99.95,
        "items": ["sku-1", "sku-2", "sku-3"]}


def main():
    url, n = sys.argv[1], int(sys.argv[2])
    queue_name = "pybench.q"
    with Connection(url) as conn:
        channel = conn.channel()
        queue = Queue(queue_name, routing_key=queue_name)
        queue(channel).declare()
        queue(channel).purge()
        producer = Producer(channel)
        for _ in range(200):  # warm-up
            producer.publish(BODY, routing_key=queue_name, serializer="json")
        queue(channel).purge()

        start = time.perf_counter()
        for _ in range(n):
            producer.publish(BODY, routing_key=queue_name, serializer="json")
        publish_s = time.perf_counter() - start

        received = [0]

        def on_message(body, message):
            message.ack()
            received[0] += 1

        start = time.perf_counter()
        with Consumer(channel, queues=[queue], callbacks=[on_message], prefetch_count=100, accept=["json"]):
            while received[0] < n:
                conn.drain_events(timeout=10)
        consume_s = time.perf_counter() - start
        queue(channel).delete()

    print(json.dumps({
        "kombu": kombu.__version__,
        "messages": n,
        "single_publish_per_s": n / publish_s,
        "consume_ack_per_s": n / consume_s,
    }))


if __name__ == "__main__":
    main()
