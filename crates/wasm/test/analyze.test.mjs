// Loads the Node build of the JS API (scripts/build-js-api.sh → crates/wasm/pkg-node) and analyzes
// corpus files through it, asserting facts from testdata/corpus/MANIFEST.tsv.
// Run: node --test crates/wasm/test/
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, "..", "..", "..");
const api = createRequire(import.meta.url)(path.join(here, "..", "pkg-node", "tlsdoctor_wasm.js"));
const corpus = (p) => new Uint8Array(readFileSync(path.join(root, "testdata", "corpus", p)));

const PFX = "pkcs12/dotnet-runtime-assets/System.Net.TestData/testservereku.contoso.com.pfx";
const CER = "x509/dotnet-runtime-assets/System.Net.TestData/testservereku.contoso.com.cer";
const LOG = "logs/src-tstrueber-blog01-relay-recv.log";
const THUMBPRINT = "3D68C9DB575E6FDB56A81AE43B014E129349E024";
const NOW = 1735689600; // 2025-01-01

test("analyze: a PFX with its password, a .cer and a log, in the CLI's JSON shape", () => {
  const seen = [];
  const report = api.analyze(
    [
      { name: "server.pfx", bytes: corpus(PFX) },
      { name: "server.cer", bytes: corpus(CER).buffer }, // an ArrayBuffer works too
      { name: "RECV.LOG", bytes: corpus(LOG) },
    ],
    ["testcertificate"],
    { lang: "en", nowUnix: NOW },
    (p) => seen.push(p),
  );
  assert.equal(report.tool, "tlsdoctor");
  assert.equal(report.files.length, 3);

  const [pfx, cer, log] = report.files;
  assert.equal(pfx.kind, "pkcs12");
  assert.equal(pfx.error, null);
  assert.equal(pfx.pkcs12.mac, "hmac-sha1");
  assert.equal(pfx.pkcs12.mac_iterations, 2000);
  assert.equal(pfx.certificates.length, 2);
  const leaf = pfx.certificates.find((c) => c.thumbprint === THUMBPRINT);
  assert.ok(leaf, "the server certificate is in the PFX");
  assert.equal(leaf.subject, "CN=testservereku.contoso.com");
  assert.equal(leaf.has_private_key, true);
  assert.equal(pfx.keys.length, 1);
  assert.equal(pfx.keys[0].type, "RSA-4096");
  assert.equal(pfx.keys[0].matches_thumbprint, THUMBPRINT);

  assert.equal(cer.kind, "x509-cert");
  assert.equal(cer.certificates[0].thumbprint, THUMBPRINT);
  assert.equal(cer.certificates[0].issuer, "CN=NDX Test Root CA");
  assert.equal(cer.certificates[0].serial_number, "54000000320F036BF59292AA2F000000000032");
  assert.equal(cer.certificates[0].not_after, "2036-12-29T20:53:49Z");
  assert.equal(cer.certificates[0].friendly_name, null);

  assert.equal(log.kind, "protocol-log");
  assert.equal(report.log_summary.lines, 15);
  assert.equal(report.log_summary.sessions, 1);
  assert.ok(Array.isArray(report.findings) && report.findings.length > 0);

  // One progress call per file (each is under 1 MiB), bytes counting up to the total.
  assert.equal(seen.length, 3);
  assert.deepEqual(seen.map((p) => p.fileIndex), [0, 1, 2]);
  const total = corpus(PFX).length + corpus(CER).length + corpus(LOG).length;
  assert.equal(seen[2].bytesDone, total);
  assert.equal(seen[2].bytesTotal, total);
  // The report is plain JSON data (serialises, no Map, no BigInt).
  assert.deepEqual(JSON.parse(JSON.stringify(report)), report);
});

test("a wrong password is named, the other files are still read", () => {
  const report = api.analyze(
    [{ name: "server.pfx", bytes: corpus(PFX) }, { name: "server.cer", bytes: corpus(CER) }],
    ["not-the-password"],
    { nowUnix: NOW },
  );
  assert.equal(report.files[0].error.code, "wrong-password");
  assert.equal(report.files[1].certificates[0].thumbprint, THUMBPRINT);
});

test("StreamingAnalyzer: byte-by-byte pushes give the same report, passwords can come later", () => {
  const log = corpus(LOG);
  const whole = api.analyze([{ name: "RECV.LOG", bytes: log }], [], { nowUnix: NOW });
  const s = new api.StreamingAnalyzer([], { nowUnix: NOW });
  s.beginFile("RECV.LOG");
  for (let i = 0; i < log.length; i += 7) s.pushBytes(log.subarray(i, i + 7));
  s.endFile();
  assert.deepEqual(s.report(), whole);

  s.addFile("server.pfx", corpus(PFX));
  assert.equal(s.report().files[1].error.code, "wrong-password");
  s.setPasswords(["testcertificate"]);
  const reopened = s.report().files[1];
  assert.equal(reopened.error, null);
  assert.ok(reopened.certificates.some((c) => c.thumbprint === THUMBPRINT));
  s.setLang("de");
  assert.equal(s.report().lang, "de");
  s.free();
});

test("bad arguments throw one clear JS error", () => {
  assert.throws(() => api.analyze([{ name: "x" }], [], {}), /tlsdoctor: files\[0\] \(x\).*Uint8Array/);
  assert.throws(() => api.analyze([], "secret", {}), /tlsdoctor: passwords must be an array of strings/);
  assert.match(api.version(), /^\d+\.\d+\.\d+$/);
});
