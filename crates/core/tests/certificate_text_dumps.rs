//! A certificate printed as text (`certutil -dump`, `openssl x509 -text -noout`;
//! testdata/x509/text, README.md there) is named for what it is, with how to get the file
//! itself, instead of "a text file tlsdoctor does not recognise".

use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::inspect::inspect_one;
use tlsdoctor_core::report::FileKind;

fn report(name: &str) -> tlsdoctor_core::report::FileReport {
    let bytes = std::fs::read(format!(
        "{}/../../testdata/x509/text/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    inspect_one(name, &bytes, &[]).report
}

#[test]
fn certutil_dump_and_openssl_text_are_named_with_the_way_to_the_file() {
    for (name, tool) in [
        ("certutil-dump-layout.txt", "certutil -dump"),
        ("openssl-x509-text-noout.txt", "openssl x509 -text"),
    ] {
        let r = report(name);
        assert_eq!(r.kind, FileKind::NotACertificate, "{name}");
        assert!(r.certificates.is_empty());
        let mut error = r.error.unwrap();
        assert_eq!(error.code, "not-a-certificate");
        assert!(
            error.message.contains(&format!(
                "certificate's details printed as text ({tool} output)"
            )),
            "{}",
            error.message
        );
        assert!(
            error.message.contains("Export-Certificate"),
            "{}",
            error.message
        );
        error.localise(Lang::De);
        assert!(
            error
                .message
                .starts_with("Dies sind die Angaben eines Zertifikats als Text"),
            "{}",
            error.message
        );
    }
}
