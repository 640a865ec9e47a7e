// Versions the installed page: writes dist/sw.js from web/sw.js with the build id (a hash of
// dist/'s files) and the list of files it caches, and puts the same build id into
// dist/index.html's <meta name="tlsdoctor-build"> (the page shows it in its footer).
// Run by scripts/build-web.sh after `trunk build`. Idempotent: the hash ignores the build id
// itself and the "download this page" marker that scripts/build-single.mjs adds.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(process.argv[2] ?? join(repo, 'dist'));
const fail = (message) => {
  console.error(`stamp-sw: ${message}`);
  process.exit(1);
};

/** Files the service worker does not cache: itself, and the one-file page (a download). */
const SKIP = new Set(['sw.js', 'tlsdoctor.html']);
// Any attribute order and quoting (Trunk minifies index.html: `<meta content=X name=Y>`).
const BUILD_META = /<meta\b(?=[^>]*\bname="?tlsdoctor-build"?[\s>])[^>]*>/i;
const OFFLINE_META = /\s*<meta\b(?=[^>]*\bname="?tlsdoctor-offline-copy"?[\s>])[^>]*>\s*/gi;
const buildMeta = (id) => `<meta name="tlsdoctor-build" content="${id}">`;

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [relative(dist, path).split('\\').join('/')];
  });
}

const files = walk(dist).filter((f) => !SKIP.has(f)).sort();
if (!files.includes('index.html')) fail(`${dist}/index.html is missing: run trunk build first`);

const index = readFileSync(join(dist, 'index.html'), 'utf8');
if (!BUILD_META.test(index)) fail('index.html has no <meta name="tlsdoctor-build" content=...>');
const hash = createHash('sha256');
for (const f of files) {
  let bytes = readFileSync(join(dist, f));
  if (f === 'index.html') {
    bytes = Buffer.from(index.replace(BUILD_META, buildMeta('')).replace(OFFLINE_META, ''));
  }
  hash.update(`${f}\0${bytes.length}\0`).update(bytes);
}
const build = hash.digest('hex').slice(0, 12);

writeFileSync(join(dist, 'index.html'), index.replace(BUILD_META, buildMeta(build)));
const template = readFileSync(join(repo, 'web', 'sw.js'), 'utf8');
const BUILD_LINE = "const BUILD = '__TLSDOCTOR_BUILD__';";
const FILES_LINE = 'const FILES = __TLSDOCTOR_FILES__;';
if (template.split(BUILD_LINE).length !== 2 || template.split(FILES_LINE).length !== 2) {
  fail(`web/sw.js must hold exactly one \`${BUILD_LINE}\` and one \`${FILES_LINE}\``);
}
const cached = ['./', ...files];
writeFileSync(
  join(dist, 'sw.js'),
  template
    .replace(BUILD_LINE, `const BUILD = ${JSON.stringify(build)};`)
    .replace(FILES_LINE, `const FILES = ${JSON.stringify(cached)};`),
);
console.log(`build ${build}: dist/sw.js caches ${cached.length} entries`);
