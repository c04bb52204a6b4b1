//! The command line as a pure function: arguments and a file reader in, stdout, stderr and
//! an exit status out. The native binary (`src/main.rs`) and the npm package's `bin` (through
//! the wasm bindings) both call [`run`], so their output is the same byte for byte.

/// Where the command line reads its files from (`-` is standard input).
pub trait Files {
    fn read(&self, path: &str) -> Result<Vec<u8>, String>;
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CliOutput {
    pub stdout: String,
    pub stderr: String,
    /// 0: no error diagnostic; 1: at least one; 2: bad usage, unreadable file, bad scenario.
    pub code: i32,
}

/// Runs `rcml-sip ARGS…` (`args` excludes the program name).
pub fn run(args: &[String], files: &dyn Files) -> CliOutput {
    let _ = (args, files);
    CliOutput { stdout: String::new(), stderr: "rcml-sip: not implemented yet\n".into(), code: 2 }
}
