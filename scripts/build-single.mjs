// Writes dist/tlsdoctor.html: the whole page in one file (app and worker JavaScript, both wasm
// modules as base64, the CSS) that works when opened from disk (file://). Run by
// scripts/build-single.sh after scripts/build-web.sh; reads Trunk's dist/.
//
// How it runs without a server:
// - the app's wasm-bindgen glue (an ES module) becomes one inline module script, and its wasm is
//   decoded from a base64 data block in the page (no fetch: Chromium refuses fetch() of file://);
// - the worker (wasm-bindgen's no-modules glue plus a start line, with its wasm as base64) is
//   turned into a blob: URL by that script, so the analysis still runs in a Web Worker
//   (a worker cannot be started from a file:// URL); the Rust app reads that URL from
//   globalThis.tlsdoctorWorkerUrl;
// - the Content-Security-Policy keeps the spirit of index.html's: nothing from the network
//   (connect-src 'none', no other origin anywhere), the one inline script and the one inline
//   style allowed by their SHA-256 hashes only, workers only from blob:.
//
// Also marks dist/index.html with <meta name="tlsdoctor-offline-copy" content="tlsdoctor.html">
// so that the hosted page offers "download this page for offline use".
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const dist = resolve(process.argv[2] ?? 'dist');
const read = (name) => readFileSync(join(dist, name));
const text = (name) => read(name).toString('utf8');
const fail = (message) => {
  console.error(`build-single: ${message}`);
  process.exit(1);
};

for (const f of ['index.html', 'tlsdoctor-app.js', 'tlsdoctor-app_bg.wasm', 'tlsdoctor-worker.js', 'tlsdoctor-worker_bg.wasm']) {
  if (!existsSync(join(dist, f))) fail(`${join(dist, f)} is missing: run scripts/build-web.sh first`);
}

// Any attribute order and quoting: Trunk minifies index.html (`<meta content=X name=Y>`).
const OFFLINE_META = /\s*<meta\b(?=[^>]*\bname="?tlsdoctor-offline-copy"?[\s>])[^>]*>\s*/gi;
let index = text('index.html').replace(OFFLINE_META, '');

// The stylesheet Trunk linked (its name may carry a hash).
const cssLinks = [...index.matchAll(/<link\b(?=[^>]*\brel="?stylesheet"?[\s>])[^>]*>/gi)];
if (cssLinks.length !== 1) fail(`expected one stylesheet link in index.html, found ${cssLinks.length}`);
const cssHref = cssLinks[0][0].match(/\bhref="?\.?\/?([^"\s>]+)"?/i)?.[1];
if (!cssHref) fail('no href on the stylesheet link');
const css = text(cssHref);
if (/url\(|@import/i.test(css)) fail('the CSS loads something (url()/@import): it would not work from a single file');

// The app's glue: an ES module exporting its init function as default.
let app = text('tlsdoctor-app.js');
if (/^\s*import\b|\bimport\s*\(/m.test(app)) fail('tlsdoctor-app.js imports other modules (snippets?): inline them first');
let initName = null;
app = app.replace(/export\s*\{([^}]*)\}\s*;?/g, (_, names) => {
  for (const n of names.split(',').map((s) => s.trim())) {
    const m = n.match(/^(\w+)\s+as\s+default$/);
    if (m) initName = m[1];
  }
  return '';
});
app = app.replace(/export\s+default\s+(\w+)\s*;?/g, (_, name) => {
  initName = name;
  return '';
});
app = app.replace(/^export\s+(?=(async\s+)?function|class|const|let|var)/gm, '');
if (!initName) fail('no default export (the init function) in tlsdoctor-app.js');
if (/\bexport\b\s*[{*]|^export\s/m.test(app)) fail('tlsdoctor-app.js has an export this script does not understand');

// The worker: wasm-bindgen's no-modules glue defines `wasm_bindgen`; worker-boot.js would load
// it with importScripts and start it with the wasm's URL. Here the wasm comes as base64.
const workerGlue = text('tlsdoctor-worker.js');
if (/importScripts\s*\(/.test(workerGlue)) fail('tlsdoctor-worker.js loads other scripts');

const appWasm = read('tlsdoctor-app_bg.wasm').toString('base64');
const workerWasm = read('tlsdoctor-worker_bg.wasm').toString('base64');

// The one executed inline script. It reads the data blocks below (not executed, so not
// scripts under the CSP) and starts both wasm modules from bytes.
const boot = `${app}
;
const tlsdoctorBytes = (b64) => {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
};
const tlsdoctorData = (id) => document.getElementById(id).textContent.trim();
{
  const start = 'wasm_bindgen({ module_or_path: ((b64) => { const bin = atob(b64); const bytes = new Uint8Array(bin.length); for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i); return bytes; })("';
  const worker = new Blob(
    [tlsdoctorData('tlsdoctor-worker-js'), '\\n;', start, tlsdoctorData('tlsdoctor-worker-wasm'), '") });\\n'],
    { type: 'text/javascript' },
  );
  globalThis.tlsdoctorWorkerUrl = URL.createObjectURL(worker);
}
await ${initName}({ module_or_path: tlsdoctorBytes(tlsdoctorData('tlsdoctor-app-wasm')) });
`;

// Data blocks and inline code end at the first "</script" or "</style" (HTML parsing).
const guard = (name, s, end) => {
  if (new RegExp(`</${end}`, 'i').test(s) || /<!--/.test(s)) fail(`${name} contains </${end} or <!--: cannot be inlined`);
  return s;
};
guard('the app glue', boot, 'script');
guard('the worker glue', workerGlue, 'script');
guard('the CSS', css, 'style');

const sha = (s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
const csp = [
  "default-src 'none'",
  `script-src ${sha(boot)} 'wasm-unsafe-eval'`,
  'worker-src blob:',
  "connect-src 'none'",
  `style-src ${sha(css)}`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

// index.html without what the one file cannot use: its CSP (replaced), the external script and
// stylesheet (inlined), the manifest (an installed page needs a server).
let head = index;
head = head.replace(/<meta\b(?=[^>]*\bhttp-equiv="?Content-Security-Policy"?[\s>])[^>]*>\s*/gi, '');
head = head.replace(/<link\b(?=[^>]*\brel="?(stylesheet|manifest|modulepreload|preload)"?[\s>])[^>]*>\s*/gi, '');
head = head.replace(/<script\b[^>]*\bsrc=[^>]*>\s*<\/script>\s*/gi, '');
if (/<script\b/i.test(head)) fail('index.html has a script this script does not understand');

/** `html` with `insert` right after <meta charset> (else <head>, <html>, the doctype). */
function intoHead(html, insert) {
  for (const re of [/<meta\s+charset="?utf-8"?\s*\/?>/i, /<head\b[^>]*>/i, /<html\b[^>]*>/i, /<!doctype html>/i]) {
    const m = html.match(re);
    if (m) return html.slice(0, m.index + m[0].length) + '\n' + insert + '\n' + html.slice(m.index + m[0].length);
  }
  fail('index.html has neither <meta charset>, <head>, <html> nor a doctype');
}

const inHead = [
  `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
  // Empty: "download this page" points at this document itself when served over HTTP
  // (tlsdoctor serve); opened from disk it shows no link.
  '<meta name="tlsdoctor-offline-copy" content="">',
  `<style>${css}</style>`,
].join('\n');
const inBody = [
  `<script type="application/octet-stream" id="tlsdoctor-app-wasm">${appWasm}</script>`,
  `<script type="application/octet-stream" id="tlsdoctor-worker-wasm">${workerWasm}</script>`,
  `<script type="text/plain" id="tlsdoctor-worker-js">${workerGlue}</script>`,
  `<script type="module">${boot}</script>`,
].join('\n');
// The policy must come before anything it governs: first thing in <head> after <meta charset>.
let single = intoHead(head, inHead);
single = /<\/body>/i.test(single) ? single.replace(/<\/body>/i, `${inBody}\n</body>`) : `${single}\n${inBody}\n`;

// Nothing but this file: no URL with a host (XML namespace names excepted, as in build-web.sh),
// no src/href to another file.
const hosts = (single.match(/(https?|wss?|ftp):\/\/[A-Za-z0-9.-]+/g) ?? [])
  .filter((u) => !/^http:\/\/www\.w3\.org$/.test(u));
if (hosts.length) fail(`the single file names external hosts: ${[...new Set(hosts)].join(', ')}`);
const refs = [...single.matchAll(/<(?:link|script|img|iframe)\b[^>]*\b(?:src|href)="?([^"\s>]+)/gi)]
  .map((m) => m[1]).filter((u) => !u.startsWith('data:'));
if (refs.length) fail(`the single file still references: ${refs.join(', ')}`);

writeFileSync(join(dist, 'tlsdoctor.html'), single);

// The hosted page offers the one file for download.
const marked = intoHead(index, '<meta name="tlsdoctor-offline-copy" content="tlsdoctor.html">');
writeFileSync(join(dist, 'index.html'), marked);
console.log(`dist/tlsdoctor.html written (${single.length} bytes); dist/index.html links to it`);
