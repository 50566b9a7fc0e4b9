#!/usr/bin/env bash
# Builds the benchmarks jar and runs JMH. Any arguments go to JMH, for example
#   benchmarks/run.sh ReaderBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
# With no arguments every benchmark runs with the settings in its annotations (slow).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B package -DskipTests -pl benchmarks -am
exec java -jar benchmarks/target/benchmarks.jar "$@"
