#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| tlsdoctor_core::fuzz_entry::markdown_export(data));
