//! The command line as a pure function: arguments and a file reader in, stdout, stderr and
//! an exit status out. The native binary (`src/main.rs`) and the npm package's `bin` (through
//! the wasm bindings) both call [`run`], so their output is the same byte for byte.
//!
//! ```text
//! rcml-sip check [--profile P] [--format text|json] [--offsets bytes|utf16] FILE...
//! rcml-sip uri [--profile P] [--format text|json] URI
//! rcml-sip simulate [--profile P] [--format text|json] --scenario SCENARIO.json FILE
//! rcml-sip rules [--format text|json]
//! ```

mod render;
mod timeline;

use crate::diagnostics::{Diagnostic, Severity};
use crate::secrets::Secrets;
use crate::sim::{self, Scenario};
use crate::text::LineIndex;
use crate::{Options, Profile};
use std::fmt::Write as _;

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

pub const USAGE: &str = "\
rcml-sip: check RCML documents and simulate the calls they make

usage:
  rcml-sip check [--profile P] [--format text|json] [--offsets bytes|utf16] FILE...   (FILE - = stdin)
  rcml-sip uri [--profile P] [--format text|json] URI
  rcml-sip simulate [--profile P] [--format text|json] --scenario SCENARIO.json FILE
  rcml-sip rules [--format text|json]

profiles: restcomm (default), restcomm-connect, twilio
exit status: 0 no error diagnostic, 1 at least one error, 2 bad usage or unreadable input
";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Offsets {
    Bytes,
    Utf16,
}

struct Args {
    command: String,
    profile: Profile,
    format: Format,
    offsets: Offsets,
    scenario: Option<String>,
    positional: Vec<String>,
}

/// Runs `rcml-sip ARGS…` (`args` excludes the program name).
pub fn run(args: &[String], files: &dyn Files) -> CliOutput {
    let args = match parse_args(args) {
        Ok(Parsed::Run(args)) => args,
        Ok(Parsed::Help) => return CliOutput { stdout: USAGE.to_owned(), ..CliOutput::default() },
        Ok(Parsed::Version) => {
            return CliOutput {
                stdout: format!("rcml-sip {}\n", env!("CARGO_PKG_VERSION")),
                ..CliOutput::default()
            }
        }
        Err(message) => return usage_error(&message),
    };
    match args.command.as_str() {
        "check" => check(&args, files),
        "uri" => uri(&args),
        "simulate" => simulate(&args, files),
        "rules" => rules(&args),
        other => usage_error(&format!("unknown command `{other}`")),
    }
}

/// Exit status 2 for a mistake in the arguments: one line (contracts §3) naming it, and
/// where the usage is.
fn usage_error(message: &str) -> CliOutput {
    input_error(&format!("{message}; run `rcml-sip --help` for usage"))
}

/// Exit status 2 for a file or scenario that cannot be used: one line naming the file and
/// the problem (the arguments were right, so no pointer to the usage).
fn input_error(message: &str) -> CliOutput {
    CliOutput { stderr: error_line(message), code: 2, ..CliOutput::default() }
}

/// `rcml-sip: MESSAGE` and a line feed; a line break inside (a file name, a JSON key) is
/// escaped so that the message stays one line.
fn error_line(message: &str) -> String {
    let mut line = String::from("rcml-sip: ");
    for c in message.chars() {
        if c.is_control() {
            line.extend(c.escape_default());
        } else {
            line.push(c);
        }
    }
    line.push('\n');
    line
}

enum Parsed {
    Help,
    Version,
    Run(Args),
}

fn parse_args(raw: &[String]) -> Result<Parsed, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(raw.iter().cloned());
    let mut args = Args {
        command: String::new(),
        profile: Profile::default(),
        format: Format::Text,
        offsets: Offsets::Bytes,
        scenario: None,
        positional: Vec::new(),
    };
    let text = |v: std::ffi::OsString| v.into_string().map_err(|_| "argument is not valid UTF-8".to_owned());
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => return Ok(Parsed::Help),
            Short('V') | Long("version") => return Ok(Parsed::Version),
            Short('p') | Long("profile") => {
                let value = text(parser.value().map_err(|e| e.to_string())?)?;
                args.profile = value.parse().map_err(|e: crate::UnknownProfile| e.to_string())?;
            }
            Short('f') | Long("format") => {
                args.format = match text(parser.value().map_err(|e| e.to_string())?)?.as_str() {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    other => return Err(format!("unknown format `{other}`: expected `text` or `json`")),
                };
            }
            Long("offsets") => {
                args.offsets = match text(parser.value().map_err(|e| e.to_string())?)?.as_str() {
                    "bytes" => Offsets::Bytes,
                    "utf16" => Offsets::Utf16,
                    other => return Err(format!("unknown offsets `{other}`: expected `bytes` or `utf16`")),
                };
            }
            Short('s') | Long("scenario") => {
                args.scenario = Some(text(parser.value().map_err(|e| e.to_string())?)?);
            }
            Value(value) => {
                let value = text(value)?;
                if args.command.is_empty() {
                    args.command = value;
                } else {
                    args.positional.push(value);
                }
            }
            _ => return Err(arg.unexpected().to_string()),
        }
    }
    if args.command.is_empty() {
        return Ok(Parsed::Help);
    }
    Ok(Parsed::Run(args))
}

/// Reads a file as UTF-8; invalid UTF-8 is a usage error naming the byte offset.
fn read_text(files: &dyn Files, path: &str) -> Result<String, String> {
    let bytes = files.read(path).map_err(|e| format!("cannot read `{path}`: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "`{path}` is not valid UTF-8 (invalid byte at offset {}); RCML documents are UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}

fn check(args: &Args, files: &dyn Files) -> CliOutput {
    if args.positional.is_empty() {
        return usage_error("`check` needs at least one FILE (`-` for standard input)");
    }
    let options = Options::with_profile(args.profile);
    let mut out = CliOutput::default();
    let mut reports = Vec::new();
    for path in &args.positional {
        let source = match read_text(files, path) {
            Ok(s) => s,
            Err(e) => {
                out.stderr.push_str(&error_line(&e));
                out.code = 2;
                continue;
            }
        };
        let mut diagnostics = crate::validate(&source, &options);
        if diagnostics.iter().any(|d| d.severity == Severity::Error) && out.code == 0 {
            out.code = 1;
        }
        match args.format {
            Format::Text => out.stdout.push_str(&render_report(path, &source, &diagnostics)),
            Format::Json => {
                if args.offsets == Offsets::Utf16 {
                    let index = LineIndex::new(&source);
                    for d in &mut diagnostics {
                        d.to_utf16(&index);
                    }
                }
                reports.push(serde_json::json!({ "file": path, "diagnostics": diagnostics }));
            }
        }
    }
    if args.format == Format::Json {
        out.stdout = to_json(&serde_json::Value::Array(reports));
    }
    out
}

/// Code frames for every diagnostic of one file, then a one-line summary.
pub fn render_report(path: &str, source: &str, diagnostics: &[Diagnostic]) -> String {
    let mut text = String::new();
    if !diagnostics.is_empty() {
        // A document over the size limit was not parsed, and is not parsed here for masking
        // either (50 MB would cost a gigabyte): its frame shows no source at all.
        let refused =
            diagnostics.iter().any(|d| d.code == crate::diagnostics::registry::INPUT_TOO_LARGE.code);
        let (masked, secrets) = if refused {
            (String::new(), Secrets::default())
        } else {
            let document = crate::xml::parse(source, &mut crate::Diagnostics::new(Profile::default()));
            let secrets = Secrets::of(&document);
            (secrets.mask_source(source), secrets)
        };
        let source = masked.as_str();
        let index = LineIndex::new(source);
        let masker = secrets.masker();
        for d in diagnostics {
            // The same value written elsewhere (another attribute, a comment) is masked too.
            text.push_str(&masker.mask(&render::code_frame(path, source, &index, d)));
            text.push_str("\n\n");
        }
    }
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    let _ = writeln!(
        text,
        "{path}: {}, {}, {}",
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
        plural(count(Severity::Info), "info")
    );
    text
}

fn plural(n: usize, word: &str) -> String {
    match (n, word) {
        (1, _) | (_, "info") => format!("{n} {word}"),
        _ => format!("{n} {word}s"),
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

fn uri(args: &Args) -> CliOutput {
    let [input] = args.positional.as_slice() else {
        return usage_error("`uri` needs exactly one URI argument");
    };
    let parsed = crate::parse_sip_uri(input, args.profile);
    let code = i32::from(parsed.diagnostics.iter().any(|d| d.severity == Severity::Error));
    let stdout = match args.format {
        Format::Json => to_json(&crate::sip_uri::to_json_value(&parsed)),
        Format::Text => timeline::uri_text(input, &parsed),
    };
    CliOutput { stdout, code, ..CliOutput::default() }
}

fn simulate(args: &Args, files: &dyn Files) -> CliOutput {
    let [path] = args.positional.as_slice() else {
        return usage_error("`simulate` needs exactly one FILE");
    };
    let scenario = match &args.scenario {
        None => Scenario::default(),
        Some(scenario_path) => match read_text(files, scenario_path) {
            Err(e) => return input_error(&e),
            Ok(json) => match Scenario::from_json(&json) {
                Ok(s) => s,
                Err(e) => return input_error(&format!("{scenario_path}: {e}")),
            },
        },
    };
    let source = match read_text(files, path) {
        Ok(s) => s,
        Err(e) => return input_error(&e),
    };
    let simulation = sim::simulate(&source, &scenario, &Options::with_profile(args.profile));
    let code = i32::from(simulation.diagnostics.iter().any(|d| d.severity == Severity::Error));
    let value = serde_json::to_value(&simulation).unwrap_or(serde_json::Value::Null);
    let stdout = match args.format {
        Format::Json => to_json(&value),
        Format::Text => timeline::simulation_text(path, &source, &value, &simulation.diagnostics),
    };
    CliOutput { stdout, code, ..CliOutput::default() }
}

fn rules(args: &Args) -> CliOutput {
    let stdout = match args.format {
        Format::Json => {
            let rules: Vec<_> = crate::rules().map(crate::Rule::to_json_value).collect();
            to_json(&rules)
        }
        Format::Text => timeline::rules_text(),
    };
    CliOutput { stdout, ..CliOutput::default() }
}
