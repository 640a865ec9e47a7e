//! Tiny DER builders for hand-made PKCS#12 structures in tests.

/// DER TLV with a definite length.
pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = content.len();
    if n < 0x80 {
        out.push(n as u8);
    } else if n < 0x100 {
        out.extend_from_slice(&[0x81, n as u8]);
    } else if n < 0x10000 {
        out.extend_from_slice(&[0x82, (n >> 8) as u8, n as u8]);
    } else {
        out.extend_from_slice(&[0x83, (n >> 16) as u8, (n >> 8) as u8, n as u8]);
    }
    out.extend_from_slice(content);
    out
}

pub fn seq(parts: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

pub fn oid(dotted: &str) -> Vec<u8> {
    let arcs: Vec<u64> = dotted.split('.').map(|a| a.parse().unwrap()).collect();
    let mut body = vec![(arcs[0] * 40 + arcs[1]) as u8];
    for &arc in &arcs[2..] {
        let mut bytes = vec![(arc & 0x7f) as u8];
        let mut v = arc >> 7;
        while v > 0 {
            bytes.push((v & 0x7f) as u8 | 0x80);
            v >>= 7;
        }
        bytes.reverse();
        body.extend(bytes);
    }
    tlv(0x06, &body)
}

pub fn int(v: u64) -> Vec<u8> {
    let mut bytes: Vec<u8> = v
        .to_be_bytes()
        .iter()
        .copied()
        .skip_while(|&b| b == 0)
        .collect();
    if bytes.first().is_none_or(|b| b & 0x80 != 0) {
        bytes.insert(0, 0);
    }
    tlv(0x02, &bytes)
}

/// BMPString (UTF-16BE).
pub fn bmp(text: &str) -> Vec<u8> {
    tlv(
        0x1e,
        &text
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect::<Vec<u8>>(),
    )
}

/// `PKCS12Attribute ::= SEQUENCE { attrId, attrValues SET OF ANY }` with one value.
pub fn attribute(id: &str, value: Vec<u8>) -> Vec<u8> {
    seq(&[oid(id), tlv(0x31, &value)])
}

/// `SafeBag ::= SEQUENCE { bagId, bagValue [0] EXPLICIT, bagAttributes SET OPTIONAL }`.
pub fn safe_bag(bag_id: &str, value: Vec<u8>, attributes: &[Vec<u8>]) -> Vec<u8> {
    let mut parts = vec![oid(bag_id), tlv(0xa0, &value)];
    if !attributes.is_empty() {
        parts.push(tlv(0x31, &attributes.concat()));
    }
    seq(&parts)
}

/// A PFX without MacData around an AuthenticatedSafe of the given ContentInfos.
pub fn pfx_without_mac(content_infos: &[Vec<u8>]) -> Vec<u8> {
    let auth_safe = seq(content_infos);
    seq(&[int(3), data_content_info(&auth_safe)])
}

/// `ContentInfo { data, [0] OCTET STRING }`.
pub fn data_content_info(octets: &[u8]) -> Vec<u8> {
    seq(&[oid("1.2.840.113549.1.7.1"), tlv(0xa0, &tlv(0x04, octets))])
}
