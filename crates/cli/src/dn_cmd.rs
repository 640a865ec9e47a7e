//! `tlsdoctor dn [--flags F[,F...]] HEX`: one JSON string literal, as .NET's
//! `X500DistinguishedName.Decode(flags)` renders the name (core: `x509::dn_dotnet`).

use tlsdoctor_core::x509::dn_dotnet::{self, DnFlags};

use crate::args::Args;

/// Returns the exit code.
pub fn run(args: &Args) -> i32 {
    let flags = match args
        .flags
        .as_deref()
        .map(DnFlags::parse)
        .unwrap_or(Ok(DnFlags::REVERSED))
    {
        Ok(flags) => flags,
        Err(message) => return crate::usage_error(&format!("--flags: {message}")),
    };
    let hex_text: String = args.operands.concat();
    let Some(der) = tlsdoctor_core::hex::decode(hex_text.trim()) else {
        return crate::usage_error(
            "the name must be given as hex (e.g. 300D310B3009060355040613025553)",
        );
    };
    let (text, code) = match dn_dotnet::decode_checked(&der, flags) {
        Ok(rendered) => {
            for note in rendered.notes {
                say!("tlsdoctor: warning: {note}");
            }
            (rendered.text, 0)
        }
        Err(error) => {
            say!("tlsdoctor: warning: the name does not decode ({error}); .NET prints \"\"");
            (String::new(), 1)
        }
    };
    match serde_json::to_string(&text) {
        Ok(json) => crate::output::out(&format!("{json}\n")),
        Err(_) => return 1,
    }
    code
}
