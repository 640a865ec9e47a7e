//! Candidate passwords and their byte forms.
//!
//! RFC 7292 Appendix B.1: the PKCS#12 KDF takes the password as a BMPString (UTF-16BE)
//! *with* two trailing zero octets; the empty password is then `00 00`. Many tools (OpenSSL
//! patched for NULL, Windows for "no password") use the zero-length input instead, so both
//! forms are tried. PBES2 (RFC 8018) takes the password octets as given (UTF-8), which is what
//! OpenSSL, BoringSSL and Windows feed PBKDF2.
//!
//! The password text itself is never formatted into a message: only its [`PasswordForm`].

/// Which candidate verified or decrypted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordForm {
    /// The n-th password the user gave (0-based).
    Given(usize),
    /// The empty password as the BMPString `00 00`.
    EmptyBmpString,
    /// The absent password: zero-length input.
    Absent,
}

impl PasswordForm {
    /// The contract's `password_form` value.
    pub fn contract_name(self) -> &'static str {
        match self {
            PasswordForm::Given(_) => "given",
            PasswordForm::EmptyBmpString => "empty-bmpstring",
            PasswordForm::Absent => "absent",
        }
    }
}

/// One candidate password in both byte forms.
#[derive(Clone)]
pub struct Candidate {
    pub form: PasswordForm,
    /// BMPString with trailing `00 00` (or empty for [`PasswordForm::Absent`]).
    pub bmp: Vec<u8>,
    /// UTF-8 octets, for PBES2/PBKDF2.
    pub utf8: Vec<u8>,
}

// Deliberately no Debug output of the password bytes.
impl std::fmt::Debug for Candidate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Candidate({:?})", self.form)
    }
}

/// The BMPString form (UTF-16BE plus `00 00`) of a password.
pub fn bmp_string_form(password: &str) -> Vec<u8> {
    password
        .encode_utf16()
        .chain(std::iter::once(0))
        .flat_map(u16::to_be_bytes)
        .collect()
}

/// Every candidate, in the order tried: each non-empty given password, then the empty
/// BMPString, then the absent password. An empty given password is covered by the two
/// empty forms, which say precisely which one verified.
pub fn candidates(given: &[String]) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = given
        .iter()
        .enumerate()
        // Skip empty ones and repeats (each costs a full key derivation).
        .filter(|(i, p)| !p.is_empty() && !given[..*i].contains(p))
        .map(|(i, p)| Candidate {
            form: PasswordForm::Given(i),
            bmp: bmp_string_form(p),
            utf8: p.as_bytes().to_vec(),
        })
        .collect();
    out.push(Candidate {
        form: PasswordForm::EmptyBmpString,
        bmp: vec![0, 0],
        utf8: Vec::new(),
    });
    out.push(Candidate {
        form: PasswordForm::Absent,
        bmp: Vec::new(),
        utf8: Vec::new(),
    });
    out
}

/// The forms tried, for a wrong-password message (never the passwords).
pub fn describe_forms(given: &[String]) -> Vec<String> {
    let n = given
        .iter()
        .enumerate()
        .filter(|(i, p)| !p.is_empty() && !given[..*i].contains(p))
        .count();
    let mut out = Vec::new();
    match n {
        0 => {}
        1 => out.push("the given password".to_string()),
        n => out.push(format!("{n} given passwords")),
    }
    out.push("the empty password as BMPString 00 00".to_string());
    out.push("the absent (zero-length) password".to_string());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert_eq!(bmp_string_form("ab"), vec![0, b'a', 0, b'b', 0, 0]);
        assert_eq!(bmp_string_form("世"), vec![0x4e, 0x16, 0, 0]);
        let c = candidates(&["foo".into(), String::new(), "foo".into()]);
        assert_eq!(c.len(), 3);
        assert_eq!(c[0].form, PasswordForm::Given(0));
        assert!(!format!("{:?}", c[0]).contains("foo"));
        assert_eq!(describe_forms(&["x".into()]).len(), 3);
    }
}
