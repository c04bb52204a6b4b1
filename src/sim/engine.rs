//! The run's shared state: the virtual clock, the seeded generator, the event log with its
//! guards, the application's HTTP answers and the documents the call runs.
//!
//! Time only moves forward: every event is stamped with the current virtual millisecond, and
//! an event can never be stamped earlier than the one before it, so `atMs` never decreases
//! and `seq` follows the order in which causes produced their effects.

use super::behaviour::{self, Behaviour, SidStyle};
use super::output::{Direction, Event, EventBody, Outcome, Params, Purpose};
use super::rng::Rng;
use super::rules;
use super::scenario::{HttpAnswer, Scenario};
use super::sip_message::first_line;
use crate::diagnostics::{self, Diagnostic, Diagnostics, Range, Severity};
use crate::text::{LineIndex, TextRange};
use crate::xml::{Document, ElementId};
use crate::{Options, Profile};

/// At most this many events; then the run stops with `sim/too-many-events`.
pub const MAX_EVENTS: usize = 10_000;
/// At most this many documents fetched (redirects, actions, gathers, screenings).
pub const MAX_DOCUMENTS: u32 = 50;
/// At most this many `<Redirect>` in a row without another verb taking time.
pub const MAX_REDIRECTS: u32 = 20;
/// At most this many challenges answered on one leg (Restcomm-Connect has no limit).
pub const MAX_AUTH_ROUNDS: u32 = 10;
/// The longest a call may last in virtual time (a day); then it is cut.
pub const MAX_CALL_MS: u64 = 24 * 3600 * 1000;

/// A document the call fetched (or the given source), parsed and validated.
pub struct Loaded {
    pub url: String,
    pub source: String,
    pub doc: Document<'static>,
    pub index: LineIndex,
    /// The verbs to run, in order (the platform's pre-order walk).
    pub verbs: Vec<ElementId>,
    /// The platform cannot parse it: the call ends the way the platform ends such calls.
    pub unparseable: bool,
}

impl Loaded {
    /// A located range of this document.
    pub fn range(&self, span: TextRange) -> Range {
        let mut range = Range::unlocated(span);
        for pos in [&mut range.start, &mut range.end] {
            let (line, column) = self.index.line_col(pos.offset);
            pos.line = line;
            pos.column = column;
        }
        range
    }
}

pub struct Sim<'s> {
    pub profile: Profile,
    pub b: Behaviour,
    pub scenario: &'s Scenario,
    pub options: &'s Options,
    pub rng: Rng,
    pub events: Vec<Event>,
    /// Validation of the documents (located), then the run's `sim/*` findings.
    pub diagnostics: Vec<Diagnostic>,
    pub now: u64,
    pub account_sid: String,
    pub instance_id: String,
    /// The caller's leg (the parent call).
    pub call_sid: String,
    /// Every password seen (documents and scenario), repeats included (sorted and deduplicated
    /// once, at the end: thousands of them must not cost a square): scrubbed from the output.
    pub secrets: Vec<String>,
    /// Documents already validated, by URL and body.
    validated: Vec<(String, String)>,
    pub documents: u32,
    /// A guard tripped: nothing more happens.
    pub stopped: bool,
    /// The caller hung up (or was hung up): no document runs any more.
    pub caller_gone: bool,
    /// The platform answered the inbound call (at the first verb other than `<Reject>`).
    pub answered: bool,
    /// The caller's own SIP dialog with the platform.
    pub inbound: super::inbound::Inbound,
    pub outcome: Outcome,
    /// The next unused entry of `call.digits`.
    pub next_digits: usize,
    /// The first document, for redirects to `documentUrl` without an `http` entry.
    pub main_source: &'s str,
}

impl<'s> Sim<'s> {
    pub fn new(source: &'s str, scenario: &'s Scenario, options: &'s Options) -> Self {
        let profile = options.profile;
        let b = behaviour::of(profile);
        let mut rng = Rng::new(scenario.seed);
        let account_sid = format!("AC{}", rng.hex(32));
        let instance_id = format!("ID{}", rng.hex(32));
        let mut sim = Self {
            profile,
            b,
            scenario,
            options,
            rng,
            events: Vec::new(),
            diagnostics: Vec::new(),
            now: 0,
            account_sid,
            instance_id,
            call_sid: String::new(),
            secrets: Vec::new(),
            validated: Vec::new(),
            documents: 0,
            stopped: false,
            caller_gone: false,
            answered: false,
            inbound: super::inbound::Inbound::new(scenario.seed, &scenario.call.from, &scenario.call.to),
            outcome: Outcome::default(),
            next_digits: 0,
            main_source: source,
        };
        sim.call_sid = sim.new_call_sid();
        for e in scenario.endpoints.values() {
            if let Some(auth) = &e.auth {
                sim.secret(&auth.password);
            }
        }
        // The scenario's URLs are matched as written, password included; the password may
        // reach the output in other forms than a URL (a form parameter quoting it).
        let urls = [scenario.document_url.as_str()]
            .into_iter()
            .chain(scenario.http.keys())
            .chain(scenario.media.keys());
        for url in urls {
            for range in crate::secrets::url_passwords(url) {
                sim.secret(range.slice(url));
            }
        }
        sim
    }

    /// Remembers a password to scrub from the output at the end.
    pub fn secret(&mut self, value: &str) {
        if !value.is_empty() {
            self.secrets.push(value.to_owned());
        }
    }

    pub fn new_call_sid(&mut self) -> String {
        match self.b.sid_style {
            SidStyle::InstanceAndCall => format!("{}-CA{}", self.instance_id, self.rng.hex(32)),
            SidStyle::Call => format!("CA{}", self.rng.hex(32)),
        }
    }

    /// Absolute epoch milliseconds of a virtual time.
    pub fn epoch_ms(&self, at: u64) -> i64 {
        self.scenario.start_epoch_ms.saturating_add(i64::try_from(at).unwrap_or(i64::MAX / 2))
    }

    fn push(&mut self, body: EventBody) {
        if self.stopped {
            return;
        }
        if self.events.len() >= MAX_EVENTS {
            self.stop(
                &rules::TOO_MANY_EVENTS,
                format!("the call produced more than {MAX_EVENTS} events; the simulation stopped there"),
            );
            return;
        }
        self.push_unchecked(body);
    }

    fn push_unchecked(&mut self, body: EventBody) {
        let at_ms = self.events.last().map_or(self.now, |e| e.at_ms.max(self.now));
        let seq = self.events.len() as u64;
        self.events.push(Event { seq, at_ms, body });
    }

    pub fn sip(&mut self, leg: &str, direction: Direction, message: String) {
        self.push(EventBody::Sip {
            leg: leg.to_owned(),
            direction,
            first_line: first_line(&message),
            message,
        });
    }

    pub fn webhook(&mut self, purpose: Purpose, method: &str, url: &str, params: Params, leg: Option<&str>) {
        let url = if method == "GET" { with_query(url, &params) } else { url.to_owned() };
        self.push(EventBody::Webhook {
            purpose,
            method: method.to_owned(),
            url,
            params,
            leg: leg.map(str::to_owned),
        });
    }

    pub fn verb(&mut self, loaded: &Loaded, verb: &str, span: TextRange) {
        self.verb_event(verb.to_owned(), loaded.range(span), loaded.url.clone());
    }

    pub fn verb_event(&mut self, verb: String, range: Range, document: String) {
        self.push(EventBody::Verb { verb, range, document });
    }

    /// A note (the generic part only converts: one copy of the rest in the .wasm).
    pub fn note(&mut self, text: impl Into<String>, profile_note: Option<&str>) {
        self.note_text(text.into(), profile_note);
    }

    #[inline(never)]
    fn note_text(&mut self, text: String, profile_note: Option<&str>) {
        let profile_note = profile_note.filter(|n| !n.is_empty()).map(str::to_owned);
        self.push(EventBody::Note { text, profile_note });
    }

    /// A note explaining a profile-dependent decision (`row` of profiles.md).
    pub fn row_note(&mut self, text: impl Into<String>, row: &str) {
        self.row_note_text(text.into(), row);
    }

    #[inline(never)]
    fn row_note_text(&mut self, text: String, row: &str) {
        let note = behaviour::row_note(row).get(self.profile);
        self.note_text(text, Some(note));
    }

    /// A `sim/*` finding of the run (not located in a document: offset 0).
    pub fn finding(&mut self, rule: &'static diagnostics::Rule, message: String) {
        let d = rule.at(self.profile, TextRange::empty(0), message);
        if !d.is_suppressed() {
            let mut d = d;
            diagnostics::locate(std::slice::from_mut(&mut d), &LineIndex::new(""));
            self.diagnostics.push(d);
        }
    }

    /// A guard tripped: report it, note it, and stop producing events.
    pub fn stop(&mut self, rule: &'static diagnostics::Rule, message: String) {
        if self.stopped {
            return;
        }
        self.stopped = true;
        // The last event, past the limit if need be: the reader must see why the run ends.
        self.push_unchecked(EventBody::Note { text: message.clone(), profile_note: None });
        self.finding(rule, message);
    }

    /// Moves the clock forward (never back); past [`MAX_CALL_MS`] the run stops.
    pub fn advance_to(&mut self, at: u64) {
        if at > MAX_CALL_MS {
            self.now = self.now.max(MAX_CALL_MS);
            self.stop(
                &rules::CALL_TOO_LONG,
                "the call would last more than 24 hours: the simulation stopped".into(),
            );
            return;
        }
        self.now = self.now.max(at);
    }

    /// What the application answers to a request (`delayMs` is waited by the caller of this).
    pub fn http(&self, url: &str) -> HttpAnswer {
        self.scenario.http_answer(url)
    }

    /// Parses and validates a document (each URL and body once), collecting its passwords.
    pub fn load(&mut self, url: &str, source: String, screening: bool) -> Loaded {
        let mut diags = Diagnostics::with_limit(self.profile, self.options.max_diagnostics);
        let too_large = source.len() > self.options.max_input_bytes;
        let doc = if too_large {
            diags.report(
                &diagnostics::registry::INPUT_TOO_LARGE,
                TextRange::empty(0),
                format!(
                    "document is {} bytes, over the limit of {} bytes",
                    source.len(),
                    self.options.max_input_bytes
                ),
            );
            Document::default()
        } else {
            crate::xml::parse(&source, &mut diags)
        };
        let context = crate::rcml::Context { screening };
        crate::rcml::check_with(&source, &doc, &mut diags, context);
        let secrets = crate::secrets::Secrets::of(&doc);
        for v in &secrets.values {
            self.secret(v);
        }
        let index = LineIndex::new(&source);
        let mut out = diags.into_sorted();
        let masker = secrets.masker();
        for d in &mut out {
            masker.scrub_diagnostic(d);
        }
        diagnostics::locate(&mut out, &index);
        // V4: with the pre-pass, a bare `&` is fatal only when the pass leaves it bare.
        let repaired = self.b.repairs_bare_ampersands;
        let unparseable = too_large
            || out.iter().any(|d| {
                d.severity == Severity::Error
                    && d.code.starts_with("xml/")
                    && !(d.code == crate::xml::rules::BARE_AMPERSAND.code && repaired)
            })
            || (repaired && !crate::xml::restcomm_connect_repairs_all(&source, &doc.bare_ampersands));
        if !self.validated.iter().any(|(u, s)| u == url && *s == source) {
            let first = self.validated.is_empty();
            self.validated.push((url.to_owned(), source.clone()));
            for mut d in out {
                if !first {
                    // Another document: its ranges do not point into the given source.
                    d.message = format!("in `{url}` (line {}): {}", d.range.start.line, d.message);
                    d.range = Range::unlocated(TextRange::empty(0));
                    diagnostics::locate(std::slice::from_mut(&mut d), &LineIndex::new(""));
                }
                self.diagnostics.push(d);
            }
        }
        let verbs = super::interpreter::verbs_of(&doc, self.profile);
        let doc = doc.into_owned();
        Loaded { url: url.to_owned(), source, doc, index, verbs, unparseable }
    }

    /// Resolves a URL attribute against a document URL; only http(s) URLs are requested
    /// (V21: `javascript:`, `data:`, `ftp:` never are).
    pub fn resolve(&self, base: &str, reference: &str) -> Option<String> {
        let base = url::Url::parse(base).ok()?;
        let url = base.join(reference.trim()).ok()?;
        matches!(url.scheme(), "http" | "https").then(|| String::from(url))
    }

    /// The caller's key presses between `from` (inclusive) and `to` (exclusive), consumed;
    /// presses before `from` are skipped for good.
    pub fn take_digits(&mut self, from: u64, to: u64) -> Option<(u64, String)> {
        while let Some(d) = self.scenario.call.digits.get(self.next_digits) {
            if d.at_ms < from {
                self.next_digits += 1;
                continue;
            }
            if d.at_ms < to {
                self.next_digits += 1;
                return Some((d.at_ms, d.digits.clone()));
            }
            break;
        }
        None
    }

    /// When the caller hangs up, if still to come.
    pub fn caller_hangup_at(&self) -> Option<u64> {
        self.scenario.call.hangup_at_ms.filter(|_| !self.caller_gone)
    }

    /// The final pass: no password anywhere in the output.
    pub fn scrub(&mut self) {
        // The masker sorts the values and drops repeats.
        let secrets =
            crate::secrets::Secrets { ranges: Vec::new(), values: std::mem::take(&mut self.secrets) };
        // One pass per text whatever the number of passwords (a naive replace per password
        // took 100 s for 2000 passwords in a debug build).
        let masker = secrets.masker();
        // Every password value, then every URL's password whatever its spelling (the
        // simulator writes URLs it resolved: percent-encoded, joined to a base with userinfo).
        let secrets = Scrubber(&masker);
        for e in &mut self.events {
            match &mut e.body {
                EventBody::Sip { first_line, message, .. } => {
                    secrets.scrub_in_place(first_line);
                    secrets.scrub_in_place(message);
                }
                EventBody::Webhook { url, params, .. } => {
                    secrets.scrub_in_place(url);
                    for (_, v) in params.0.iter_mut() {
                        if let Some(v) = v {
                            secrets.scrub_in_place(v);
                        }
                    }
                }
                EventBody::Verb { .. } => {}
                EventBody::Note { text, profile_note } => {
                    secrets.scrub_in_place(text);
                    if let Some(n) = profile_note {
                        secrets.scrub_in_place(n);
                    }
                }
            }
        }
        for d in &mut self.diagnostics {
            secrets.scrub_diagnostic(d);
        }
        for dial in &mut self.outcome.dials {
            if let Some(by) = dial.answered_by.as_mut() {
                secrets.scrub_in_place(by);
            }
        }
    }
}

/// The final pass's two scrubs of a text: the known values, then any URL password.
struct Scrubber<'a>(&'a crate::secrets::Masker<'a>);

impl Scrubber<'_> {
    fn scrub_in_place(&self, text: &mut String) {
        self.0.scrub_in_place(text);
        crate::secrets::redact_url_passwords_in_place(text);
    }

    fn scrub_diagnostic(&self, d: &mut crate::Diagnostic) {
        self.0.scrub_diagnostic(d);
        crate::secrets::redact_url_passwords_in_diagnostic(d);
    }
}

/// `url` with the form parameters appended as its query string (GET requests).
pub fn with_query(url: &str, params: &Params) -> String {
    let q = params.encode();
    if q.is_empty() {
        return url.to_owned();
    }
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}{q}")
}
