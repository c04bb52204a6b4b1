#!/usr/bin/env node
"use strict";
// `npx rcml-sip check|uri|simulate|rules`: the native command line's own code (`cli::run`,
// compiled to wasm), given the files it asks for; same stdout, stderr and exit status.
const fs = require("node:fs");
const { runCli } = require("../node/rcml_sip.cjs");

// The native binary prints Rust's wording of an I/O error; say the same for the usual ones.
const RUST_IO_ERRORS = {
  ENOENT: "No such file or directory (os error 2)",
  EACCES: "Permission denied (os error 13)",
  EISDIR: "Is a directory (os error 21)",
  ENOTDIR: "Not a directory (os error 20)",
};

function readFile(path) {
  try {
    return path === "-" ? fs.readFileSync(0) : fs.readFileSync(path);
  } catch (error) {
    throw new Error(RUST_IO_ERRORS[error.code] ?? error.message);
  }
}

const out = runCli(process.argv.slice(2), readFile);
process.stdout.write(out.stdout);
process.stderr.write(out.stderr);
process.exitCode = out.code;
