#!/usr/bin/env bash
# Makes sure the brokers that Kombu-Java's *IT tests use answer on loopback, and that the Python Kombu peers used by the
# interop tests are installed. Idempotent and quick when everything is already up.
#
#   scripts/brokers.sh                      ensure Redis (127.0.0.1:6379), RabbitMQ (127.0.0.1:5672), its TLS listener
#                                           (127.0.0.1:5671) and the Python peers
#   scripts/brokers.sh check                only report; start and install nothing
#   scripts/brokers.sh restart redis        stop and start Redis (for fault tests)
#   scripts/brokers.sh restart rabbitmq     stop and start the RabbitMQ application (for fault tests)
#
# The TLS listener (for amqps:// tests) uses a bootstrap CA and server certificate that this script makes with openssl in
# /var/lib/kombu-it/rabbitmq-tls and names in /etc/rabbitmq/rabbitmq.conf; RabbitMQ is restarted only when that file
# changes. Tests may rotate the files there (then `rabbitmqctl eval 'ssl:clear_pem_cache().'`), as AmqpsTlsIT does.
#
# Exit status: 0 when every broker answers, 1 when one could not be made available (or when the Python peers are missing
# and KOMBU_IT_REQUIRED=true), 2 for a usage error.
set -uo pipefail

REDIS_PORT=6379
RABBIT_PORT=5672
RABBIT_TLS_PORT=5671
RABBIT_CONF=/etc/rabbitmq/rabbitmq.conf
# Outside the repository, so that every checkout and the tests (AmqpsTlsIT rotates these files) share one listener.
RABBIT_TLS_DIR=/var/lib/kombu-it/rabbitmq-tls
START_TIMEOUT="${KOMBU_BROKERS_START_TIMEOUT:-120}"
PYTHON=/usr/bin/python3
# Every module an interop test imports: Kombu's Redis, MongoDB and SQS transports need redis, pymongo, and boto3 with
# pycurl (the async SQS path Celery workers use); celery runs the worker tests.
PYTHON_MODULES="kombu, redis, msgpack, yaml, celery, zstandard, brotli, pymongo, boto3, pycurl"
PYTHON_PACKAGES="python3-kombu python3-redis python3-msgpack python3-yaml python3-celery python3-zstandard"
PYTHON_PACKAGES+=" python3-brotli python3-pymongo python3-boto3 python3-pycurl"

apt_updated=false

say() { printf '%-12s %s\n' "$1" "$2"; }

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

rabbit_tls_ok() { # true when a TLS handshake succeeds on the TLS port (any certificate: a test may be rotating them)
  answers "$RABBIT_TLS_PORT" \
    && timeout 10 openssl s_client -connect "127.0.0.1:$RABBIT_TLS_PORT" -servername localhost </dev/null >/dev/null 2>&1
}

tls_files_ok() { # the listener's CA, certificate and key exist, and the certificate is valid for at least another day
  [[ -s $RABBIT_TLS_DIR/ca.pem && -s $RABBIT_TLS_DIR/server.key ]] \
    && openssl x509 -checkend 86400 -noout -in "$RABBIT_TLS_DIR/server.pem" >/dev/null 2>&1
}

make_tls_files() { # a bootstrap CA and a server certificate for localhost and 127.0.0.1, readable by the rabbitmq user
  local tmp
  tmp=$(mktemp -d) || return 1
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 -subj "/CN=Kombu-Java bootstrap CA" \
      -keyout "$tmp/ca.key" -out "$tmp/ca.pem" >/dev/null 2>&1 \
    && openssl req -newkey rsa:2048 -nodes -sha256 -subj "/CN=localhost" \
      -keyout "$tmp/server.key" -out "$tmp/server.csr" >/dev/null 2>&1 \
    && printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$tmp/server.ext" \
    && openssl x509 -req -sha256 -days 3650 -in "$tmp/server.csr" -CA "$tmp/ca.pem" -CAkey "$tmp/ca.key" \
      -CAcreateserial -extfile "$tmp/server.ext" -out "$tmp/server.pem" >/dev/null 2>&1 \
    && mkdir -p "$RABBIT_TLS_DIR" \
    && chgrp rabbitmq "$RABBIT_TLS_DIR" "$tmp/server.key" && chmod 750 "$RABBIT_TLS_DIR" && chmod 640 "$tmp/server.key" \
    && chmod 644 "$tmp/ca.pem" "$tmp/server.pem" \
    && mv -f "$tmp/ca.key" "$tmp/ca.pem" "$tmp/server.key" "$tmp/server.pem" "$RABBIT_TLS_DIR/"
  local status=$?
  rm -rf "$tmp"
  return $status
}

conf_set() { # key value: makes rabbitmq.conf say "key = value" once; true only when the file changed
  local line="$1 = $2" pattern="^${1//./\\.}[[:space:]]*="
  if grep -qxF "$line" "$RABBIT_CONF"; then
    return 1
  fi
  if grep -q "$pattern" "$RABBIT_CONF"; then
    sed -i "s|$pattern.*|$line|" "$RABBIT_CONF"
  else
    [[ ! -s $RABBIT_CONF || $(tail -c 1 "$RABBIT_CONF") == "" ]] || echo >>"$RABBIT_CONF"
    printf '%s\n' "$line" >>"$RABBIT_CONF"
  fi
}

configure_rabbit_tls() { # true when rabbitmq.conf changed; the plain listener (listeners.tcp.*) is left as it is
  local changed=1
  touch "$RABBIT_CONF"
  conf_set listeners.ssl.default "127.0.0.1:$RABBIT_TLS_PORT" && changed=0
  conf_set ssl_options.cacertfile "$RABBIT_TLS_DIR/ca.pem" && changed=0
  conf_set ssl_options.certfile "$RABBIT_TLS_DIR/server.pem" && changed=0
  conf_set ssl_options.keyfile "$RABBIT_TLS_DIR/server.key" && changed=0
  conf_set ssl_options.verify verify_none && changed=0
  conf_set ssl_options.fail_if_no_peer_cert false && changed=0
  return $changed
}

rabbit_node_down() { ! timeout 15 rabbitmqctl -q ping >/dev/null 2>&1; }

restart_rabbit_node() { # the whole node, so that it reads rabbitmq.conf again (stop_app/start_app does not)
  timeout 60 rabbitmqctl stop >/dev/null 2>&1
  wait_until 60 rabbit_node_down || return 1
  start_rabbitmq && wait_until 30 answers "$RABBIT_TLS_PORT"
}

ensure_rabbit_tls() { # after RabbitMQ answers: its TLS listener, configured (and the node restarted) only when needed
  local name=rabbitmq-tls made=false
  if [[ $mode == check ]] || [[ $(id -u) -ne 0 ]]; then
    if rabbit_tls_ok; then
      say "$name" "ok: TLS handshake on 127.0.0.1:$RABBIT_TLS_PORT"
      return 0
    fi
    if [[ $mode == check ]]; then
      say "$name" "DOWN: no TLS handshake on 127.0.0.1:$RABBIT_TLS_PORT (run scripts/brokers.sh to configure it)"
    else
      say "$name" "FAILED: no TLS handshake on 127.0.0.1:$RABBIT_TLS_PORT, and only root can write $RABBIT_CONF"
    fi
    return 1
  fi
  if ! command -v openssl >/dev/null 2>&1; then
    apt_install openssl || { say "$name" "FAILED: openssl is not installed and apt-get install openssl failed"; return 1; }
  fi
  if ! tls_files_ok; then
    make_tls_files || { say "$name" "FAILED: openssl could not write a CA and certificate to $RABBIT_TLS_DIR"; return 1; }
    made=true
    say "$name" "made a bootstrap CA and server certificate in $RABBIT_TLS_DIR"
  fi
  if configure_rabbit_tls; then
    say "$name" "restarting RabbitMQ: added the TLS listener to $RABBIT_CONF"
    restart_rabbit_node || { say "$name" "FAILED: RabbitMQ did not come back after the restart"; return 1; }
  elif ! rabbit_tls_ok; then
    say "$name" "restarting RabbitMQ: $RABBIT_CONF has the TLS listener but no TLS handshake on 127.0.0.1:$RABBIT_TLS_PORT"
    restart_rabbit_node || { say "$name" "FAILED: RabbitMQ did not come back after the restart"; return 1; }
  elif $made; then
    # A running listener caches the old PEM files; RabbitMQ's documented rotation step makes new connections read them.
    timeout 30 rabbitmqctl eval 'ssl:clear_pem_cache().' >/dev/null 2>&1
  fi
  if rabbit_tls_ok; then
    say "$name" "ok: TLS handshake on 127.0.0.1:$RABBIT_TLS_PORT (CA $RABBIT_TLS_DIR/ca.pem)"
    return 0
  fi
  say "$name" "FAILED: no TLS handshake on 127.0.0.1:$RABBIT_TLS_PORT; see /var/log/rabbitmq"
  return 1
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
    if ensure rabbitmq "$RABBIT_PORT" "answers $RABBIT_PORT" rabbitmq-server rabbitmq-server start_rabbitmq; then
      ensure_rabbit_tls || status=1
    else
      say rabbitmq-tls "not checked: RabbitMQ is down"
      status=1
    fi
    ensure_python || status=1
    exit $status
    ;;
  restart)
    restart "${2:-}"
    exit $?
    ;;
  -h | --help | help)
    sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
    ;;
  *)
    echo "usage: $0 [check | restart redis|rabbitmq]" >&2
    exit 2
    ;;
esac
