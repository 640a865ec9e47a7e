//! `tlsdoctor serve [--port N] [--open]`: hands out the one-file page (`dist/tlsdoctor.html`,
//! built into the binary with `--features page`) on 127.0.0.1 only, so one binary is all an
//! air-gapped host needs. The page does everything in the browser; this server only answers
//! `GET /` with the page's bytes and its Content-Security-Policy as a header, and 404 elsewhere.
//!
//! A tiny HTTP/1.1 server on `std::net`: one request per connection (`Connection: close`),
//! request heads capped at [`MAX_HEAD_BYTES`], read and write timeouts, at most
//! [`MAX_CONNECTIONS`] connections at once, and a `Host` check (127.0.0.1 or localhost with
//! this port) so that a web page elsewhere cannot reach it through DNS rebinding.

use std::io::{self, Read, Write};
use std::net::{Ipv4Addr, SocketAddrV4, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crate::args::Args;

/// The page built in at compile time (`--features page`; see build.rs).
#[cfg(feature = "page")]
const PAGE: Option<&[u8]> = Some(include_bytes!(env!("TLSDOCTOR_PAGE_FILE")));
#[cfg(not(feature = "page"))]
const PAGE: Option<&[u8]> = None;

/// The port when `--port` is not given.
pub const DEFAULT_PORT: u16 = 8080;
/// A request head larger than this is refused (431).
pub const MAX_HEAD_BYTES: usize = 16 * 1024;
/// Connections served at the same time; more are answered 503 and closed.
pub const MAX_CONNECTIONS: usize = 32;
const READ_TIMEOUT: Duration = Duration::from_secs(10);
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// Used when the page carries no policy of its own (never for a page from build-single).
const FALLBACK_CSP: &str = "default-src 'none'";

const NOT_BUILT_IN: &str = "\
tlsdoctor serve: this tlsdoctor was built without the page.
Build the one-file page, then a tlsdoctor that carries it:

    bash scripts/build-web.sh && bash scripts/build-single.sh    # writes dist/tlsdoctor.html
    cargo build --release -p tlsdoctor-cli --features page      # target/release/tlsdoctor

(dist/tlsdoctor.html also works on its own: open it from disk, no server needed.)
";

pub fn run(args: &Args) -> i32 {
    let Some(page) = PAGE else {
        let _ = io::stderr().write_all(NOT_BUILT_IN.as_bytes());
        return 1;
    };
    let port = args.port.unwrap_or(DEFAULT_PORT);
    let server = match Server::bind(port, page) {
        Ok(s) => s,
        Err(err) => {
            say!("tlsdoctor serve: cannot listen on 127.0.0.1:{port}: {err} (choose another with --port N)");
            return 1;
        }
    };
    let url = server.url();
    let _ = writeln!(
        io::stdout(),
        "tlsdoctor: the page is at {url} (this computer only; Ctrl+C stops)"
    );
    let _ = io::stdout().flush();
    if args.open {
        open_browser(&url);
    }
    server.run();
    0
}

/// The page and the listening socket.
pub struct Server {
    listener: TcpListener,
    page: Arc<Page>,
}

struct Page {
    body: &'static [u8],
    csp: String,
    port: u16,
}

impl Server {
    /// Listens on 127.0.0.1:`port` (0: any free port) — never on another interface.
    pub fn bind(port: u16, body: &'static [u8]) -> io::Result<Server> {
        let listener = TcpListener::bind(SocketAddrV4::new(Ipv4Addr::LOCALHOST, port))?;
        let port = listener.local_addr()?.port();
        let csp = format!(
            "{}; frame-ancestors 'none'",
            page_csp(body).unwrap_or(FALLBACK_CSP)
        );
        Ok(Server {
            listener,
            page: Arc::new(Page { body, csp, port }),
        })
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.page.port)
    }

    /// Serves until the process ends.
    pub fn run(self) {
        let active = Arc::new(AtomicUsize::new(0));
        for stream in self.listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            if active.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
                active.fetch_sub(1, Ordering::SeqCst);
                let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
                let _ = stream.write_all(&plain(503, "Service Unavailable", "busy\n"));
                continue;
            }
            let page = self.page.clone();
            let active = active.clone();
            std::thread::spawn(move || {
                let _ = handle(&mut stream, &page);
                active.fetch_sub(1, Ordering::SeqCst);
            });
        }
    }
}

fn handle(stream: &mut TcpStream, page: &Page) -> io::Result<()> {
    stream.set_read_timeout(Some(READ_TIMEOUT))?;
    stream.set_write_timeout(Some(WRITE_TIMEOUT))?;
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 2048];
    let complete = loop {
        if let Some(end) = head.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4 <= MAX_HEAD_BYTES;
        }
        if head.len() > MAX_HEAD_BYTES {
            break false;
        }
        match stream.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => head.extend_from_slice(&buf[..n]),
            Err(err) => return Err(err),
        }
    };
    let response = if complete {
        respond(&head, page)
    } else {
        plain(
            431,
            "Request Header Fields Too Large",
            "request head too large\n",
        )
    };
    stream.write_all(&response)?;
    stream.flush()
}

/// The response to one request head (everything up to the blank line).
fn respond(head: &[u8], page: &Page) -> Vec<u8> {
    let Ok(head) = std::str::from_utf8(head) else {
        return plain(400, "Bad Request", "bad request\n");
    };
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default();
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return plain(400, "Bad Request", "bad request\n");
    };
    if !version.starts_with("HTTP/1.") {
        return plain(505, "HTTP Version Not Supported", "HTTP/1.x only\n");
    }
    let host = lines
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("host"))
        .map(|(_, value)| value.trim().to_ascii_lowercase());
    if let Some(host) = host {
        let allowed = [
            format!("127.0.0.1:{}", page.port),
            format!("localhost:{}", page.port),
        ];
        if !allowed.contains(&host) {
            return plain(
                421,
                "Misdirected Request",
                "this server answers only to 127.0.0.1\n",
            );
        }
    } else if version != "HTTP/1.0" {
        return plain(400, "Bad Request", "Host header missing\n");
    }
    let head_only = match method {
        "GET" => false,
        "HEAD" => true,
        _ => {
            let mut r = plain(405, "Method Not Allowed", "GET or HEAD only\n");
            insert_header(&mut r, "Allow: GET, HEAD");
            return r;
        }
    };
    let path = target.split(['?', '#']).next().unwrap_or_default();
    if path != "/" {
        return plain(404, "Not Found", "not found: the page is at /\n");
    }
    let mut response = format!(
        "HTTP/1.1 200 OK\r\n\
         Content-Type: text/html; charset=utf-8\r\n\
         Content-Length: {}\r\n\
         Content-Security-Policy: {}\r\n\
         X-Content-Type-Options: nosniff\r\n\
         Referrer-Policy: no-referrer\r\n\
         Cache-Control: no-cache\r\n\
         Connection: close\r\n\r\n",
        page.body.len(),
        page.csp
    )
    .into_bytes();
    if !head_only {
        response.extend_from_slice(page.body);
    }
    response
}

fn plain(status: u16, reason: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status} {reason}\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\
         Content-Length: {}\r\n\
         X-Content-Type-Options: nosniff\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Adds one header line after the status line.
fn insert_header(response: &mut Vec<u8>, line: &str) {
    if let Some(end) = response.windows(2).position(|w| w == b"\r\n") {
        let insert = format!("\r\n{line}");
        response.splice(end..end, insert.into_bytes());
    }
}

/// The `content` of the page's `<meta http-equiv="Content-Security-Policy">`: the header must
/// allow what the page's own policy allows (both apply), so it is the same policy.
fn page_csp(html: &[u8]) -> Option<&str> {
    // The policy sits in <head>, near the start; never scan a whole multi-megabyte page.
    let head = &html[..html.len().min(64 * 1024)];
    let text = match std::str::from_utf8(head) {
        Ok(t) => t,
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).ok()?,
    };
    let at = text.find("http-equiv=\"Content-Security-Policy\"")?;
    let tag_start = text[..at].rfind('<')?;
    let tag = &text[tag_start..tag_start + text[tag_start..].find('>')?];
    let content = &tag[tag.find("content=\"")? + "content=\"".len()..];
    let policy = &content[..content.find('"')?];
    // A header value is one line of visible ASCII.
    (!policy.is_empty() && policy.bytes().all(|b| (0x20..0x7f).contains(&b))).then_some(policy)
}

/// Best effort: the platform's "open this URL" command, not waited for.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    match command.spawn() {
        Ok(mut child) => {
            // Reap it when it exits, without holding the server up.
            std::thread::spawn(move || child.wait());
        }
        Err(err) => {
            say!("tlsdoctor serve: could not open a browser ({err}); open {url} yourself")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page shaped like build-single's output: policy in a meta tag, inline script and style.
    const PAGE_HTML: &[u8] = b"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-AAAA' 'wasm-unsafe-eval'; worker-src blob:; connect-src 'none'\">\
<style>body{margin:0}</style></head><body><script type=\"module\">1</script></body></html>";

    fn start() -> u16 {
        let server = Server::bind(0, PAGE_HTML).expect("bind");
        let addr = server.listener.local_addr().unwrap();
        assert_eq!(addr.ip(), std::net::IpAddr::V4(Ipv4Addr::LOCALHOST));
        let port = addr.port();
        std::thread::spawn(move || server.run());
        port
    }

    fn request(port: u16, raw: &str) -> (String, Vec<u8>) {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.write_all(raw.as_bytes()).unwrap();
        let mut out = Vec::new();
        s.read_to_end(&mut out).unwrap();
        let split = out.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
        let body = out.split_off(split);
        (String::from_utf8(out).unwrap(), body)
    }

    fn get(port: u16, path: &str) -> (String, Vec<u8>) {
        request(
            port,
            &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"),
        )
    }

    #[test]
    fn page_at_root_with_its_own_policy_as_header() {
        let port = start();
        let (head, body) = get(port, "/");
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
        assert!(head.contains("Content-Type: text/html; charset=utf-8\r\n"));
        assert!(head.contains(&format!("Content-Length: {}\r\n", PAGE_HTML.len())));
        assert!(head.contains(
            "Content-Security-Policy: default-src 'none'; script-src 'sha256-AAAA' 'wasm-unsafe-eval'; worker-src blob:; connect-src 'none'; frame-ancestors 'none'\r\n"
        ), "{head}");
        assert_eq!(body, PAGE_HTML);
        // A query string is still the page; localhost is accepted as the host.
        let (head, _) = request(
            port,
            &format!("GET /?lang=de HTTP/1.1\r\nhost: LOCALHOST:{port}\r\n\r\n"),
        );
        assert!(head.starts_with("HTTP/1.1 200 "), "{head}");
        let (head, body) = request(
            port,
            &format!("HEAD / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"),
        );
        assert!(head.starts_with("HTTP/1.1 200 "));
        assert!(body.is_empty());
    }

    #[test]
    fn nothing_else_is_served() {
        let port = start();
        for path in [
            "/index.html",
            "/tlsdoctor.html",
            "/../../etc/passwd",
            "/favicon.ico",
            "//",
        ] {
            let (head, body) = get(port, path);
            assert!(head.starts_with("HTTP/1.1 404 "), "{path}: {head}");
            assert!(!body.windows(6).any(|w| w == b"<html "), "{path}");
        }
        let (head, _) = request(
            port,
            &format!("POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\n\r\n"),
        );
        assert!(head.starts_with("HTTP/1.1 405 "), "{head}");
        assert!(head.contains("Allow: GET, HEAD\r\n"), "{head}");
    }

    #[test]
    fn other_hosts_bad_heads_and_huge_heads_are_refused() {
        let port = start();
        // DNS rebinding: the browser sends the attacker's host name.
        let (head, body) = request(
            port,
            &format!("GET / HTTP/1.1\r\nHost: evil.example:{port}\r\n\r\n"),
        );
        assert!(head.starts_with("HTTP/1.1 421 "), "{head}");
        assert_ne!(body, PAGE_HTML);
        let (head, _) = request(port, "GET / HTTP/1.1\r\n\r\n");
        assert!(head.starts_with("HTTP/1.1 400 "), "{head}");
        let (head, _) = request(port, "GET / HTTP/1.0\r\n\r\n");
        assert!(
            head.starts_with("HTTP/1.1 200 "),
            "HTTP/1.0 without Host: {head}"
        );
        let (head, _) = request(port, "garbage\r\n\r\n");
        assert!(head.starts_with("HTTP/1.1 400 "), "{head}");
        let (head, _) = request(port, "GET / SPDY/3\r\n\r\n");
        assert!(head.starts_with("HTTP/1.1 505 "), "{head}");
        let huge = format!(
            "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Fill: {}\r\n\r\n",
            "a".repeat(MAX_HEAD_BYTES + 10)
        );
        let (head, _) = request(port, &huge);
        assert!(head.starts_with("HTTP/1.1 431 "), "{head}");
        // Still serving after all of that.
        assert!(get(port, "/").0.starts_with("HTTP/1.1 200 "));
    }

    #[test]
    fn policy_is_read_from_the_meta_tag_only() {
        assert_eq!(
            page_csp(PAGE_HTML),
            Some("default-src 'none'; script-src 'sha256-AAAA' 'wasm-unsafe-eval'; worker-src blob:; connect-src 'none'")
        );
        assert_eq!(page_csp(b"<html><head></head></html>"), None);
        // A policy with a line break would split the header: not used.
        assert_eq!(
            page_csp(b"<meta http-equiv=\"Content-Security-Policy\" content=\"a\r\nX: b\">"),
            None
        );
        let server = Server::bind(0, b"<html>no policy</html>").unwrap();
        assert_eq!(
            server.page.csp,
            "default-src 'none'; frame-ancestors 'none'"
        );
    }
}
