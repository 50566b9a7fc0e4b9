#!/usr/bin/env bash
# Load benchmark of the Sluice gateway against the backend itself and nginx, on 127.0.0.1 only.
#
#   benchmarks/load/run.sh [--quick] [--no-sluice] [--no-nginx] [--rebuild] [--out FILE]
#                          [--scenarios latency,max-rate,plain,streams]
#
#   --quick      short run (2 short rounds per scenario, about 4.5 minutes, at most 6); the full run
#                takes about 12 minutes, at most 14
#   --no-sluice  skip the Sluice target (backend vs nginx only)
#   --no-nginx   skip the nginx target
#   --rebuild    build benchmarks/target/benchmarks.jar even if it looks up to date
#   --out FILE   where the Markdown report goes (default benchmarks/load/results-latest.md)
#   --scenarios  run only these scenarios (comma-separated; default all)
#
# What it does: installs nginx from Debian's packages if it is missing (needs root), writes an nginx
# config into a temporary directory (2 worker processes with reuseport, proxy_buffering off,
# HTTP/1.1 keep-alive upstream, listening on 127.0.0.1 only) and starts it with 'daemon off;' in
# the background; starts the backend in its own JVM and the Sluice gateway as 2 JVMs with one
# event loop each (one port each; the client spreads its connections over them); runs the driver
# (the load client): for each scenario the same warm-up on every target, then measured rounds
# interleaved over the targets; prints the report and writes it to FILE, also when a target failed
# (the exit status is then 1). Why two processes per proxy: 10,000 relayed streams need 20,000
# sockets in a proxy, and the open-file limit here is 20,000 per process. The backend listens on
# one port per target (direct, sluice, nginx) and one for the driver's control calls: each
# 10,000-connection run leaves its closed connections in TIME_WAIT for 60 s, and towards one shared
# port three such runs would not fit in the machine's ephemeral port range. Everything runs under a
# time limit, and only the processes started here are stopped, by their PID. Results are explained
# in docs/performance.md ("Gateway (load)").
set -euo pipefail

QUICK=0
SLUICE=1
NGINX=1
REBUILD=0
SCENARIOS=""
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
OUT="$ROOT/benchmarks/load/results-latest.md"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --no-sluice) SLUICE=0 ;;
    --no-nginx) NGINX=0 ;;
    --rebuild) REBUILD=1 ;;
    --out) shift; OUT="$1" ;;
    --scenarios) shift; SCENARIOS="$1" ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { print }' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

# The Sluice JVMs' options; the report lists them. Each JVM runs one event loop, so the serial
# collector (no GC threads to hand work to) with a large young generation (under the latency load
# a 20 s round allocates about 100 MB per JVM, so no young pause falls in it; under plain load a
# pause every few seconds), the whole heap committed up front (no full collection to grow it under
# 10,000 streams) and objects that survive one collection promoted at once (the gateway's
# long-lived objects are not copied again in every young pause). Override to try others:
# SLUICE_JVM_OPTS="-Xms256m -Xmx1g" gives the JVM's defaults (G1) with the backend's heap settings.
SLUICE_JVM_OPTS=${SLUICE_JVM_OPTS:--Xms2g -Xmx2g -Xmn1g -XX:+UseSerialGC -XX:MaxTenuringThreshold=1}
# Extra arguments for the benchmark gateway (see SluiceLoadGateway), e.g. "--backend-keep-alive 60"
# (seconds an idle backend connection is kept; the gateway's default is 15).
SLUICE_GATEWAY_ARGS=${SLUICE_GATEWAY_ARGS:-}
WORKERS=2               # nginx worker processes = Sluice JVMs (one event loop each), for fairness
# The driver's own limit is 20 s shorter: it starts no step that would end after it, and writes its
# report before this script's timeout would stop it.
if [ "$QUICK" = 1 ]; then RUN_LIMIT=340; else RUN_LIMIT=840; fi
BUILD_LIMIT=900
JAR="$ROOT/benchmarks/target/benchmarks.jar"

# 10,000 streams need 10,000 sockets in the client, in the backend, and 20,000 in each proxy (split
# over its processes): raise the open-file limit as far as this machine allows.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
echo "open-file limit per process: $(ulimit -n)"

if [ "$NGINX" = 1 ] && ! command -v nginx >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    echo "nginx is not installed and this is not root: install it or pass --no-nginx" >&2
    exit 1
  fi
  echo "Installing nginx from Debian's packages..."
  timeout 600 apt-get update -qq
  DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq nginx >/dev/null
fi

if [ "$REBUILD" = 1 ] || [ ! -f "$JAR" ] \
    || [ -n "$(find policy-*/src/main benchmarks/src/main -newer "$JAR" -type f -print -quit)" ]; then
  echo "Building $JAR..."
  timeout "$BUILD_LIMIT" ./mvnw -q -B -o package -DskipTests -pl benchmarks -am
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/sluice-load.XXXXXX")
STARTED=()
cleanup() {
  local pid
  for pid in "${STARTED[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${STARTED[@]}"; do
    # Bounded wait: a process that ignores TERM for 10 s is killed.
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mapfile -t PORTS < <(java -cp "$JAR" dev.sluice.bench.load.FreePorts $((5 + 2 * WORKERS)))
# The backend's ports: control calls, direct, and the ones Sluice and nginx relay to.
CONTROL_PORT=${PORTS[0]}
DIRECT_PORT=${PORTS[1]}
SLUICE_BACKEND_PORT=${PORTS[2]}
NGINX_BACKEND_PORT=${PORTS[3]}
NGINX_PORT=${PORTS[4]}
SLUICE_PORTS=("${PORTS[@]:5:$WORKERS}")
ADMIN_PORTS=("${PORTS[@]:$((5 + WORKERS)):$WORKERS}")
ARGS=(--backend-control-port "$CONTROL_PORT" --direct-port "$DIRECT_PORT" --workers "$WORKERS" --out "$OUT"
  --clock-ticks "$(getconf CLK_TCK)" --time-limit $((RUN_LIMIT - 20)))
[ "$QUICK" = 1 ] && ARGS+=(--quick)
[ -n "$SCENARIOS" ] && ARGS+=(--scenarios "$SCENARIOS")

# The driver reads every JVM's options from /proc/<pid>/cmdline for the report, so the command
# lines below are the only place they are written.
java -Xms256m -Xmx1g -cp "$JAR" dev.sluice.bench.load.LoadBackend \
  --ports "$CONTROL_PORT,$DIRECT_PORT,$SLUICE_BACKEND_PORT,$NGINX_BACKEND_PORT" \
  --max-seconds $((RUN_LIMIT + 60)) > "$TMP/backend.log" 2>&1 &
STARTED+=("$!")
ARGS+=(--backend-pid "$!")

if [ "$NGINX" = 1 ]; then
  mkdir -p "$TMP/nginx/logs" "$TMP/nginx/temp"
  cat > "$TMP/nginx/nginx.conf" <<EOF
worker_processes $WORKERS;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/logs/error.log warn;
events {
  worker_connections 19000;
}
http {
  access_log off;
  client_body_temp_path $TMP/nginx/temp/body;
  proxy_temp_path $TMP/nginx/temp/proxy;
  fastcgi_temp_path $TMP/nginx/temp/fastcgi;
  uwsgi_temp_path $TMP/nginx/temp/uwsgi;
  scgi_temp_path $TMP/nginx/temp/scgi;
  upstream backend {
    server 127.0.0.1:$NGINX_BACKEND_PORT;
    keepalive 256;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT backlog=4096 reuseport;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_buffering off;
    proxy_read_timeout 300s;
    keepalive_requests 100000;
    location /sse {
      proxy_pass http://backend;
    }
    # The same header work as Sluice's 5-policy pipeline.
    location /plain {
      proxy_set_header Connection "";
      proxy_set_header X-Bench-Pipeline "nginx";
      proxy_set_header X-Request-Source \$x_request_source;
      proxy_set_header X-Debug "";
      add_header X-Served-By "nginx";
      proxy_pass http://backend;
    }
  }
  map \$http_x_request_source \$x_request_source {
    "" "load";
    default \$http_x_request_source;
  }
}
EOF
  nginx -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -g 'daemon off;' &
  NGINX_PID=$!
  STARTED+=("$NGINX_PID")
  ARGS+=(--nginx-port "$NGINX_PORT" --nginx-pid "$NGINX_PID" --nginx-backend-port "$NGINX_BACKEND_PORT"
    --nginx-version "$(nginx -v 2>&1)")
fi

if [ "$SLUICE" = 1 ]; then
  SLUICE_PIDS=()
  for i in $(seq 0 $((WORKERS - 1))); do
    # shellcheck disable=SC2086 # SLUICE_JVM_OPTS and SLUICE_GATEWAY_ARGS hold several words
    java $SLUICE_JVM_OPTS -cp "$JAR" dev.sluice.bench.load.SluiceLoadGateway \
      --port "${SLUICE_PORTS[$i]}" --admin-port "${ADMIN_PORTS[$i]}" --backend-port "$SLUICE_BACKEND_PORT" \
      --event-loops 1 $SLUICE_GATEWAY_ARGS > "$TMP/sluice-$i.log" 2>&1 &
    SLUICE_PIDS+=("$!")
    STARTED+=("$!")
  done
  join() { local IFS=,; echo "$*"; }
  ARGS+=(--sluice-ports "$(join "${SLUICE_PORTS[@]}")" --sluice-pids "$(join "${SLUICE_PIDS[@]}")" \
    --sluice-admin-ports "$(join "${ADMIN_PORTS[@]}")" --sluice-backend-port "$SLUICE_BACKEND_PORT")
fi

echo "backend :$CONTROL_PORT (control) :$DIRECT_PORT (direct) :$SLUICE_BACKEND_PORT (sluice's) :$NGINX_BACKEND_PORT (nginx's)"
echo "sluice :${SLUICE_PORTS[*]} (admin :${ADMIN_PORTS[*]})  nginx :$NGINX_PORT  limit ${RUN_LIMIT}s"
status=0
timeout -k 10 "$RUN_LIMIT" java -Xms512m -Xmx2g -cp "$JAR" dev.sluice.bench.load.LoadBenchmark "${ARGS[@]}" \
  || status=$?
if [ "$status" != 0 ]; then
  echo "driver exit status $status: something failed (see the report's Failures, and the logs below)" >&2
  for f in "$TMP"/backend.log "$TMP"/sluice-*.log; do
    [ -f "$f" ] && { echo "--- $(basename "$f") (tail)"; tail -20 "$f"; } >&2
  done
  [ -f "$TMP/nginx/logs/error.log" ] && { echo "--- nginx error log (tail)"; tail -20 "$TMP/nginx/logs/error.log"; } >&2
fi
exit "$status"
