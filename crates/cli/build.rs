//! With `--features page`, `tlsdoctor serve` carries the one-file page: this script finds
//! `dist/tlsdoctor.html` (or the file named by TLSDOCTOR_PAGE) and hands its path to
//! `include_bytes!`. Without the feature it does nothing, so the CLI builds without dist/.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=TLSDOCTOR_PAGE");
    if std::env::var_os("CARGO_FEATURE_PAGE").is_none() {
        return;
    }
    let path = match std::env::var_os("TLSDOCTOR_PAGE") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default())
            .join("../../dist/tlsdoctor.html"),
    };
    if !path.is_file() {
        eprintln!(
            "\n\ntlsdoctor-cli: the feature `page` builds the one-file page into the binary, and \
             {} does not exist.\nBuild it first:\n\n    bash scripts/build-web.sh && bash scripts/build-single.sh\n\n\
             (or point TLSDOCTOR_PAGE at a tlsdoctor.html), or build without `--features page`.\n",
            path.display()
        );
        std::process::exit(1);
    }
    let path = path.canonicalize().unwrap_or(path);
    println!("cargo:rerun-if-changed={}", path.display());
    println!("cargo:rustc-env=TLSDOCTOR_PAGE_FILE={}", path.display());
}
