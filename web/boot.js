// Starts the page's WebAssembly. A file of its own (not Trunk's inline loader) so that the
// Content-Security-Policy can forbid inline scripts.
import init from './tlsdoctor-app.js';

await init({ module_or_path: new URL('./tlsdoctor-app_bg.wasm', import.meta.url) });

// The installed page (web/sw.js): works offline after the first visit. When a newer build's
// service worker waits, the app shows the core's "new version" notice (it listens for
// `tlsdoctor-update-waiting`); its button calls tlsdoctorApplyUpdate, and the page reloads
// once the new worker has taken over.
if (window.isSecureContext && 'serviceWorker' in navigator) {
  const waiting = () => {
    window.tlsdoctorUpdateWaiting = true;
    window.dispatchEvent(new Event('tlsdoctor-update-waiting'));
  };
  navigator.serviceWorker.register('./sw.js').then((registration) => {
    window.tlsdoctorApplyUpdate = () => registration.waiting?.postMessage('skip-waiting');
    // Only an update waits: the first install activates at once.
    if (registration.waiting && navigator.serviceWorker.controller) waiting();
    registration.addEventListener('updatefound', () => {
      const fresh = registration.installing;
      fresh?.addEventListener('statechange', () => {
        if (fresh.state === 'installed' && navigator.serviceWorker.controller) waiting();
      });
    });
  }).catch((err) => console.info('tlsdoctor: no offline copy (service worker not registered):', err?.message ?? err));
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // The first install claims the page too: reload only when replacing an older build.
    if (window.tlsdoctorUpdateWaiting && !reloading) {
      reloading = true;
      location.reload();
    }
  });
}
