#!/usr/bin/env bash
# Rebuilds the committed fuzz seed corpora fuzz/corpus/<target>/ from testdata (small files only).
# Seeds are named after the file they came from. Needs python3 with `cryptography` (DN seeds).
# Usage: scripts/fuzz-seeds.sh
set -euo pipefail
cd "$(dirname "$0")/.."
C=fuzz/corpus
rm -rf "$C"
mkdir -p $C/{certificate,pkcs12_no_password,pkcs12_password,private_key,dn_dotnet,log_reader,analyze_mix,powershell_script,markdown_export}

seed() { # target source-file [prefix-bytes-as-printf]
  local name; name=$(echo "$2" | sed 's#^testdata/##; s#[/ ]#_#g')
  if [ -n "${3:-}" ]; then { printf "$3"; cat "$2"; } > "$C/$1/$name"; else cp "$2" "$C/$1/$name"; fi
}

# certificate / PEM / PKCS#7: every x509 corpus file up to 4 KiB, and the generated certificates.
for f in $(find testdata/corpus/x509 testdata/x509 testdata/samples testdata/generated -type f \( -name '*.pem' -o -name '*.cer' -o -name '*.crt' -o -name '*.p7b' -o -name '*.p7c' \) -size -4k | sort); do
  case "$f" in *.pkcs8.pem|*.sec1*.pem|*.traditional.pem|*.encrypted*.pem|*.pkcs1.pem|*explicit-params.pem) continue;; esac
  seed certificate "$f"
done
# PKCS#12: corpus and generated files up to 3 KiB (the 600,000-iteration one is left out: it is
# correct but makes every execution slow).
for f in $(find testdata/corpus/pkcs12 testdata/generated -type f \( -name '*.p12' -o -name '*.pfx' \) -size -3k | sort); do
  case "$f" in *pbkdf2-600000*) continue;; esac
  seed pkcs12_no_password "$f"; seed pkcs12_password "$f"
done
# Private keys: every generated key file.
for f in $(find testdata/generated -type f \( -name '*.pkcs8.pem' -o -name '*.sec1*.pem' -o -name '*.traditional.pem' -o -name '*.encrypted*.pem' -o -name '*.pkcs1.pem' -o -name '*.der' -o -name '*explicit-params.pem' \) | sort); do
  seed private_key "$f"
done
# DN: subject and issuer Name DER of each certificate seed, behind 2 flag bytes (0x0001 = Reversed).
python3 - "$C" <<'PY'
import sys, pathlib
from cryptography import x509
out = pathlib.Path(sys.argv[1]) / "dn_dotnet"
seen = set()
for p in sorted((pathlib.Path(sys.argv[1]) / "certificate").iterdir()):
    data = p.read_bytes()
    try:
        certs = x509.load_pem_x509_certificates(data) if b"-----BEGIN" in data else [x509.load_der_x509_certificate(data)]
    except Exception:
        continue
    for c in certs:
        for which in ("subject", "issuer"):
            try:
                der = getattr(c, which).public_bytes()
            except Exception:
                continue
            if der in seen:
                continue
            seen.add(der)
            flags = (len(seen) * 37) & 0x3FF  # vary the flag combination across seeds
            (out / f"{p.name}.{which}").write_bytes(flags.to_bytes(2, "little") + der)
PY
# Log reader: the corpus log and any generated logs, behind one chunk-size byte.
for f in $(find testdata -type f \( -iname '*.log' \) -size -16k | sort); do
  seed log_reader "$f" '\x06'
done
# Whole analysis: a log, a certificate, a PFX and a key joined by the file separator.
SEP=$'\n--tlsdoctor-fuzz-file--\n'
{ cat testdata/corpus/logs/src-tstrueber-blog01-relay-recv.log; printf '%s' "$SEP"
  cat testdata/corpus/x509/dotnet-runtime-assets/System.Net.TestData/testservereku.contoso.com.cer; printf '%s' "$SEP"
  cat testdata/generated/ec-p256.crt; printf '%s' "$SEP"
  cat testdata/generated/ec-p256.pkcs8.pem; } > $C/analyze_mix/log-cer-crt-key
{ cat testdata/generated/ed25519.p12; printf '%s' "$SEP"
  cat testdata/corpus/x509/dotnet-runtime-assets/System.Net.TestData/contoso.com.p7b; printf '%s' "$SEP"
  cat testdata/corpus/logs/src-tstrueber-blog01-relay-recv.log; } > $C/analyze_mix/p12-p7b-log
# The two problems tlsdoctor must nail: KB 4495258 (log + pasted shell output) and the renewal trap.
{ cat testdata/logs/kb4495258-excerpt.log; printf '%s' "$SEP"
  cat testdata/paste/kb4495258-outage-en-us.txt; printf '%s' "$SEP"
  cat testdata/samples/testservereku.contoso.com.cer; } > $C/analyze_mix/kb4495258-log-paste-cer
{ cat testdata/samples/SEND20240502-1.LOG; printf '%s' "$SEP"
  cat testdata/samples/widgits-2014-old.cer; printf '%s' "$SEP"
  cat testdata/samples/widgits-2016-new.cer; printf '%s' "$SEP"
  cat testdata/paste/renewal-trap-de-de.txt; } > $C/analyze_mix/renewal-trap-log-certs-paste
# PowerShell and Markdown output (issue 16): the probes of the issue and what breaks quoting, as
# values (powershell_script) and as report text split at NUL (markdown_export: title, explanation,
# step, evidence text, script, connector, verdict, file path).
python3 - "$C" <<'PY'
import sys, pathlib
root = pathlib.Path(sys.argv[1])
values = {
    "issue16-probe1-right-single-quote": "Y\u2019; Start-Process calc; \u2019",
    "issue16-probe2-issuer-lf": "Evil CA\nStart-Process calc\n#",
    "issue16-probe2-issuer-lone-cr": "Evil CA\rStart-Process calc\r#",
    "issue16-probe3-markdown-quotes-backticks": "X'''```; Start-Process calc; '",
    "single-quote-family": "'\u2018\u2019\u201a\u201b'",
    "double-quote-family-subexpression": "\u201c$(Start-Process calc)\u201d\"`$x",
    "nel-ls-ps-bidi": "a\u0085b\u2028c\u2029d\u202ee\u200ff",
    "nul-and-controls": "a\x00b\x1bc\x7fd\x9fe",
    "block-comment-and-here-string": "<# x\n#> Start-Process calc @'\n'@",
    "backtick-continuation": "a`\nStart-Process calc",
    "plain-hex-thumbprint": "3D68C9DB575E6FDB56A81AE43B014E129349E024",
    "wildcard-host": "*.contoso.com",
    "tls-certificate-name": "<I>CN=R10, O=Let's Encrypt, C=US<S>CN=mail.contoso.com",
    "visible-escape-text": "mail[U+000A]contoso",
    "empty": "",
}
for name, v in values.items():
    (root / "powershell_script" / name).write_bytes(v.encode())
def md(*parts):
    return "\0".join(parts)
reports = {
    "issue16-probe3-quoted-script-with-backticks": md("No credentials", "Because.", "Do it", "raw", "Set-SendConnector 'X''''''```; Start-Process calc; ''' -ProtocolLoggingLevel Verbose", "Outbound", "Outbound TLS fails", "SEND.LOG"),
    "explanation-opens-fence": md("t", "Issuer CN=Evil\n```\nStart-Process calc", "s", "e", "Get-ExchangeCertificate", "c", "v", "p"),
    "explanation-html-comment": md("t", "x\n<!-- hidden", "s", "e", "Get-Date", "c", "v", "p"),
    "explanation-tilde-fence-cr": md("t", "x\r~~~\r\n```", "```powershell", "e", "Get-Date", "c", "v", "p"),
    "evidence-backtick-runs": md("t", "x", "s", "a ```` b\n`````", "Get-Date\n```\n````", "c", "v", "p"),
    "step-and-connector-fences": md("```", "x", "```powershell", "e", "Get-Date", "<!--", "```", "```"),
    "script-blank": md("t", "x", "s", "e", "   \n", "c", "v", "p"),
    "real-no-credentials": md("Mail to contoso-com.mail.protection.outlook.com is stuck", "The certificate has no private key.", "Import the PFX with its key", "2025-01-31T12:04:16.092Z,Outbound to Office 365,08DD41A2B3C4D5E6,16,10.0.0.25:28252,104.47.75.164:25,*,,TLS negotiation failed with error NoCredentials", "Set-SendConnector 'Outbound to Office 365' -ProtocolLoggingLevel Verbose\nGet-Queue -ResultSize Unlimited | Where-Object {$_.Status -eq 'Retry'} | Retry-Queue", "Outbound to Office 365", "Mail is stuck", "SEND20250131-1.LOG"),
}
for name, r in reports.items():
    (root / "markdown_export" / name).write_bytes(r.encode())
PY
for t in $C/*; do printf '%-22s %3d files %6d bytes\n' "$(basename $t)" "$(ls $t | wc -l)" "$(cat $t/* | wc -c)"; done
