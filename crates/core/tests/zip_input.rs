//! `.zip` input through the Analyzer (issue 14): a Compress-Archive-style zip of the KB 4495258
//! files reads as the loose files do, and each broken zip (bomb, 100,000 entries, encrypted,
//! truncated, nested too deep, damaged) is a named `archive-*` error while every other input,
//! and every other entry that can be reached, is still read.
//!
//! Fixtures: testdata/zip/ (built by scripts/make-zip-fixtures.py from testdata/samples/); the
//! 100,000-entry archive is built here.

use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::limits::{MAX_ZIP_ENTRIES, MAX_ZIP_UNCOMPRESSED_BYTES};
use tlsdoctor_core::report::{AnalysisReport, FileKind, FileReport};

const SEND_LOG: &[u8] = include_bytes!("../../../testdata/samples/SEND20240502-1.LOG");
const CER: &[u8] = include_bytes!("../../../testdata/samples/testservereku.contoso.com.cer");
const KB_ZIP: &[u8] = include_bytes!("../../../testdata/zip/kb4495258-compress-archive.zip");
const TRUNCATED: &[u8] = include_bytes!("../../../testdata/zip/kb4495258-truncated.zip");
const BOMB: &[u8] = include_bytes!("../../../testdata/zip/bomb-ratio.zip");
const ENCRYPTED: &[u8] = include_bytes!("../../../testdata/zip/encrypted-zipcrypto.zip");
const NESTED: &[u8] = include_bytes!("../../../testdata/zip/nested-three-deep.zip");
/// 2026-01-01T00:00:00Z.
const NOW: i64 = 1_767_225_600;
const THUMB: &str = "3D68C9DB575E6FDB56A81AE43B014E129349E024";

fn analyze(files: &[(&str, &[u8])], lang: Lang) -> AnalysisReport {
    let mut a = Analyzer::new(AnalyzeOptions {
        lang,
        now_unix: NOW,
        passwords: Vec::new(),
    });
    for (name, bytes) in files {
        a.add_file(name, bytes);
    }
    a.report()
}

fn file<'a>(r: &'a AnalysisReport, path: &str) -> &'a FileReport {
    r.files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no file {path} in {:?}", paths(r)))
}

fn paths(r: &AnalysisReport) -> Vec<&str> {
    r.files.iter().map(|f| f.path.as_str()).collect()
}

fn code(f: &FileReport) -> Option<&str> {
    f.error.as_ref().map(|e| e.code.as_str())
}

fn finding_ids(r: &AnalysisReport) -> Vec<&str> {
    r.findings.iter().map(|f| f.id.as_str()).collect()
}

/// What must be equal between the zip and the loose files: each finding's id, severity,
/// thumbprints and connectors, and the log summary.
fn essence(r: &AnalysisReport) -> Vec<String> {
    let mut out: Vec<String> = r
        .findings
        .iter()
        .map(|f| {
            format!(
                "{} {:?} {:?} {:?}",
                f.id, f.severity, f.thumbprints, f.connectors
            )
        })
        .collect();
    out.push(format!("{:?}", r.log_summary));
    out.push(r.verdict.clone());
    out
}

#[test]
fn compress_archive_zip_reads_as_the_loose_kb4495258_files() {
    let loose = analyze(
        &[
            ("SEND20240502-1.LOG", SEND_LOG),
            ("testservereku.contoso.com.cer", CER),
        ],
        Lang::En,
    );
    let zipped = analyze(&[("evidence.zip", KB_ZIP)], Lang::En);
    assert_eq!(
        finding_ids(&loose),
        ["no-credentials", "certificate-missing-private-key"]
    );
    assert_eq!(essence(&zipped), essence(&loose));
    assert_eq!(
        paths(&zipped),
        [
            "evidence.zip",
            "evidence.zip/SmtpSend/SEND20240502-1.LOG",
            "evidence.zip/testservereku.contoso.com.cer"
        ]
    );
    assert_eq!(zipped.files[0].kind, FileKind::ZipArchive);
    assert_eq!(zipped.files[0].error, None);
    assert_eq!(zipped.files[1].kind, FileKind::ProtocolLog);
    assert_eq!(zipped.files[2].kind, FileKind::X509Cert);
    assert_eq!(zipped.files[2].certificates[0].thumbprint, THUMB);
    // Evidence lines name the entry inside the archive (Windows "\" turned into "/").
    let nc = zipped
        .findings
        .iter()
        .find(|f| f.id == "no-credentials")
        .unwrap();
    assert!(
        nc.evidence
            .iter()
            .any(|e| e.path == "evidence.zip/SmtpSend/SEND20240502-1.LOG" && e.line == 28),
        "{:?}",
        nc.evidence
    );
}

#[test]
fn zip_fed_in_any_chunking_gives_the_same_report() {
    let whole = analyze(&[("evidence.zip", KB_ZIP)], Lang::En);
    for size in [1usize, 7, 30, 4096] {
        let mut a = Analyzer::new(AnalyzeOptions {
            lang: Lang::En,
            now_unix: NOW,
            passwords: Vec::new(),
        });
        a.begin_file("evidence.zip");
        for chunk in KB_ZIP.chunks(size) {
            a.push_bytes(chunk);
        }
        a.end_file();
        assert_eq!(a.report(), whole, "chunk size {size}");
    }
}

#[test]
fn zip_bomb_is_stopped_by_the_ratio_cap_and_the_rest_is_read() {
    let r = analyze(
        &[("bomb.zip", BOMB), ("testservereku.contoso.com.cer", CER)],
        Lang::En,
    );
    let bomb = file(&r, "bomb.zip/zeros.log");
    assert_eq!(code(bomb), Some("archive-limit"));
    assert!(
        bomb.error.as_ref().unwrap().message.contains("100 times"),
        "{:?}",
        bomb.error
    );
    // The entry after the bomb (its compressed size is known) and the file after the zip.
    assert_eq!(
        file(&r, "bomb.zip/SmtpSend/SEND20240502-1.LOG").kind,
        FileKind::ProtocolLog
    );
    assert_eq!(code(file(&r, "bomb.zip")), None);
    assert_eq!(
        file(&r, "testservereku.contoso.com.cer").certificates[0].thumbprint,
        THUMB
    );
    assert_eq!(
        finding_ids(&r),
        ["no-credentials", "certificate-missing-private-key"]
    );
}

/// A zip of `count` stored one-byte entries (APPNOTE 4.3.7, 4.3.12, 4.3.16), with the Zip64 end
/// records (4.3.14, 4.3.15) when the count does not fit 16 bits.
fn many_entries_zip(count: u32) -> Vec<u8> {
    let crc = crc32fast::hash(b"x");
    let mut local = Vec::new();
    let mut central = Vec::new();
    for i in 0..count {
        let name = format!("f{i:06}.txt");
        let offset = local.len() as u32;
        local.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        local.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0x21, 0x5a]);
        local.extend_from_slice(&crc.to_le_bytes());
        local.extend_from_slice(&1u32.to_le_bytes());
        local.extend_from_slice(&1u32.to_le_bytes());
        local.extend_from_slice(&(name.len() as u16).to_le_bytes());
        local.extend_from_slice(&0u16.to_le_bytes());
        local.extend_from_slice(name.as_bytes());
        local.push(b'x');
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0x21, 0x5a]);
        central.extend_from_slice(&crc.to_le_bytes());
        central.extend_from_slice(&1u32.to_le_bytes());
        central.extend_from_slice(&1u32.to_le_bytes());
        central.extend_from_slice(&(name.len() as u16).to_le_bytes());
        central.extend_from_slice(&[0; 12]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let cd_offset = local.len() as u64;
    let cd_size = central.len() as u64;
    let mut out = local;
    out.extend_from_slice(&central);
    let zip64_at = out.len() as u64;
    out.extend_from_slice(&0x0606_4b50u32.to_le_bytes());
    out.extend_from_slice(&44u64.to_le_bytes());
    out.extend_from_slice(&[45, 0, 45, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    out.extend_from_slice(&u64::from(count).to_le_bytes());
    out.extend_from_slice(&u64::from(count).to_le_bytes());
    out.extend_from_slice(&cd_size.to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0x0706_4b50u32.to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&zip64_at.to_le_bytes());
    out.extend_from_slice(&1u32.to_le_bytes());
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]);
    out.extend_from_slice(&0xffff_ffffu32.to_le_bytes());
    out.extend_from_slice(&0xffff_ffffu32.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

#[test]
fn zip_with_100000_entries_stops_at_the_entry_cap_and_other_inputs_still_read() {
    let zip = many_entries_zip(100_000);
    let r = analyze(
        &[
            ("many.zip", &zip),
            ("SEND20240502-1.LOG", SEND_LOG),
            ("testservereku.contoso.com.cer", CER),
        ],
        Lang::De,
    );
    let many = file(&r, "many.zip");
    assert_eq!(many.kind, FileKind::ZipArchive);
    assert_eq!(code(many), Some("archive-limit"));
    assert!(
        many.error
            .as_ref()
            .unwrap()
            .message
            .contains("10000 Einträge"),
        "{:?}",
        many.error
    );
    let entries = r
        .files
        .iter()
        .filter(|f| f.path.starts_with("many.zip/"))
        .count();
    assert_eq!(entries, MAX_ZIP_ENTRIES);
    assert_eq!(
        r.files[MAX_ZIP_ENTRIES].path,
        format!("many.zip/f{:06}.txt", MAX_ZIP_ENTRIES - 1)
    );
    assert_eq!(file(&r, "SEND20240502-1.LOG").kind, FileKind::ProtocolLog);
    assert_eq!(
        finding_ids(&r),
        ["no-credentials", "certificate-missing-private-key"]
    );
}

#[test]
fn a_small_zip64_archive_reads_whole() {
    // The same writer below the cap: every entry read, the Zip64 end records accepted.
    let zip = many_entries_zip(3);
    let r = analyze(&[("three.zip", &zip)], Lang::En);
    assert_eq!(code(file(&r, "three.zip")), None);
    assert_eq!(r.files.len(), 4);
    // A one-byte text file is no certificate; inside an archive that is a warning, not an error.
    let f = file(&r, "three.zip/f000002.txt");
    assert_eq!(f.error, None);
    assert_eq!(f.warnings.len(), 1, "{:?}", f.warnings);
}

#[test]
fn encrypted_entry_is_a_named_error_and_the_clear_entry_is_read() {
    let r = analyze(
        &[
            ("locked.zip", ENCRYPTED),
            ("testservereku.contoso.com.cer", CER),
        ],
        Lang::En,
    );
    let locked = file(&r, "locked.zip/testservereku.contoso.com.cer");
    assert_eq!(code(locked), Some("archive-encrypted"));
    assert!(locked.certificates.is_empty());
    assert_eq!(code(file(&r, "locked.zip")), None);
    assert_eq!(
        file(&r, "locked.zip/SmtpSend/SEND20240502-1.LOG").kind,
        FileKind::ProtocolLog
    );
    assert_eq!(
        file(&r, "testservereku.contoso.com.cer").certificates[0].thumbprint,
        THUMB
    );
    assert_eq!(
        finding_ids(&r),
        ["no-credentials", "certificate-missing-private-key"]
    );
}

#[test]
fn truncated_zip_keeps_its_complete_entries_and_names_the_cut() {
    let r = analyze(
        &[
            ("cut.zip", TRUNCATED),
            ("testservereku.contoso.com.cer", CER),
        ],
        Lang::En,
    );
    assert_eq!(code(file(&r, "cut.zip")), Some("archive-truncated"));
    let log = file(&r, "cut.zip/SmtpSend/SEND20240502-1.LOG");
    assert_eq!((log.kind, code(log)), (FileKind::ProtocolLog, None));
    assert_eq!(
        code(file(&r, "cut.zip/testservereku.contoso.com.cer")),
        Some("archive-truncated")
    );
    assert_eq!(r.log_summary.sessions, 2);
    assert_eq!(
        finding_ids(&r),
        ["no-credentials", "certificate-missing-private-key"]
    );
    let de = analyze(&[("cut.zip", TRUNCATED)], Lang::De);
    assert!(
        file(&de, "cut.zip")
            .error
            .as_ref()
            .unwrap()
            .message
            .starts_with("Das Archiv ist abgeschnitten"),
        "{:?}",
        de.files[0].error
    );
}

#[test]
fn zip_in_a_zip_is_read_one_level_deep() {
    let r = analyze(&[("nested.zip", NESTED)], Lang::En);
    assert_eq!(
        paths(&r),
        [
            "nested.zip",
            "nested.zip/evidence/server1.zip",
            "nested.zip/evidence/server1.zip/server1/SEND20240502-1.LOG",
            "nested.zip/evidence/server1.zip/server1/older.zip",
            "nested.zip/evidence/testservereku.contoso.com.cer",
        ]
    );
    assert_eq!(r.files[1].kind, FileKind::ZipArchive);
    assert_eq!(code(&r.files[1]), None);
    assert_eq!(r.files[2].kind, FileKind::ProtocolLog);
    assert_eq!(r.files[3].kind, FileKind::ZipArchive);
    assert_eq!(code(&r.files[3]), Some("archive-limit"));
    assert_eq!(code(&r.files[4]), None);
    assert_eq!(
        finding_ids(&r),
        ["no-credentials", "certificate-missing-private-key"]
    );
}

#[test]
fn entry_claiming_more_than_the_total_cap_is_refused_before_inflating() {
    // The log entry's local header claims 3 GiB uncompressed (APPNOTE 4.3.7 offset 22).
    let mut zip = KB_ZIP.to_vec();
    zip[22..26].copy_from_slice(&0xC000_0000u32.to_le_bytes());
    const { assert!(0xC000_0000u64 > MAX_ZIP_UNCOMPRESSED_BYTES) };
    let r = analyze(&[("big.zip", &zip), ("x.cer", CER)], Lang::En);
    assert_eq!(code(file(&r, "big.zip")), Some("archive-limit"));
    assert_eq!(
        code(file(&r, "big.zip/SmtpSend/SEND20240502-1.LOG")),
        Some("archive-limit")
    );
    assert!(file(&r, "big.zip")
        .error
        .as_ref()
        .unwrap()
        .message
        .contains("2 GiB"));
    assert_eq!(file(&r, "x.cer").certificates.len(), 1);
}

#[test]
fn damaged_deflate_data_and_crc_are_named() {
    // Flip bytes in the middle of the log's deflate data (local header 30 + 27-byte name).
    let mut zip = KB_ZIP.to_vec();
    for b in &mut zip[300..340] {
        *b ^= 0x5a;
    }
    let r = analyze(&[("bad.zip", &zip), ("x.cer", CER)], Lang::En);
    let log = file(&r, "bad.zip/SmtpSend/SEND20240502-1.LOG");
    assert_eq!(code(log), Some("archive-malformed"));
    // The next entry starts at a known offset and is still read.
    assert_eq!(
        file(&r, "bad.zip/testservereku.contoso.com.cer").certificates[0].thumbprint,
        THUMB
    );
    assert_eq!(file(&r, "x.cer").certificates.len(), 1);
}

#[test]
fn empty_archive_is_listed_without_entries() {
    let mut empty = 0x0605_4b50u32.to_le_bytes().to_vec();
    empty.extend_from_slice(&[0; 18]);
    let r = analyze(&[("empty.zip", &empty)], Lang::En);
    assert_eq!(r.files.len(), 1);
    assert_eq!(r.files[0].kind, FileKind::ZipArchive);
    assert_eq!(r.files[0].error, None);
}

#[test]
fn garbage_after_a_local_header_signature_is_malformed_not_a_panic() {
    let mut junk = b"PK\x03\x04".to_vec();
    junk.extend_from_slice(&[0xff; 40]);
    let r = analyze(&[("junk.zip", &junk), ("x.cer", CER)], Lang::En);
    assert_eq!(r.files[0].kind, FileKind::ZipArchive);
    assert!(code(&r.files[0]).is_some_and(|c| c.starts_with("archive-")));
    assert_eq!(file(&r, "x.cer").certificates.len(), 1);
}

#[test]
fn every_truncation_and_byte_flip_of_a_zip_gives_a_report_not_a_panic() {
    let start = std::time::Instant::now();
    let mut named = 0usize;
    for cut in 0..KB_ZIP.len() {
        let r = analyze(&[("cut.zip", &KB_ZIP[..cut]), ("x.cer", CER)], Lang::En);
        assert_eq!(file(&r, "x.cer").certificates.len(), 1, "cut at {cut}");
        named += usize::from(r.files.iter().any(|f| code(f).is_some()));
    }
    for at in 0..KB_ZIP.len() {
        let mut zip = KB_ZIP.to_vec();
        zip[at] ^= 0xA5;
        let r = analyze(&[("flip.zip", &zip), ("x.cer", CER)], Lang::En);
        assert_eq!(file(&r, "x.cer").certificates.len(), 1, "flip at {at}");
    }
    // Every cut but the whole file (cut 0 is an empty file: `empty`) names an error somewhere.
    assert_eq!(named, KB_ZIP.len());
    assert!(start.elapsed().as_secs() < 120, "{:?}", start.elapsed());
}
