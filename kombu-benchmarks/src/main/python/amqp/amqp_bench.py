"""Python Kombu's side of the AMQP benchmark (run by io.kombu.benchmarks.amqp.AmqpBenchmark).

Usage: python3 amqp_bench.py <amqp-url> <messages> <prefetch> <queue>

Measures on RabbitMQ, through Kombu on py-amqp, what the Java benchmark measures:
  * persistent publish: Producer.publish of a small JSON body to a durable queue, one call per message, done when
    the broker holds them all (queue.declare passive, polled every millisecond);
  * consume + ack: a Consumer with prefetch_count=<prefetch> whose callback acks each message, driven by
    Connection.drain_events.
CPU is time.process_time() of this process. Prints one JSON line:
{"kombu": ..., "amqp": ..., "publish_per_s": ..., "publish_cpu_ns": ..., "consume_per_s": ..., "consume_cpu_ns": ...}
"""
import json
import sys
import time

import amqp
import kombu
from kombu import Connection, Consumer, Producer, Queue

BODY = {"id": 123456, "event": "order.created", "customer": "c-0042", "amount": 99.95,
        "items": ["sku-1", "sku-2", "sku-3"]}


def ready(channel, queue_name):
    return channel.queue_declare(queue=queue_name, passive=True).message_count


def main():
    url, n, prefetch, queue_name = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    with Connection(url) as conn:
        channel = conn.channel()
        admin = conn.channel()
        queue = Queue(queue_name, routing_key=queue_name, durable=True)
        queue(channel).declare()
        queue(channel).purge()
        producer = Producer(channel)

        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(n):
            producer.publish(BODY, routing_key=queue_name, serializer="json", delivery_mode=2)
        deadline = time.monotonic() + 120
        while ready(admin, queue_name) < n:
            if time.monotonic() > deadline:
                raise SystemExit("queue %s did not reach %d messages" % (queue_name, n))
            time.sleep(0.001)
        publish_wall, publish_cpu = time.perf_counter() - wall, time.process_time() - cpu

        received = [0]

        def on_message(body, message):
            message.ack()
            received[0] += 1

        consume_channel = conn.channel()
        with Consumer(consume_channel, queues=[queue], callbacks=[on_message], prefetch_count=prefetch,
                      accept=["json"]):
            wall, cpu = time.perf_counter(), time.process_time()
            while received[0] < n:
                conn.drain_events(timeout=30)
            consume_wall, consume_cpu = time.perf_counter() - wall, time.process_time() - cpu
        queue(channel).delete()

    print(json.dumps({
        "kombu": kombu.__version__,
        "amqp": amqp.__version__,
        "messages": n,
        "publish_per_s": n / publish_wall,
        "publish_cpu_ns": publish_cpu * 1e9 / n,
        "consume_per_s": n / consume_wall,
        "consume_cpu_ns": consume_cpu * 1e9 / n,
    }))


if __name__ == "__main__":
    main()
