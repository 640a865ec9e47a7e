// Starts the page's WebAssembly. A file of its own (not Trunk's inline loader) so that the
// Content-Security-Policy can forbid inline scripts.
import init from './tlsdoctor-app.js';

await init({ module_or_path: new URL('./tlsdoctor-app_bg.wasm', import.meta.url) });
