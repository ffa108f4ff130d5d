#!/usr/bin/env bash
# Makes sure the brokers that Kombu-Java's *IT tests use answer on loopback, and that the Python Kombu peers used by the
# interop tests are installed. Idempotent and quick when everything is already up.
#
#   scripts/brokers.sh                      ensure Redis (127.0.0.1:6379), RabbitMQ (127.0.0.1:5672) and the Python peers
#   scripts/brokers.sh check                only report; start and install nothing
#   scripts/brokers.sh restart redis        stop and start Redis (for fault tests)
#   scripts/brokers.sh restart rabbitmq     stop and start the RabbitMQ application (for fault tests)
#
# Exit status: 0 when every broker answers, 1 when one could not be made available (or when the Python peers are missing
# and KOMBU_IT_REQUIRED=true), 2 for a usage error.
set -uo pipefail

REDIS_PORT=6379
RABBIT_PORT=5672
START_TIMEOUT="${KOMBU_BROKERS_START_TIMEOUT:-120}"
PYTHON=/usr/bin/python3
PYTHON_MODULES="kombu, redis, msgpack, yaml"
PYTHON_PACKAGES="python3-kombu python3-redis python3-msgpack python3-yaml python3-celery python3-zstandard python3-brotli"

apt_updated=false

say() { printf '%-9s %s\n' "$1" "$2"; }

answers() { # port: true when something accepts TCP connections on 127.0.0.1:port
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

wait_until() { # seconds, command...: poll once a second until the command succeeds
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    if ((SECONDS >= deadline)); then
      return 1
    fi
    sleep 1
  done
}

refused() { ! answers "$1"; }

can_install() { [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; }

apt_install() {
  if ! $apt_updated; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || return 1
    apt_updated=true
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

redis_ok() {
  answers "$REDIS_PORT" || return 1
  if command -v redis-cli >/dev/null 2>&1; then
    [[ $(timeout 5 redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]
  fi
}

start_redis() {
  local dir=/tmp/kombu-redis log=/tmp/kombu-redis/redis.log
  if [[ $(id -u) -eq 0 ]]; then
    dir=/var/lib/redis
    log=/var/log/redis/ci.log
  fi
  mkdir -p "$dir" "$(dirname "$log")"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir "$dir" --logfile "$log" >/dev/null || return 1
  wait_until 30 redis_ok
}

rabbit_started() { # log: true once the RabbitMQ application runs
  timeout 60 rabbitmqctl -q await_startup >>"$1" 2>&1
}

start_rabbitmq() {
  local log=/tmp/kombu-rabbitmq-start.log
  rabbitmq-server -detached >"$log" 2>&1 || { tail -n 5 "$log" >&2; return 1; }
  # await_startup gives up at once while the new node has not yet registered with epmd, so ask again until it answers.
  wait_until "$START_TIMEOUT" rabbit_started "$log" || { tail -n 20 "$log" >&2; return 1; }
  wait_until 30 answers "$RABBIT_PORT"
}

ensure() { # name port check-function server-binary package start-function
  local name=$1 port=$2 ok=$3 binary=$4 package=$5 start=$6
  if $ok; then
    say "$name" "ok: answers on 127.0.0.1:$port"
    return 0
  fi
  if [[ $mode == check ]]; then
    say "$name" "DOWN: nothing answers on 127.0.0.1:$port (run scripts/brokers.sh to start it)"
    return 1
  fi
  if ! command -v "$binary" >/dev/null 2>&1; then
    if ! can_install; then
      say "$name" "FAILED: $binary is not installed and this is not root with apt-get; install the Debian package $package (sudo apt-get install $package) or point KOMBU_IT_*_URL at a running broker"
      return 1
    fi
    say "$name" "installing the Debian package $package"
    apt_install "$package" || { say "$name" "FAILED: apt-get install $package failed"; return 1; }
  fi
  say "$name" "starting: nothing answered on 127.0.0.1:$port"
  if $start && $ok; then
    say "$name" "ok: started, answers on 127.0.0.1:$port"
    return 0
  fi
  say "$name" "FAILED: started $binary but nothing answers on 127.0.0.1:$port within the time limit"
  return 1
}

python_ok() { "$PYTHON" -c "import $PYTHON_MODULES" >/dev/null 2>&1; }

ensure_python() {
  if python_ok; then
    say python "ok: $PYTHON imports $PYTHON_MODULES"
    return 0
  fi
  if [[ $mode != check ]] && can_install; then
    say python "installing $PYTHON_PACKAGES"
    if apt_install $PYTHON_PACKAGES && python_ok; then
      say python "ok: installed; $PYTHON imports $PYTHON_MODULES"
      return 0
    fi
  fi
  say python "MISSING: $PYTHON cannot import $PYTHON_MODULES; interop tests need: sudo apt-get install $PYTHON_PACKAGES"
  [[ ${KOMBU_IT_REQUIRED:-false} != true ]]
}

restart() {
  case "${1:-}" in
    redis)
      if command -v redis-cli >/dev/null 2>&1; then
        timeout 10 redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1
      fi
      wait_until 15 refused "$REDIS_PORT" || { say redis "FAILED: still answering after shutdown"; return 1; }
      say redis "stopped"
      if start_redis; then say redis "ok: restarted"; else say redis "FAILED: did not come back"; return 1; fi
      ;;
    rabbitmq)
      timeout 60 rabbitmqctl stop_app >/dev/null 2>&1 || { say rabbitmq "FAILED: rabbitmqctl stop_app"; return 1; }
      say rabbitmq "stopped (application)"
      timeout 60 rabbitmqctl start_app >/dev/null 2>&1 || { say rabbitmq "FAILED: rabbitmqctl start_app"; return 1; }
      wait_until "$START_TIMEOUT" rabbit_started /dev/null
      if wait_until 30 answers "$RABBIT_PORT"; then say rabbitmq "ok: restarted"; else say rabbitmq "FAILED: did not come back"; return 1; fi
      ;;
    *)
      echo "usage: $0 restart redis|rabbitmq" >&2
      return 2
      ;;
  esac
}

mode=${1:-ensure}
case "$mode" in
  ensure | check)
    status=0
    ensure redis "$REDIS_PORT" redis_ok redis-server redis-server start_redis || status=1
    ensure rabbitmq "$RABBIT_PORT" "answers $RABBIT_PORT" rabbitmq-server rabbitmq-server start_rabbitmq || status=1
    ensure_python || status=1
    exit $status
    ;;
  restart)
    restart "${2:-}"
    exit $?
    ;;
  -h | --help | help)
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
    ;;
  *)
    echo "usage: $0 [check | restart redis|rabbitmq]" >&2
    exit 2
    ;;
esac
