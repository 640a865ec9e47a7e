#!/usr/bin/env bash
# Regenerates testdata/generated/ (keys, self-signed certificates and PKCS#12 files made with
# OpenSSL 3.0). The committed files are what the tests use; running this again makes new keys,
# so rerun only together with the expectations in crates/core/tests/generated_pkcs12.rs.
set -euo pipefail
cd "$(dirname "$0")/../testdata/generated"
o=openssl
cert() { $o req -x509 -key "$1" -subj "/CN=$2/O=tlsdoctor test" -days 3650 -out "$3" 2>/dev/null; }

# Keys in every format, and one self-signed certificate per key pair.
$o genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa2048.pkcs8.pem
$o pkey -in rsa2048.pkcs8.pem -traditional -out rsa2048.pkcs1.pem
$o pkey -in rsa2048.pkcs8.pem -outform DER -out rsa2048.pkcs1.der   # OpenSSL 3.0 writes PKCS#1 here
$o pkcs8 -topk8 -nocrypt -in rsa2048.pkcs8.pem -outform DER -out rsa2048.pkcs8.der
$o pkcs8 -topk8 -in rsa2048.pkcs8.pem -v2 aes-256-cbc -v2prf hmacWithSHA512 -passout pass:secret -out rsa2048.encrypted-aes256.pem
$o pkcs8 -topk8 -in rsa2048.pkcs8.pem -v1 PBE-SHA1-3DES -passout pass:secret -out rsa2048.encrypted-pbe-sha1-3des.pem
cert rsa2048.pkcs8.pem "rsa.tlsdoctor.test" rsa2048.crt
for c in P-256 P-384 P-521; do
  n=$(echo $c | tr -d - | tr A-Z a-z)
  $o genpkey -algorithm EC -pkeyopt ec_paramgen_curve:$c -out ec-$n.pkcs8.pem
  $o ec -in ec-$n.pkcs8.pem -out ec-$n.sec1.pem 2>/dev/null
  $o ec -in ec-$n.pkcs8.pem -no_public -out ec-$n.sec1-no-public.pem 2>/dev/null
  cert ec-$n.pkcs8.pem "ec-$n.tlsdoctor.test" ec-$n.crt
done
$o ec -in ec-p256.pkcs8.pem -param_enc explicit -out ec-p256.explicit-params.pem 2>/dev/null
$o genpkey -genparam -algorithm DSA -pkeyopt dsa_paramgen_bits:2048 -out dsa.params.pem
$o genpkey -paramfile dsa.params.pem -out dsa2048.pkcs8.pem
$o pkey -in dsa2048.pkcs8.pem -traditional -out dsa2048.traditional.pem
cert dsa2048.pkcs8.pem "dsa.tlsdoctor.test" dsa2048.crt
rm dsa.params.pem
$o genpkey -algorithm ED25519 -out ed25519.pkcs8.pem
cert ed25519.pkcs8.pem "ed25519.tlsdoctor.test" ed25519.crt
$o genpkey -algorithm ED448 -out ed448.pkcs8.pem
cert ed448.pkcs8.pem "ed448.tlsdoctor.test" ed448.crt

# PKCS#12 files (password "secret" unless the name says otherwise).
p12() { out=$1; key=$2; crt=$3; shift 3; $o pkcs12 -export -inkey "$key" -in "$crt" -passout pass:secret -name "tlsdoctor test" "$@" -out "$out"; }
p12 openssl3-default.p12 rsa2048.pkcs8.pem rsa2048.crt
p12 pbes2-aes256-mac-sha512.p12 rsa2048.pkcs8.pem rsa2048.crt -keypbe AES-256-CBC -certpbe AES-192-CBC -macalg sha512
p12 pbes2-des-ede3-mac-sha384.p12 rsa2048.pkcs8.pem rsa2048.crt -keypbe DES-EDE3-CBC -certpbe DES-EDE3-CBC -macalg sha384
p12 mac-sha224.p12 rsa2048.pkcs8.pem rsa2048.crt -macalg sha224
p12 legacy-rc2-128.p12 rsa2048.pkcs8.pem rsa2048.crt -legacy -keypbe PBE-SHA1-RC2-128 -certpbe PBE-SHA1-RC2-128
p12 legacy-2key-3des.p12 rsa2048.pkcs8.pem rsa2048.crt -legacy -keypbe PBE-SHA1-2DES -certpbe PBE-SHA1-2DES
p12 legacy-rc4-128.p12 rsa2048.pkcs8.pem rsa2048.crt -legacy -keypbe PBE-SHA1-RC4-128 -certpbe PBE-SHA1-RC4-128
p12 no-mac.p12 rsa2048.pkcs8.pem rsa2048.crt -nomac
p12 no-mac-encrypted-certs.p12 rsa2048.pkcs8.pem rsa2048.crt -nomac -certpbe AES-256-CBC
p12 ec-p384.p12 ec-p384.pkcs8.pem ec-p384.crt
p12 ec-p521.p12 ec-p521.pkcs8.pem ec-p521.crt
p12 dsa2048.p12 dsa2048.pkcs8.pem dsa2048.crt
p12 ed25519.p12 ed25519.pkcs8.pem ed25519.crt
p12 ed448.p12 ed448.pkcs8.pem ed448.crt
# A second certificate whose key is not in the file, and a file with no key at all.
p12 extra-cert.p12 ec-p256.pkcs8.pem ec-p256.crt -certfile ec-p384.crt
$o pkcs12 -export -nokeys -in rsa2048.crt -passout pass:secret -out certificate-only.p12
# Unicode friendly name and password.
$o pkcs12 -export -inkey ec-p256.pkcs8.pem -in ec-p256.crt -passout "pass:pässwörd-世界" -name "Zertifikat für Exchange – 世界" -out unicode-name.p12
# What OpenSSL 3 and Windows 11 write today: PBES2/AES-256, PBKDF2 with 600,000 iterations.
p12 pbkdf2-600000.p12 rsa2048.pkcs8.pem rsa2048.crt -iter 600000 -macalg sha256

# Java keytool (OpenJDK 17): the modern default (PBES2/AES-256, HmacPBESHA256 MAC, 10,000
# iterations) and the legacy format (-Dkeystore.pkcs12.legacy: RC2-40 / 3DES, SHA-1 MAC).
if command -v keytool >/dev/null; then
  rm -f keytool-jdk17.p12 keytool-jdk17-legacy.p12
  keytool -genkeypair -alias "mail.contoso.test" -keyalg RSA -keysize 2048 -dname "CN=mail.contoso.test, O=tlsdoctor test" \
    -validity 3650 -storetype pkcs12 -keystore keytool-jdk17.p12 -storepass secret -keypass secret 2>/dev/null
  keytool -J-Dkeystore.pkcs12.legacy -genkeypair -alias "legacy" -keyalg EC -groupname secp256r1 \
    -dname "CN=legacy.contoso.test" -validity 3650 -storetype pkcs12 -keystore keytool-jdk17-legacy.p12 \
    -storepass secret -keypass secret 2>/dev/null
fi
