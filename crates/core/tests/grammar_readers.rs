//! The paste readers on the text grammars of `tlsdoctor_core::grammar` (issue 17): what each
//! reader now takes from a nom grammar, end to end through `paste::parse_text`.
//!
//! Sources of the texts: MSExchangeTransport 2015 (SmtpSendTLSRequiredFailed) from the Exchange
//! 2010 event reference on TechNet; the bracketed `LastError` shape of Get-Queue on Exchange
//! 2013+ (Microsoft Learn "Queues and messages in queues"); .NET's quoting of a DN value that
//! holds `<` or `>` (dotnet/runtime X500NameEncoder.cs). Host names and addresses are the
//! documentation ones (contoso.com, fabrikam.com, 203.0.113.0/24).

use tlsdoctor_core::paste::event::EventMeaning;
use tlsdoctor_core::paste::parse_text;
use tlsdoctor_core::paste::tls_certificate_name::TlsNameProblem;

#[test]
fn event_2015_require_tls_without_starttls() {
    let out = parse_text(
        "Log Name:      Application\n\
         Source:        MSExchangeTransport\n\
         Date:          1/31/2025 9:02:11 AM\n\
         Event ID:      2015\n\
         Task Category: SmtpSend\n\
         Level:         Error\n\
         Computer:      EX01.corp.contoso.com\n\
         Description:\n\
         Send connector Partner Fabrikam couldn't connect to remote domain fabrikam.com. The send connector requires Transport Layer Security (TLS) authentication, but is unable to establish TLS with the receiving server for the remote domain. Check this connector's authentication setting and the EHLO response from the remote server mx1.fabrikam.com.",
    );
    assert_eq!(out.events.len(), 1);
    let e = &out.events[0];
    assert_eq!(e.event_id, Some(2015));
    assert_eq!(
        e.date.as_ref().and_then(|d| d.local.as_deref()),
        Some("2025-01-31T09:02:11")
    );
    assert_eq!(
        e.meaning,
        EventMeaning::TlsRequiredButUnavailable {
            connector: Some("Partner Fabrikam".into()),
            domain: Some("fabrikam.com".into()),
            remote_server: Some("mx1.fabrikam.com".into()),
        }
    );
    // The bare message is recognised too, and its id told from the text.
    let out = parse_text("Send connector Internet couldn't connect to remote domain fabrikam.com. The send connector requires Transport Layer Security (TLS) authentication, but is unable to establish TLS with the receiving server for the remote domain. Check this connector's authentication setting and the EHLO response from the remote server 203.0.113.25.");
    assert_eq!(out.events.len(), 1);
    assert_eq!(out.events[0].event_id, Some(2015));
}

#[test]
fn bracketed_last_error_of_a_retry_queue() {
    let out = parse_text(
        "Identity         : EX01\\Hybrid\n\
         DeliveryType     : SmartHostConnectorDelivery\n\
         Status           : Retry\n\
         MessageCount     : 12\n\
         NextHopDomain    : contoso-com.mail.protection.outlook.com\n\
         LastError        : [{LED=451 4.4.397 Error communicating with target host. -> 421 4.4.2\n\
                            Connection dropped due to SocketError};{MSG=};{FQDN=contoso-com.mail.pro\n\
                            tection.outlook.com};{IP=203.0.113.25};{LRT=1/31/2025 9:02:11 AM}]",
    );
    assert_eq!(out.queues.len(), 1);
    let q = &out.queues[0];
    assert!(q.is_retry());
    assert!(q.last_error_is_421_timeout());
    let e = q.last_error_details().unwrap();
    assert_eq!(e.ip.as_deref(), Some("203.0.113.25"));
    assert_eq!(e.lrt.as_deref(), Some("1/31/2025 9:02:11 AM"));
    assert!(e.has_reply(451, "4.4.397"));
}

#[test]
fn a_quoted_value_in_tls_certificate_name_holds_no_tag() {
    let out = parse_text(
        "Identity           : EX01\\Default Frontend EX01\n\
         Bindings           : {0.0.0.0:25}\n\
         Fqdn               : mail.contoso.com\n\
         AuthMechanism      : Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer\n\
         TlsCertificateName : <I>CN=Contoso Issuing CA, O=\"Contoso <S> Labs\"<S>CN=mail.contoso.com",
    );
    assert_eq!(out.connectors.len(), 1);
    let n = out.connectors[0]
        .tls_certificate_name_parsed
        .as_ref()
        .unwrap();
    assert!(n.is_well_formed(), "{:?}", n.problems);
    assert_eq!(
        n.issuer.as_deref(),
        Some("CN=Contoso Issuing CA, O=\"Contoso <S> Labs\"")
    );
    assert!(!n
        .problems
        .contains(&TlsNameProblem::RepeatedTag { tag: "<S>".into() }));
}
