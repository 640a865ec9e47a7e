//! Generates a realistic Exchange SMTP protocol-log set for the benchmark (`bench/logs.sh`,
//! `bench/log_table.sh`).
//!
//! usage: cargo run --release -p tlsdoctor-cli --example genlog -- OUT_DIR TOTAL_MB
//!
//! Writes `SEND2024050[1-9]-N.LOG` / `RECV...-N.LOG` files of about 10 MB each (Exchange's
//! default size), alternating Send and Receive logs, 20 sessions interleaved. The generator is
//! `tlsdoctor_core::log::genlog` (the reader's equivalence test reads the same shapes).
//! Deterministic (fixed xorshift seed).

use tlsdoctor_core::log::genlog::{Generator, FILE_BYTES};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(total)) = (
        args.first(),
        args.get(1).and_then(|s| s.parse::<u64>().ok()),
    ) else {
        eprintln!("usage: genlog OUT_DIR TOTAL_MB");
        std::process::exit(2);
    };
    std::fs::create_dir_all(dir)?;
    let mut generator = Generator::new(total * 1024 * 1024, FILE_BYTES, 20, false);
    let (mut files, mut written) = (0u64, 0u64);
    while let Some((name, bytes)) = generator.next_file() {
        std::fs::write(format!("{dir}/{name}"), &bytes)?;
        files += 1;
        written += bytes.len() as u64;
    }
    eprintln!(
        "genlog: {files} files, {written} bytes, {} sessions in {dir}",
        generator.sessions()
    );
    Ok(())
}
