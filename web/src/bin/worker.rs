//! The analysis worker: loads the core as wasm inside a dedicated Web Worker and answers the
//! page's [`tlsdoctor_web::protocol::ToWorker`] messages. Built by Trunk as `data-type="worker"`.

#[cfg(target_arch = "wasm32")]
fn main() {
    tlsdoctor_web::worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("tlsdoctor-worker runs in a browser: build it with `trunk build` (see README, \"The page\").");
}
