#!/usr/bin/env bash
# The pinned current nats-server that the tests and the demo run, built once from source with Go and
# kept in a cache folder shared by every checkout of Relay. The version is pinned in pom.xml
# (<nats-server.version>), which also hands its path to the tests.
#
# Usage: scripts/nats-server.sh install   build it unless cached (about a minute, once); print its path
#        scripts/nats-server.sh path      print its path if it is installed, else exit 1 quietly
#        scripts/nats-server.sh version   print the pinned version (e.g. 2.15.3)
#
# Cache: ${RELAY_CACHE_DIR:-~/.cache/relay}/nats-server/vX.Y.Z/nats-server. Outside the repository so that
# worktrees and fresh clones share one build and 'git clean -dfx' does not throw it away; one folder per
# version so that bumping the pin never reuses a stale binary. Needs a Go toolchain (go on PATH or in
# /usr/local/go/bin) and the Go module proxy. Two runs at once build it once (a lock), and a half-built
# binary is never visible (built aside, then moved into place).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { printf 'relay: %s\n' "$*" >&2; }

version=$(sed -n 's:.*<nats-server.version>\(.*\)</nats-server.version>.*:\1:p' "$here/pom.xml" | head -1)
if [ -z "$version" ]; then
  say "pom.xml has no <nats-server.version>; cannot tell which nats-server to install"
  exit 1
fi
cache="${RELAY_CACHE_DIR:-$HOME/.cache/relay}/nats-server"
dir="$cache/v$version"
binary="$dir/nats-server"

installed() { [ -x "$binary" ] && "$binary" --version 2>/dev/null | grep -q "v$version\$"; }

find_go() {
  if command -v go >/dev/null 2>&1; then command -v go
  elif [ -x /usr/local/go/bin/go ]; then echo /usr/local/go/bin/go
  else return 1; fi
}

install() {
  if installed; then echo "$binary"; return; fi
  local go
  if ! go=$(find_go); then
    say "nats-server $version is not built yet and there is no Go toolchain to build it (go on PATH or /usr/local/go/bin);"
    say "install Go 1.26 or later from https://go.dev/dl, or point RELAY_NATS_SERVER at a nats-server $version binary"
    exit 1
  fi
  mkdir -p "$cache"
  exec 8>"$cache/.build.lock"
  if command -v flock >/dev/null 2>&1; then flock 8; fi
  if installed; then echo "$binary"; return; fi  # another run built it while this one waited
  local start
  work=$(mktemp -d "$cache/.build.XXXXXX")  # global: the EXIT trap runs after this function returned
  trap 'rm -rf "$work"' EXIT
  say "building nats-server $version with $("$go" version | awk '{print $3}') (once, about a minute; kept in $dir)…"
  start=$(date +%s)
  # -x would flood the terminal; the module downloads and the compile are the visible progress.
  if ! GOBIN="$work" CGO_ENABLED=0 GOFLAGS="${GOFLAGS:-} -trimpath" \
      "$go" install "github.com/nats-io/nats-server/v2@v$version" 2> >(sed 's/^/relay: go: /' >&2); then
    say "go install github.com/nats-io/nats-server/v2@v$version failed (its output is above)"
    exit 1
  fi
  mkdir -p "$dir"
  mv -f "$work/nats-server" "$binary.tmp" && mv -f "$binary.tmp" "$binary"
  if ! installed; then
    say "the built $binary does not report version $version: $("$binary" --version 2>&1 || true)"
    exit 1
  fi
  say "built nats-server $version in $(( $(date +%s) - start )) s: $binary"
  echo "$binary"
}

case "${1:-}" in
  install) install ;;
  path) if installed; then echo "$binary"; else exit 1; fi ;;
  version) echo "$version" ;;
  *) say "usage: scripts/nats-server.sh install|path|version"; exit 2 ;;
esac
