//! The native half of `make bench`: a plain harness (no criterion) built on
//! `std::hint::black_box` and `Instant`, because the figures we need are ratios against a
//! baseline measured in the same run (the floor, interleaved sample by sample on a shared,
//! noisy machine), a JSON summary of our own shape, and a bounded run time; criterion's
//! per-benchmark warm-up and analysis would cost minutes and give neither.
//!
//! Modes:
//! - `cargo bench --bench native` (cargo passes `--bench`): the full run; writes
//!   `target/bench/native.json` and the generated inputs to `target/bench/inputs/` (the
//!   Node half measures the very same files).
//! - `cargo test --bench native` (no `--bench` argument): one iteration of every case on
//!   small sizes, checking the inputs (sizes, no diagnostic): the CI guard; times nothing.
//! - `--once CASE` (`validate-1mb`, `floor-1mb`, `validate-10kb`, `simulate-fork10`, `uri-parse`,
//!   `diagcap-say`/`diagcap-sip`/`diagcap-xml` (1 MB far past the diagnostics cap)…): one call
//!   of one case inside a function named `bench_once_*`, for `valgrind --tool=callgrind
//!   --toggle-collect=...` instruction counts; `--times N` repeats the call (for `perf stat`).
//! - `--scaling`: only the scaling figures of the full run, printed.

mod gen;

use quick_xml::events::Event;
use quick_xml::reader::Reader;
use rcml_sip::sim::{simulate, Scenario};
use rcml_sip::{parse_sip_uri, validate, Options, Profile};
use serde_json::{json, Map, Value};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

const SEED: u64 = 6;
/// The scaling sizes, decimal: 10 MB stays under the default `max_input_bytes` (10 MiB),
/// so every size is measured with `Options::default()`, as users run it.
const SCALING: &[(&str, usize)] =
    &[("10kb", 10_000), ("100kb", 100_000), ("1mb", 1_000_000), ("10mb", 10_000_000)];
const LARGE: usize = 1_000_000;
const FORK_BRANCHES: usize = 10;
/// The profile that accepts a parallel fork without a warning (V5).
const FORK_PROFILE: Profile = Profile::RestcommConnect;

/// The bare quick-xml event loop over `src`, configured as our reader configures it,
/// building nothing: what any validator on quick-xml must at least pay.
fn floor(src: &str) -> usize {
    let mut reader = Reader::from_str(src);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.allow_dangling_amp = true;
    config.check_comments = false;
    let mut events = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) | Err(_) => return events,
            Ok(event) => {
                black_box(&event);
                events += 1;
            }
        }
    }
}

fn validate_len(src: &str) -> usize {
    validate(src, &Options::default()).len()
}

/// Median of `values` (sorted in place); 0 for none.
fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => 0.0,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

/// Nanoseconds per call of `f`, over `iters` calls.
fn sample(f: &mut dyn FnMut() -> usize, iters: u64) -> f64 {
    let start = Instant::now();
    for _ in 0..iters {
        black_box(f());
    }
    start.elapsed().as_nanos() as f64 / iters as f64
}

/// How many calls make one sample of about `ns` nanoseconds (after one warm-up call).
fn calibrate(f: &mut dyn FnMut() -> usize, ns: f64) -> u64 {
    let once = sample(f, 1).max(1.0);
    let probe = ((1e6 / once) as u64).clamp(1, 1_000_000);
    let per = sample(f, probe).max(0.5);
    ((ns / per) as u64).clamp(1, 10_000_000)
}

struct Timing {
    /// Median ns per call.
    ns: f64,
}

/// `samples` samples of about `sample_ns` each; the median ns per call.
fn measure(f: &mut dyn FnMut() -> usize, samples: usize, sample_ns: f64) -> Timing {
    let iters = calibrate(f, sample_ns);
    let mut times: Vec<f64> = (0..samples).map(|_| sample(f, iters)).collect();
    Timing { ns: median(&mut times) }
}

struct Paired {
    a_ns: f64,
    b_ns: f64,
    /// Median of the per-pair ratios a/b: noise that hits both halves of a pair cancels.
    ratio: f64,
}

/// `a` and `b` measured in alternation, pair by pair, order flipped every pair.
fn paired(
    a: &mut dyn FnMut() -> usize,
    b: &mut dyn FnMut() -> usize,
    pairs: usize,
    sample_ns: f64,
) -> Paired {
    let (ia, ib) = (calibrate(a, sample_ns), calibrate(b, sample_ns));
    let (mut ta, mut tb, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..pairs {
        let (x, y) = if i % 2 == 0 {
            let x = sample(a, ia);
            (x, sample(b, ib))
        } else {
            let y = sample(b, ib);
            (sample(a, ia), y)
        };
        ta.push(x);
        tb.push(y);
        ratios.push(x / y.max(1e-9));
    }
    Paired { a_ns: median(&mut ta), b_ns: median(&mut tb), ratio: median(&mut ratios) }
}

fn round(x: f64, digits: i32) -> f64 {
    let p = 10f64.powi(digits);
    (x * p).round() / p
}

fn seeds(root: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Ok(dir) = std::fs::read_dir(root.join("examples")) {
        for entry in dir.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("seed-") && name.ends_with(".xml") {
                if let Ok(text) = std::fs::read_to_string(entry.path()) {
                    out.push((name, text));
                }
            }
        }
    }
    out.sort();
    out
}

fn fork_run(doc: &str, scenario: &Scenario) -> usize {
    let sim = simulate(doc, scenario, &Options::with_profile(FORK_PROFILE));
    sim.diagnostics.len()
}

/// How many events the fork simulation produces (0 while `sim` is a stub).
fn fork_events(doc: &str, scenario: &Scenario) -> usize {
    let sim = simulate(doc, scenario, &Options::with_profile(FORK_PROFILE));
    serde_json::to_value(&sim)
        .ok()
        .and_then(|v| v.get("events").and_then(Value::as_array).map(Vec::len))
        .unwrap_or(0)
}

#[inline(never)]
fn bench_once_validate(src: &str) -> usize {
    validate_len(black_box(src))
}

/// Not the same body as [`bench_once_validate`]: identical functions are merged by the
/// optimiser, and callgrind (which counts by function name) then saw no `validate` call.
#[inline(never)]
fn bench_once_diagcap(src: &str) -> usize {
    validate_len(black_box(src)).wrapping_add(black_box(0))
}

#[inline(never)]
fn bench_once_floor(src: &str) -> usize {
    floor(black_box(src))
}

#[inline(never)]
fn bench_once_simulate(doc: &str, scenario: &Scenario) -> usize {
    fork_run(black_box(doc), scenario)
}

#[inline(never)]
fn bench_once_uri(uris: &[&str]) -> usize {
    uris.iter().map(|u| parse_sip_uri(black_box(u), Profile::Restcomm).diagnostics.len()).sum()
}

/// `--once CASE`: one call, for callgrind (`--times N`: N calls of the validate and floor
/// cases, for `perf stat`).
fn once(case: &str, times: usize) -> Result<(), String> {
    if case == "uri-parse" {
        let bytes: usize = gen::URIS.iter().map(|u| u.len()).sum();
        println!("{case}: {bytes} bytes, {}", bench_once_uri(gen::URIS));
        return Ok(());
    }
    if case == "simulate-fork10" {
        let doc = gen::fork(FORK_BRANCHES);
        let scenario = Scenario::from_json(&gen::fork_scenario(FORK_BRANCHES)).map_err(|e| e.to_string())?;
        println!("{case}: {} bytes, {}", doc.len(), bench_once_simulate(&doc, &scenario));
        return Ok(());
    }
    if let Some(kind) = case.strip_prefix("diagcap-") {
        // `diagcap-say`, `diagcap-sip`, `diagcap-xml`: 1 MB past the diagnostics cap.
        let doc = gen::pathological(LARGE, kind);
        println!("{case}: {} bytes, {}", doc.len(), bench_once_diagcap(&doc));
        return Ok(());
    }
    let (what, size) = case.split_once('-').ok_or(format!("bad case `{case}`"))?;
    let bytes = SCALING
        .iter()
        .find(|(name, _)| *name == size)
        .map(|(_, b)| *b)
        .ok_or(format!("unknown size `{size}`"))?;
    let doc = gen::document(bytes, SEED);
    let mut n = 0;
    for _ in 0..times.max(1) {
        n = match what {
            "validate" => bench_once_validate(&doc),
            "floor" => bench_once_floor(&doc),
            _ => return Err(format!("unknown case `{what}`")),
        };
    }
    println!("{case}: {} bytes, {n}", doc.len());
    Ok(())
}

/// The CI guard: every case once, on small inputs; checks the inputs, times nothing.
fn quick(root: &Path) -> Result<(), String> {
    let mut checks = 0;
    let opts = Options::default();
    for &(name, bytes) in &SCALING[..2] {
        let doc = gen::document(bytes, SEED);
        if doc.len() > bytes || doc.len() + 2_000 < bytes {
            return Err(format!("{name}: generated {} bytes for a target of {bytes}", doc.len()));
        }
        if doc != gen::document(bytes, SEED) {
            return Err(format!("{name}: the generator is not deterministic"));
        }
        let diags = validate(&doc, &opts);
        if let Some(d) = diags.first() {
            return Err(format!(
                "{name}: the generated document has {} diagnostics, first {} {}",
                diags.len(),
                d.code,
                d.message
            ));
        }
        if floor(&doc) == 0 {
            return Err(format!("{name}: the floor read no event"));
        }
        checks += 4;
    }
    let seeds = seeds(root);
    if seeds.is_empty() {
        return Err("no examples/seed-*.xml".into());
    }
    for (_, text) in &seeds {
        black_box(validate(text, &opts));
    }
    checks += 1;
    for uri in gen::URIS {
        if !parse_sip_uri(uri, Profile::Restcomm).valid {
            return Err(format!("benchmark URI `{uri}` is not valid"));
        }
    }
    checks += 1;
    let fork = gen::fork(FORK_BRANCHES);
    if !validate(&fork, &Options::with_profile(FORK_PROFILE)).is_empty() {
        return Err("the fork document has diagnostics".into());
    }
    let scenario = Scenario::from_json(&gen::fork_scenario(FORK_BRANCHES)).map_err(|e| e.to_string())?;
    black_box(fork_run(&fork, &scenario));
    // One INVITE per branch at least: the figure measures a real fork, not an early stop.
    let events = fork_events(&fork, &scenario);
    if events < FORK_BRANCHES {
        return Err(format!("the fork simulation produced {events} events"));
    }
    checks += 1;
    println!("bench quick: {checks} passed, 0 failed");
    Ok(())
}

/// Scaling: ns per byte by size, each paired with the floor on the same bytes; the figures
/// by size and the 10 MB / 10 KB per-byte ratios (validate, floor).
#[allow(clippy::type_complexity)]
fn scaling_pairs(inputs: &Path) -> Result<(Map<String, Value>, Option<(f64, f64)>), String> {
    let mut scaling = Map::new();
    let mut per_byte = Vec::new();
    for &(name, size) in SCALING {
        let doc = gen::document(size, SEED);
        std::fs::write(inputs.join(format!("scale-{name}.xml")), &doc).map_err(|e| e.to_string())?;
        let n = doc.len() as f64;
        let pairs = if size >= 10_000_000 { 5 } else { 9 };
        let p = paired(&mut || validate_len(&doc), &mut || floor(&doc), pairs, 40e6);
        scaling.insert(
            name.to_owned(),
            json!({
                "bytes": doc.len(),
                "validate_ns_per_byte": round(p.a_ns / n, 3),
                "floor_ns_per_byte": round(p.b_ns / n, 3),
                "validate_vs_floor": round(p.ratio, 3),
            }),
        );
        per_byte.push((p.a_ns / n, p.b_ns / n));
    }
    let ratios = match (per_byte.first(), per_byte.last()) {
        (Some(first), Some(last)) => Some((round(last.0 / first.0, 3), round(last.1 / first.1, 3))),
        _ => None,
    };
    Ok((scaling, ratios))
}

/// `--scaling`: the scaling figures of the full run alone (for iterating on them).
fn scaling_only(out_dir: &Path) -> Result<(), String> {
    let inputs = out_dir.join("inputs");
    std::fs::create_dir_all(&inputs).map_err(|e| e.to_string())?;
    let (scaling, ratios) = scaling_pairs(&inputs)?;
    let mut figures = Map::new();
    if let Some((validate, floor)) = ratios {
        figures.insert("scaling_10mb_vs_10kb".into(), json!(validate));
        figures.insert("floor_scaling_10mb_vs_10kb".into(), json!(floor));
    }
    figures.insert("scaling".into(), Value::Object(scaling));
    let text = serde_json::to_string_pretty(&Value::Object(figures)).map_err(|e| e.to_string())?;
    println!("{text}");
    Ok(())
}

fn full(root: &Path, out_dir: &Path) -> Result<(), String> {
    let started = Instant::now();
    let inputs = out_dir.join("inputs");
    std::fs::create_dir_all(&inputs).map_err(|e| e.to_string())?;
    let mut figures = Map::new();
    let mut put = |k: &str, v: Value| {
        figures.insert(k.to_owned(), v);
    };

    // The documentation examples: median µs per call, then the median over examples.
    let mut per_seed = Map::new();
    let mut seed_us = Vec::new();
    for (name, text) in seeds(root) {
        let t = measure(&mut || validate_len(&text), 15, 5e6);
        per_seed.insert(name.clone(), json!(round(t.ns / 1e3, 3)));
        seed_us.push(t.ns / 1e3);
    }
    put("validate_native_small_us", json!(round(median(&mut seed_us), 3)));
    put("validate_native_seed_us", Value::Object(per_seed));

    // The 1 MB document against the floor, in pairs.
    let large = gen::document(LARGE, SEED);
    std::fs::write(inputs.join("large-1mb.xml"), &large).map_err(|e| e.to_string())?;
    let bytes = large.len() as f64;
    let p = paired(&mut || validate_len(&large), &mut || floor(&large), 15, 60e6);
    put("large_bytes", json!(large.len()));
    put("large_diagnostics", json!(validate_len(&large)));
    put("validate_native_ns_per_byte", json!(round(p.a_ns / bytes, 3)));
    put("floor_native_ns_per_byte", json!(round(p.b_ns / bytes, 3)));
    put("validate_vs_floor", json!(round(p.ratio, 3)));
    put("validate_native_1mb_ms", json!(round(p.a_ns / 1e6, 3)));

    // SIP URIs: median ns per parse over the typical shapes.
    let mut uri_ns: Vec<f64> = gen::URIS
        .iter()
        .map(|u| measure(&mut || parse_sip_uri(u, Profile::Restcomm).diagnostics.len(), 9, 5e6).ns)
        .collect();
    put("sip_uri_parse_ns", json!(round(median(&mut uri_ns), 1)));

    // A 10-branch parallel fork.
    let fork = gen::fork(FORK_BRANCHES);
    std::fs::write(inputs.join("fork10.xml"), &fork).map_err(|e| e.to_string())?;
    let scenario_json = gen::fork_scenario(FORK_BRANCHES);
    std::fs::write(inputs.join("fork10.scenario.json"), &scenario_json).map_err(|e| e.to_string())?;
    let scenario = Scenario::from_json(&scenario_json).map_err(|e| e.to_string())?;
    let t = measure(&mut || fork_run(&fork, &scenario), 11, 5e6);
    put("simulate_fork10_us", json!(round(t.ns / 1e3, 3)));
    put("simulate_fork10_events", json!(fork_events(&fork, &scenario)));

    let (scaling, ratios) = scaling_pairs(&inputs)?;
    if let Some((validate, floor)) = ratios {
        put("scaling_10mb_vs_10kb", json!(validate));
        put("floor_scaling_10mb_vs_10kb", json!(floor));
    }
    put("scaling", Value::Object(scaling));
    put("native_seconds", json!(round(started.elapsed().as_secs_f64(), 1)));

    let text = serde_json::to_string_pretty(&Value::Object(figures)).map_err(|e| e.to_string())?;
    std::fs::write(out_dir.join("native.json"), format!("{text}\n")).map_err(|e| e.to_string())?;
    println!("{text}");
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out_dir = args
        .iter()
        .position(|a| a == "--out")
        .and_then(|i| args.get(i + 1))
        .map_or_else(|| root.join("target").join("bench"), PathBuf::from);
    let times = args
        .iter()
        .position(|a| a == "--times")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    let result = if let Some(case) = args.iter().position(|a| a == "--once").and_then(|i| args.get(i + 1)) {
        once(case, times)
    } else if args.iter().any(|a| a == "--scaling") {
        scaling_only(&out_dir)
    } else if args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--quick") {
        full(&root, &out_dir)
    } else {
        quick(&root)
    };
    if let Err(e) = result {
        eprintln!("bench: {e}");
        std::process::exit(1);
    }
}
