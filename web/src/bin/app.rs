//! The page's entry point: mounts the Yew app. Built by Trunk (see index.html).

#[cfg(target_arch = "wasm32")]
fn main() {
    yew::Renderer::<tlsdoctor_web::app::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "tlsdoctor-app runs in a browser: build it with `trunk build` (see README, \"The page\")."
    );
}
