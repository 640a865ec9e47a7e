//! Entry points shared by the cargo-fuzz targets (`fuzz/fuzz_targets/*.rs`) and the ordinary
//! test that replays their corpora (`tests/fuzz_corpus_replay.rs`), so both drive exactly the
//! same code. Each takes arbitrary bytes; the only thing they may do on bad input is return.
//! Not part of the product API.

use crate::analyze::{AnalyzeOptions, Analyzer};
use crate::detect::{detect, Detected};
use crate::x509::dn_dotnet::{self, DnFlags};

/// Passwords of the "with a password" targets: the corpus's most common one and the generated files' one.
pub const FUZZ_PASSWORDS: &[&str] = &["testcertificate", "secret"];

fn passwords() -> Vec<String> {
    FUZZ_PASSWORDS.iter().map(|p| p.to_string()).collect()
}

/// One fuzz target: runs the code under test on one input (panics are the findings).
pub type Target = fn(&[u8]);

/// Every target, by the name of its `fuzz/fuzz_targets/<name>.rs` and `fuzz/corpus/<name>/`.
pub const TARGETS: &[(&str, Target)] = &[
    ("certificate", certificate),
    ("pkcs12_no_password", pkcs12_no_password),
    ("pkcs12_password", pkcs12_password),
    ("private_key", private_key),
    ("dn_dotnet", dn_dotnet),
    ("log_reader", log_reader),
    ("analyze_mix", analyze_mix),
];

/// Certificate / PEM / PKCS#7 reading: `inspect_one` on everything that is not PKCS#12.
pub fn certificate(data: &[u8]) {
    if detect(data) != Detected::Pkcs12 {
        let _ = crate::inspect::inspect_one("fuzz.cer", data, &[]);
    }
}

/// PKCS#12 with only the empty password forms.
pub fn pkcs12_no_password(data: &[u8]) {
    let _ = crate::pkcs12::inspect_pkcs12("fuzz.pfx", data, &[]);
}

/// PKCS#12 with the given passwords.
pub fn pkcs12_password(data: &[u8]) {
    let _ = crate::pkcs12::inspect_pkcs12("fuzz.pfx", data, &passwords());
}

/// Private keys (PEM or DER, plain or encrypted).
pub fn private_key(data: &[u8]) {
    let _ = crate::keys::inspect_private_key_file("fuzz.key", data, &passwords());
}

/// .NET DN rendering: the first two bytes choose the flags (any combination), the rest is the Name DER.
pub fn dn_dotnet(data: &[u8]) {
    let (flags, der) = match data {
        [a, b, rest @ ..] => {
            let bits = u16::from_le_bytes([*a, *b]);
            let mut flags = DnFlags::NONE;
            for (i, (_, flag)) in DnFlags::NAMES.iter().enumerate().skip(1) {
                if bits & (1 << i) != 0 {
                    flags = flags.union(*flag);
                }
            }
            (flags, rest)
        }
        _ => (DnFlags::REVERSED, data),
    };
    let _ = dn_dotnet::decode_checked(der, flags);
}

/// The streaming log reader through the Analyzer: the first byte chooses the chunk size.
pub fn log_reader(data: &[u8]) {
    let Some((&first, log)) = data.split_first() else {
        return;
    };
    let chunk = usize::from(first) + 1;
    let mut analyzer = Analyzer::new(AnalyzeOptions::default());
    analyzer.begin_file("SEND20240101-1.LOG");
    for piece in log.chunks(chunk) {
        analyzer.push_bytes(piece);
    }
    analyzer.end_file();
    let _ = analyzer.report();
}

/// Marker between the files of one `analyze_mix` input.
pub const FILE_SEPARATOR: &[u8] = b"\n--tlsdoctor-fuzz-file--\n";

/// The whole analysis on a mix: the input is split into files at [`FILE_SEPARATOR`] (at most 8),
/// analysed together with the passwords, then reported.
pub fn analyze_mix(data: &[u8]) {
    let mut analyzer = Analyzer::new(AnalyzeOptions {
        now_unix: 1_735_689_600,
        passwords: passwords(),
        ..AnalyzeOptions::default()
    });
    let mut rest = data;
    for index in 0..8 {
        let end = if index == 7 {
            None
        } else {
            memchr::memmem::find(rest, FILE_SEPARATOR)
        };
        let (file, next) = match end {
            Some(at) => rest.split_at(at),
            None => (rest, &[][..]),
        };
        let next = next.get(FILE_SEPARATOR.len()..).unwrap_or_default();
        analyzer.add_file(&format!("file{index}"), file);
        if end.is_none() {
            break;
        }
        rest = next;
    }
    let _ = analyzer.report();
}
