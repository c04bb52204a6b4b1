//! The `rcml-sip` command line; all logic lives in [`rcml_sip::cli::run`].

use rcml_sip::cli::{self, Files};
use std::io::{Read, Write};

struct Disk;

impl Files for Disk {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        if path == "-" {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes).map_err(|e| e.to_string())?;
            Ok(bytes)
        } else {
            std::fs::read(path).map_err(|e| e.to_string())
        }
    }
}

fn main() {
    // A lossy conversion would quietly check another file or URI than the one named.
    let args: Result<Vec<String>, _> = std::env::args_os().skip(1).map(|a| a.into_string()).collect();
    let Ok(args) = args else {
        let _ = writeln!(
            std::io::stderr(),
            "rcml-sip: an argument is not valid UTF-8; run `rcml-sip --help` for usage"
        );
        std::process::exit(2);
    };
    let output = cli::run(&args, &Disk);
    // A closed pipe (`rcml-sip rules | head`) is not an error worth a panic.
    let _ = std::io::stdout().write_all(output.stdout.as_bytes());
    let _ = std::io::stderr().write_all(output.stderr.as_bytes());
    std::process::exit(output.code);
}
