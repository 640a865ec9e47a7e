//! Every pkcs12 fact of testdata/corpus/MANIFEST.tsv, checked against `pkcs12::open`
//! (certificate and key bags after decryption, MAC facts, password form, encryption, matching).
//! The same facts through `tlsdoctor inspect --json` are checked in crates/cli/tests; the same
//! checks run on wasm32 in `wasm_pkcs12.rs`.

mod common;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/corpus");

#[test]
fn every_pkcs12_fact_in_the_manifest_holds() {
    let manifest = std::fs::read_to_string(format!("{CORPUS}/MANIFEST.tsv")).expect("MANIFEST.tsv");
    let mut outcomes = (0, 0);
    for row in common::pkcs12_rows(&manifest) {
        let bytes = std::fs::read(format!("{CORPUS}/{}", row.path)).expect("corpus file");
        match common::check_row(&row.path, &row.facts, &bytes) {
            common::Outcome::Opened => outcomes.0 += 1,
            common::Outcome::Error => outcomes.1 += 1,
        }
    }
    assert_eq!(outcomes, (33, 4), "(opened, errors as expected)");
}
