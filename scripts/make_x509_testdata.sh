#!/usr/bin/env bash
# Regenerates testdata/x509/openssl/: certificates and non-certificates made with the OpenSSL CLI,
# plus expected.tsv with OpenSSL's own view of each certificate (SHA-1 fingerprint, serial, key).
# The files are committed; run this only to recreate them (results differ per run: new keys).
set -euo pipefail
cd "$(dirname "$0")/.."
out=testdata/x509/openssl
rm -rf "$out" && mkdir -p "$out"
cd "$out"
days=3650
subj_simple="/C=US/ST=WA/O=Contoso/CN=mail.contoso.com"

selfsigned() { # name keyopts... ; writes NAME.key NAME.cer (DER) NAME.pem
  local name=$1; shift
  openssl req -x509 -new -nodes -days $days "$@" -keyout "$name.key" -out "$name.pem" 2>/dev/null
  openssl x509 -in "$name.pem" -outform DER -out "$name.cer"
}

selfsigned rsa2048 -newkey rsa:2048 -subj "$subj_simple" \
  -addext "subjectAltName=DNS:mail.contoso.com,DNS:autodiscover.contoso.com,IP:10.0.0.25,email:postmaster@contoso.com" \
  -addext "extendedKeyUsage=serverAuth,clientAuth" -addext "keyUsage=digitalSignature,keyEncipherment"
selfsigned ec256 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -subj "/CN=ec256.contoso.com"
selfsigned ec384 -newkey ec -pkeyopt ec_paramgen_curve:P-384 -subj "/CN=ec384.contoso.com"
selfsigned ec521 -newkey ec -pkeyopt ec_paramgen_curve:P-521 -subj "/CN=ec521.contoso.com"
selfsigned ed25519 -newkey ed25519 -subj "/CN=ed25519.contoso.com"
selfsigned ed448 -newkey ed448 -subj "/CN=ed448.contoso.com"
openssl dsaparam -out dsa.params 1024 2>/dev/null
selfsigned dsa1024 -newkey dsa:dsa.params -sha256 -subj "/CN=dsa.contoso.com"
rm -f dsa.params
# Multi-valued RDN, UTF8 and BMP strings, quoting-worthy characters.
selfsigned names -newkey ec -pkeyopt ec_paramgen_curve:P-256 -multivalue-rdn -utf8 \
  -subj "/C=DE/O=Müller, Söhne & Co/OU=IT+OU=Mail/CN=\"quoted\" name #1;x/emailAddress=admin@contoso.de"

# Non-certificates.
openssl req -new -key rsa2048.key -subj "$subj_simple" -out request.csr
openssl req -in request.csr -outform DER -out request.csr.der
sed 's/CERTIFICATE REQUEST/NEW CERTIFICATE REQUEST/' request.csr > request-new.csr
openssl pkey -in rsa2048.key -pubout -out public.pem
mkdir -p ca/newcerts && touch ca/index.txt && echo 01 > ca/crlnumber
cat > ca/ca.cnf <<CNF
[ ca ]
default_ca = d
[ d ]
database = ca/index.txt
crlnumber = ca/crlnumber
default_md = sha256
default_crl_days = 30
CNF
openssl ca -config ca/ca.cnf -gencrl -keyfile rsa2048.key -cert rsa2048.pem -out list.crl 2>/dev/null
openssl crl -in list.crl -outform DER -out list.crl.der
rm -rf ca

# Bundles: CRLF text around blocks (as Windows and `openssl pkcs12 -nokeys` write them),
# OpenSSL's TRUSTED CERTIFICATE, a certificate with its key in one PEM, a PKCS#7 from these.
{ printf 'Bag Attributes\r\n    friendlyName: mail\r\nsubject=CN = mail.contoso.com\r\n'
  sed 's/$/\r/' rsa2048.pem; printf 'between the blocks\r\n'; sed 's/$/\r/' ec256.pem; printf 'trailer\r\n'; } > bundle-crlf.pem
openssl x509 -in rsa2048.pem -addtrust serverAuth -out trusted.pem
cat rsa2048.pem rsa2048.key > combined.pem
openssl crl2pkcs7 -nocrl -certfile rsa2048.pem -certfile ec256.pem -outform DER -out chain.p7b
openssl crl2pkcs7 -nocrl -certfile rsa2048.pem -certfile ec256.pem -out chain.p7c
# Microsoft CA web enrollment's Base-64 "certnew.p7b": a PKCS#7 bag under a CERTIFICATE label.
sed 's/PKCS7/CERTIFICATE/' chain.p7c > certnew-base64.p7b
# Bare Base64 of a DER certificate, without PEM lines (copied out of a mail or a GUI).
base64 -w 64 rsa2048.cer > bare-base64.txt

# OpenSSL's view, one row per certificate file: file, SHA-1, serial, RFC 2253 subject.
{
  printf 'file\tsha1\tserial\tsubject_rfc2253\n'
  for f in rsa2048 ec256 ec384 ec521 ed25519 ed448 dsa1024 names; do
    sha1=$(openssl x509 -in $f.pem -noout -fingerprint -sha1 | sed 's/.*=//; s/://g')
    serial=$(openssl x509 -in $f.pem -noout -serial | sed 's/serial=//')
    subject=$(openssl x509 -in $f.pem -noout -subject -nameopt RFC2253,-esc_msb | sed 's/^subject=//')
    printf '%s.cer\t%s\t%s\t%s\n' "$f" "$sha1" "$serial" "$subject"
  done
} > expected.tsv
echo "made $(ls | wc -l) files in $out"
