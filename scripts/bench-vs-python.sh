#!/usr/bin/env bash
# Python Kombu against Kombu-Java on the same workload, on memory, Redis and RabbitMQ, interleaved over several rounds,
# then medians and ratios as a Markdown table (recorded in BENCHMARKS.md).
#
#   scripts/bench-vs-python.sh                 3 rounds, 5000 messages of 100 bytes, prefetch 100
#   ROUNDS=5 MESSAGES=20000 scripts/bench-vs-python.sh
#   TRANSPORTS="memory redis" scripts/bench-vs-python.sh
#
# Workload (both sides, see kombu-cli/README.md "How bench works" and scripts/bench_kombu.py): publish N JSON bodies
# {"id": n, "data": "x"*SIZE} to the default exchange into a durable queue (persistent messages), consume and ack them
# with a consumer of prefetch PREFETCH draining on the main thread, then time SAMPLES single round trips. Kombu-Java also
# runs the raw-driver variant (--compare-raw). Each round runs Java then Python, the next round Python then Java.
#
# Environment: ROUNDS, MESSAGES, SIZE, PREFETCH, WARMUP, SAMPLES, TRANSPORTS, REDIS_URL, AMQP_URL, KOMBU_JAR,
# PYTHON (default /usr/bin/python3). Exit status: 0 when every run succeeded, 1 otherwise.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${ROUNDS:-3}"
MESSAGES="${MESSAGES:-5000}"
SIZE="${SIZE:-100}"
PREFETCH="${PREFETCH:-100}"
WARMUP="${WARMUP:-1000}"
SAMPLES="${SAMPLES:-500}"
TRANSPORTS="${TRANSPORTS:-memory redis amqp}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
AMQP_URL="${AMQP_URL:-amqp://guest:guest@127.0.0.1:5672//}"
PYTHON="${PYTHON:-/usr/bin/python3}"
jar="${KOMBU_JAR:-$root/kombu-cli/target/kombu.jar}"

if [[ ! -f "$jar" ]]; then
  echo "building $jar ..." >&2
  (cd "$root" && mvn -q -B -Dmaven.test.skip=true -pl kombu-cli -am package) >&2
fi

url_of() {
  case "$1" in
    memory) echo "memory://" ;;
    redis) echo "$REDIS_URL" ;;
    amqp) echo "$AMQP_URL" ;;
    *) echo "unknown transport $1 (use memory, redis, amqp)" >&2; return 2 ;;
  esac
}

common=(--messages "$MESSAGES" --size "$SIZE" --prefetch "$PREFETCH" --warmup "$WARMUP" --latency-samples "$SAMPLES")
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
failed=0

run_java() { java -jar "$jar" bench "$2" "${common[@]}" --compare-raw --json >"$out/java-$1-$3.json"; }
run_python() { "$PYTHON" "$root/scripts/bench_kombu.py" "$2" "${common[@]}" --json >"$out/python-$1-$3.json"; }

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
  for transport in $TRANSPORTS; do
    url="$(url_of "$transport")"
    if (( round % 2 == 1 )); then order=(run_java run_python); else order=(run_python run_java); fi
    for runner in "${order[@]}"; do
      echo "round $round/$ROUNDS $transport: ${runner#run_}" >&2
      if ! "$runner" "$transport" "$url" "$round"; then
        echo "  failed: ${runner#run_} on $transport (round $round)" >&2
        failed=1
      fi
    done
  done
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

echo "## Machine"
echo
echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), nproc $(nproc)"
echo "- Memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
echo "- JDK: $(java -version 2>&1 | head -1)"
echo "- Python: $("$PYTHON" -c 'import sys, kombu; print(sys.version.split()[0], "with Kombu", kombu.__version__)')"
echo "- Redis: $("$PYTHON" -c "import redis; print(redis.Redis.from_url('$REDIS_URL').info('server')['redis_version'])" 2>/dev/null || echo unknown)"
echo "- RabbitMQ: $("$PYTHON" -c "
import kombu
with kombu.Connection('$AMQP_URL') as c:
    c.connect(); print(c.connection.server_properties.get('version', 'unknown'))" 2>/dev/null || echo unknown)"
echo "- Load average (1/5/15 min): $load_before before, $load_after after"
echo "- Workload: $MESSAGES messages, data $SIZE bytes, json, prefetch $PREFETCH, warm-up $WARMUP, $SAMPLES latency samples, $ROUNDS rounds (medians)"
echo
"$PYTHON" - "$out" "$TRANSPORTS" <<'PY'
import glob, json, os, statistics, sys
out, transports = sys.argv[1], sys.argv[2].split()
metrics = [("total_per_second", "publish+consume msg/s", True), ("publish_per_second", "publish msg/s", True),
           ("consume_per_second", "consume+ack msg/s", True),
           ("latency_p50_us", "p50 µs", False), ("latency_p99_us", "p99 µs", False),
           ("cpu_us_per_message", "CPU µs/msg", False)]
runs = {}
for path in glob.glob(os.path.join(out, "*.json")):
    with open(path) as f:
        doc = json.load(f)
    transport = os.path.basename(path).split("-")[1]
    for result in doc["results"]:
        # Publish and consume phases can overlap (py-amqp hands deliveries over while it publishes), so the
        # end-to-end rate of the two phases together is the fairest single number.
        result["total_per_second"] = 1 / (1 / result["publish_per_second"] + 1 / result["consume_per_second"])
        name = {"kombu": "kombu-java", "python-kombu": "python-kombu"}.get(result["name"], result["name"])
        runs.setdefault((transport, name), []).append(result)

def median(transport, name, key):
    values = [r[key] for r in runs.get((transport, name), [])]
    return statistics.median(values) if values else None

def fmt(v, big):
    return "n/a" if v is None else (f"{v:,.0f}" if big else f"{v:,.1f}")

print("| transport | implementation | " + " | ".join(label for _, label, _ in metrics) + " | runs |")
print("|---|---|" + "---|" * (len(metrics) + 1))
for transport in transports:
    names = ["kombu-java", "python-kombu"] + sorted(n for (t, n) in runs if t == transport and n.startswith("raw"))
    for name in names:
        cells = [fmt(median(transport, name, key), big) for key, _, big in metrics]
        print(f"| {transport} | {name} | " + " | ".join(cells) + f" | {len(runs.get((transport, name), []))} |")
print()
print("Ratios of medians, Kombu-Java / Python Kombu (throughput above 1 and latency/CPU below 1 favour Kombu-Java):")
print()
print("| transport | " + " | ".join(label for _, label, _ in metrics) + " |")
print("|---|" + "---|" * len(metrics))
for transport in transports:
    cells = []
    for key, _, _ in metrics:
        java, py = median(transport, "kombu-java", key), median(transport, "python-kombu", key)
        cells.append("n/a" if not java or not py else f"{java / py:.2f}")
    print(f"| {transport} | " + " | ".join(cells) + " |")
PY
exit "$failed"
