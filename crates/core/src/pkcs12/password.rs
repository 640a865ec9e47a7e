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

/// Every candidate, most likely first (issue 16): the empty password as the BMPString `00 00`,
/// the absent password (what Windows and OpenSSL write for "no password"; two cheap tries that
/// open most exported files), then each non-empty given password in the order given. An empty
/// given password is covered by the two empty forms, which say precisely which one verified.
/// When the key-derivation budget ([`super::kdf::KdfBudget`]) runs out, the candidates not
/// reached are named by position ([`describe_list`]).
pub fn candidates(given: &[String]) -> Vec<Candidate> {
    let mut out = vec![
        Candidate {
            form: PasswordForm::EmptyBmpString,
            bmp: vec![0, 0],
            utf8: Vec::new(),
        },
        Candidate {
            form: PasswordForm::Absent,
            bmp: Vec::new(),
            utf8: Vec::new(),
        },
    ];
    out.extend(
        given
            .iter()
            .enumerate()
            // Skip empty ones and repeats (each costs a full key derivation).
            .filter(|(i, p)| !p.is_empty() && !given[..*i].contains(p))
            .map(|(i, p)| Candidate {
                form: PasswordForm::Given(i),
                bmp: bmp_string_form(p),
                utf8: p.as_bytes().to_vec(),
            }),
    );
    out
}

/// Exactly one non-empty password was given: when it fails to decrypt and nothing verified
/// says the file is intact, a wrong password and damage cannot be told apart.
pub fn only_one_given(given: &[String]) -> bool {
    let mut distinct = given.iter().filter(|p| !p.is_empty());
    distinct
        .next()
        .is_some_and(|first| distinct.all(|p| p == first))
}

/// Candidate forms in words, for a message: the empty forms by name, given passwords by their
/// 1-based position (runs joined: "passwords 32 to 40"), never the passwords themselves.
pub fn describe_list(forms: &[PasswordForm], lang: crate::i18n::Lang) -> String {
    let de = lang == crate::i18n::Lang::De;
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < forms.len() {
        match forms[i] {
            PasswordForm::EmptyBmpString => parts.push(
                if de {
                    "das leere Passwort (BMPString 00 00)"
                } else {
                    "the empty password (BMPString 00 00)"
                }
                .to_string(),
            ),
            PasswordForm::Absent => parts.push(
                if de {
                    "kein Passwort (Länge null)"
                } else {
                    "no password (zero-length)"
                }
                .to_string(),
            ),
            PasswordForm::Given(first) => {
                let mut last = first;
                while let Some(PasswordForm::Given(next)) = forms.get(i + 1) {
                    if *next != last + 1 {
                        break;
                    }
                    last = *next;
                    i += 1;
                }
                parts.push(match (first == last, de) {
                    (true, false) => format!("password {}", first + 1),
                    (true, true) => format!("Passwort {}", first + 1),
                    (false, false) => format!("passwords {} to {}", first + 1, last + 1),
                    (false, true) => format!("Passwörter {} bis {}", first + 1, last + 1),
                });
            }
        }
        i += 1;
    }
    parts.join(", ")
}

/// How [`describe_forms`] names the two empty forms, always tried.
pub const EMPTY_FORMS: [&str; 2] = [
    "the empty password as BMPString 00 00",
    "the absent (zero-length) password",
];

/// `forms_tried` (from [`describe_forms`]) holds only the empty forms: no password was given.
pub fn only_empty_forms(forms_tried: &[String]) -> bool {
    forms_tried
        .iter()
        .all(|f| EMPTY_FORMS.contains(&f.as_str()))
}

/// One entry of [`describe_forms`] in `lang` (the entries are English, as the JSON carries
/// them; the German report names them in German). An entry it did not make stays as it is.
pub fn form_in(form: &str, lang: crate::i18n::Lang) -> String {
    if lang == crate::i18n::Lang::En {
        return form.to_string();
    }
    match form {
        "the given password" => "das angegebene Passwort".to_string(),
        f if f == EMPTY_FORMS[0] => "das leere Passwort als BMPString 00 00".to_string(),
        f if f == EMPTY_FORMS[1] => "das fehlende Passwort (Länge null)".to_string(),
        f => match f.strip_suffix(" given passwords").map(str::parse::<usize>) {
            Some(Ok(n)) => format!("{n} angegebene Passwörter"),
            _ => f.to_string(),
        },
    }
}

/// The entries of [`describe_forms`] in `lang`, comma-separated.
pub fn forms_in(forms: &[String], lang: crate::i18n::Lang) -> String {
    forms
        .iter()
        .map(|f| form_in(f, lang))
        .collect::<Vec<_>>()
        .join(", ")
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
    out.extend(EMPTY_FORMS.iter().map(|f| f.to_string()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every entry `describe_forms` makes has a German name; the English one is kept as is.
    #[test]
    fn forms_are_named_in_german() {
        use crate::i18n::Lang;
        for given in [
            vec![],
            vec!["a".to_string()],
            vec!["a".into(), "b".into(), "c".into()],
        ] {
            let forms = describe_forms(&given);
            for f in &forms {
                assert_eq!(form_in(f, Lang::En), *f);
                assert_ne!(form_in(f, Lang::De), *f, "{f}");
            }
        }
        assert_eq!(
            forms_in(&describe_forms(&["a".into(), "b".into()]), Lang::De),
            "2 angegebene Passwörter, das leere Passwort als BMPString 00 00, das fehlende Passwort (Länge null)"
        );
        assert_eq!(form_in("something else", Lang::De), "something else");
    }

    #[test]
    fn forms() {
        assert_eq!(bmp_string_form("ab"), vec![0, b'a', 0, b'b', 0, 0]);
        assert_eq!(bmp_string_form("世"), vec![0x4e, 0x16, 0, 0]);
        let c = candidates(&["foo".into(), String::new(), "foo".into()]);
        assert_eq!(c.len(), 3);
        assert_eq!(c[0].form, PasswordForm::EmptyBmpString);
        assert_eq!(c[1].form, PasswordForm::Absent);
        assert_eq!(c[2].form, PasswordForm::Given(0));
        assert!(!format!("{:?}", c[2]).contains("foo"));
        assert!(only_one_given(&["a".into(), String::new(), "a".into()]));
        assert!(!only_one_given(&["a".into(), "b".into()]));
        assert!(!only_one_given(&[]));
        let forms = [
            PasswordForm::Absent,
            PasswordForm::Given(0),
            PasswordForm::Given(1),
            PasswordForm::Given(2),
            PasswordForm::Given(5),
        ];
        assert_eq!(
            describe_list(&forms, crate::i18n::Lang::En),
            "no password (zero-length), passwords 1 to 3, password 6"
        );
        assert_eq!(describe_forms(&["x".into()]).len(), 3);
    }
}
