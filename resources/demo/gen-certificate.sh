#!/usr/bin/env bash
# Regenerates the demo server's certificate (self-signed, valid 100 years).
# The key is public on purpose: it only ever protects the built-in demo
# mailbox on 127.0.0.1, and the demo account pins exactly this certificate.
set -euo pipefail
cd "$(dirname "$0")"
openssl req -x509 -newkey rsa:2048 -nodes -keyout demo.key -out demo.pem -days 36500 \
    -subj "/CN=localhost/O=Mailpeek demo" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -addext "basicConstraints=critical,CA:FALSE" \
    -addext "extendedKeyUsage=serverAuth" 2>/dev/null
