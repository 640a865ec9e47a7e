//! Every resource cap of tlsdoctor, named in one place. Hitting one yields
//! [`crate::error::Error::TooLarge`] for that input only, never a hang or abort.

/// Largest certificate / PKCS#7 / PKCS#12 / key file read (64 MiB).
pub const MAX_CERT_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Most bytes of certificate / PKCS#7 / PKCS#12 / key files (all non-log files together) read in
/// one analysis (256 MiB). Protocol logs are streamed, never held, and do not count.
pub const MAX_TOTAL_BUFFERED_BYTES: u64 = 256 * 1024 * 1024;
/// Deepest ASN.1 nesting accepted when walking BER/DER by hand.
pub const MAX_ASN1_DEPTH: usize = 32;
/// Most certificates taken from one file (PEM bundle, PKCS#7, PKCS#12).
pub const MAX_CERTS_PER_FILE: usize = 10_000;
/// Most PKCS#12 bags (all SafeContents together) in one file.
pub const MAX_PKCS12_BAGS: usize = 10_000;
/// Most PBKDF2 / PKCS#12-KDF iterations we are willing to run for one derivation.
pub const MAX_KDF_ITERATIONS: u64 = 10_000_000;
/// Most key-derivation iterations spent on one PKCS#12 file, all derivations together (every MAC
/// try and every decryption, for every candidate password). Each derivation is charged before it
/// runs, so a file with many encrypted parts cannot hang the page although each is within
/// [`MAX_KDF_ITERATIONS`]. Twice the per-derivation cap: an honest 600,000-iteration export needs
/// about 3 million with a few candidate passwords.
pub const MAX_KDF_ITERATIONS_PER_FILE: u64 = 2 * MAX_KDF_ITERATIONS;
/// Largest `--password-file` read (1 MiB; one password per line).
pub const MAX_PASSWORD_FILE_BYTES: u64 = 1024 * 1024;
/// Deepest folder nesting followed when a folder is given (the CLI's walk).
pub const MAX_FOLDER_DEPTH: usize = 32;
/// Most directory entries listed by one walk, all folders together; the rest is reported, not read.
pub const MAX_FOLDER_ENTRIES: usize = 100_000;
/// Most key-derivation iterations spent on all PKCS#12 files and encrypted keys of one run
/// (one `analyze` or `inspect` call, one page session's analysis), so ten heavy files cannot take
/// minutes: three files' worth. What is not tried for lack of budget is named
/// (`password-budget-exhausted`).
pub const MAX_KDF_ITERATIONS_PER_RUN: u64 = 3 * MAX_KDF_ITERATIONS_PER_FILE;
/// Longest protocol-log line kept; longer lines are skipped and counted.
pub const MAX_LOG_LINE_BYTES: usize = 1024 * 1024;
/// Most SMTP sessions held open (not yet disconnected) at once while reading logs.
pub const MAX_OPEN_SESSIONS: usize = 100_000;
/// Most evidence lines kept per finding.
pub const MAX_EVIDENCE_PER_FINDING: usize = 50;
/// Most distinct certificates kept from protocol logs (repeats are counted, not stored).
pub const MAX_OBSERVED_CERTIFICATES: usize = 1_000;
/// Most `TLS negotiation failed` rows listed one by one (all are counted).
pub const MAX_TLS_FAILURES_LISTED: usize = 1_000;
/// Most distinct (error, connector, certificate) groups whose failures are counted one by one.
pub const MAX_TLS_FAILURE_GROUPS: usize = 1_000;
/// Most distinct connectors tracked from protocol logs.
pub const MAX_CONNECTORS: usize = 1_000;
/// Largest DSA prime p (bits) for which y = g^x mod p is computed (FIPS 186-4 stops at 3072).
pub const MAX_DSA_PRIME_BITS: usize = 4096;
/// Session keys remembered after their disconnect row, so a session whose rows come back in a
/// file read later (files given out of order) is not counted twice.
pub const MAX_REMEMBERED_CLOSED_SESSIONS: usize = 20_000;
/// Largest pasted shell output / event text read (16 MiB).
pub const MAX_PASTE_BYTES: u64 = 16 * 1024 * 1024;
/// Longest property value kept after joining wrapped lines (characters).
pub const MAX_PASTE_VALUE_CHARS: usize = 64 * 1024;
/// Most records (certificates, connectors, queues, events) taken from one paste.
pub const MAX_PASTE_RECORDS: usize = 10_000;
/// Deepest nesting of PKCS#12 safeContentsBags (real files use one level, if any); bounds the
/// re-reading of indefinite-length BER at each level.
pub const MAX_SAFE_CONTENTS_NESTING: usize = 4;
/// Most AttributeTypeAndValues in one X.501 Name (all RDNs together). Real subjects and issuers
/// hold fewer than 20; 1.7 million one-attribute RDNs in a 62 MB certificate cost 11 s and 2 GB
/// before this cap (issue 16).
pub const MAX_NAME_ATTRIBUTES: usize = 256;
/// Most ASN.1 elements in one certificate, counted before anything is decoded (nested elements and
/// those inside extension values included). A certificate with 1,000 SubjectAltNames holds about
/// 1,100; the cap bounds the work and memory of every later reader of that certificate.
pub const MAX_CERT_ASN1_ELEMENTS: usize = 100_000;
/// Largest RSA modulus (bits) of a private key read. Windows CNG and OpenSSL stop at 16384
/// (`RSA_MAX_MODULUS_BITS`); larger is refused as `too-large` before any arithmetic on it.
pub const MAX_RSA_MODULUS_BITS: usize = 16_384;
/// Most entries read from one `.zip` input, the entries of archives nested in it included
/// ([`crate::archive::zip`]); past it the rest of the archive is not read (`archive-limit`).
pub const MAX_ZIP_ENTRIES: usize = 10_000;
/// Most uncompressed bytes read from one `.zip` input, nested archives included (2 GiB).
pub const MAX_ZIP_UNCOMPRESSED_BYTES: u64 = 2 * 1024 * 1024 * 1024;
/// Highest compression ratio (uncompressed / compressed) of one entry once it has produced
/// [`ZIP_RATIO_FREE_BYTES`]; protocol logs pack 10 to 30 times, a zip bomb about 1,000 times.
pub const MAX_ZIP_RATIO: u64 = 100;
/// Bytes of each entry inflated before [`MAX_ZIP_RATIO`] is checked (1 MiB; small files of
/// repeated text may pack better than 100:1 and are harmless).
pub const ZIP_RATIO_FREE_BYTES: u64 = 1024 * 1024;
/// How many archives deep a `.zip` inside a `.zip` is opened: 1 (a zip in the dropped zip is
/// read; a zip in that one is not, `archive-limit`).
pub const MAX_ZIP_NESTING: usize = 1;
