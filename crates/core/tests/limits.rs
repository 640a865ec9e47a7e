//! Every cap in `tlsdoctor_core::limits` is hit here on purpose: the file that hits it gets a named
//! error (or, for logs, a counted and named skip), and the other files of the same run are still read.

use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::inspect::{inspect_all, inspect_one};
use tlsdoctor_core::limits;
use tlsdoctor_core::report::{AnalysisReport, FileKind, FileReport};

/// DER of a real certificate (the corpus file is PEM).
const CONTOSO_PEM: &[u8] =
    include_bytes!("../../../testdata/corpus/x509/dotnet-runtime-assets/System.Net.TestData/testservereku.contoso.com.cer");
fn contoso_der() -> Vec<u8> {
    use base64::Engine;
    let text = std::str::from_utf8(CONTOSO_PEM).unwrap();
    let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::engine::general_purpose::STANDARD
        .decode(body.trim())
        .unwrap()
}
const RELAY_LOG: &[u8] =
    include_bytes!("../../../testdata/corpus/logs/src-tstrueber-blog01-relay-recv.log");

// ---- minimal DER writer for hand-made hostile inputs ----
fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes: Vec<u8> = len
            .to_be_bytes()
            .iter()
            .copied()
            .skip_while(|b| *b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(content);
    out
}
fn seq(parts: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}
fn oid(dotted: &str) -> Vec<u8> {
    let arcs: Vec<u64> = dotted.split('.').map(|a| a.parse().unwrap()).collect();
    let mut body = vec![(arcs[0] * 40 + arcs[1]) as u8];
    for &arc in &arcs[2..] {
        let mut chunk = vec![(arc & 0x7f) as u8];
        let mut rest = arc >> 7;
        while rest > 0 {
            chunk.insert(0, 0x80 | (rest & 0x7f) as u8);
            rest >>= 7;
        }
        body.extend(chunk);
    }
    tlv(0x06, &body)
}
fn int(v: u64) -> Vec<u8> {
    let mut bytes: Vec<u8> = v
        .to_be_bytes()
        .iter()
        .copied()
        .skip_while(|b| *b == 0)
        .collect();
    if bytes.first().is_none_or(|b| b & 0x80 != 0) {
        bytes.insert(0, 0);
    }
    tlv(0x02, &bytes)
}
/// ContentInfo { id-data, [0] EXPLICIT OCTET STRING content }
fn data_content_info(content: &[u8]) -> Vec<u8> {
    seq(&[oid("1.2.840.113549.1.7.1"), tlv(0xA0, &tlv(0x04, content))])
}
/// PFX { 3, authSafe = data(AuthenticatedSafe { data(SafeContents(bags)) }), macData? }
fn pfx(bags: &[Vec<u8>], mac: Option<Vec<u8>>) -> Vec<u8> {
    let safe_contents = seq(bags);
    let auth_safe = seq(&[data_content_info(&safe_contents)]);
    let mut parts = vec![int(3), data_content_info(&auth_safe)];
    parts.extend(mac);
    seq(&parts)
}
fn cert_bag(certificate: &[u8]) -> Vec<u8> {
    let cert_bag = seq(&[
        oid("1.2.840.113549.1.9.22.1"),
        tlv(0xA0, &tlv(0x04, certificate)),
    ]);
    seq(&[oid("1.2.840.113549.1.12.10.1.3"), tlv(0xA0, &cert_bag)])
}

fn analyze(files: &[(&str, &[u8])]) -> AnalysisReport {
    let mut analyzer = Analyzer::new(AnalyzeOptions::default());
    for (path, bytes) in files {
        analyzer.add_file(path, bytes);
    }
    analyzer.report()
}

/// What `inspect` reports for several files read together.
struct Inspected {
    files: Vec<FileReport>,
}

fn inspect(files: &[(&str, &[u8])]) -> Inspected {
    Inspected {
        files: inspect_all(files, &[]),
    }
}

trait Files {
    fn file(&self, index: usize) -> &FileReport;
}
impl Files for AnalysisReport {
    fn file(&self, index: usize) -> &FileReport {
        &self.files[index]
    }
}
impl Files for Inspected {
    fn file(&self, index: usize) -> &FileReport {
        &self.files[index]
    }
}

fn error_code(report: &impl Files, index: usize) -> Option<&str> {
    report.file(index).error.as_ref().map(|e| e.code.as_str())
}

/// The good certificate dropped after a bad file is still read.
fn assert_certificate_still_read(report: &impl Files, index: usize) {
    let file = report.file(index);
    assert_eq!(file.error, None);
    assert_eq!(file.certificates.len(), 1);
    assert_eq!(file.certificates[0].subject, "CN=testservereku.contoso.com");
}

#[test]
fn a_file_over_the_per_file_cap_is_too_large_alone() {
    let big = vec![0x30u8; limits::MAX_CERT_FILE_BYTES as usize + 1];
    assert_eq!(
        inspect_one("big.cer", &big, &[])
            .report
            .error
            .map(|e| e.code.as_str()),
        Some("too-large")
    );

    let mut analyzer = Analyzer::new(AnalyzeOptions::default());
    analyzer.begin_file("big.pfx");
    for chunk in big.chunks(1 << 20) {
        analyzer.push_bytes(chunk);
    }
    analyzer.end_file();
    analyzer.add_file("good.cer", CONTOSO_PEM);
    let report = analyzer.report();
    assert_eq!(error_code(&report, 0), Some("too-large"));
    assert!(report.files[0]
        .error
        .as_ref()
        .unwrap()
        .message
        .contains(&limits::MAX_CERT_FILE_BYTES.to_string()));
    assert_certificate_still_read(&report, 1);
}

#[test]
fn non_log_files_together_over_the_total_cap_are_too_large_from_there_on() {
    let per_file = limits::MAX_CERT_FILE_BYTES as usize;
    let files_to_fill = (limits::MAX_TOTAL_BUFFERED_BYTES as usize) / per_file;
    let filler = vec![b' '; per_file]; // white space: counted, then rejected fast as empty
    let mut analyzer = Analyzer::new(AnalyzeOptions::default());
    for i in 0..files_to_fill {
        analyzer.add_file(&format!("filler{i}.bin"), &filler);
    }
    analyzer.add_file("one-too-many.cer", CONTOSO_PEM);
    // Logs are streamed, never held: they do not count against the cap.
    analyzer.add_file("RECV.LOG", RELAY_LOG);
    let report = analyzer.report();
    for i in 0..files_to_fill {
        assert_ne!(
            error_code(&report, i),
            Some("too-large"),
            "filler {i} is within the cap"
        );
    }
    assert_eq!(error_code(&report, files_to_fill), Some("too-large"));
    let message = &report.files[files_to_fill].error.as_ref().unwrap().message;
    assert!(message.contains("together"), "{message}");
    assert_eq!(report.files[files_to_fill + 1].kind, FileKind::ProtocolLog);
    assert_eq!(report.log_summary.sessions, 1);
}

#[test]
fn asn1_nesting_deeper_than_the_cap_is_too_large() {
    let mut nested = tlv(0x05, &[]);
    for _ in 0..limits::MAX_ASN1_DEPTH + 8 {
        nested = seq(&[nested]);
    }
    // In a PKCS#12 file (hand-walked BER) ...
    let mut bag = cert_bag(&contoso_der());
    for _ in 0..limits::MAX_ASN1_DEPTH + 8 {
        bag = seq(&[oid("1.2.840.113549.1.12.10.1.6"), tlv(0xA0, &seq(&[bag]))]);
    }
    let p12 = pfx(&[bag], None);
    let report = inspect(&[("deep.pfx", &p12), ("good.cer", CONTOSO_PEM)]);
    assert_eq!(
        error_code(&report, 0),
        Some("too-large"),
        "{:?}",
        report.file(0).error
    );
    assert_certificate_still_read(&report, 1);
    // ... and in a PKCS#7 bag whose indefinite lengths nest deeper than the cap (BER; definite
    // lengths are never walked recursively).
    let depth = limits::MAX_ASN1_DEPTH + 8;
    let mut ber = [0x30, 0x80].repeat(depth);
    ber.extend([0x05, 0x00]);
    ber.extend([0x00, 0x00].repeat(depth));
    let p7b = seq(&[oid("1.2.840.113549.1.7.2"), tlv(0xA0, &ber)]);
    let report = inspect(&[("deep.p7b", &p7b), ("good.cer", CONTOSO_PEM)]);
    assert_eq!(
        error_code(&report, 0),
        Some("too-large"),
        "{:?}",
        report.file(0)
    );
    assert_certificate_still_read(&report, 1);
}

#[test]
fn more_pkcs12_bags_than_the_cap_is_too_large() {
    let bag = cert_bag(&contoso_der());
    let bags = vec![bag.clone(); limits::MAX_PKCS12_BAGS + 1];
    let report = inspect(&[
        ("many-bags.pfx", &pfx(&bags, None)),
        ("good.cer", CONTOSO_PEM),
    ]);
    assert_eq!(
        error_code(&report, 0),
        Some("too-large"),
        "{:?}",
        report.file(0).error
    );
    assert_certificate_still_read(&report, 1);
    // At the cap exactly, the file opens.
    let at_cap = vec![bag; limits::MAX_PKCS12_BAGS.min(limits::MAX_CERTS_PER_FILE)];
    let report = inspect(&[("at-cap.pfx", &pfx(&at_cap, None))]);
    assert_eq!(error_code(&report, 0), None, "{:?}", report.file(0).error);
    assert_eq!(report.files[0].certificates.len(), at_cap.len());
}

#[test]
fn more_certificates_than_the_cap_in_pkcs7_and_pem_is_too_large() {
    let certificates = vec![contoso_der(); limits::MAX_CERTS_PER_FILE + 1];
    // PKCS#7 SignedData { version 1, digestAlgorithms {}, contentInfo { data }, [0] certificates }
    let signed_data = seq(&[
        int(1),
        tlv(0x31, &[]),
        seq(&[oid("1.2.840.113549.1.7.1")]),
        tlv(0xA0, &certificates.concat()),
        tlv(0x31, &[]),
    ]);
    let p7b = seq(&[oid("1.2.840.113549.1.7.2"), tlv(0xA0, &signed_data)]);
    let report = inspect(&[("many.p7b", &p7b), ("good.cer", CONTOSO_PEM)]);
    assert_eq!(
        error_code(&report, 0),
        Some("too-large"),
        "{:?}",
        report.file(0).error
    );
    assert_certificate_still_read(&report, 1);

    let block = format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        base64_encode(&contoso_der())
    );
    let pem = block.repeat(limits::MAX_CERTS_PER_FILE + 1);
    let file = inspect_one("many.pem", pem.as_bytes(), &[]);
    assert_eq!(
        file.report.error.map(|e| e.code.as_str()),
        Some("too-large")
    );
    assert_eq!(
        file.report.certificates.len(),
        limits::MAX_CERTS_PER_FILE,
        "the blocks within the cap are still reported"
    );
}

#[test]
fn kdf_iterations_over_the_cap_are_refused_before_any_work() {
    let mac = |iterations: u64| {
        seq(&[
            seq(&[
                seq(&[oid("1.3.14.3.2.26"), tlv(0x05, &[])]),
                tlv(0x04, &[0u8; 20]),
            ]),
            tlv(0x04, &[1u8; 8]),
            int(iterations),
        ])
    };
    let p12 = pfx(
        &[cert_bag(&contoso_der())],
        Some(mac(limits::MAX_KDF_ITERATIONS + 1)),
    );
    let report = inspect(&[("slow.pfx", &p12), ("good.cer", CONTOSO_PEM)]);
    assert_eq!(
        error_code(&report, 0),
        Some("too-large"),
        "{:?}",
        report.file(0).error
    );
    assert_certificate_still_read(&report, 1);
}

const SEND_HEADER: &str = "#Software: Microsoft Exchange Server\r\n#Version: 15.0.0.0\r\n#Log-type: SMTP Send Protocol Log\r\n\
#Date: 2024-01-01T00:00:00.000Z\r\n#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\r\n";

#[test]
fn a_log_line_over_the_cap_is_skipped_and_named_and_the_rest_is_read() {
    let mut log = SEND_HEADER.as_bytes().to_vec();
    log.extend_from_slice(
        b"2024-01-01T00:00:00.000Z,Outbound,08D0000000000001,0,10.0.0.1:1,10.0.0.2:25,+,,\r\n",
    );
    log.extend(vec![b'A'; limits::MAX_LOG_LINE_BYTES + 1]);
    log.extend_from_slice(
        b"\r\n2024-01-01T00:00:00.100Z,Outbound,08D0000000000001,1,10.0.0.1:1,10.0.0.2:25,-,,\r\n",
    );
    let mut analyzer = Analyzer::new(AnalyzeOptions::default());
    analyzer.begin_file("SEND20240101-1.LOG");
    for chunk in log.chunks(64 * 1024) {
        analyzer.push_bytes(chunk);
    }
    analyzer.end_file();
    analyzer.add_file("good.cer", CONTOSO_PEM);
    let report = analyzer.report();
    let summary = &report.log_summary;
    assert_eq!(summary.skipped_lines, 1);
    assert!(
        summary
            .skipped_reasons
            .iter()
            .any(|r| r.reason.contains("longer than") && r.count == 1),
        "{summary:?}"
    );
    assert_eq!(summary.sessions, 1);
    assert_certificate_still_read(&report, 1);
}

#[test]
fn open_sessions_over_the_cap_are_dropped_and_counted() {
    let sessions = limits::MAX_OPEN_SESSIONS + 1;
    let mut log = String::from(SEND_HEADER);
    for i in 0..sessions {
        log.push_str(&format!(
            "2024-01-01T00:00:00.000Z,Outbound,08D{i:013X},0,10.0.0.1:1,10.0.0.2:25,+,,\r\n"
        ));
    }
    let report = analyze(&[
        ("SEND20240101-1.LOG", log.as_bytes()),
        ("good.cer", CONTOSO_PEM),
    ]);
    assert_eq!(report.log_summary.sessions, sessions as u64);
    assert_eq!(report.log_summary.sessions_dropped_at_limit, 1);
    assert_certificate_still_read(&report, 1);
}

#[test]
fn listed_tls_failures_are_capped_but_all_are_counted() {
    let failures = limits::MAX_TLS_FAILURES_LISTED + 5;
    let mut log = String::from(SEND_HEADER);
    for i in 0..failures {
        let id = format!("08D{i:013X}");
        log.push_str(&format!(
            "2024-01-01T00:00:00.000Z,Outbound,{id},0,10.0.0.1:1,10.0.0.2:25,+,,\r\n"
        ));
        log.push_str(&format!(
            "2024-01-01T00:00:00.001Z,Outbound,{id},1,10.0.0.1:1,10.0.0.2:25,*,,TLS negotiation failed with error NoCredentials\r\n"
        ));
        log.push_str(&format!(
            "2024-01-01T00:00:00.002Z,Outbound,{id},2,10.0.0.1:1,10.0.0.2:25,-,,Local\r\n"
        ));
    }
    let report = analyze(&[("SEND20240101-1.LOG", log.as_bytes())]);
    assert_eq!(report.tls_failures.len(), limits::MAX_TLS_FAILURES_LISTED);
    assert_eq!(report.log_summary.tls_failures_total, failures as u64);
    for finding in &report.findings {
        assert!(
            finding.evidence.len() <= limits::MAX_EVIDENCE_PER_FINDING,
            "{}",
            finding.id
        );
    }
}

/// Base64 body of a PEM block (one line; the PEM reader accepts that).
fn base64_encode(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// ContentInfo { encryptedData, [0] EncryptedData { 0, { data, pbeWithSHAAnd3-KeyTripleDES-CBC(salt, iterations), [0] garbage } } }
fn encrypted_part(iterations: u64) -> Vec<u8> {
    let algorithm = seq(&[
        oid("1.2.840.113549.1.12.1.3"),
        seq(&[tlv(0x04, &[7u8; 8]), int(iterations)]),
    ]);
    let encrypted_content_info = seq(&[
        oid("1.2.840.113549.1.7.1"),
        algorithm,
        tlv(0x80, &[0x5Au8; 16]),
    ]);
    seq(&[
        oid("1.2.840.113549.1.7.6"),
        tlv(0xA0, &seq(&[int(0), encrypted_content_info])),
    ])
}

#[test]
fn key_derivation_work_per_file_is_capped_across_parts_and_passwords() {
    use tlsdoctor_core::pkcs12::kdf::KdfBudget;
    // Six encrypted parts of 3,000 iterations: each within the per-derivation cap, but every part
    // costs 2 derivations (key, IV) x 2 candidate forms. A budget of 20,000 allows one part and a half.
    let parts: Vec<Vec<u8>> = (0..6).map(|_| encrypted_part(3_000)).collect();
    let p12 = seq(&[int(3), data_content_info(&seq(&parts))]);
    let outcome = tlsdoctor_core::pkcs12::open_with_budget(&p12, &[], KdfBudget::new(20_000));
    let code = match &outcome {
        Err(e) => e.code(),
        Ok(contents) => contents
            .partial_error
            .as_ref()
            .map(|e| e.code())
            .unwrap_or("none"),
    };
    assert_eq!(code, "too-large", "{outcome:?}");
    // The same file within a budget that covers it: a wrong password (garbage never decrypts), not too-large.
    let outcome =
        tlsdoctor_core::pkcs12::open_with_budget(&p12, &[], KdfBudget::new(6 * 2 * 2 * 3_000));
    assert_eq!(outcome.err().map(|e| e.code()), Some("wrong-password"));
}

// The per-file budget is what `open` uses, and it is larger than the per-derivation cap (checked when
// the tests compile: both are constants).
const _: () = assert!(limits::MAX_KDF_ITERATIONS_PER_FILE >= limits::MAX_KDF_ITERATIONS);
