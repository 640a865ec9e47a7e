//! `tlsdoctor analyze` end to end on the renewal trap ("Can't remove a certificate that's
//! installed in Exchange Server"): two distinct certificates with one issuer and subject.

mod common;

use common::testdata;

const OLD: &str = "14742D528E0D0C066C3264D37E3331688B281A75";
const NEW: &str = "47F418A54B85B702C197FF57B66F2145343D9222";

fn run(args: &[&str]) -> (i32, String) {
    common::run_at(common::NOW_2026, args)
}

#[test]
fn renewal_pair_json_names_old_and_new_with_the_safe_procedure() {
    let (code, out) = run(&[
        "analyze",
        "--json",
        &testdata("samples/widgits-2016-new.cer"),
        &testdata("samples/widgits-2014-old.cer"),
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "ambiguous-tls-certificate-name")
        .unwrap();
    assert_eq!(f["severity"], "warning");
    // Old first (earlier NotBefore), whatever the file order.
    assert_eq!(f["thumbprints"], serde_json::json!([OLD, NEW]));
    let expl = f["explanation"].as_str().unwrap();
    assert!(
        expl.contains(&format!(
            "Old: {OLD} (2014-08-19T19:24:30Z .. 2017-08-18T19:24:30Z)"
        )),
        "{expl}"
    );
    assert!(
        expl.contains(&format!(
            "New: {NEW} (2016-07-09T04:38:09Z .. 2016-08-08T04:38:09Z)"
        )),
        "{expl}"
    );
    let ps = f["remediation"]["powershell"].as_str().unwrap();
    assert!(ps.contains(&format!(
        "Remove-ExchangeCertificate -Server $env:COMPUTERNAME -Thumbprint '{OLD}'"
    )));
    assert!(!ps.contains(&format!("-Thumbprint '{NEW}'\nStart")));
    assert!(ps.contains(&format!(
        "$cert = Get-ExchangeCertificate -Thumbprint '{NEW}'"
    )));
    let stop = ps.find("Stop-Service MSExchangeTransport").unwrap();
    let clear = ps.find("-TlsCertificateName $Null").unwrap();
    let remove = ps.find("Remove-ExchangeCertificate").unwrap();
    let set = ps.find("-TlsCertificateName $tlscertificatename").unwrap();
    let start = ps.find("Start-Service MSExchangeTransport").unwrap();
    assert!(
        stop < clear && clear < remove && remove < set && set < start,
        "{ps}"
    );
}

#[test]
fn renewal_pair_human_report_in_german() {
    let (code, out) = run(&[
        "analyze",
        "--lang",
        "de",
        &testdata("samples/widgits-2014-old.cer"),
        &testdata("samples/widgits-2016-new.cer"),
    ]);
    assert_eq!(code, 0);
    assert!(
        out.contains("2 verschiedene Zertifikate haben denselben Aussteller und Antragsteller"),
        "{out}"
    );
    assert!(out.contains(&format!("Alt: {OLD}")));
    assert!(out.contains(&format!("Neu: {NEW}")));
    assert!(out.contains(
        "Beenden Sie auf jedem Quell-Transportserver den Dienst Microsoft Exchange-Transport"
    ));
}

#[test]
fn one_certificate_given_twice_is_not_ambiguous() {
    let old = testdata("samples/widgits-2014-old.cer");
    let (code, out) = run(&["analyze", "--json", &old, &old]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(!v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["id"] == "ambiguous-tls-certificate-name"));
}
