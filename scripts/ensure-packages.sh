#!/usr/bin/env bash
# Installs what Relay's commands need on a Debian machine, once: a JDK and Maven when missing, and the
# Debian packages named as arguments when their command is missing. Runs apt-get update at most once,
# through sudo when not root. Usage: scripts/ensure-packages.sh [COMMAND=PACKAGE ...]
set -euo pipefail

say() { printf '%s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@";
  elif command -v sudo >/dev/null 2>&1; then sudo "$@";
  else say "relay: need root to run: $* (install sudo or run as root)"; exit 1; fi
}

missing=()
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
for pair in "$@"; do
  cmd=${pair%%=*}; pkg=${pair#*=}
  if ! command -v "$cmd" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$cmd" ] && [ ! -x "/usr/bin/$cmd" ]; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  say "relay: installing ${missing[*]} (apt-get)…"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq "${missing[@]}" >/dev/null
  say "relay: installed ${missing[*]}"
fi
