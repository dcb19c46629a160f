#!/usr/bin/env bash
# Warmed-loop micro-benchmarks of the analysis core (Dockerfile parse + resolve, workflow simulation, visibility
# check against 10,000 images, snapshot JSON). No daemon needed.
#   mvn -B -q -DskipTests package && src/test/bench/core.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
[ -f target/buildx-lens.jar ] || { echo "core.sh: build first: mvn -B -q -DskipTests package" >&2; exit 2; }
mkdir -p target/bench-classes
javac -d target/bench-classes -cp "target/buildx-lens.jar:target/lib/*" src/test/java/dev/buildxlens/bench/CoreBenchmarks.java
exec java -cp "target/bench-classes:target/buildx-lens.jar:target/lib/*" dev.buildxlens.bench.CoreBenchmarks src/test/bench/workload
