// The three offline ways of issue 14, end to end in Debian's Chromium (playwright-core):
//   (a) dist/tlsdoctor.html opened from file:// analyses the bundled samples in a Web Worker
//       and requests nothing but file:, blob: and data: URLs;
//   (b) the installed page (service worker) reloads and analyses with the network cut, and
//       offers a newer build through its update notice;
//   (c) `tlsdoctor serve` (built with --features page) serves the page this test drives.
// Run by scripts/test.sh after scripts/build-web.sh, scripts/build-single.sh and
// `cargo build -p tlsdoctor-cli --features page` (TLSDOCTOR_BIN names the binary).
// Screenshots land in e2e/artifacts/offline-*.png (gitignored).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { launch } from './browser.mjs';
import { serve } from './serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const dist = join(repo, 'dist');
const single = join(dist, 'tlsdoctor.html');
const artifacts = join(here, 'artifacts');
const BIN = process.env.TLSDOCTOR_BIN ?? join(repo, 'target', 'debug', 'tlsdoctor');
const SAMPLE_FINDINGS = ['no-credentials', 'certificate-missing-private-key', 'ambiguous-tls-certificate-name'];

mkdirSync(artifacts, { recursive: true });
const cleanups = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** A fresh browser profile (no service worker, no cache from another test). */
async function browser() {
  const context = await launch();
  cleanups.push(() => context.close());
  return context;
}

/** A page that records every request URL and every console error/warning or page error. */
async function recordedPage(context) {
  const page = await context.newPage();
  const log = { requests: [], problems: [] };
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('pageerror', (e) => log.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') log.problems.push(`console ${m.type()}: ${m.text()}`);
  });
  return { page, log };
}

async function workerReady(page) {
  await page.waitForSelector('main[data-worker-ready="true"]', { timeout: 60_000 });
}

/** Clicks "Try with sample files" and waits for the three findings the samples give. */
async function analyseSamples(page) {
  const seq = Number(await page.getAttribute('main', 'data-report-seq'));
  await page.click('[data-testid=samples]');
  await page.waitForFunction((s) => {
    const main = document.querySelector('main');
    return Number(main.dataset.reportSeq) > s && main.dataset.busy === 'false';
  }, seq, { timeout: 60_000 });
  for (const id of SAMPLE_FINDINGS) {
    await page.locator(`[data-finding-id="${id}"]`).first().waitFor({ timeout: 10_000 });
  }
  assert.equal(await page.getAttribute('[data-testid=verdict]', 'data-severity'), 'error');
  // The empty state's guide is gone once there is a report.
  assert.equal(await page.locator('[data-testid=collect-guide]').count(), 0);
}

/** The empty state: three steps with the core's commands, in English and in German. */
async function checkGuide(page) {
  const guide = page.locator('[data-testid=collect-guide]');
  await guide.waitFor();
  const steps = page.locator('[data-testid=collect-step]');
  assert.equal(await steps.count(), 3);
  const commands = await page.locator('[data-testid=collect-commands]').allInnerTexts();
  assert.match(commands[0], /Get-ExchangeCertificate \| fl/);
  assert.match(commands[1], /Get-SendConnector \| fl\nGet-ReceiveConnector \| fl/);
  assert.match(commands[2], /Get-TransportService \| fl \*ProtocolLogPath/);
  assert.match(await page.locator('[data-testid=collector]').innerText(), /Collect-TlsEvidence\.ps1/);
  const english = await page.locator('#collect-heading').innerText();
  await page.selectOption('[data-testid=lang]', 'de');
  await page.waitForFunction((en) => document.querySelector('#collect-heading')?.textContent !== en, english);
  assert.equal(await page.locator('#collect-heading').innerText(), 'Was Sie sammeln');
  // Commands are never translated.
  assert.deepEqual(await page.locator('[data-testid=collect-commands]').allInnerTexts(), commands);
  await page.selectOption('[data-testid=lang]', 'en');
  await page.waitForFunction((en) => document.querySelector('#collect-heading')?.textContent === en, english);
}

test('(a) tlsdoctor.html from file:// analyses the samples in a blob: worker, without any network request', async () => {
  statSync(single); // built by scripts/build-single.sh
  const context = await browser();
  const { page, log } = await recordedPage(context);
  await page.goto(pathToFileURL(single).href);
  await workerReady(page);
  const workers = page.workers().map((w) => w.url());
  assert.equal(workers.length, 1, `one analysis worker: ${workers}`);
  assert.match(workers[0], /^blob:/, 'the worker was started from the inlined script');
  await checkGuide(page);
  // Opened from disk it is the offline copy already: no download link.
  assert.equal(await page.locator('[data-testid=offline-download]').count(), 0);
  await page.screenshot({ path: join(artifacts, 'offline-a-file-empty.png'), fullPage: true });
  await analyseSamples(page);
  await page.screenshot({ path: join(artifacts, 'offline-a-file-samples.png'), fullPage: true });

  const foreign = log.requests.filter((u) => !/^(file|blob|data):/.test(u));
  assert.deepEqual(foreign, [], 'only file:, blob: and data: URLs');
  assert.ok(log.requests.some((u) => u.startsWith('file:')), 'the recorder saw the page itself');
  assert.deepEqual(log.problems, [], 'no console errors or warnings (a CSP violation would be one)');
  // The file's own policy: nothing from the network.
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /connect-src 'none'/);
  assert.match(csp, /worker-src blob:/);
  assert.doesNotMatch(csp, /unsafe-inline|https?:/);
  console.log(`(a) ${log.requests.length} requests, all file:/blob:/data:; worker ${workers[0].slice(0, 20)}…`);
});

test('(b) the installed page reloads and analyses with the network cut; a newer build is offered', async () => {
  // A copy of dist/, so that the update step can change it without touching the build.
  const root = mkdtempSync(join(tmpdir(), 'tlsdoctor-sw-'));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  cpSync(dist, root, { recursive: true });
  const server = await serve(root, 0);
  cleanups.push(() => new Promise((ok) => server.close(ok)));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const build = readFileSync(join(root, 'sw.js'), 'utf8').match(/const BUILD = "([0-9a-f]{12})"/)?.[1];
  assert.ok(build, 'dist/sw.js carries a build id (scripts/stamp-sw.mjs)');

  const context = await browser();
  const { page, log } = await recordedPage(context);
  await page.goto(origin + '/');
  await workerReady(page);
  // The visible version: the same build id as the service worker's.
  assert.equal(await page.getAttribute('[data-testid=version]', 'data-build'), build);
  assert.match(await page.locator('[data-testid=version]').innerText(), new RegExp(build));
  // The hosted page offers the one file (build-single marked index.html).
  assert.equal(await page.getAttribute('[data-testid=offline-download]', 'href'), 'tlsdoctor.html');
  // (A registration that failed would leave `ready` pending for ever: bounded here.)
  assert.equal(await page.evaluate(() => Promise.race([
    navigator.serviceWorker.ready.then(() => 'ready'),
    new Promise((ok) => setTimeout(() => ok('no service worker after 30 s'), 30_000)),
  ])), 'ready');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  // Installable: Chromium's own check of manifest, icons and service worker.
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, [], 'Chromium sees an installable page');
  const { url: manifestUrl } = await cdp.send('Page.getAppManifest');
  assert.equal(manifestUrl, `${origin}/manifest.webmanifest`);

  await context.setOffline(true);
  const reloaded = await page.reload();
  assert.ok(reloaded.fromServiceWorker(), 'the page came from the service worker');
  await workerReady(page);
  await analyseSamples(page);
  await page.screenshot({ path: join(artifacts, 'offline-b-installed-offline.png'), fullPage: true });
  // A second tab, also offline.
  const second = await context.newPage();
  await second.goto(origin + '/?from=second-tab');
  await workerReady(second);
  await second.close();
  await context.setOffline(false);

  // A new build on the server: the waiting worker is announced, its button switches to it.
  const next = build.split('').reverse().join('') === build ? 'abcdef012345' : build.split('').reverse().join('');
  writeFileSync(join(root, 'sw.js'), readFileSync(join(root, 'sw.js'), 'utf8').replace(build, next));
  writeFileSync(join(root, 'index.html'), readFileSync(join(root, 'index.html'), 'utf8').replace(build, next));
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  await page.locator('[data-testid=update-notice]').waitFor({ timeout: 30_000 });
  await page.screenshot({ path: join(artifacts, 'offline-b-update-notice.png'), fullPage: true });
  await Promise.all([page.waitForEvent('load', { timeout: 30_000 }), page.click('[data-testid=update-button]')]);
  await workerReady(page);
  await page.waitForFunction((b) => document.querySelector('[data-testid=version]')?.dataset.build === b, next);
  assert.deepEqual(log.problems, [], 'no console errors or warnings');
  console.log(`(b) build ${build}: offline reload from the service worker; update to ${next} applied`);
});

test('(c) `tlsdoctor serve` serves the page on 127.0.0.1, and the page analyses', async () => {
  statSync(BIN);
  const child = spawn(BIN, ['serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  cleanups.push(() => child.kill());
  const url = await new Promise((ok, fail) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => fail(new Error(`no URL from tlsdoctor serve: ${out}${err}`)), 15_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) {
        clearTimeout(timer);
        ok(m[0]);
      }
    });
    child.stderr.on('data', (d) => { err += d; });
    child.on('exit', (code) => fail(new Error(`tlsdoctor serve exited (${code}): ${err}`)));
  });
  const context = await browser();
  const { page, log } = await recordedPage(context);
  const response = await page.goto(url);
  const headers = response.headers();
  assert.equal(headers['content-type'], 'text/html; charset=utf-8');
  const meta = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.equal(headers['content-security-policy'], `${meta}; frame-ancestors 'none'`);
  assert.equal(response.body ? (await response.body()).length : 0, statSync(single).size, 'the built-in page is dist/tlsdoctor.html');
  await workerReady(page);
  assert.match(page.workers()[0].url(), /^blob:/);
  // Served over HTTP, the one file offers itself for download.
  assert.equal(await page.getAttribute('[data-testid=offline-download]', 'download'), 'tlsdoctor.html');
  await analyseSamples(page);
  await page.screenshot({ path: join(artifacts, 'offline-c-serve.png'), fullPage: true });
  const other = (await fetch(new URL('/index.html', url))).status;
  assert.equal(other, 404, 'nothing but the page');
  const foreign = log.requests.filter((u) => !u.startsWith(url) && !/^(blob|data):/.test(u));
  assert.deepEqual(foreign, [], 'requests only to the server and blob:/data:');
  assert.deepEqual(log.problems, [], 'no console errors or warnings');
  console.log(`(c) ${url}: ${log.requests.length} requests, ${log.requests.filter((u) => u.startsWith(url)).length} to the server`);
});
