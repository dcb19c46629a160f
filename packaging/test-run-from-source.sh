#!/usr/bin/env bash
# Checks README's run path (packaging/run-from-source.sh) the way a newcomer meets it: the first run of a kind, which
# also makes its start-up cache, and the next one, which starts from it. Both must print exactly what the app prints
# (a JSON report stays JSON) and nothing on stderr, on each runtime it may pick: the JDK 25+ that
# packaging/runtime-java.sh finds, and the java on PATH when that is an older JDK. Needs a built jar
# (mvn -B -q -DskipTests package); no Docker (it diagnoses an offline scenario). .ci/run runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "test-run-from-source: FAILED: $*" >&2; exit 1; }
[ -f target/buildx-lens.jar ] || fail "no target/buildx-lens.jar; run: mvn -B -q -DskipTests package"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# The picker: an explicit BUILDX_LENS_JAVA wins; a missing one is an error, not a silent fallback.
[ "$(BUILDX_LENS_JAVA=/bin/true sh packaging/runtime-java.sh)" = /bin/true ] || fail "BUILDX_LENS_JAVA is not honoured"
if BUILDX_LENS_JAVA=/nonexistent/java sh packaging/runtime-java.sh >/dev/null 2>&1; then
  fail "a BUILDX_LENS_JAVA that does not exist was accepted"
fi

check() { # check LABEL JAVA: two runs of one kind, from no cache; compares their output with the jar's own
  local label=$1 java=$2
  rm -f target/cds/buildx-lens-diagnose.*
  local expected status
  status=0
  "$java" -jar target/buildx-lens.jar diagnose --scenario classic-ci --format json >"$out/expected" 2>/dev/null || status=$?
  [ "$status" -eq 1 ] || fail "$label: the jar's diagnose exited $status, expected 1 (findings)"
  # A scenario is unpacked into a fresh temporary directory per run: its name is the one expected difference.
  sed -i 's|buildx-lens-scenario[0-9]*|buildx-lens-scenario|g' "$out/expected"
  for run in first second; do
    status=0
    BUILDX_LENS_JAVA=$java packaging/run-from-source.sh diagnose --scenario classic-ci --format json \
      >"$out/$run.out" 2>"$out/$run.err" || status=$?
    [ "$status" -eq 1 ] || fail "$label, $run run: exit $status, expected 1 (findings); stderr: $(head -3 "$out/$run.err")"
    sed -i 's|buildx-lens-scenario[0-9]*|buildx-lens-scenario|g' "$out/$run.out"
    [ ! -s "$out/$run.err" ] || fail "$label, $run run wrote to stderr: $(head -3 "$out/$run.err")"
    cmp -s "$out/expected" "$out/$run.out" || fail "$label, $run run: stdout differs from java -jar's: $(diff "$out/expected" "$out/$run.out" | head -5)"
  done
  ls target/cds/buildx-lens-diagnose.* >/dev/null 2>&1 || fail "$label: the first run made no start-up cache in target/cds"
  echo "test-run-from-source: $label ($java): first and cached runs print the jar's report, nothing on stderr"
}

picked=$(sh packaging/runtime-java.sh)
check "the picked runtime" "$picked"
on_path=$(command -v java || true)
if [ -n "$on_path" ] && [ "$(readlink -f "$on_path")" != "$(readlink -f "$picked")" ]; then
  check "PATH's java" "$on_path"
fi
