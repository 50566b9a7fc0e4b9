#!/usr/bin/env bash
# Lints a generated APIOps extract of N policy files (default 1000) with the sluice jar and reports
# files/s and the wall time of the whole command, JVM start included. Uses hyperfine when installed
# (apt-get install hyperfine), else /usr/bin/time.
#   benchmarks/lint-speed.sh [N] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
files="${1:-1000}"
runs="${2:-10}"
./mvnw -q -B package -DskipTests -pl policy-cli,benchmarks -am
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
java -cp benchmarks/target/benchmarks.jar dev.sluice.bench.LintTreeGenerator "$tmp/tree" "$files"
count="$(find "$tmp/tree" -name '*.xml' | wc -l)"
cmd="java -jar policy-cli/target/sluice.jar lint $tmp/tree"
# The tree has findings on purpose: lint exits 1, which is not a failure of the benchmark.
$cmd | tail -1 || true
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 2 --runs "$runs" --ignore-failure --export-json "$tmp/result.json" "$cmd > /dev/null"
  mean="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["mean"])' "$tmp/result.json")"
else
  start="$(date +%s.%N)"
  for _ in $(seq "$runs"); do $cmd > /dev/null || true; done
  mean="$(echo "($(date +%s.%N) - $start) / $runs" | bc -l)"
  /usr/bin/time -v $cmd > /dev/null 2> "$tmp/time.txt" || true
  grep -E 'Elapsed|Maximum resident' "$tmp/time.txt"
fi
printf '%d policy files, mean wall time %.2f s (JVM start included): %.0f files/s\n' \
  "$count" "$mean" "$(echo "$count / $mean" | bc -l)"
