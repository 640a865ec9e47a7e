#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| tlsdoctor_core::fuzz_entry::pkcs12_password(data));
