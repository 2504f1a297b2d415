#!/usr/bin/env bash
# Regenerates the test-only TLS material under src/main/resources/dev/relay/testkit/tls.
# None of these keys protects anything: they exist so tests can run TLS servers on loopback.
# Certificates are valid for 100 years, except server-expired (which expired in 2020 on purpose).
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/src/main/resources/dev/relay/testkit/tls"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
cd "$work"

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
ca() {  # name subject
  key "$1-key.pem"
  openssl req -x509 -new -key "$1-key.pem" -sha256 -days 36500 -subj "/CN=$2" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$1.pem"
}
leaf() {  # name cn san usage [startdate enddate]
  key "$1-key.pem"
  openssl req -new -key "$1-key.pem" -subj "/CN=$2" -out "$1.csr"
  printf 'subjectAltName=%s\nextendedKeyUsage=%s\nkeyUsage=critical,digitalSignature\n' "$3" "$4" > "$1.ext"
  if [ $# -ge 6 ]; then
    mkdir -p db && : > db/index && echo 1000 > db/serial
    cat > ca.cnf <<CNF
[ca]
default_ca = test
[test]
database = db/index
serial = db/serial
new_certs_dir = db
policy = any
default_md = sha256
copy_extensions = none
unique_subject = no
[any]
commonName = supplied
CNF
    openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca-key.pem -in "$1.csr" -out "$1.pem" \
      -startdate "$5" -enddate "$6" -extfile "$1.ext" -notext 2>/dev/null
  else
    openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca-key.pem -CAcreateserial -sha256 -days 36500 \
      -extfile "$1.ext" -out "$1.pem" 2>/dev/null
  fi
}

ca ca "Relay Test CA"
ca other-ca "Relay Unrelated Test CA"
leaf server localhost "DNS:localhost,IP:127.0.0.1,IP:::1" serverAuth
leaf server-hostname localhost "DNS:localhost" serverAuth
leaf server-other nats.example.invalid "DNS:nats.example.invalid" serverAuth
leaf server-expired localhost "DNS:localhost,IP:127.0.0.1,IP:::1" serverAuth 20200101000000Z 20200201000000Z
leaf client relay-test-client "DNS:relay-test-client" clientAuth
openssl pkcs12 -export -in client.pem -inkey client-key.pem -certfile ca.pem -name client \
  -passout pass:relay-test -out client.p12
keytool -importcert -noprompt -alias ca -file ca.pem -keystore truststore.p12 -storetype PKCS12 \
  -storepass relay-test >/dev/null

cp ca.pem other-ca.pem server.pem server-key.pem server-hostname.pem server-hostname-key.pem \
   server-other.pem server-other-key.pem \
   server-expired.pem server-expired-key.pem client.pem client-key.pem client.p12 truststore.p12 "$out/"
echo "written to $out"
