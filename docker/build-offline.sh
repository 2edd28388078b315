#!/usr/bin/env bash
# Builds faultline's node images without any container registry:
#   faultline/debian:bookworm     debootstrap --variant=minbase, then docker import
#   faultline/base:<version>      + iptables, iproute2, faketime, procps, etcd-server, a JDK 21+ runtime
#   faultline/raftstore:<version> + raftstore classes
#   faultline/etcd:<version>      (etcd-server from faultline/base)
#   faultline/zookeeper:<version> + the ZooKeeper server jars Maven resolved
#   faultline/redis:<version>     + Debian's redis-server and redis-sentinel
#   faultline/sshd:<version>      + openssh-server: a test host for --env ssh
# Idempotent: an image that already exists is skipped (FORCE=1 rebuilds all of them).
# Needs root (debootstrap), a running Docker engine, debootstrap, and Debian's package mirror
# (reached by debootstrap and, through the engine's NAT, by apt-get inside the build).
#
# The JVM: Debian bookworm has no openjdk-21 and raftstore is compiled with --release 21, so the
# image gets a runtime jlink'd from the host's JDK (JAVA_HOME, else the newest JDK >= 21 under
# /usr/lib/jvm). jlink needs no network and the result is about 100 MB.
set -euo pipefail

VERSION="${FAULTLINE_IMAGE_VERSION:-0.1.0}"
SUITE="${DEBIAN_SUITE:-bookworm}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DOCKER_DIR="$ROOT/docker"
FORCE="${FORCE:-0}"
ONLY="${*:-raftstore etcd zookeeper redis sshd}"

say() { printf 'build-offline: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 3; }

have_image() { [ "$FORCE" != 1 ] && docker image inspect "$1" >/dev/null 2>&1; }

command -v docker >/dev/null || die "docker is missing: apt-get install -y docker.io"
docker info >/dev/null 2>&1 || die "no Docker engine answers; start one with: dockerd >/var/log/dockerd.log 2>&1 &"

STAGE="$(mktemp -d "${TMPDIR:-/tmp}/faultline-docker.XXXXXX")"
trap 'rm -rf "$STAGE"' EXIT

find_jdk() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for d in $(ls -d /usr/lib/jvm/* 2>/dev/null | sort -rV); do candidates+=("$d"); done
  for j in "${candidates[@]}"; do
    [ -x "$j/bin/jlink" ] || continue
    local v
    v="$("$j/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
    if [ -n "$v" ] && [ "${v%%.*}" -ge 21 ] 2>/dev/null; then echo "$j"; return 0; fi
  done
  return 1
}

build_debian() {
  local img="faultline/debian:$SUITE"
  if have_image "$img"; then say "$img exists, skipped"; return; fi
  command -v debootstrap >/dev/null || die "debootstrap is missing: apt-get install -y debootstrap"
  [ "$(id -u)" = 0 ] || die "debootstrap needs root"
  local dir="$STAGE/rootfs"
  say "debootstrap --variant=minbase $SUITE (about 30 s to a few minutes)"
  debootstrap --variant=minbase "$SUITE" "$dir" "$MIRROR" >"$STAGE/debootstrap.log" 2>&1 \
    || { tail -20 "$STAGE/debootstrap.log" >&2; die "debootstrap failed (log above)"; }
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
  tar -C "$dir" -c . | docker import --change 'CMD ["/bin/bash"]' - "$img" >/dev/null
  say "$img imported"
}

# faultline/<name>:<version> from docker/offline/<name>/Dockerfile and build argument $2; a
# function stage_<name>, where there is one, adds what else the build context needs.
build_image() {
  local name="$1" arg="$2" img="faultline/$1:$VERSION"
  if have_image "$img"; then say "$img exists, skipped"; return; fi
  local ctx="$STAGE/$name"
  mkdir -p "$ctx"
  cp "$DOCKER_DIR/offline/$name/Dockerfile" "$ctx/"
  if declare -F "stage_$name" >/dev/null; then "stage_$name" "$ctx"; fi
  docker build -q --build-arg "$arg" -t "$img" "$ctx" >/dev/null
  say "$img built"
}

stage_base() {
  local jdk
  jdk="$(find_jdk)" || die "no JDK 21+ with jlink found (set JAVA_HOME)"
  say "jlink a runtime from $jdk"
  "$jdk/bin/jlink" --add-modules java.se,jdk.httpserver,jdk.management,jdk.crypto.ec,jdk.unsupported,jdk.zipfs,jdk.naming.dns,jdk.jdwp.agent \
    --strip-debug --no-header-files --no-man-pages --output "$1/jre"
}

stage_raftstore() {
  local classes="$ROOT/raftstore/target/classes"
  if [ ! -f "$classes/io/faultline/raftstore/Main.class" ]; then
    say "compiling raftstore"
    (cd "$ROOT" && ./mvnw -q -B -pl raftstore compile) || die "raftstore did not compile"
  fi
  cp -r "$classes" "$1/classes"
}

stage_zookeeper() {
  local cp="$ROOT/workloads/target/zookeeper-classpath.txt"
  if [ ! -s "$cp" ]; then
    say "resolving the ZooKeeper server class path (builds the modules workloads depends on)"
    # -am: workloads depends on faultline's own modules, which a fresh machine has never installed
    # into ~/.m2; building them in the same reactor resolves them from there.
    (cd "$ROOT" && ./mvnw -q -B -pl workloads -am -DskipTests package) || die "could not resolve the ZooKeeper jars"
    [ -s "$cp" ] || die "the build did not write $cp"
  fi
  mkdir -p "$1/lib"
  cp "$DOCKER_DIR/offline/zookeeper/zoo.cfg" "$1/"
  tr ':' '\n' <"$cp" | while read -r jar; do [ -n "$jar" ] && cp "$jar" "$1/lib/"; done
}

build_debian
build_image base "DEBIAN_IMAGE=faultline/debian:$SUITE"
for name in $ONLY; do
  case "$name" in
    raftstore|etcd|zookeeper|redis|sshd) build_image "$name" "BASE_IMAGE=faultline/base:$VERSION" ;;
    *) die "unknown image '$name': expected raftstore, etcd, zookeeper, redis or sshd" ;;
  esac
done
say "images: $(docker image ls --format '{{.Repository}}:{{.Tag}}' 'faultline/*' | sort | tr '\n' ' ')"
