#!/usr/bin/env bash
# Times `buildx-lens inspect --format json` against the Docker CLI doing the same job
# (docker info + docker images -a --no-trunc + docker ps -a), interleaved, whole processes.
# Usage: src/test/bench/inspect-vs-docker.sh [RUNS]   (needs target/buildx-lens.jar and a running daemon)
set -euo pipefail
cd "$(dirname "$0")/../../.."
runs=${1:-10}
docker_cli=${DOCKER_CLI:-/usr/bin/docker}
jar=target/buildx-lens.jar
[ -f "$jar" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 2; }

now_ms() { date +%s%3N; }
lens=(); cli=()
for _ in $(seq 1 "$runs"); do
  t0=$(now_ms); java -jar "$jar" inspect --format json >/dev/null; t1=$(now_ms)
  "$docker_cli" info >/dev/null; "$docker_cli" images -a --no-trunc >/dev/null; "$docker_cli" ps -a >/dev/null; t2=$(now_ms)
  lens+=($((t1 - t0))); cli+=($((t2 - t1)))
done
stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "median %d ms  min %d  max %d", m, a[1], a[NR]}'; }
images=$("$docker_cli" images -a -q | wc -l)
echo "images in the daemon: $images, runs: $runs"
echo "buildx-lens inspect --format json : $(stats "${lens[@]}")"
echo "docker info + images -a + ps -a   : $(stats "${cli[@]}")"
