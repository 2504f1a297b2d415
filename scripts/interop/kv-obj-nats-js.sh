#!/usr/bin/env bash
# Checks by hand that Key-Value and Object Store buckets are shared with nats.js (ADR-8, ADR-20):
# ./relay writes a bucket and an object store, nats.js 3.4 reads them (values, keys, history, object
# bytes and digest, links); then nats.js writes and ./relay reads. Needs node, npm and nats-server;
# starts its own server on a free loopback port and cleans up. Not part of ./run-tests (it installs
# npm packages). Usage: scripts/interop/kv-obj-nats-js.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
port=$(( 20000 + RANDOM % 20000 ))
url="nats://127.0.0.1:$port"
relay="$root/relay"

nats-server -a 127.0.0.1 -p "$port" -js -sd "$work/store" > "$work/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

cp "$here/kv-obj-check.mjs" "$work/check.mjs"
(cd "$work" && npm init -y > /dev/null && npm install --silent @nats-io/transport-node@3.4.0 @nats-io/kv@3.4.0 \
  @nats-io/obj@3.4.0 @nats-io/jetstream@3.4.0 > /dev/null)
head -c 3000000 /dev/urandom > "$work/blob.bin"
head -c 500000 /dev/urandom > "$work/js.bin"

echo "== written by relay"
"$relay" -s "$url" kv add interop --history 5 > /dev/null
"$relay" -s "$url" kv put interop k1 v1
"$relay" -s "$url" kv put interop k2 a
"$relay" -s "$url" kv put interop k2 b
"$relay" -s "$url" kv del interop k2
"$relay" -s "$url" obj add files > /dev/null
"$relay" -s "$url" obj put files "$work/blob.bin" --as blob
"$relay" -s "$url" obj link files alias files blob
echo "== read by nats.js"
(cd "$work" && node check.mjs "$url" read "$work/blob.bin")
echo "== written by nats.js"
(cd "$work" && node check.mjs "$url" write "$work/js.bin")
echo "== read by relay"
"$relay" -s "$url" kv get interop k3
"$relay" -s "$url" kv history interop k1
"$relay" -s "$url" kv keys interop
"$relay" -s "$url" obj info files from-js.bin
"$relay" -s "$url" obj get files from-js.bin -o "$work/back.bin"
cmp "$work/js.bin" "$work/back.bin"
echo "== interoperable"
