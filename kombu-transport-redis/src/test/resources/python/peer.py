"""Python Kombu 5.2.4 peer for the Java interop tests. Prints one JSON object per line on stdout."""
import json
import os
import sys
import time

from kombu import Connection, Exchange, Queue, Producer, Consumer


def out(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def publish(url, prefix):
    """Direct, topic, priorities, serializers, compressors and headers, to queues named <prefix>.*"""
    direct = Exchange(prefix + ".direct", "direct")
    topic = Exchange(prefix + ".topic", "topic")
    with Connection(url) as conn:
        ch = conn.channel()
        Queue(prefix + ".direct", direct, "k1")(ch).declare()
        Queue(prefix + ".topic", topic, "a.#")(ch).declare()
        p = Producer(ch)
        p.publish({"n": 1, "text": "h\u00e9llo"}, exchange=direct, routing_key="k1", headers={"x-int": 7, "x-str": "s"})
        p.publish({"n": 2}, exchange=direct, routing_key="k1", serializer="msgpack")
        p.publish({"n": 3}, exchange=direct, routing_key="k1", serializer="yaml")
        p.publish({"n": 4}, exchange=direct, routing_key="k1", compression="zlib")
        p.publish({"n": 5}, exchange=direct, routing_key="k1", compression="bzip2")
        p.publish({"n": 6, "rk": "a.b.c"}, exchange=topic, routing_key="a.b.c")
        p.publish({"n": 7, "rk": "b"}, exchange=topic, routing_key="b")
        for pri in (9, 0, 5):
            p.publish({"pri": pri}, exchange="", routing_key=prefix + ".prio", priority=pri)
    out({"published": 10})


def publish_fanout(url, exchange_name, count):
    with Connection(url) as conn:
        ch = conn.channel()
        ex = Exchange(exchange_name, "fanout")
        ex(ch).declare()
        p = Producer(ch)
        for i in range(int(count)):
            p.publish({"fan": i}, exchange=ex, routing_key="")
    out({"published": int(count)})


def consume(url, queue, count, ack="ack"):
    got = []
    with Connection(url) as conn:
        ch = conn.channel()

        def on_message(body, message):
            got.append({"body": body, "headers": message.headers,
                        "priority": message.properties.get("priority"),
                        "delivery_info": {k: v for k, v in message.delivery_info.items()
                                          if k in ("exchange", "routing_key", "redelivered")},
                        "content_type": message.content_type})
            if ack == "ack":
                message.ack()

        with Consumer(ch, [Queue(queue, no_declare=True)], callbacks=[on_message],
                      accept=["json", "msgpack", "yaml"]):
            deadline = time.time() + 20
            while len(got) < int(count) and time.time() < deadline:
                try:
                    conn.drain_events(timeout=1)
                except Exception:
                    pass
        for g in got:
            out(g)
        if ack == "die":
            # Hold the messages unacked and vanish without closing anything, like a killed worker.
            os._exit(3)


def restore_and_consume(url, queue, count):
    """A Python worker whose visibility timeout is 1 s: its sweep restores what a dead Java consumer held."""
    with Connection(url, transport_options={"visibility_timeout": 1, "unacked_restore_throttle": 0}) as conn:
        ch = conn.channel()
        ch.qos.restore_visible(num=1000)
    consume(url, queue, count)


if __name__ == "__main__":
    cmd = sys.argv[1]
    {"publish": publish, "publish_fanout": publish_fanout, "consume": consume,
     "restore_and_consume": restore_and_consume}[cmd](*sys.argv[2:])
