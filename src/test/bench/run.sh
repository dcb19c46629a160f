#!/usr/bin/env bash
# The benchmark harness. Against the running dockerd it
#   1. brings the daemon to N benchmark images (populate.sh: distinct ids, three tags each, every tenth dangling)
#      and a Docker config with 50 builders (mixed drivers) and 20 stopped builder containers;
#   2. times whole processes, interleaved, RUNS times each: `inspect --format json` against the Docker CLI doing
#      the same job (docker info + images -a --no-trunc + ps -a), `diagnose` of a 10-job workflow and of a
#      303-line multi-stage Dockerfile;
#   3. records the peak RSS of `inspect` (/usr/bin/time);
#   4. runs the GUI instrumented (--measure-gui, under xvfb-run when there is no display): first frame, first
#      complete picture, longest FX-thread stall during refreshes, Images filter latency per keystroke;
#   5. times the baselines the goals are stated against (issue 19), in the same run: a bare JavaFX window (one Label,
#      BareWindow.java, started with the java README's run path takes and no options) and `--version` of each
#      variant; and the GUI's longest refresh stall again while the image list changes under it (a tag added and
#      removed in a loop);
#   6. prints one table and writes it to target/bench/results-<time>.csv and .json, then the four goal ratios with
#      their baselines to target/bench/ratios-<time>.csv and .json.
# Variants of buildx-lens measured: "jar" (java -jar target/buildx-lens.jar), "readme" (README's run path,
# packaging/run-from-source.sh, its archives made by an untimed first run of each kind) and, when built, "command"
# (the packaged command with its start-up archive: mvn -B -q -Ppackage -DskipTests package);
# BASELINE_JAR=path/to/buildx-lens.jar adds "baseline", an older build to compare with.
#
#   src/test/bench/run.sh                  N = 100 1000 10000, 5 runs, 3 GUI runs
#   SIZES="1000" RUNS=9 src/test/bench/run.sh
#   src/test/bench/populate.sh clean       removes the benchmark images afterwards
set -euo pipefail
cd "$(dirname "$0")/../../.."
root=$PWD
sizes=${SIZES:-100 1000 10000}
runs=${RUNS:-5}
gui_runs=${GUI_RUNS:-3}
docker_cli=${DOCKER_CLI:-/usr/bin/docker}
bench=$root/target/bench
workload=$root/src/test/bench/workload
mkdir -p "$bench"

[ -f target/buildx-lens.jar ] || { echo "run.sh: build first: mvn -B -q -DskipTests package" >&2; exit 2; }
"$docker_cli" info >/dev/null 2>&1 || { echo "run.sh: no daemon answers $docker_cli info" >&2; exit 2; }
# "readme": README's run path (packaging/run-from-source.sh), whose class-data archives its first run of each kind makes.
variants=(jar readme)
declare -A command=([jar]="java -jar $root/target/buildx-lens.jar" [readme]="$root/packaging/run-from-source.sh")
fast=$root/target/jpackage/image/buildx-lens/lib/app/buildx-lens.sh
if [ -x "$fast" ]; then
  variants+=(command)
  command[command]=$fast
else
  echo "run.sh: no packaged command ($fast); measuring the jar only (mvn -B -q -Ppackage -DskipTests package adds it)"
fi
if [ -n "${BASELINE_JAR:-}" ]; then
  # An older build to compare with, e.g. one built from a worktree of an earlier commit (no GUI timings).
  variants=(baseline "${variants[@]}")
  command[baseline]="java -jar $(cd "$(dirname "$BASELINE_JAR")" && pwd)/$(basename "$BASELINE_JAR")"
fi
# The first-frame baseline: a bare JavaFX window, compiled here against the app's own JavaFX jars.
bare_dir=$bench/bare
javafx_cp=$(ls "$root"/target/lib/javafx-*.jar | paste -sd: -)
javac -d "$bare_dir" -cp "$javafx_cp" "$root/src/test/bench/BareWindow.java"
# Started with the java README's run path takes (packaging/runtime-java.sh), so both run on one runtime. When that is
# not the java on PATH (a JDK 25 found elsewhere), the bare window is timed on PATH's java too, and the goals are
# measured against the faster of the two: a runtime whose bare window is slower must not make the app look faster.
readme_java=$(sh "$root/packaging/runtime-java.sh")
declare -A bare_java=([bare-javafx]="$readme_java")
path_java=$(command -v java)
if [ "$(readlink -f "$path_java")" != "$(readlink -f "$readme_java")" ]; then
  bare_java[bare-javafx-path-java]=$path_java
fi
gui=()
if [ -z "${DISPLAY:-}" ]; then
  command -v xvfb-run >/dev/null && gui=(xvfb-run -a) || echo "run.sh: no DISPLAY and no xvfb-run: GUI timings skipped"
fi

stamp=$(date -u +%Y%m%dT%H%M%SZ)
csv=$bench/results-$stamp.csv
echo "images,variant,metric,unit,median,min,max,runs" > "$csv"
now_ms() { date +%s%3N; }
# record IMAGES VARIANT METRIC UNIT VALUE... -> one CSV row with median, min and max
record() {
  local n=$1 variant=$2 metric=$3 unit=$4; shift 4
  [ $# -gt 0 ] || return 0
  printf '%s\n' "$@" | sort -n | awk -v n="$n" -v v="$variant" -v m="$metric" -v u="$unit" \
    '{a[NR]=$1} END {med=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%s,%s,%s,%s,%g,%g,%g,%d\n", n, v, m, u, med, a[1], a[NR], NR}' >> "$csv"
}
timed() { local t0; t0=$(now_ms); "$@" >/dev/null 2>&1 || true; echo $(( $(now_ms) - t0 )); }
docker_trio() { "$docker_cli" info >/dev/null; "$docker_cli" images -a --no-trunc >/dev/null; "$docker_cli" ps -a >/dev/null; }

for n in $sizes; do
  echo "run.sh: $n images: populating"
  DOCKER_CONFIG=$(src/test/bench/populate.sh "$n" | tail -1)
  export DOCKER_CONFIG
  actual=$("$docker_cli" images -a -q --no-trunc | sort -u | wc -l)
  echo "run.sh: $actual images in the daemon, $(ls "$DOCKER_CONFIG/buildx/instances" | wc -l) builders in the store"
  declare -A inspect=() workflow=() dockerfile=() rss=() version=()
  trio=()
  # README's path makes its archives on the first run of each kind, once per build: not part of the timings.
  rm -rf "$root/target/cds"
  for kind in "--version" "inspect --format json" "diagnose --workflow $workload/.github/workflows/ci.yml --repo $workload --format json"; do
    ${command[readme]} $kind >/dev/null 2>&1 || true
  done
  if [ ${#gui[@]} -gt 0 ] || [ -n "${DISPLAY:-}" ]; then
    timeout 180 "${gui[@]}" ${command[readme]} --measure-gui "$bench/gui-readme-warmup.json" >/dev/null 2>&1 || true
  fi
  for r in $(seq 1 "$runs"); do
    for v in "${variants[@]}"; do
      version[$v]+=" $(timed ${command[$v]} --version)"
      inspect[$v]+=" $(timed ${command[$v]} inspect --format json)"
      workflow[$v]+=" $(timed ${command[$v]} diagnose --workflow "$workload/.github/workflows/ci.yml" --repo "$workload" --format json)"
      dockerfile[$v]+=" $(timed ${command[$v]} diagnose --dockerfile "$workload/Dockerfile" "$workload" --format json)"
    done
    t0=$(now_ms); docker_trio; trio+=($(( $(now_ms) - t0 )))
  done
  record "$actual" docker-cli "inspect-equivalent (info+images+ps)" ms "${trio[@]}"
  if [ ${#gui[@]} -gt 0 ] || [ -n "${DISPLAY:-}" ]; then
    for b in "${!bare_java[@]}"; do
      bare=()
      for r in $(seq 1 "$gui_runs"); do
        out=$bench/$b-$n-$r.json
        rm -f "$out"
        BUILDX_LENS_T0=$(now_ms) timeout 60 "${gui[@]}" "${bare_java[$b]}" -cp "$bare_dir:$javafx_cp" BareWindow "$out" >/dev/null 2>&1 || true
        [ -s "$out" ] && bare+=($(sed -n 's/^ *"firstFrameMs" : \([0-9]*\).*/\1/p' "$out"))
      done
      record "$actual" "$b" "GUI first frame" ms "${bare[@]}"
    done
  fi
  for v in "${variants[@]}"; do
    record "$actual" "$v" "--version" ms ${version[$v]}
    record "$actual" "$v" "inspect --format json" ms ${inspect[$v]}
    record "$actual" "$v" "diagnose 10-job workflow" ms ${workflow[$v]}
    record "$actual" "$v" "diagnose 303-line Dockerfile" ms ${dockerfile[$v]}
    kb=()
    for r in 1 2 3; do
      /usr/bin/time -o "$bench/rss" -f '%M' ${command[$v]} inspect --format json >/dev/null 2>&1 || true
      kb+=($(tail -1 "$bench/rss"))
    done
    record "$actual" "$v" "inspect peak RSS" MB $(printf '%s\n' "${kb[@]}" | awk '{printf "%.0f ", $1/1024}')
    if [ "$v" != baseline ] && { [ ${#gui[@]} -gt 0 ] || [ -n "${DISPLAY:-}" ]; }; then
      frame=(); picture=(); fxcpu=(); stall=(); settle=(); p50=(); p95=()
      for r in $(seq 1 "$gui_runs"); do
        out=$bench/gui-$v-$n-$r.json
        rm -f "$out"
        BUILDX_LENS_T0=$(now_ms) timeout 180 "${gui[@]}" ${command[$v]} --measure-gui "$out" >/dev/null 2>&1 || true
        [ -s "$out" ] || { echo "run.sh: GUI run $r ($v, $n images) wrote nothing" >&2; continue; }
        field() { sed -n "s/^ *\"$1\" : \\([0-9-]*\\).*/\\1/p" "$out" | head -1; }
        frame+=($(field firstFrameMs)); picture+=($(field firstPictureMs)); fxcpu+=($(field firstPictureFxCpuMs))
        settle+=($(field longestStallFirstSecondMs)); stall+=($(field longestStallDuringRefreshMs))
        p50+=($(field p50)); p95+=($(field p95))
      done
      record "$actual" "$v" "GUI first frame" ms "${frame[@]}"
      record "$actual" "$v" "GUI first complete picture" ms "${picture[@]}"
      # CPU time of the FX thread until then: steadier than wall time where other tenants steal CPU.
      record "$actual" "$v" "GUI FX-thread CPU until first complete picture" ms "${fxcpu[@]}"
      record "$actual" "$v" "GUI longest FX stall in first second" ms "${settle[@]}"
      record "$actual" "$v" "GUI longest FX stall during refresh" ms "${stall[@]}"
      record "$actual" "$v" "GUI Images filter latency p50" ms "${p50[@]}"
      record "$actual" "$v" "GUI Images filter latency p95" ms "${p95[@]}"
      # The same refreshes while the image list changes: a tag comes and goes every 300 ms, so each refresh brings a
      # different list (rows added and removed), not the unchanged one the runs above see.
      changing=()
      # awk reads the whole list: head would close the pipe early, and pipefail then ends the script (10,000 images).
      some_image=$("$docker_cli" images -q --filter label=dev.buildxlens.bench | awk 'NR == 1')
      for r in $(seq 1 "$gui_runs"); do
        out=$bench/gui-changing-$v-$n-$r.json
        rm -f "$out"
        # A failed tag or rmi (the daemon busy) must not end the loop: set -e holds in the subshell too.
        ( i=0; while :; do i=$((i + 1)); "$docker_cli" tag "$some_image" "lens-bench/changing:$i" >/dev/null 2>&1 || true
            sleep 0.3; "$docker_cli" rmi "lens-bench/changing:$i" >/dev/null 2>&1 || true; done ) &
        churn=$!
        BUILDX_LENS_T0=$(now_ms) timeout 180 "${gui[@]}" ${command[$v]} --measure-gui "$out" >/dev/null 2>&1 || true
        kill "$churn" 2>/dev/null || true; wait "$churn" 2>/dev/null || true
        "$docker_cli" images --format '{{.Repository}}:{{.Tag}}' lens-bench/changing | xargs -r "$docker_cli" rmi >/dev/null 2>&1 || true
        [ -s "$out" ] && changing+=($(sed -n 's/^ *"longestStallDuringRefreshMs" : \([0-9-]*\).*/\1/p' "$out" | head -1))
      done
      record "$actual" "$v" "GUI longest FX stall during refresh with changing images" ms "${changing[@]}"
    fi
  done
  unset inspect workflow dockerfile rss version
done

json=${csv%.csv}.json
awk -F, -v stamp="$stamp" -v host="$(uname -n)" -v cpus="$(nproc)" 'NR==1 {next}
  {rows = rows (rows ? ",\n" : "") sprintf("    {\"images\": %s, \"variant\": \"%s\", \"metric\": \"%s\", \"unit\": \"%s\", \"median\": %s, \"min\": %s, \"max\": %s, \"runs\": %s}", $1, $2, $3, $4, $5, $6, $7, $8)}
  END {printf "{\n  \"time\": \"%s\",\n  \"host\": \"%s\",\n  \"cpus\": %s,\n  \"results\": [\n%s\n  ]\n}\n", stamp, host, cpus, rows}' "$csv" > "$json"

echo
awk -F, 'NR==1 {printf "%-7s %-10s %-38s %9s %9s %9s %4s\n", "images", "variant", "metric", "median", "min", "max", "runs"; next}
  {printf "%-7s %-10s %-38s %6s %-2s %9s %9s %4s\n", $1, $2, $3, $5, $4, $6, $7, $8}' "$csv"
echo
echo "run.sh: wrote $csv and $json"

# The goals of issue 19, each a ratio against a baseline measured in this run (medians).
ratios=${csv/results-/ratios-}
awk -F, 'NR==1 {next} {m[$1 "|" $2 "|" $3] = $5; n[$1] = 1}
  function get(k) { return (k in m) ? m[k] : "" }
  function row(size, goal, variant, value, base, basename, limit, kind,   r, met) {
    if (value == "" || (kind != "abs" && base == "")) return
    if (kind == "ratio") { r = value / base; met = (r <= limit) ? "yes" : "no"; printf "%s,%s,%s,%g,%s,%g,%.2f,%.2f,%s\n", size, goal, variant, value, basename, base, r, limit, met }
    else if (kind == "plus") { r = value - base; met = (r <= limit) ? "yes" : "no"; printf "%s,%s,%s,%g,%s,%g,%+d ms,%+d ms,%s\n", size, goal, variant, value, basename, base, r, limit, met }
    else { met = (value <= limit) ? "yes" : "no"; printf "%s,%s,%s,%g,%s,%s,%g ms,%d ms,%s\n", size, goal, variant, value, basename, "", value, limit, met }
  }
  END {
    print "images,goal,variant,value_ms,baseline,baseline_ms,ratio_or_difference,limit,met"
    for (s in n) {
      trio = get(s "|docker-cli|inspect-equivalent (info+images+ps)"); bare = get(s "|bare-javafx|GUI first frame")
      other = get(s "|bare-javafx-path-java|GUI first frame")
      if (other != "" && (bare == "" || other + 0 < bare + 0)) bare = other
      row(s, "inspect --format json vs the Docker CLI trio", "command", get(s "|command|inspect --format json"), trio, "docker info+images+ps", 1.0, "ratio")
      row(s, "inspect --format json vs the Docker CLI trio", "readme", get(s "|readme|inspect --format json"), trio, "docker info+images+ps", 1.3, "ratio")
      row(s, "inspect --format json vs the Docker CLI trio", "jar", get(s "|jar|inspect --format json"), trio, "docker info+images+ps", 1.3, "ratio")
      row(s, "first complete picture vs a bare JavaFX window", "command", get(s "|command|GUI first complete picture"), bare, "bare window first frame", 1.2, "ratio")
      row(s, "first complete picture vs a bare JavaFX window", "readme", get(s "|readme|GUI first complete picture"), bare, "bare window first frame", 1.5, "ratio")
      row(s, "first complete picture vs a bare JavaFX window", "jar", get(s "|jar|GUI first complete picture"), bare, "bare window first frame", 1.5, "ratio")

      split("command readme jar", vs, " ")
      for (i = 1; i <= 3; i++) {
        row(s, "longest FX stall during refresh", vs[i], get(s "|" vs[i] "|GUI longest FX stall during refresh"), "", "", 100, "abs")
        row(s, "longest FX stall during refresh with changing images", vs[i], get(s "|" vs[i] "|GUI longest FX stall during refresh with changing images"), "", "", 100, "abs")
      }
      row(s, "diagnose 10-job workflow vs its own --version", "command", get(s "|command|diagnose 10-job workflow"), get(s "|command|--version"), "--version", 150, "plus")
    }
  }' "$csv" > "$ratios"
awk -F, -v stamp="$stamp" 'NR==1 {split($0, h, ","); next}
  {line = ""; for (i = 1; i <= NF; i++) line = line (i > 1 ? ", " : "") sprintf("\"%s\": \"%s\"", h[i], $i); rows = rows (rows ? ",\n" : "") "    {" line "}"}
  END {printf "{\n  \"time\": \"%s\",\n  \"goals\": [\n%s\n  ]\n}\n", stamp, rows}' "$ratios" > "${ratios%.csv}.json"
echo
echo "Goals (issue 19), against baselines measured in this run:"
column -s, -t < "$ratios"
echo "run.sh: wrote $ratios and ${ratios%.csv}.json"
