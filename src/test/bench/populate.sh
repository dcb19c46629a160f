#!/usr/bin/env bash
# Brings the daemon to N benchmark images and writes a benchmark Docker config with 50 builders.
#   src/test/bench/populate.sh N        tops the daemon up to N images labelled dev.buildxlens.bench (reused across runs)
#   src/test/bench/populate.sh clean    removes the benchmark images, containers and config
# Prints the Docker config directory to use (DOCKER_CONFIG) on its last line.
# Images: every one distinct (own config), three tags each, every tenth dangling, all sharing one tiny layer.
# Builders: 50 in $BENCH_DIR/docker-config/buildx (docker-container, kubernetes, remote; some with
# network=host), 20 of them with a stopped buildx_buildkit_<name>0 container in the daemon.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
docker_cli=${DOCKER_CLI:-/usr/bin/docker}
bench_dir=${BENCH_DIR:-$here/../../../target/bench}
config="$bench_dir/docker-config"
label=dev.buildxlens.bench

if [ "${1:-}" = clean ]; then
  "$docker_cli" ps -a -q --filter "label=$label" | xargs -r "$docker_cli" rm -f >/dev/null
  "$docker_cli" images -a -q --filter "label=$label" | sort -u | xargs -r "$docker_cli" rmi -f >/dev/null
  rm -rf "$config"
  echo "benchmark images, containers and config removed"
  exit 0
fi

want=${1:?usage: populate.sh N | clean}
have=$("$docker_cli" images -a -q --no-trunc --filter "label=$label" | sort -u | wc -l)
mkdir -p "$bench_dir"
# Batches of 1,000 keep each archive small; images load in index order, so a top-up continues where the last stopped.
from=$have
while [ "$from" -lt "$want" ]; do
  to=$(( from + 1000 < want ? from + 1000 : want ))
  java "$here/MakeImages.java" "$from" "$to" "$bench_dir/images.tar"
  "$docker_cli" load -q -i "$bench_dir/images.tar" >/dev/null
  from=$to
done
rm -f "$bench_dir/images.tar"
if [ "$have" -gt "$want" ]; then
  echo "note: the daemon already holds $have benchmark images (more than $want); run 'populate.sh clean' first for an exact count" >&2
fi

# The builder store: rewritten each time, it is cheap and keeps the runs comparable.
rm -rf "$config"
mkdir -p "$config/buildx/instances" "$config/buildx/activity" "$config/buildx/defaults"
echo '{}' > "$config/config.json"
for i in $(seq 0 49); do
  name=bench-$i
  case $((i % 5)) in
    0|1) node="{\"Name\":\"${name}0\",\"Endpoint\":\"unix:///var/run/docker.sock\",\"Platforms\":null,\"DriverOpts\":null,\"Flags\":[\"--allow-insecure-entitlement=network.host\"],\"Files\":null}"
         driver=docker-container ;;
    2)   node="{\"Name\":\"${name}0\",\"Endpoint\":\"unix:///var/run/docker.sock\",\"Platforms\":[{\"architecture\":\"amd64\",\"os\":\"linux\"},{\"architecture\":\"arm64\",\"os\":\"linux\"}],\"DriverOpts\":{\"image\":\"moby/buildkit:v0.20.0\",\"network\":\"host\"},\"Flags\":[\"--allow-insecure-entitlement=network.host\"],\"Files\":null}"
         driver=docker-container ;;
    3)   node="{\"Name\":\"buildkit-$i-0a1b2\",\"Endpoint\":\"kubernetes:///$name?deployment=buildkit-$i\\u0026kubeconfig=\",\"Platforms\":null,\"DriverOpts\":{\"namespace\":\"buildkit\",\"replicas\":\"2\"},\"Flags\":null,\"Files\":null}"
         driver=kubernetes ;;
    4)   node="{\"Name\":\"${name}0\",\"Endpoint\":\"tcp://buildkitd-$i.internal:1234\",\"Platforms\":null,\"DriverOpts\":null,\"Flags\":null,\"Files\":null}"
         driver=remote ;;
  esac
  printf '{"Name":"%s","Driver":"%s","Nodes":[%s],"Dynamic":false}' "$name" "$driver" "$node" > "$config/buildx/instances/$name"
  printf '2026-11-%02dT10:00:00Z' $(( i % 27 + 1 )) > "$config/buildx/activity/$name"
done
printf '{"Key":"unix:///var/run/docker.sock","Name":"bench-2","Global":false}' > "$config/buildx/current"

# 20 stopped builder containers (created, never started) for the first 20 docker-container builders.
# Image 0 always exists (the first batch); a `docker images | head -1` pipe would die of SIGPIPE at 10,000 images.
some_image=lens-bench/app-0:v0
made=0
for i in $(seq 0 49); do
  [ $((i % 5)) -le 2 ] || continue
  [ "$made" -lt 20 ] || break
  name=buildx_buildkit_bench-${i}0
  if ! "$docker_cli" container inspect "$name" >/dev/null 2>&1; then
    "$docker_cli" create --name "$name" --label "$label=1" "$some_image" /bench >/dev/null
  fi
  made=$((made + 1))
done
echo "$config"
