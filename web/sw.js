// The installed page's service worker: after the first visit the page works with the network
// cut. Cache-first for the page's own files only (listed at build time); every other request
// goes to the network untouched. One cache per build: `scripts/stamp-sw.mjs` fills in BUILD (a
// hash of dist/) and FILES (its file list) below, so a new build is a new service worker. It waits until the page's "Reload to update" button (text
// from the core) sends 'skip-waiting'; then the old cache is dropped.
const BUILD = '__TLSDOCTOR_BUILD__';
const FILES = __TLSDOCTOR_FILES__;
const CACHE = `tlsdoctor-${BUILD}`;
const OWN = new Set(FILES.map((f) => new URL(f, self.registration.scope).href));

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // Past the HTTP cache: the files of exactly this build.
      cache.addAll(FILES.map((f) => new Request(f, { cache: 'reload' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('tlsdoctor-') && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.hash = '';
  url.search = '';
  // A navigation to the page (with or without index.html, any query) is the cached page.
  const key = request.mode === 'navigate' && url.href === self.registration.scope
    ? new URL('./', self.registration.scope).href
    : url.href;
  if (!OWN.has(key)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(key);
    return hit ?? fetch(request);
  })());
});
