//! RFC 4514 string form of a Name as pyca/cryptography's `Name.rfc4514_string()` prints it
//! (the form of the corpus MANIFEST's `subject`/`issuer`), e.g. `C=US,ST=WA,O=Contoso,CN=mail.contoso.com`.
//!
//! Rules (pyca `x509/name.py`: `_NAMEOID_TO_NAME`, `_escape_dn_value`, RFC 4514 §2):
//! * RDNs last-first (RFC 4514 §2.1), joined by `,`; attributes of one RDN joined by `+` in encoded order.
//! * Type names only for CN, L, ST, O, OU, C, STREET, DC, UID; every other type (including
//!   emailAddress) as its dotted OID, e.g. `1.2.840.113549.1.9.1=admin@example.com`.
//! * Values: `\` `"` `+` `,` `;` `<` `>` are backslash-escaped, NUL becomes `\00`, a leading `#` or
//!   space and a trailing space are escaped with `\` (RFC 4514 §2.4). Other control characters stay raw.
//! * BMPString is UTF-16BE, UniversalString UTF-32BE, all other string types are read as UTF-8 (where pyca
//!   fails on invalid UTF-8 we fall back to ISO 8859-1 so that something is shown). Non-string values
//!   are `#` + lowercase hex of their encoding (RFC 4514 §2.4).

use super::name::parse_name;
use crate::asn1::{tag, Class, Element};
use crate::error::Result;

/// RFC 4514 form of a DER Name.
pub fn rfc4514_string(der_name: &[u8]) -> Result<String> {
    let rdns = parse_name(der_name)?;
    let mut parts = Vec::with_capacity(rdns.len());
    for rdn in rdns.iter().rev() {
        let attributes: Vec<String> = rdn
            .iter()
            .map(|a| format!("{}={}", type_name(&a.oid), value_string(&a.value)))
            .collect();
        parts.push(attributes.join("+"));
    }
    Ok(parts.join(","))
}

fn type_name(oid: &str) -> String {
    match oid {
        "2.5.4.3" => "CN",
        "2.5.4.7" => "L",
        "2.5.4.8" => "ST",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "2.5.4.6" => "C",
        "2.5.4.9" => "STREET",
        "0.9.2342.19200300.100.1.25" => "DC",
        "0.9.2342.19200300.100.1.1" => "UID",
        other => return other.to_string(),
    }
    .to_string()
}

fn value_string(value: &Element<'_>) -> String {
    let is_string = value.class == Class::Universal
        && !value.constructed
        && tag::is_character_string(value.tag);
    if !is_string {
        let hex: String = crate::hex::upper(value.raw).to_ascii_lowercase();
        return format!("#{hex}");
    }
    let text = match value.tag {
        tag::BMP_STRING => {
            let units = value
                .content
                .chunks_exact(2)
                .map(|p| u16::from_be_bytes([p[0], p[1]]));
            char::decode_utf16(units)
                .map(|c| c.unwrap_or('\u{fffd}'))
                .collect()
        }
        tag::UNIVERSAL_STRING => value
            .content
            .chunks_exact(4)
            .map(|q| {
                char::from_u32(u32::from_be_bytes([q[0], q[1], q[2], q[3]])).unwrap_or('\u{fffd}')
            })
            .collect(),
        _ => match std::str::from_utf8(value.content) {
            Ok(s) => s.to_string(),
            Err(_) => value.content.iter().map(|b| char::from(*b)).collect(),
        },
    };
    escape_value(&text)
}

/// pyca `_escape_dn_value` for text values.
pub fn escape_value(value: &str) -> String {
    if value.is_empty() {
        return String::new();
    }
    let mut out = String::with_capacity(value.len() + 4);
    for c in value.chars() {
        match c {
            '\\' | '"' | '+' | ',' | ';' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '\0' => out.push_str("\\00"),
            _ => out.push(c),
        }
    }
    if out.starts_with('#') || out.starts_with(' ') {
        out.insert(0, '\\');
    }
    if out.ends_with(' ') && !out.ends_with("\\ ") {
        out.pop();
        out.push_str("\\ ");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pyca_escaping_rules() {
        assert_eq!(escape_value("ABA.ECOM, INC."), "ABA.ECOM\\, INC.");
        assert_eq!(escape_value("#x"), "\\#x");
        assert_eq!(escape_value(" x "), "\\ x\\ ");
        assert_eq!(escape_value("a\"b+c;d<e>f\\"), "a\\\"b\\+c\\;d\\<e\\>f\\\\");
        assert_eq!(escape_value("a\0"), "a\\00");
        assert_eq!(escape_value(""), "");
    }

    #[test]
    fn order_names_and_email_oid() {
        // C=US, CN=x, emailAddress=a@b (IA5String): printed last RDN first, email dotted.
        let name = {
            let email = b"a@b.example";
            let mut atv = vec![
                0x06,
                0x09,
                0x2A,
                0x86,
                0x48,
                0x86,
                0xF7,
                0x0D,
                0x01,
                0x09,
                0x01,
                0x16,
                email.len() as u8,
            ];
            atv.extend_from_slice(email);
            let mut seq = vec![0x30, atv.len() as u8];
            seq.extend(atv);
            let mut set = vec![0x31, seq.len() as u8];
            set.extend(seq);
            let mut body = vec![
                0x31, 0x0B, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04, 0x06, 0x13, 0x02, b'U', b'S',
            ];
            body.extend_from_slice(&[
                0x31, 0x0A, 0x30, 0x08, 0x06, 0x03, 0x55, 0x04, 0x03, 0x13, 0x01, b'x',
            ]);
            body.extend(set);
            let mut name = vec![0x30, body.len() as u8];
            name.extend(body);
            name
        };
        assert_eq!(
            rfc4514_string(&name).unwrap(),
            "1.2.840.113549.1.9.1=a@b.example,CN=x,C=US"
        );
        assert!(rfc4514_string(&name[..name.len() - 1]).is_err());
    }
}
