#!/usr/bin/env bash
# Per-event latency of an SSE stream: backend direct, through Sluice, through nginx (proxy_buffering
# off). Everything binds 127.0.0.1, every process this script starts is ended by its PID, and the
# whole run is bounded by RUN_TIMEOUT seconds.
#
#   benchmarks/load/run.sh                # defaults: 50 streams x 200 events, one every 20 ms
#   STREAMS=200 EVENTS=100 benchmarks/load/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

STREAMS=${STREAMS:-50}
EVENTS=${EVENTS:-200}
INTERVAL_MS=${INTERVAL_MS:-20}
RUN_TIMEOUT=${RUN_TIMEOUT:-600}
BACKEND_PORT=${BACKEND_PORT:-18181}
SLUICE_PORT=${SLUICE_PORT:-18182}
NGINX_PORT=${NGINX_PORT:-18183}

if [[ -z "${SLUICE_LOAD_BOUNDED:-}" ]]; then
  SLUICE_LOAD_BOUNDED=1 exec timeout --signal=TERM "$RUN_TIMEOUT" "$0" "$@"
fi

if ! command -v nginx >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq nginx >/dev/null
fi

# benchmarks/target/benchmarks.jar is the shaded jar: Sluice, Vert.x and the load harness.
./mvnw -q -B -o package -pl benchmarks -am -DskipTests
CP=benchmarks/target/benchmarks.jar

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

JAVA_OPTS=(-Xms256m -Xmx512m -XX:+UseParallelGC)

java "${JAVA_OPTS[@]}" -cp "$CP" dev.sluice.bench.SseLoad backend "$BACKEND_PORT" >"$WORK/backend.log" 2>&1 &
PIDS+=($!)
java "${JAVA_OPTS[@]}" -cp "$CP" dev.sluice.bench.SseLoad gateway "$SLUICE_PORT" "http://127.0.0.1:$BACKEND_PORT" >"$WORK/gateway.log" 2>&1 &
PIDS+=($!)

mkdir -p "$WORK/nginx"
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  upstream backend { server 127.0.0.1:$BACKEND_PORT; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
      proxy_cache off;
      proxy_read_timeout 300s;
    }
  }
}
CONF
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
PIDS+=($!)

ready() {
  for _ in $(seq 1 60); do
    if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$1/events?n=1&interval=1"; then
      return 0
    fi
    sleep 0.5
  done
  echo "port $1 did not come up" >&2
  return 1
}
ready "$BACKEND_PORT"
ready "$SLUICE_PORT"
ready "$NGINX_PORT"

echo "SSE per-event latency: $STREAMS streams x $EVENTS events, one every $INTERVAL_MS ms (lower is better)"
client() {
  java "${JAVA_OPTS[@]}" -cp "$CP" dev.sluice.bench.SseLoad client "http://127.0.0.1:$1/events" \
    "$STREAMS" "$EVENTS" "$INTERVAL_MS" "$2"
}
# Warm-up for each target (JIT, connection pools), then the measured runs.
for target in "$BACKEND_PORT direct" "$SLUICE_PORT sluice" "$NGINX_PORT nginx"; do
  set -- $target
  EVENTS_SAVED=$EVENTS; EVENTS=$((EVENTS / 4 + 1))
  client "$1" "$2" >/dev/null || true
  EVENTS=$EVENTS_SAVED
done
status=0
client "$BACKEND_PORT" direct || status=1
client "$SLUICE_PORT" sluice || status=1
client "$NGINX_PORT" nginx || status=1
exit $status
