#!/usr/bin/env bash
# Runs one benchmark: bench/run.sh <ClassName under io.opendetection.bench> [args...]
# e.g. bench/run.sh lists.ValueListImportBench
# Builds what is missing first. Starts its own system (devstack launcher, free ports, work dir under
# bench/target/) unless BENCH_GATEWAY_URL is set (then also BENCH_ELASTIC_PASSWORD).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [[ $# -lt 1 ]]; then
  echo "usage: bench/run.sh <benchmark class, e.g. lists.ValueListImportBench> [args...]" >&2
  exit 2
fi
if [[ ! -f bench/target/bench.classpath || -n "${BENCH_REBUILD:-}" ]]; then
  ./mvnw -B -ntp -q -DskipTests -pl bench -am package
fi
class="$1"; shift
exec java -Xmx1g -Ddetection.root="$root" \
  -cp "bench/target/classes:$(cat bench/target/bench.classpath)" "io.opendetection.bench.$class" "$@"
