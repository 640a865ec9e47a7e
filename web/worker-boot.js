// Starts the analysis worker: loads wasm-bindgen's no-modules glue, then the worker's wasm.
// (Trunk's data-loader-shim would do the same with a deprecated init signature.)
importScripts('./tlsdoctor-worker.js');
wasm_bindgen({ module_or_path: './tlsdoctor-worker_bg.wasm' });
