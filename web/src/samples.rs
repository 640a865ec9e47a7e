//! The bundled sample files behind "Try with sample files": compiled into the worker so that a
//! first-time visitor sees a real diagnosis without having any file at hand
//! (`testdata/samples/`, described in `testdata/README.md`):
//! * KB 4495258: a Send protocol log whose outbound sessions fail with `NoCredentials`, and the
//!   certificate it names, exported without its private key;
//! * the renewal trap: an old and a renewed certificate with the same issuer and subject.
//!
//! Paths are the ones shown in the report.

pub const SAMPLES: &[(&str, &[u8])] = &[
    (
        "samples/SEND20240502-1.LOG",
        include_bytes!("../../testdata/samples/SEND20240502-1.LOG"),
    ),
    (
        "samples/testservereku.contoso.com.cer",
        include_bytes!("../../testdata/samples/testservereku.contoso.com.cer"),
    ),
    (
        "samples/widgits-2014-old.cer",
        include_bytes!("../../testdata/samples/widgits-2014-old.cer"),
    ),
    (
        "samples/widgits-2016-new.cer",
        include_bytes!("../../testdata/samples/widgits-2016-new.cer"),
    ),
];
