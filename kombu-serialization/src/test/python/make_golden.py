#!/usr/bin/python3
"""Writes the golden payloads the Java codecs are compared against.

Run with the Python that has Kombu installed (Debian's python3-kombu 5.2.4):

    /usr/bin/python3 kombu-serialization/src/test/python/make_golden.py kombu-serialization/src/test/resources/golden

Every case is encoded with kombu.serialization.dumps for each serializer that can hold it and written as
<case>.<serializer>. The Java tests (GoldenPayloadsTest) define the same values in Java: keep the two lists in step.
random-floats.txt holds float.hex() and the json text of 500 seeded random doubles, to check float formatting.
"""
import datetime
import os
import pickle
import random
import struct
import sys

import kombu
from kombu.serialization import dumps

CASES = {
    'nested': ({'a': {'b': [1, 2, {'c': None}]}, 'd': True, 'e': False, 'f': 'x'},
               ('json', 'msgpack', 'yaml')),
    'unicode': ({'text': 'h\u00e9llo \u2603 \U0001F600', '\u043a\u043b\u044e\u0447': '\u0437\u043d\u0430\u0447\u0435\u043d\u0438\u0435',
                 'escapes': 'a"b\\c\n\t\r\b\f\u0001\u007f/'},
                ('json', 'msgpack')),
    'unicode-yaml': ({'text': 'h\u00e9llo \u2603', 'plain': 'simple words'}, ('yaml',)),
    'floats': ([0.0, -0.0, 1.5, 0.1, 1e-05, 0.0001, 1e16, 1e15, 123456789.123, 1.7976931348623157e308,
                5e-324, 2.5e-07, 1e22, 100.0, -3.25, 1.0 / 3.0],
               ('json', 'msgpack', 'yaml')),
    'ints': ([0, -1, 127, 128, 255, 256, 65535, 65536, 2**31 - 1, 2**31, 2**32, 2**63 - 1, -2**63, -33, -32,
              -129, -32769, -2**31 - 1],
             ('json', 'msgpack', 'yaml')),
    'uint64': ([2**64 - 1, 2**63], ('json', 'msgpack', 'yaml')),
    'bigint': ([2**100, -2**100], ('json', 'yaml')),
    'nonfinite': ([float('nan'), float('inf'), float('-inf')], ('json', 'msgpack', 'yaml')),
    'scalars': ([True, False, None, 'yes', 'null', '123', ''], ('json', 'msgpack', 'yaml')),
    'empty': ({'l': [], 'm': {}, 's': ''}, ('json', 'msgpack', 'yaml')),
    'celery-body': ([[2, 3], {}, {'callbacks': None, 'errbacks': None, 'chain': None, 'chord': None}],
                    ('json', 'msgpack', 'yaml')),
    'bytes': ({'bin': b'\x00\x01\xff', 'empty': b'', 'text': b'abc'}, ('msgpack', 'yaml')),
    'sizes': ({'str16': 'x' * 300, 'str8': 'y' * 40, 'array16': list(range(20)),
               'map16': {'k%02d' % i: i for i in range(17)}, 'bin16': bytes(range(256)) + b'!'},
              ('msgpack',)),
    'top-string': ('just a string', ('json', 'msgpack', 'yaml')),
    'top-int': (42, ('json', 'msgpack', 'yaml')),
}


def main(out):
    os.makedirs(out, exist_ok=True)
    for name, (value, serializers) in CASES.items():
        for ser in serializers:
            _, _, payload = dumps(value, serializer=ser)
            if isinstance(payload, str):
                payload = payload.encode('utf-8')
            with open(os.path.join(out, '%s.%s' % (name, ser)), 'wb') as f:
                f.write(payload)
    # Pickle: plain data in every protocol (Kombu itself writes protocol 4), and payloads naming classes.
    plain = {'a': [1, 2.5, None, True, False], 'b': (1, 'two'), 'c': b'\x00\xff', 'd': 2**100, 'e': 'h\u00e9',
             'f': -7, 'g': {'nested': []}}
    for protocol in range(0, 6):
        with open(os.path.join(out, 'plain.pickle%d' % protocol), 'wb') as f:
            f.write(pickle.dumps(plain, protocol=protocol))
    with open(os.path.join(out, 'plain.pickle'), 'wb') as f:
        f.write(dumps(plain, serializer='pickle')[2])
    with open(os.path.join(out, 'datetime.pickle'), 'wb') as f:
        f.write(pickle.dumps(datetime.datetime(2024, 5, 1, 12, 30), protocol=4))
    with open(os.path.join(out, 'os-system.pickle'), 'wb') as f:
        # Written by hand, never loaded: what an attacker would send.
        f.write(b"cos\nsystem\n(S'echo pwned'\ntR.")
    rnd = random.Random(20240501)
    with open(os.path.join(out, 'random-floats.txt'), 'w') as f:
        f.write('# float.hex() <TAB> kombu json text; kombu %s\n' % kombu.__version__)
        for _ in range(500):
            x = struct.unpack('<d', struct.pack('<Q', rnd.getrandbits(64)))[0]
            if x != x or x in (float('inf'), float('-inf')):
                continue
            f.write('%s\t%s\n' % (x.hex(), dumps(x, serializer='json')[2]))
        for e in range(-330, 310, 7):
            x = rnd.random() * 10.0 ** e
            f.write('%s\t%s\n' % (x.hex(), dumps(x, serializer='json')[2]))


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'resources', 'golden'))
