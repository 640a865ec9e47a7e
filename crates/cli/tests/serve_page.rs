//! `tlsdoctor serve` through the binary. Without the `page` feature (the default build, the one
//! `cargo test --workspace` runs) it names the build steps and exits 1; with it
//! (`cargo test -p tlsdoctor-cli --features page`, after scripts/build-single.sh) it serves
//! dist/tlsdoctor.html on 127.0.0.1.

use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_tlsdoctor"))
}

#[cfg(not(feature = "page"))]
#[test]
fn without_the_page_it_says_how_to_build_one() {
    let out = bin().arg("serve").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("built without the page"), "{stderr}");
    assert!(stderr.contains("scripts/build-single.sh"), "{stderr}");
    assert!(stderr.contains("--features page"), "{stderr}");
    assert!(out.stdout.is_empty(), "nothing served, no URL printed");
}

#[test]
fn serve_usage_errors_exit_2() {
    for args in [
        &["serve", "--port", "99999"][..],
        &["serve", "x.html"],
        &["serve", "--json"],
    ] {
        let out = bin().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[cfg(feature = "page")]
#[test]
fn with_the_page_it_serves_dist_tlsdoctor_html_on_loopback() {
    use std::io::{BufRead, BufReader, Read, Write};
    let mut child = bin()
        .args(["serve", "--port", "0"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .expect("URL printed")
        .to_string();
    let port: u16 = url
        .trim_start_matches("http://127.0.0.1:")
        .trim_end_matches('/')
        .parse()
        .unwrap();
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n").unwrap();
    let mut response = Vec::new();
    s.read_to_end(&mut response).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    // The file build.rs built in (dist/tlsdoctor.html, or TLSDOCTOR_PAGE).
    let page = std::fs::read(env!("TLSDOCTOR_PAGE_FILE")).expect("the built-in page");
    assert!(response.starts_with(b"HTTP/1.1 200 OK\r\n"));
    assert!(response.ends_with(&page), "the body is dist/tlsdoctor.html");
}
