// Benchmark (not a test): the page in Chromium end to end. Serves a built dist/ (scripts/build-web.sh)
// on 127.0.0.1, opens it in Debian's Chromium (playwright-core from e2e/, the e2e tests' launcher),
// hands FILE… to the file input as one drop and times, inside the page, from the input's `change`
// event to the final report (the worker idle, the verdict shown). Prints one JSON object:
//   {"bytes": N, "files": N, "runs": [seconds…], "seconds": median, "mb_per_s": …,
//    "long_tasks_ms": [main-thread tasks over 50 ms in the median run], "verdict": "…"}
// usage: node bench/page.mjs [--dist DIR] [--runs N] FILE…   (a fresh page per run)
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const { launch } = await import(join(repo, 'e2e', 'browser.mjs'));
const { serve } = await import(join(repo, 'e2e', 'serve.mjs'));

const args = process.argv.slice(2);
let dist = join(repo, 'dist');
let runs = 3;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--dist') dist = resolve(args[++i]);
  else if (args[i] === '--runs') runs = Number(args[++i]);
  else files.push(resolve(args[i]));
}
if (files.length === 0 || !(runs >= 1)) {
  console.error('usage: node bench/page.mjs [--dist DIR] [--runs N] FILE...');
  process.exit(2);
}
statSync(join(dist, 'index.html'));
const bytes = files.reduce((n, f) => n + statSync(f).size, 0);

const server = await serve(dist, 0);
const origin = `http://127.0.0.1:${server.address().port}`;
const context = await launch();
const results = [];
try {
  for (let run = 0; run < runs; run++) {
    const page = await context.newPage();
    await page.goto(origin + '/');
    await page.waitForSelector('main[data-worker-ready="true"]', { timeout: 60_000 });
    await page.evaluate((bytes) => {
      window.__bench = { longTasks: [] };
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__bench.longTasks.push(e.duration);
      }).observe({ type: 'longtask' });
      const main = document.querySelector('main');
      const seq = Number(main.dataset.reportSeq);
      // Capture phase: before the page's own handler hands the files to the worker.
      document.addEventListener('change', () => { window.__bench.start = performance.now(); }, true);
      // Done: the worker idle after a report newer than the drop, every byte read, a verdict shown
      // (a report that was on its way before the drop, e.g. the one answering the page's language,
      // must not count).
      window.__bench.done = new Promise((done) => {
        const observer = new MutationObserver(() => {
          const progress = document.querySelector('[data-testid=progress]');
          const verdict = document.querySelector('[data-testid=verdict]');
          if (window.__bench.start !== undefined && main.dataset.busy === 'false' && Number(main.dataset.reportSeq) > seq
            && Number(progress?.dataset.read) === bytes && verdict && verdict.dataset.severity !== 'pending') {
            observer.disconnect();
            done(performance.now() - window.__bench.start);
          }
        });
        observer.observe(main, { attributes: true, subtree: true, childList: true });
      });
    }, bytes);
    await page.setInputFiles('[data-testid=file-input]', files);
    const ms = await page.evaluate(() => window.__bench.done);
    const longTasks = await page.evaluate(() => window.__bench.longTasks.map(Math.round));
    const verdict = (await page.locator('[data-testid=verdict]').innerText()).trim();
    const read = Number(await page.getAttribute('[data-testid=progress]', 'data-read'));
    if (read !== bytes) throw new Error(`the page read ${read} of ${bytes} bytes`);
    // How a split batch went (web/src/part.rs): counters in the analysis worker (unnamed).
    const parts = {};
    for (const w of page.workers()) {
      if ((await w.evaluate(() => self.name)) !== '') continue;
      Object.assign(parts, await w.evaluate(() => ({
        merged: self.tlsdoctorPartsMerged ?? 0, read_again: self.tlsdoctorPartsReadAgain ?? 0,
      })));
    }
    results.push({ seconds: ms / 1000, longTasks, verdict, parts });
    await page.close();
  }
} finally {
  await context.close();
  server.close();
}
const sorted = [...results].sort((a, b) => a.seconds - b.seconds);
const median = sorted[Math.floor(sorted.length / 2)];
console.log(JSON.stringify({
  bytes,
  files: files.length,
  runs: results.map((r) => Number(r.seconds.toFixed(3))),
  seconds: Number(median.seconds.toFixed(3)),
  mb_per_s: Number((bytes / 1e6 / median.seconds).toFixed(1)),
  long_tasks_ms: median.longTasks,
  parts: median.parts,
  verdict: median.verdict,
}));
