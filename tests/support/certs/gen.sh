#!/usr/bin/env bash
# Regenerates the test certificates (valid 100 years, except expired.pem).
# Committed so tests are repeatable; rerun only to change them.
set -euo pipefail
cd "$(dirname "$0")"
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 36500 \
    -subj "/CN=Mailpeek Test CA" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
sign() { # name subject san days
    openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "$2" 2>/dev/null
    printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth,clientAuth\n' "$3" > "$1.ext"
    openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -out "$1.pem" \
        -days "$4" -extfile "$1.ext" 2>/dev/null
    rm -f "$1.csr" "$1.ext"
}
sign server "/CN=localhost" "DNS:localhost,IP:127.0.0.1" 36500
sign wrongname "/CN=mail.example.org" "DNS:mail.example.org" 36500
sign wildcard "/CN=*.0.0.1" "DNS:*.0.0.1,DNS:*.localhost" 36500
sign client "/CN=mailpeek-client" "DNS:client.invalid" 36500
# expired: valid from 2000 to 2001 (`openssl ca` can back-date, `x509 -req` cannot)
tmp=$(mktemp -d)
openssl req -newkey rsa:2048 -nodes -keyout expired.key -out "$tmp/expired.csr" -subj "/CN=localhost" 2>/dev/null
touch "$tmp/index.txt"
cat > "$tmp/ca.cnf" <<CNF
[ca]
default_ca = test
[test]
database = $tmp/index.txt
new_certs_dir = $tmp
serial = $tmp/serial
default_md = sha256
policy = anything
copy_extensions = none
x509_extensions = ext
[anything]
commonName = supplied
[ext]
subjectAltName = DNS:localhost,IP:127.0.0.1
CNF
echo 1000 > "$tmp/serial"
openssl ca -batch -config "$tmp/ca.cnf" -cert ca.pem -keyfile ca.key -in "$tmp/expired.csr" \
    -out expired.pem -startdate 20000101000000Z -enddate 20010101000000Z -notext 2>/dev/null
rm -rf "$tmp"
# self-signed, not from our CA
openssl req -x509 -newkey rsa:2048 -nodes -keyout selfsigned.key -out selfsigned.pem -days 36500 \
    -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" 2>/dev/null
rm -f ca.srl
