#!/usr/bin/env bash
# Load benchmark of the Sluice gateway against the backend itself and nginx, on 127.0.0.1 only.
#
#   benchmarks/load/run.sh [--quick] [--no-sluice] [--no-nginx] [--rebuild] [--out FILE]
#
#   --quick      1-2 minute run (2 short rounds per scenario); the default full run takes 6-8 minutes
#   --no-sluice  skip the Sluice target (backend vs nginx only)
#   --no-nginx   skip the nginx target
#   --rebuild    build benchmarks/target/sluice-load.jar even if it looks up to date
#   --out FILE   where the Markdown report goes (default benchmarks/load/results-latest.md)
#
# What it does: installs nginx from Debian's packages if it is missing (needs root), writes an nginx
# config into a temporary directory (1 worker process, proxy_buffering off, HTTP/1.1 keep-alive
# upstream, listening on 127.0.0.1 only) and starts it in the foreground in the background; starts
# the Sluice gateway in its own JVM with 1 event loop; runs the driver (backend and load client in
# one JVM) with every scenario interleaved over the targets; prints the report and writes it to
# FILE. Everything runs under a time limit, and only the processes started here are stopped, by
# their PID. Results are explained in docs/performance.md ("Gateway (load)").
set -euo pipefail

QUICK=0
SLUICE=1
NGINX=1
REBUILD=0
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
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

WORKERS=1               # nginx worker_processes and Sluice event loops: the same, for fairness
if [ "$QUICK" = 1 ]; then RUN_LIMIT=300; else RUN_LIMIT=720; fi
BUILD_LIMIT=900
JAR="$ROOT/benchmarks/target/sluice-load.jar"

# 10,000 streams need ~20,000 sockets in the driver JVM (client and backend sides) and as many in
# each proxy: raise the open-file limit for this shell and its children.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

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
  timeout "$BUILD_LIMIT" ./mvnw -q -B -o package -Pload -DskipTests -pl benchmarks -am
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

mapfile -t PORTS < <(java -cp "$JAR" dev.sluice.bench.load.FreePorts 4)
BACKEND_PORT=${PORTS[0]}
SLUICE_PORT=${PORTS[1]}
ADMIN_PORT=${PORTS[2]}
NGINX_PORT=${PORTS[3]}
ARGS=(--backend-port "$BACKEND_PORT" --workers "$WORKERS" --out "$OUT")
[ "$QUICK" = 1 ] && ARGS+=(--quick)

if [ "$NGINX" = 1 ]; then
  mkdir -p "$TMP/nginx/logs" "$TMP/nginx/temp"
  cat > "$TMP/nginx/nginx.conf" <<EOF
worker_processes $WORKERS;
worker_rlimit_nofile 65536;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/logs/error.log warn;
events {
  worker_connections 32768;
}
http {
  access_log off;
  client_body_temp_path $TMP/nginx/temp/body;
  proxy_temp_path $TMP/nginx/temp/proxy;
  fastcgi_temp_path $TMP/nginx/temp/fastcgi;
  uwsgi_temp_path $TMP/nginx/temp/uwsgi;
  scgi_temp_path $TMP/nginx/temp/scgi;
  upstream backend {
    server 127.0.0.1:$BACKEND_PORT;
    keepalive 256;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT backlog=4096;
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
  ARGS+=(--nginx-port "$NGINX_PORT" --nginx-pid "$NGINX_PID")
fi

if [ "$SLUICE" = 1 ]; then
  java -Xms256m -Xmx1g -cp "$JAR" dev.sluice.bench.load.SluiceLoadGateway \
    --port "$SLUICE_PORT" --admin-port "$ADMIN_PORT" --backend-port "$BACKEND_PORT" \
    --event-loops "$WORKERS" > "$TMP/sluice.log" 2>&1 &
  SLUICE_PID=$!
  STARTED+=("$SLUICE_PID")
  ARGS+=(--sluice-port "$SLUICE_PORT" --sluice-pid "$SLUICE_PID" --sluice-admin-port "$ADMIN_PORT")
fi

echo "backend :$BACKEND_PORT  sluice :$SLUICE_PORT (admin :$ADMIN_PORT)  nginx :$NGINX_PORT  limit ${RUN_LIMIT}s"
status=0
timeout -k 10 "$RUN_LIMIT" java -Xms512m -Xmx2g -cp "$JAR" dev.sluice.bench.load.LoadBenchmark "${ARGS[@]}" \
  || status=$?
if [ "$status" != 0 ]; then
  echo "driver failed (exit $status)" >&2
  [ -f "$TMP/sluice.log" ] && { echo "--- sluice log (tail)"; tail -20 "$TMP/sluice.log"; } >&2
  [ -f "$TMP/nginx/logs/error.log" ] && { echo "--- nginx error log (tail)"; tail -20 "$TMP/nginx/logs/error.log"; } >&2
fi
exit "$status"
