//! Archives given as input: a `.zip` (the collector's output, a log folder zipped with
//! `Compress-Archive`) is streamed, and each entry is handed on as the file it is
//! (see [`zip::ZipStream`] and [`crate::analyze`]). Caps: [`crate::limits`] (`MAX_ZIP_*`).

pub mod zip;

pub use zip::{looks_like_zip, ArchiveError, EntrySink, ZipBudget, ZipStream};
