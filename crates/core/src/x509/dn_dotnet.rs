//! Distinguished names rendered exactly as .NET's `X500DistinguishedName.Decode(flags)` renders
//! them, because that string is what `$cert.Subject`, `$cert.Issuer` and Exchange's
//! `TlsCertificateName` (`<I>{Issuer}<S>{Subject}`) compare. `.Name` is `Decode(Reversed)`.
//!
//! Sources: dotnet/runtime `X500NameEncoder.cs` (separators, quoting), `X500NameEncoder.ManagedDecode.cs`
//! (RDN loop), `X500DictionaryStringHelper.cs` (string types, trailing NUL trim) and the expected strings
//! of `tests/X509Certificates/X500DistinguishedNameTests.cs`, which the unit tests below reuse.
//! Where the managed (Unix) decoder and Windows' `CertNameToStr` differ, we follow Windows,
//! because Exchange runs there; each such place says so.
//!
//! # Rules
//! 1. **Structure** (DER, RFC 5280 §4.1.2.4): `SEQUENCE OF SET OF SEQUENCE {OID, ANY}`. Any structural
//!    DER error makes the whole result `""` (.NET catches the `CryptographicException` and returns `""`,
//!    "Windows compat"). The SET members of a multi-valued RDN need not be DER-sorted.
//! 2. **Order**: RDNs in encoded order; with `Reversed`, last RDN first. The attributes inside one
//!    multi-valued RDN always keep their encoded order (`CN=James + O=Microsoft` both ways).
//! 3. **Separators**: `UseSemicolons` → `"; "`; else `UseNewLines` without `UseCommas` → `"\r\n"`;
//!    else `", "` (`UseCommas` wins over `UseNewLines`). Inside a multi-valued RDN `" + "`, or `" "`
//!    with `DoNotUsePlusSign`.
//! 4. **Names**: Windows' X.500 keys: CN, L, O, OU, E (emailAddress), C, S (stateOrProvince), STREET, T (title),
//!    G (givenName), I (initials), SN (surname), DC, SERIALNUMBER, Description, PostalCode, POBox, Phone,
//!    X21Address, dnQualifier, UnstructuredName, UnstructuredAddress, TPMManufacturer/TPMModel/TPMVersion
//!    (the keys of CertStrToName's table; CN…SERIALNUMBER, PostalCode and the TPM names are confirmed by the
//!    .NET tests, the rarer ones are not);
//!    any other type prints as `OID.` + dotted OID (e.g. `OID.2.5.4.15`, `OID.1.3.6.1.4.1.311.60.2.1.3`).
//! 5. **Values**: string types are decoded: UTF8String as UTF-8; BMPString as UTF-16BE; UniversalString as
//!    UCS-4BE; T61String as UTF-8 when that is valid, else ISO 8859-1 (dotnet/runtime#25195);
//!    PrintableString, IA5String, NumericString, VisibleString, VideotexString, GraphicString, GeneralString
//!    byte for byte as ISO 8859-1 code points (Windows does not check their character sets; .NET's
//!    managed decoder would reject a wrong character and return `""`; a note is recorded). Trailing NUL
//!    characters are trimmed. An OCTET STRING prints as `#` + uppercase hex of its contents (one
//!    OCTET STRING layer stripped); any other value as `#` + uppercase hex of its whole encoding.
//! 6. **Quoting** (unless `DoNotUseQuotes`): a decoded string is put in double quotes, with inner `"`
//!    doubled, when it is empty, starts or ends with space/TAB/LF/VT/FF/CR, or contains any of
//!    `, + = " LF < > # ;` (CR inside is *not* quoted, Unicode spaces like U+2002 are not quoted).
//!    `#hex` values are never quoted.
//! 7. `UseUTF8Encoding`, `UseT61Encoding`, `ForceUTF8Encoding` only affect *encoding* a string into a
//!    name; `Decode` accepts and ignores them.

use super::name::{parse_name, Attribute};
use crate::asn1::{tag, Class, Element};
use crate::error::Result;

/// .NET `X500DistinguishedNameFlags`, same bit values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DnFlags(pub u32);

impl DnFlags {
    pub const NONE: DnFlags = DnFlags(0);
    pub const REVERSED: DnFlags = DnFlags(0x1);
    pub const USE_SEMICOLONS: DnFlags = DnFlags(0x10);
    pub const DO_NOT_USE_PLUS_SIGN: DnFlags = DnFlags(0x20);
    pub const DO_NOT_USE_QUOTES: DnFlags = DnFlags(0x40);
    pub const USE_COMMAS: DnFlags = DnFlags(0x80);
    pub const USE_NEW_LINES: DnFlags = DnFlags(0x100);
    pub const USE_UTF8_ENCODING: DnFlags = DnFlags(0x1000);
    pub const USE_T61_ENCODING: DnFlags = DnFlags(0x2000);
    pub const FORCE_UTF8_ENCODING: DnFlags = DnFlags(0x4000);

    /// Every flag name .NET defines, with its value.
    pub const NAMES: &'static [(&'static str, DnFlags)] = &[
        ("None", DnFlags::NONE),
        ("Reversed", DnFlags::REVERSED),
        ("UseSemicolons", DnFlags::USE_SEMICOLONS),
        ("DoNotUsePlusSign", DnFlags::DO_NOT_USE_PLUS_SIGN),
        ("DoNotUseQuotes", DnFlags::DO_NOT_USE_QUOTES),
        ("UseCommas", DnFlags::USE_COMMAS),
        ("UseNewLines", DnFlags::USE_NEW_LINES),
        ("UseUTF8Encoding", DnFlags::USE_UTF8_ENCODING),
        ("UseT61Encoding", DnFlags::USE_T61_ENCODING),
        ("ForceUTF8Encoding", DnFlags::FORCE_UTF8_ENCODING),
    ];

    pub fn contains(self, other: DnFlags) -> bool {
        self.0 & other.0 == other.0
    }

    pub fn union(self, other: DnFlags) -> DnFlags {
        DnFlags(self.0 | other.0)
    }

    /// Parses `Reversed,UseSemicolons` (names as .NET spells them, case-insensitive; `,` or `|` or `+`
    /// between them). Errors name the unknown flag.
    pub fn parse(text: &str) -> std::result::Result<DnFlags, String> {
        let mut flags = DnFlags::NONE;
        for part in crate::grammar::dn::flag_names(text) {
            let found = DnFlags::NAMES
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(part));
            match found {
                Some((_, flag)) => flags = flags.union(*flag),
                None => {
                    let known: Vec<&str> = DnFlags::NAMES.iter().map(|(n, _)| *n).collect();
                    return Err(format!(
                        "unknown flag {part:?}; known flags: {}",
                        known.join(", ")
                    ));
                }
            }
        }
        Ok(flags)
    }
}

/// A rendered name plus remarks about lenient decoding (for warnings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub text: String,
    pub notes: Vec<String>,
}

/// `X500DistinguishedName.Decode(flags)`: `""` when the DER does not decode (rule 1).
pub fn decode(der_name: &[u8], flags: DnFlags) -> String {
    decode_checked(der_name, flags)
        .map(|r| r.text)
        .unwrap_or_default()
}

/// `X500DistinguishedName.Name` (= `Decode(Reversed)`).
pub fn name(der_name: &[u8]) -> String {
    decode(der_name, DnFlags::REVERSED)
}

/// Like [`decode`], but says why a name does not decode instead of returning `""`.
pub fn decode_checked(der_name: &[u8], flags: DnFlags) -> Result<Rendered> {
    let rdns = parse_name(der_name)?;
    let separator = if flags.contains(DnFlags::USE_SEMICOLONS) {
        "; "
    } else if flags.0 & (DnFlags::USE_NEW_LINES.0 | DnFlags::USE_COMMAS.0)
        == DnFlags::USE_NEW_LINES.0
    {
        "\r\n"
    } else {
        ", "
    };
    let multi_separator = if flags.contains(DnFlags::DO_NOT_USE_PLUS_SIGN) {
        " "
    } else {
        " + "
    };
    let quote_if_needed = !flags.contains(DnFlags::DO_NOT_USE_QUOTES);
    let reversed = flags.contains(DnFlags::REVERSED);

    let mut text = String::new();
    let mut notes = Vec::new();
    let count = rdns.len();
    for i in 0..count {
        let rdn = &rdns[if reversed { count - 1 - i } else { i }];
        if i > 0 {
            text.push_str(separator);
        }
        for (j, attribute) in rdn.iter().enumerate() {
            if j > 0 {
                text.push_str(multi_separator);
            }
            append_attribute(&mut text, attribute, quote_if_needed, &mut notes)?;
        }
    }
    Ok(Rendered { text, notes })
}

fn append_attribute(
    out: &mut String,
    attribute: &Attribute<'_>,
    quote_if_needed: bool,
    notes: &mut Vec<String>,
) -> Result<()> {
    match short_name(&attribute.oid) {
        Some(short) => out.push_str(short),
        None => {
            out.push_str("OID.");
            out.push_str(&attribute.oid);
        }
    }
    out.push('=');
    match value_text(&attribute.value, notes)? {
        Value::Hex(hex) => {
            out.push('#');
            out.push_str(&hex);
        }
        Value::Text(value) => {
            if quote_if_needed && needs_quoting(&value) {
                out.push('"');
                out.push_str(&value.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(&value);
            }
        }
    }
    Ok(())
}

/// Windows' X.500 key names (CertNameToStr / CryptFindOIDInfo, RDN attribute group). Rule 4.
pub fn short_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.5.4.3" => "CN",
        "2.5.4.7" => "L",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "1.2.840.113549.1.9.1" => "E",
        "2.5.4.6" => "C",
        "2.5.4.8" => "S",
        "2.5.4.9" => "STREET",
        "2.5.4.12" => "T",
        "2.5.4.42" => "G",
        "2.5.4.43" => "I",
        "2.5.4.4" => "SN",
        "0.9.2342.19200300.100.1.25" => "DC",
        "2.5.4.5" => "SERIALNUMBER",
        "2.5.4.13" => "Description",
        "2.5.4.17" => "PostalCode",
        "2.5.4.18" => "POBox",
        "2.5.4.20" => "Phone",
        "2.5.4.24" => "X21Address",
        "2.5.4.46" => "dnQualifier",
        "1.2.840.113549.1.9.2" => "UnstructuredName",
        "1.2.840.113549.1.9.8" => "UnstructuredAddress",
        "2.23.133.2.1" => "TPMManufacturer",
        "2.23.133.2.2" => "TPMModel",
        "2.23.133.2.3" => "TPMVersion",
        _ => return None,
    })
}

enum Value {
    Text(String),
    Hex(String),
}

fn value_text(value: &Element<'_>, notes: &mut Vec<String>) -> Result<Value> {
    if value.class != Class::Universal {
        return Ok(Value::Hex(crate::hex::upper(value.raw)));
    }
    let string_tag = tag::is_character_string(value.tag);
    if value.tag == tag::OCTET_STRING && !value.constructed {
        return Ok(Value::Hex(crate::hex::upper(value.content)));
    }
    if !string_tag {
        return Ok(Value::Hex(crate::hex::upper(value.raw)));
    }
    if value.constructed {
        return Err(crate::Error::malformed(
            "a constructed string is not allowed in DER",
        ));
    }
    let text = decode_string(value.tag, value.content, notes)?;
    Ok(Value::Text(text.trim_end_matches('\0').to_string()))
}

/// Decodes a directory string the way Windows does (rule 5).
pub fn decode_string(tag_number: u32, content: &[u8], notes: &mut Vec<String>) -> Result<String> {
    let latin1 = |bytes: &[u8]| bytes.iter().map(|b| char::from(*b)).collect::<String>();
    Ok(match tag_number {
        tag::UTF8_STRING => match std::str::from_utf8(content) {
            Ok(s) => s.to_string(),
            Err(_) => {
                notes.push("a UTF8String is not valid UTF-8 (shown with U+FFFD)".into());
                String::from_utf8_lossy(content).into_owned()
            }
        },
        tag::T61_STRING => match std::str::from_utf8(content) {
            Ok(s) => s.to_string(),
            Err(_) => latin1(content),
        },
        tag::BMP_STRING => {
            if !content.len().is_multiple_of(2) {
                return Err(crate::Error::malformed(
                    "a BMPString has an odd number of bytes",
                ));
            }
            let units = content
                .chunks_exact(2)
                .map(|p| u16::from_be_bytes([p[0], p[1]]));
            char::decode_utf16(units)
                .collect::<std::result::Result<String, _>>()
                .map_err(|_| crate::Error::malformed("a BMPString holds an unpaired surrogate"))?
        }
        tag::UNIVERSAL_STRING => {
            if !content.len().is_multiple_of(4) {
                return Err(crate::Error::malformed(
                    "a UniversalString length is not a multiple of 4",
                ));
            }
            content
                .chunks_exact(4)
                .map(|q| char::from_u32(u32::from_be_bytes([q[0], q[1], q[2], q[3]])))
                .collect::<Option<String>>()
                .ok_or_else(|| {
                    crate::Error::malformed("a UniversalString holds an invalid code point")
                })?
        }
        other => {
            if !charset_ok(other, content) {
                let name = string_type_name(other);
                let article = if name.starts_with(['I', 'U', 'A', 'E', 'O']) {
                    "an"
                } else {
                    "a"
                };
                notes.push(format!(
                    "{article} {name} value holds characters outside its character set (shown as ISO 8859-1, as Windows does)"
                ));
            }
            latin1(content)
        }
    })
}

/// X.680 character sets of the restricted string types (used only to note a violation).
fn charset_ok(tag_number: u32, content: &[u8]) -> bool {
    match tag_number {
        tag::PRINTABLE_STRING => content
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || b" '()+,-./:=?".contains(b)),
        tag::NUMERIC_STRING => content.iter().all(|b| b.is_ascii_digit() || *b == b' '),
        tag::IA5_STRING => content.is_ascii(),
        tag::VISIBLE_STRING => content.iter().all(|b| (0x20..0x7f).contains(b)),
        _ => true,
    }
}

pub fn string_type_name(tag_number: u32) -> &'static str {
    match tag_number {
        tag::UTF8_STRING => "UTF8String",
        tag::NUMERIC_STRING => "NumericString",
        tag::PRINTABLE_STRING => "PrintableString",
        tag::T61_STRING => "T61String",
        tag::VIDEOTEX_STRING => "VideotexString",
        tag::IA5_STRING => "IA5String",
        tag::GRAPHIC_STRING => "GraphicString",
        tag::VISIBLE_STRING => "VisibleString",
        tag::GENERAL_STRING => "GeneralString",
        tag::UNIVERSAL_STRING => "UniversalString",
        tag::BMP_STRING => "BMPString",
        _ => "string",
    }
}

/// Rule 6 (`X500NameEncoder.NeedsQuoting`).
fn needs_quoting(value: &str) -> bool {
    let quotable_space = |c: char| c == ' ' || ('\u{9}'..='\u{d}').contains(&c);
    match (value.chars().next(), value.chars().last()) {
        (None, _) | (_, None) => true,
        (Some(first), Some(last)) => {
            quotable_space(first)
                || quotable_space(last)
                || value
                    .chars()
                    .any(|c| matches!(c, ',' | '+' | '=' | '"' | '\n' | '<' | '>' | '#' | ';'))
        }
    }
}

#[cfg(test)]
mod tests {
    //! Expected strings come from dotnet/runtime
    //! `src/libraries/System.Security.Cryptography/tests/X509Certificates/X500DistinguishedNameTests.cs`
    //! unless a test says otherwise.
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        crate::hex::decode(s).unwrap()
    }

    fn none(s: &str) -> String {
        decode(&hex(s), DnFlags::NONE)
    }

    #[test]
    fn rule1_invalid_encoding_prints_empty() {
        // PrintInvalidEncoding: one byte removed from the payload.
        assert_eq!(none("3017311530130603550403130C436F6D6D6F6E204E616D65"), "");
        // Trailing bytes after the Name SEQUENCE also fail (x500NameReader.ThrowIfNotEmpty).
        assert_eq!(none("300B3109300706035504031300FF"), "");
        // Indefinite length is not DER.
        assert_eq!(none("30803109300706035504031300"), "");
        assert!(decode_checked(
            &hex("3017311530130603550403130C436F6D6D6F6E204E616D65"),
            DnFlags::NONE
        )
        .is_err());
    }

    #[test]
    fn rule2_multi_valued_rdn_keeps_its_order_when_reversed() {
        // PrintMultiComponentRdn
        let der = "30223120300C060355040313054A616D65733010060355040A13094D6963726F736F6674";
        assert_eq!(none(der), "CN=James + O=Microsoft");
        assert_eq!(
            decode(&hex(der), DnFlags::REVERSED),
            "CN=James + O=Microsoft"
        );
        // OrganizationUnitMultiValueWithIncorrectlySortedDerSet
        assert_eq!(
            none("301C311A300B060355040B13047A7A7A7A300B060355040B130461616161"),
            "OU=zzzz + OU=aaaa"
        );
    }

    const MICROSOFT_DOT_COM_SUBJECT: &str = concat!(
        "3082010F31133011060B2B0601040182373C02010313025553311B3019060B2B",
        "0601040182373C0201020C0A57617368696E67746F6E311D301B060355040F13",
        "1450726976617465204F7267616E697A6174696F6E3112301006035504051309",
        "363030343133343835310B3009060355040613025553310E300C06035504110C",
        "0539383035323113301106035504080C0A57617368696E67746F6E3110300E06",
        "035504070C075265646D6F6E643118301606035504090C0F31204D6963726F73",
        "6F667420576179311E301C060355040A0C154D6963726F736F667420436F7270",
        "6F726174696F6E310E300C060355040B0C054D53434F4D311A30180603550403",
        "0C117777772E6D6963726F736F66742E636F6D"
    );

    #[test]
    fn rule2_and_rule4_reversed_and_forward_order_with_short_names() {
        // PrintComplexReversed / PrintComplexForwards (+ the unknown OIDs the test comment lists for Windows).
        let der = hex(MICROSOFT_DOT_COM_SUBJECT);
        assert_eq!(
            decode(&der, DnFlags::REVERSED),
            "CN=www.microsoft.com, OU=MSCOM, O=Microsoft Corporation, STREET=1 Microsoft Way, \
             L=Redmond, S=Washington, PostalCode=98052, C=US, SERIALNUMBER=600413485, \
             OID.2.5.4.15=Private Organization, OID.1.3.6.1.4.1.311.60.2.1.2=Washington, \
             OID.1.3.6.1.4.1.311.60.2.1.3=US"
        );
        assert!(decode(&der, DnFlags::NONE).ends_with(
            ", SERIALNUMBER=600413485, C=US, PostalCode=98052, S=Washington, L=Redmond, \
             STREET=1 Microsoft Way, O=Microsoft Corporation, OU=MSCOM, CN=www.microsoft.com"
        ));
        assert_eq!(name(&der), decode(&der, DnFlags::REVERSED));
    }

    #[test]
    fn rule3_separators() {
        let der = hex(MICROSOFT_DOT_COM_SUBJECT);
        let semi = decode(&der, DnFlags::REVERSED.union(DnFlags::USE_SEMICOLONS));
        assert!(semi.starts_with("CN=www.microsoft.com; OU=MSCOM; O=Microsoft Corporation; "));
        // UseSemicolons wins over UseNewLines and UseCommas.
        let all = DnFlags::USE_SEMICOLONS
            .union(DnFlags::USE_NEW_LINES)
            .union(DnFlags::USE_COMMAS);
        assert_eq!(decode(&der, all), decode(&der, DnFlags::USE_SEMICOLONS));
        let lines = decode(&der, DnFlags::REVERSED.union(DnFlags::USE_NEW_LINES));
        assert!(
            lines.starts_with("CN=www.microsoft.com\r\nOU=MSCOM\r\nO=Microsoft Corporation\r\n")
        );
        // EdgeCaseUseCommaAndNewLines: UseCommas | UseNewLines gives ", ".
        let rsa = build_name(&[
            ("2.5.4.6", "13", "US"),
            ("2.5.4.10", "13", "RSA Data Security, Inc."),
            ("2.5.4.11", "13", "Secure Server Certification Authority"),
        ]);
        assert_eq!(
            decode(&rsa, DnFlags::USE_COMMAS.union(DnFlags::USE_NEW_LINES)),
            "C=US, O=\"RSA Data Security, Inc.\", OU=Secure Server Certification Authority"
        );
        assert_eq!(
            decode(&rsa, DnFlags::USE_COMMAS),
            decode(&rsa, DnFlags::NONE)
        );
        // DoNotUsePlusSign: multi-valued RDN joined by a space.
        let multi = hex("30223120300C060355040313054A616D65733010060355040A13094D6963726F736F6674");
        assert_eq!(
            decode(&multi, DnFlags::DO_NOT_USE_PLUS_SIGN),
            "CN=James O=Microsoft"
        );
    }

    /// Builds a Name of single-valued RDNs from (oid, tag-hex, text) triples (test helper).
    fn build_name(parts: &[(&str, &str, &str)]) -> Vec<u8> {
        fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
            let mut out = vec![tag];
            if content.len() < 128 {
                out.push(content.len() as u8);
            } else {
                out.push(0x81);
                out.push(content.len() as u8);
            }
            out.extend_from_slice(content);
            out
        }
        fn oid_bytes(oid: &str) -> Vec<u8> {
            let arcs: Vec<u64> = oid.split('.').map(|a| a.parse().unwrap()).collect();
            let mut out = vec![(arcs[0] * 40 + arcs[1]) as u8];
            for &arc in &arcs[2..] {
                let mut stack = vec![(arc & 0x7f) as u8];
                let mut v = arc >> 7;
                while v > 0 {
                    stack.push((v & 0x7f) as u8 | 0x80);
                    v >>= 7;
                }
                stack.reverse();
                out.extend(stack);
            }
            out
        }
        let mut body = Vec::new();
        for (oid, tag_hex, text) in parts {
            let tag = crate::hex::decode(&tag_hex[..2]).unwrap()[0];
            let mut atv = tlv(0x06, &oid_bytes(oid));
            atv.extend(tlv(tag, text.as_bytes()));
            body.extend(tlv(0x31, &tlv(0x30, &atv)));
        }
        tlv(0x30, &body)
    }

    #[test]
    fn rule4_unknown_oid_prints_oid_prefix() {
        // PrintUnknownOidRdn
        assert_eq!(
            none("30183116301406052901020203130B496E76616C6964204F6964"),
            "OID.1.1.1.2.2.3=Invalid Oid"
        );
        // NameWithNumericString
        assert_eq!(
            none("30283117301506052901020203120C313233203635342037383930310D300B0603550403130454657374"),
            "OID.1.1.1.2.2.3=123 654 7890, CN=Test"
        );
        // NameWithSTIdentifierForState: ST is shown as S.
        let der = build_name(&[("2.5.4.6", "13", "US"), ("2.5.4.8", "13", "VA")]);
        assert_eq!(decode(&der, DnFlags::REVERSED), "S=VA, C=US");
        // TpmIdentifiers (values re-encoded as UTF8String by the .NET encoder; "" is quoted).
        let tpm = build_name(&[
            ("2.23.133.2.3", "0C", "id:0020065"),
            ("2.23.133.2.2", "0C", ""),
            ("2.23.133.2.1", "0C", "id:564D5700"),
        ]);
        assert_eq!(
            decode(&tpm, DnFlags::REVERSED),
            "TPMManufacturer=id:564D5700, TPMModel=\"\", TPMVersion=id:0020065"
        );
        // E, DC, G, SN, T, I short names.
        let misc = build_name(&[
            ("0.9.2342.19200300.100.1.25", "16", "com"),
            ("1.2.840.113549.1.9.1", "16", "a@b.c"),
            ("2.5.4.42", "0C", "Ann"),
            ("2.5.4.4", "0C", "Lee"),
            ("2.5.4.12", "0C", "Dr"),
            ("2.5.4.43", "0C", "AL"),
        ]);
        assert_eq!(
            decode(&misc, DnFlags::NONE),
            "DC=com, E=a@b.c, G=Ann, SN=Lee, T=Dr, I=AL"
        );
    }

    #[test]
    fn rule5_non_string_values_print_as_hex() {
        // Format_ComponentWithNonStringContent cases (CN=2.5.4.3, SERIALNUMBER=2.5.4.5, S=2.5.4.8, OID.0.0).
        fn one(oid_hex: &str, value_hex: &str) -> String {
            let atv = format!("06{:02X}{}{}", oid_hex.len() / 2, oid_hex, value_hex);
            let seq = format!("30{:02X}{}", atv.len() / 2, atv);
            let set = format!("31{:02X}{}", seq.len() / 2, seq);
            let name = format!("30{:02X}{}", set.len() / 2, set);
            none(&name)
        }
        assert_eq!(one("550403", "3000"), "CN=#3000");
        assert_eq!(one("550405", "0603550406"), "SERIALNUMBER=#0603550406");
        assert_eq!(one("00", "31020500"), "OID.0.0=#31020500");
        assert_eq!(one("550403", "04023000"), "CN=#3000"); // OCTET STRING is implicitly stripped
        assert_eq!(one("550403", "040404023000"), "CN=#04023000"); // only one OCTET STRING is stripped
        assert_eq!(one("550403", "0303003000"), "CN=#0303003000"); // BIT STRING is not stripped
        assert_eq!(one("550408", "0500"), "S=#0500");
        assert_eq!(one("550408", "0101FF"), "S=#0101FF");
        assert_eq!(one("550403", "0C03233030"), "CN=\"#00\""); // a string "#00" is quoted, hex is not
                                                               // Format_MultiValueComponentWithNonStringContent
        let a = "30070603550403".to_string() + "3000";
        let b = "30070603550408".to_string() + "3100";
        let set1 = format!("3112{a}{b}");
        let s_serial = "300B0603550405".to_string() + "0C0430313233";
        let s_o = "300C060355040A".to_string() + "31055050505050";
        let s_street = "300E0603550409".to_string() + "0C075441434F434154";
        let set2 = format!("312B{s_serial}{s_o}{s_street}");
        let body = format!("{set1}{set2}");
        let name_hex = format!("30{:02X}{}", body.len() / 2, body);
        assert_eq!(
            none(&name_hex),
            "CN=#3000 + S=#3100, SERIALNUMBER=0123 + O=#31055050505050 + STREET=TACOCAT"
        );
    }

    #[test]
    fn rule5_t61_is_utf8_when_valid_else_latin1() {
        // T61Strings cases.
        assert_eq!(
            name(&hex(concat!(
                "308186310b3009060355040613024a50310f300d060355040813064d69796167",
                "69311830160603550407130f53656e64616920497a756d692d6b753117301506",
                "0355040a140e47726170654369747920696e632e311a3018060355040b141154",
                "6f6f6c7320446576656c6f706d656e74311730150603550403140e4772617065",
                "4369747920696e632e"
            ))),
            "CN=GrapeCity inc., OU=Tools Development, O=GrapeCity inc., L=Sendai Izumi-ku, S=Miyagi, C=JP"
        );
        assert_eq!(
            name(&hex(concat!(
                "3081B5310B300906035504061302444B312D302B060355040A14244865646562",
                "792773204DF862656C68616E64656C202F2F204356523A313334373139363731",
                "2F302D060355040314264865646562792773204DF862656C68616E64656C202D",
                "2053616C6773616664656C696E67656E311E301C06092A864886F70D01090116",
                "0F76686D407573652E746573742E646B312630240603550405131D4356523A31",
                "333437313936372D5549443A313231323132313231323132"
            ))),
            "SERIALNUMBER=CVR:13471967-UID:121212121212, E=vhm@use.test.dk, \
             CN=Hedeby's M\u{f8}belhandel - Salgsafdelingen, O=Hedeby's M\u{f8}belhandel // CVR:13471967, C=DK"
        );
        assert_eq!(name(&hex("300D310B300906035504061402C2A2")), "C=\u{a2}");
        assert_eq!(
            name(&hex("300E310C300A06035504071403C2A2F8")),
            "L=\u{c2}\u{a2}\u{f8}"
        );
    }

    #[test]
    fn rule5_bmp_universal_and_trailing_nul() {
        // BMPString (the tab/newline cases below are BMPStrings too).
        assert_eq!(none("3011310F300D06035504031E060041004E0059"), "CN=ANY");
        // UniversalString (UCS-4BE) "Ab"
        let universal = build_name(&[("2.5.4.3", "1C", "\0\0\0A\0\0\0b")]);
        assert_eq!(decode(&universal, DnFlags::NONE), "CN=Ab");
        // Odd-length BMPString does not decode.
        assert_eq!(none("300C310A300806035504031E0141"), "");
        // Trailing NULs are trimmed (X500DictionaryStringHelper: TrimEnd('\0')).
        let nul = build_name(&[("2.5.4.3", "13", "A\0\0")]);
        assert_eq!(decode(&nul, DnFlags::NONE), "CN=A");
    }

    #[test]
    fn rule6_quoting_by_whitespace_and_contents() {
        // WhitespaceBeforeCases / WhitespaceAfterCases
        let cases = [
            (
                "CN=\" Common Name\"",
                "3017311530130603550403130C20436F6D6D6F6E204E616D65",
            ),
            (
                "CN=\"\tCommon Name\"",
                "30233121301F06035504031E1800090043006F006D006D006F006E0020004E0061006D0065",
            ),
            (
                "CN=\"\nCommon Name\"",
                "30233121301F06035504031E18000A0043006F006D006D006F006E0020004E0061006D0065",
            ),
            (
                "CN=\"\rCommon Name\"",
                "30233121301F06035504031E18000D0043006F006D006D006F006E0020004E0061006D0065",
            ),
            (
                "CN=\u{2002}Common Name",
                "30233121301F06035504031E1820020043006F006D006D006F006E0020004E0061006D0065",
            ),
            (
                "CN=\"Common Name \"",
                "3017311530130603550403130C436F6D6D6F6E204E616D6520",
            ),
            (
                "CN=\"Common Name\t\"",
                "30233121301F06035504031E180043006F006D006D006F006E0020004E0061006D00650009",
            ),
            (
                "CN=\"Common Name\n\"",
                "30233121301F06035504031E180043006F006D006D006F006E0020004E0061006D0065000A",
            ),
            (
                "CN=\"Common Name\r\"",
                "30233121301F06035504031E180043006F006D006D006F006E0020004E0061006D0065000D",
            ),
            (
                "CN=Common Name\u{2002}",
                "30233121301F06035504031E180043006F006D006D006F006E0020004E0061006D00652002",
            ),
            // QuotedContentsCases
            ("CN=\"\"", "300B3109300706035504031300"),
            (
                "CN=\"Common,Name\"",
                "3016311430120603550403130B436F6D6D6F6E2C4E616D65",
            ),
            (
                "CN=\"Common+Name\"",
                "3016311430120603550403130B436F6D6D6F6E2B4E616D65",
            ),
            (
                "CN=\"Common=Name\"",
                "3016311430120603550403130B436F6D6D6F6E3D4E616D65",
            ),
            (
                "CN=\"Common\nName\"",
                "3021311F301D06035504031E160043006F006D006D006F006E000A004E0061006D0065",
            ),
            (
                "CN=Common\rName",
                "3021311F301D06035504031E160043006F006D006D006F006E000D004E0061006D0065",
            ),
            (
                "CN=\"Common<Name\"",
                "3021311F301D06035504031E160043006F006D006D006F006E003C004E0061006D0065",
            ),
            (
                "CN=\"Common>Name\"",
                "3021311F301D06035504031E160043006F006D006D006F006E003E004E0061006D0065",
            ),
            (
                "CN=\"Common#Name\"",
                "3021311F301D06035504031E160043006F006D006D006F006E0023004E0061006D0065",
            ),
            (
                "CN=\"Common;Name\"",
                "3021311F301D06035504031E160043006F006D006D006F006E003B004E0061006D0065",
            ),
        ];
        for (expected, der) in cases {
            assert_eq!(none(der), expected, "quoted, {der}");
            // NoQuote* variants: same text without the quotes.
            assert_eq!(
                decode(&hex(der), DnFlags::DO_NOT_USE_QUOTES),
                expected.replace('"', ""),
                "unquoted, {der}"
            );
        }
    }

    #[test]
    fn rule6_inner_quotes_are_doubled() {
        // InternallyQuotedRDNs: (quoted, not quoted, der)
        let cases = [
            (
                "CN=\"Common\"\"Name\"",
                "CN=Common\"Name",
                "3021311F301D06035504031E160043006F006D006D006F006E0022004E0061006D0065",
            ),
            (
                "CN=\"\"\"Common Name\"",
                "CN=\"Common Name",
                "30233121301F06035504031E1800220043006F006D006D006F006E0020004E0061006D0065",
            ),
            (
                "CN=\"Common Name\"\"\"",
                "CN=Common Name\"",
                "30233121301F06035504031E180043006F006D006D006F006E0020004E0061006D00650022",
            ),
        ];
        for (quoted, plain, der) in cases {
            assert_eq!(none(der), quoted);
            assert_eq!(decode(&hex(der), DnFlags::DO_NOT_USE_QUOTES), plain);
        }
    }

    #[test]
    fn encoding_tests_decode_to_their_normalized_text() {
        // X500DistinguishedNameEncodingTests.cs SingleRdnTestCases: each encoding (UTF8String and
        // Windows' BMPString variant) must Format(false) (= Decode(None)) to the normalized text.
        let cases: &[(&str, &[&str])] = &[
            ("CN=Common Name", &["3016311430120603550403130B436F6D6D6F6E204E616D65"]),
            (
                "CN=Comm\u{f3}n Name",
                &[
                    "30173115301306035504030C0C436F6D6DC3B36E204E616D65",
                    "3021311F301D06035504031E160043006F006D006D00F3006E0020004E0061006D0065",
                ],
            ),
            ("E=user@example.com", &["3021311F301D06092A864886F70D010901161075736572406578616D706C652E636F6D"]),
            ("E=Common Name", &["301C311A301806092A864886F70D010901160B436F6D6D6F6E204E616D65"]),
            ("OID.1.1.1.1=Common Name", &["3016311430120603290101130B436F6D6D6F6E204E616D65"]),
            ("CN=\"Name, Common\"", &["3017311530130603550403130C4E616D652C20436F6D6D6F6E"]),
            (
                "CN=\"\"\"Common\"\" Name\"",
                &[
                    "30183116301406035504030C0D22436F6D6D6F6E22204E616D65",
                    "30253123302106035504031E1A00220043006F006D006D006F006E00220020004E0061006D0065",
                ],
            ),
            ("E=\"\"\"user\"\"@example.com\"", &["30233121301F06092A864886F70D0109011612227573657222406578616D706C652E636F6D"]),
            ("CN=\u{65e5}\u{672c}\u{8a9e}", &["30143112301006035504030C09E697A5E69CACE8AA9E", "3011310F300D06035504031E0665E5672C8A9E"]),
            (
                "CN=\"Common Name, E=user@example.com\"",
                &[
                    "302A3128302606035504030C1F436F6D6D6F6E204E616D652C20453D75736572406578616D706C652E636F6D",
                    "30493147304506035504031E3E0043006F006D006D006F006E0020004E0061006D0065002C00200045003D00750073006500720040006500780061006D0070006C0065002E0063006F006D",
                ],
            ),
            ("CN=\u{8}", &["300C310A300806035504030C0108", "300D310B300906035504031E020008"]),
            ("CN=a     \u{8}", &["30123110300E06035504030C0761202020202008", "30193117301506035504031E0E0061002000200020002000200008"]),
            ("CN=\"\"", &["300B3109300706035504031300"]),
            (
                "CN=\"Adjacent Escaped\"\"\"\"Quotes\"",
                &[
                    "30233121301F06035504030C1841646A6163656E742045736361706564222251756F746573",
                    "303B3139303706035504031E3000410064006A006100630065006E0074002000450073006300610070006500640022002200510075006F007400650073",
                ],
            ),
        ];
        for (expected, encodings) in cases {
            for der in *encodings {
                assert_eq!(none(der), *expected, "{der}");
            }
        }
        // EncodeEmptyValue: the empty name.
        assert_eq!(none("3000"), "");
    }

    #[test]
    fn rule7_encoding_flags_do_not_change_decoding() {
        let der = hex(MICROSOFT_DOT_COM_SUBJECT);
        for flag in [
            DnFlags::USE_UTF8_ENCODING,
            DnFlags::USE_T61_ENCODING,
            DnFlags::FORCE_UTF8_ENCODING,
        ] {
            assert_eq!(decode(&der, flag), decode(&der, DnFlags::NONE));
            assert_eq!(decode(&der, flag.union(DnFlags::REVERSED)), name(&der));
        }
    }

    #[test]
    fn flag_names_parse() {
        assert_eq!(
            DnFlags::parse("Reversed,UseSemicolons").unwrap(),
            DnFlags(0x11)
        );
        assert_eq!(DnFlags::parse("none").unwrap(), DnFlags::NONE);
        assert!(DnFlags::parse("Backwards")
            .unwrap_err()
            .contains("Backwards"));
    }

    #[test]
    fn printable_string_outside_its_set_is_shown_and_noted() {
        // Windows shows the bytes; .NET's managed decoder would give "" (documented deviation).
        let der = build_name(&[("2.5.4.11", "13", "Global Technology & Operations")]);
        let rendered = decode_checked(&der, DnFlags::REVERSED).unwrap();
        assert_eq!(rendered.text, "OU=Global Technology & Operations");
        assert_eq!(rendered.notes.len(), 1);
    }
}
