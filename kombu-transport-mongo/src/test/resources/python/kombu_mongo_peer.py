"""Python Kombu peer for the Java MongoDB transport's interop tests.

Usage: kombu_mongo_peer.py <url> <command> [args...]; prints one JSON line per received message.
  consume <queue> <n>                     SimpleQueue get + ack, n times
  publish <queue> <json-body> <priority>  SimpleQueue put with header x-from=python
  bind_topic <exchange> <queue> <key>     declare a topic exchange and a bound queue
  consume_bound <exchange> <queue> <key> <n>  like consume, through a topic-bound queue
"""
import json
import sys
import time

from kombu import Connection, Exchange, Queue


def describe(message):
    return json.dumps({
        'payload': message.payload,
        'headers': message.headers,
        'priority': message.properties.get('priority'),
        'content_type': message.content_type,
        'content_encoding': message.content_encoding,
        'delivery_info': {k: message.delivery_info.get(k) for k in ('exchange', 'routing_key')},
    }, sort_keys=True)


def main():
    url, command, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    with Connection(url, transport_options={'polling_interval': 0.05}) as conn:
        if command == 'consume':
            queue, n = args[0], int(args[1])
            sq = conn.SimpleQueue(queue)
            for _ in range(n):
                m = sq.get(timeout=10)
                print(describe(m), flush=True)
                m.ack()
            sq.close()
        elif command == 'publish':
            queue, body, priority = args[0], json.loads(args[1]), int(args[2])
            sq = conn.SimpleQueue(queue)
            sq.put(body, headers={'x-from': 'python'}, priority=priority, serializer='json')
            sq.close()
        elif command in ('bind_topic', 'consume_bound'):
            exchange = Exchange(args[0], 'topic')
            queue = Queue(args[1], exchange, routing_key=args[2])
            bound = queue(conn.default_channel)
            bound.declare()
            if command == 'consume_bound':
                for _ in range(int(args[3])):
                    m = None
                    for _attempt in range(200):
                        m = bound.get(no_ack=False)
                        if m is not None:
                            break
                        time.sleep(0.05)
                    if m is None:
                        raise SystemExit('no message on ' + args[1])
                    print(describe(m), flush=True)
                    m.ack()
        else:
            raise SystemExit('unknown command ' + command)


if __name__ == '__main__':
    main()
