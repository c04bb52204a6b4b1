//! The `rcml-sip` command line.

fn main() {
    std::process::exit(2);
}
