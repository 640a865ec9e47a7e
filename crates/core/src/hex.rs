//! Uppercase hex, the way Windows prints thumbprints and serial numbers.

/// Uppercase hex without separators.
pub fn upper(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 0x0f) as usize] as char);
    }
    s
}

/// Parses hex (either case, optional spaces or colons between bytes). `None` when not hex.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    let digits: Vec<u8> = text
        .bytes()
        .filter(|b| !matches!(b, b' ' | b':' | b'\t'))
        .collect();
    if !digits.len().is_multiple_of(2) {
        return None;
    }
    digits
        .chunks(2)
        .map(|pair| {
            let hi = (pair[0] as char).to_digit(16)?;
            let lo = (pair[1] as char).to_digit(16)?;
            Some((hi * 16 + lo) as u8)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn round_trip() {
        assert_eq!(super::upper(&[0x00, 0xab, 0x1f]), "00AB1F");
        assert_eq!(super::decode("00ab1F").unwrap(), vec![0x00, 0xab, 0x1f]);
        assert_eq!(super::decode("0a:b1").unwrap(), vec![0x0a, 0xb1]);
        assert!(super::decode("abc").is_none());
        assert!(super::decode("zz").is_none());
    }
}
