//! The page's frame around offline use and the empty state: what to collect on the Exchange
//! server and how (the collector script, or three commands by hand), the "download this page"
//! link, the installed page's version and update notice. One table per language,
//! [`super::en::GUIDE`] / [`super::de::GUIDE`]; the commands themselves are the same in every
//! language and come from [`crate::diagnose::powershell::collect_commands`].

use super::Lang;

/// Every sentence of the empty state and of the offline/update notices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GuideText {
    /// Heading of the empty state.
    pub collect_heading: &'static str,
    /// What tlsdoctor reads, in one sentence.
    pub collect_intro: &'static str,
    /// Heading of the collector option.
    pub collector_heading: &'static str,
    /// How to run the collector and what to drop.
    pub collector_text: &'static str,
    /// Heading of the by-hand option.
    pub manual_heading: &'static str,
    /// What to do with each command's output.
    pub manual_text: &'static str,
    /// Step 1: the certificates.
    pub step_certificates: &'static str,
    /// Step 2: the connectors.
    pub step_connectors: &'static str,
    /// Step 3: the protocol log folders, and which files to take.
    pub step_logs: &'static str,
    /// What the copy button copies (for screen readers).
    pub commands_label: &'static str,
    /// The link to the one-file page.
    pub offline_download: &'static str,
    /// What the one-file page is.
    pub offline_hint: &'static str,
    /// Label before the build id of the page.
    pub build_label: &'static str,
    /// A newer version of the installed page is waiting.
    pub update_ready: &'static str,
    /// The button that switches to it.
    pub update_button: &'static str,
}

/// The table for `lang`.
pub fn guide(lang: Lang) -> &'static GuideText {
    match lang {
        Lang::En => &super::en::GUIDE,
        Lang::De => &super::de::GUIDE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sentence_is_filled_in_and_translated() {
        let (en, de) = (guide(Lang::En), guide(Lang::De));
        for t in [en, de] {
            let dbg = format!("{t:?}");
            assert!(!dbg.contains(": \"\""), "empty sentence in {dbg}");
        }
        // Field by field: a German table that copied an English sentence would show here.
        let pairs = [
            (en.collect_heading, de.collect_heading),
            (en.collect_intro, de.collect_intro),
            (en.collector_heading, de.collector_heading),
            (en.collector_text, de.collector_text),
            (en.manual_heading, de.manual_heading),
            (en.manual_text, de.manual_text),
            (en.step_certificates, de.step_certificates),
            (en.step_connectors, de.step_connectors),
            (en.step_logs, de.step_logs),
            (en.commands_label, de.commands_label),
            (en.offline_download, de.offline_download),
            (en.offline_hint, de.offline_hint),
            (en.update_ready, de.update_ready),
            (en.update_button, de.update_button),
        ];
        for (e, d) in pairs {
            assert_ne!(e, d, "untranslated: {e}");
        }
    }

    #[test]
    fn the_collector_is_named_the_same_in_both_languages() {
        for lang in [Lang::En, Lang::De] {
            let t = guide(lang);
            assert!(
                t.collector_text.contains("Collect-TlsEvidence.ps1"),
                "{lang:?}"
            );
            assert!(
                t.collector_text.contains("tlsdoctor collect-script"),
                "{lang:?}"
            );
            assert!(t.collector_text.contains(".zip"), "{lang:?}");
            // The protocol log folders are named as Exchange names them.
            assert!(t.step_logs.contains("SmtpSend") && t.step_logs.contains("SmtpReceive"));
        }
    }
}
