// The one-file page (dist/tlsdoctor.html, scripts/build-single.sh) opened from file:// in
// Debian's Firefox ESR: the analysis runs in its Web Worker and the samples give their findings,
// with no request but data:/blob:/file:. Driven by puppeteer-core over WebDriver BiDi (Firefox's
// own remote protocol; playwright-core can only drive its patched Firefox builds). Chromium's
// file:// run, the service worker and `tlsdoctor serve` are in offline.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const here = dirname(fileURLToPath(import.meta.url));
const single = resolve(here, '..', 'dist', 'tlsdoctor.html');
const artifacts = join(here, 'artifacts');
const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
/** What the bundled samples give (as in offline.test.mjs). */
const SAMPLE_FINDINGS = ['no-credentials', 'certificate-missing-private-key', 'ambiguous-tls-certificate-name'];

test('tlsdoctor.html from file:// in Firefox ESR analyses the samples in its worker, no network', { timeout: 180_000 }, async () => {
  statSync(single); // built by scripts/build-single.sh
  mkdirSync(artifacts, { recursive: true });
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true, protocol: 'webDriverBiDi' });
  try {
    const page = await browser.newPage();
    const problems = [];
    const requests = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warn') problems.push(`console ${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(single).href);
    // The page sets this once its worker answered (web/src/app/mod.rs).
    await page.waitForSelector('main[data-worker-ready="true"]', { timeout: 60_000 });
    const seq = Number(await page.$eval('main', (m) => m.dataset.reportSeq));
    await page.click('[data-testid=samples]');
    await page.waitForFunction((s) => {
      const main = document.querySelector('main');
      return Number(main.dataset.reportSeq) > s && main.dataset.busy === 'false';
    }, { timeout: 60_000 }, seq);
    const ids = await page.$$eval('[data-finding-id]', (els) => els.map((e) => e.dataset.findingId));
    for (const id of SAMPLE_FINDINGS) assert.ok(ids.includes(id), `${id} in ${ids}`);
    assert.equal(await page.$eval('[data-testid=verdict]', (e) => e.dataset.severity), 'error');
    // Opened from disk it is the offline copy already: no download link.
    assert.equal((await page.$$('[data-testid=offline-download]')).length, 0);
    await page.screenshot({ path: join(artifacts, 'firefox-file-samples.png'), fullPage: true });
    const foreign = requests.filter((u) => !/^(file|blob|data):/.test(u));
    assert.deepEqual(foreign, [], 'only file:, blob: and data: URLs');
    assert.deepEqual(problems, [], 'no console errors or warnings (a CSP violation would be one)');
  } finally {
    await browser.close();
  }
});
