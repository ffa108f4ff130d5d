#!/usr/bin/python3
"""Python Kombu side of scripts/bench-vs-python.sh: the same workload as `kombu bench` (kombu-cli).

Publishes N messages {"id": n, "data": "x" * size} to the default exchange, routed by queue name to a durable queue
(Kombu's defaults: persistent messages), then consumes and acks them with a Consumer of the given prefetch, draining on
this thread; then times `--latency-samples` publish -> consume -> ack round trips one at a time. Prints one JSON object
with the same keys as `kombu bench --json`.

    /usr/bin/python3 scripts/bench_kombu.py redis://127.0.0.1:6379/0 --messages 10000 --json
"""
import argparse
import json
import math
import sys
import time
import uuid

from kombu import Connection, Consumer, Exchange, Producer, Queue


def percentile(sorted_values, fraction):
    """Nearest rank, as BenchRunner.percentile in kombu-cli."""
    if not sorted_values:
        return 0.0
    rank = int(math.ceil(fraction * len(sorted_values)))
    return sorted_values[max(0, min(len(sorted_values) - 1, rank - 1))]


def run(args):
    batch = args.batch or max(args.messages, args.warmup)
    data = "x" * args.size
    name = "kombu.bench.py." + uuid.uuid4().hex[:8]
    with Connection(args.url) as conn:
        conn.connect()
        channel = conn.default_channel
        queue = Queue(name, Exchange(""), routing_key=name)
        queue(channel).declare()
        queue(channel).purge()
        producer = Producer(channel, exchange=Exchange(""), routing_key=name, serializer=args.serializer)
        received = [0]
        expected = [0]

        def on_message(message):
            message.decode()
            message.ack()
            received[0] += 1

        consumer = Consumer(channel, queues=[queue], accept=[args.serializer], on_message=on_message,
                            prefetch_count=args.prefetch)
        consumer.consume()
        sequence = [0]

        def publish():
            producer.publish({"id": sequence[0], "data": data})
            sequence[0] += 1

        def consume(count):
            # A running total: py-amqp may hand deliveries to on_message while publishing (when it reads frames).
            expected[0] += count
            while received[0] < expected[0]:
                conn.drain_events(timeout=args.wait)

        done = 0
        while done < args.warmup:
            n = min(batch, args.warmup - done)
            for _ in range(n):
                publish()
            consume(n)
            done += n

        cpu0 = time.process_time()
        publish_seconds = consume_seconds = 0.0
        done = 0
        while done < args.messages:
            n = min(batch, args.messages - done)
            t0 = time.perf_counter()
            for _ in range(n):
                publish()
            t1 = time.perf_counter()
            consume(n)
            t2 = time.perf_counter()
            publish_seconds += t1 - t0
            consume_seconds += t2 - t1
            done += n
        cpu_seconds = time.process_time() - cpu0

        round_trips = []
        for _ in range(args.latency_samples):
            t0 = time.perf_counter()
            publish()
            consume(1)
            round_trips.append(time.perf_counter() - t0)
        round_trips.sort()

        consumer.cancel()
        queue(channel).delete()

    return {
        "implementation": "python-kombu",
        "kombu_version": __import__("kombu").__version__,
        "python_version": sys.version.split()[0],
        "transport": args.url.split("://", 1)[0],
        "settings": {"messages": args.messages, "size_bytes": args.size, "serializer": args.serializer,
                     "prefetch": args.prefetch, "batch": batch, "warmup": args.warmup,
                     "latency_samples": args.latency_samples},
        "results": [{
            "name": "python-kombu",
            "publish_per_second": args.messages / publish_seconds,
            "consume_per_second": args.messages / consume_seconds,
            "latency_p50_us": percentile(round_trips, 0.50) * 1e6,
            "latency_p99_us": percentile(round_trips, 0.99) * 1e6,
            "cpu_us_per_message": cpu_seconds * 1e6 / args.messages,
        }],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url")
    parser.add_argument("-n", "--messages", type=int, default=10000)
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--serializer", default="json")
    parser.add_argument("--prefetch", type=int, default=100)
    parser.add_argument("--batch", type=int, default=0)
    parser.add_argument("--warmup", type=int, default=2000)
    parser.add_argument("--latency-samples", type=int, default=1000)
    parser.add_argument("--wait", type=float, default=10.0)
    parser.add_argument("--json", action="store_true", help="print JSON (the only output format; kept for symmetry)")
    result = run(parser.parse_args())
    print(json.dumps(result))


if __name__ == "__main__":
    main()
