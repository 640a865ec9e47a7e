// tlsdoctor in WebAssembly under Node, through the embeddable JS API (crates/wasm/pkg-node,
// built by scripts/build-js-api.sh; TLSDOCTOR_WASM_PKG=DIR loads another build of it, e.g. one
// kept from before a change). Prints one JSON object on stdout. Used by bench/run.sh.
//   node bench/wasm.mjs log FILE            stream FILE in 1 MiB slices through StreamingAnalyzer
//   node bench/wasm.mjs pfx LIST.tsv        open each "path<TAB>password" file, median of 5, ms
//   node bench/wasm.mjs certs REPEAT FILE…  analyze the files REPEAT times in one call: certs/s
import { openSync, readSync, closeSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const pkg = process.env.TLSDOCTOR_WASM_PKG ?? path.join(here, "..", "crates", "wasm", "pkg-node");
const api = createRequire(import.meta.url)(path.resolve(pkg, "tlsdoctor_wasm.js"));
const NOW = { nowUnix: 1735689600 };
const [mode, ...args] = process.argv.slice(2);

if (mode === "log") {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const s = new api.StreamingAnalyzer([], NOW);
  s.beginFile(path.basename(args[0]));
  const fd = openSync(args[0], "r");
  const buffer = new Uint8Array(1 << 20);
  let bytes = 0;
  for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0; bytes += n) s.pushBytes(buffer.subarray(0, n));
  closeSync(fd);
  s.endFile();
  const report = s.report();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  const cpu_seconds = (used.user + used.system) / 1e6; // steadier than wall time on a shared machine
  console.log(JSON.stringify({ bytes, seconds, cpu_seconds, lines: report.log_summary.lines, sessions: report.log_summary.sessions }));
} else if (mode === "pfx") {
  const result = {};
  for (const line of readFileSync(args[0], "utf8").split("\n").filter(Boolean)) {
    const [file, password] = line.split("\t");
    const bytes = new Uint8Array(readFileSync(file));
    const times = [];
    let ok = true;
    for (let i = 0; i < 5; i++) {
      const t = process.hrtime.bigint();
      const report = api.analyze([{ name: file, bytes }], password ? [password] : [], NOW);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      ok = report.files[0].error === null;
    }
    times.sort((a, b) => a - b);
    result[file] = { ms: times[2], ok };
  }
  console.log(JSON.stringify(result));
} else if (mode === "certs") {
  const repeat = Number(args[0]);
  const files = args.slice(1).map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(f)) }));
  const all = [];
  for (let i = 0; i < repeat; i++) all.push(...files);
  const t = process.hrtime.bigint();
  const report = api.analyze(all, [], NOW);
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  const certs = report.files.reduce((n, f) => n + f.certificates.length, 0);
  console.log(JSON.stringify({ certs, seconds, per_second: certs / seconds }));
} else {
  console.error("usage: node bench/wasm.mjs log FILE | pfx LIST.tsv | certs REPEAT FILE...");
  process.exit(2);
}
