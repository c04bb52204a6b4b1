//! The caller's interpreter: fetches documents, walks their verbs in the platform's order and
//! gives each its virtual duration; `<Dial>` goes to [`super::dial`].
//!
//! Virtual durations (profiles.md, smaller decisions): `<Say>` 400 ms per word times `loop`;
//! `<Play>` 5000 ms times `loop` unless `media` gives a duration; `<Pause>` its `length`
//! (default 1 s); `<Gather>` plays its nested verbs, then waits `timeout` (default 5 s) after
//! the prompts or after the last key; `<Record>` ends at a `finishOnKey` key or after `timeout`
//! seconds of silence (the simulated caller says nothing), at most `maxLength`. Everything
//! the platform does itself takes no time.

use super::engine::{Loaded, Sim, MAX_DOCUMENTS, MAX_REDIRECTS};
use super::output::{Params, Purpose};
use super::{dial, inbound, params, rules};
use crate::rcml::schema::{self, ElementKind};
use crate::xml::{Document, Element, ElementId};
use crate::Profile;

pub const SAY_MS_PER_WORD: u64 = 400;
pub const PLAY_MS: u64 = 5000;

/// What the call does after a verb.
pub enum Flow {
    Next,
    /// Request a document and run it (`run: false`: request only, then hang up).
    Fetch(Fetch),
    /// The call is over.
    End,
}

pub struct Fetch {
    pub purpose: Purpose,
    pub method: String,
    pub url: String,
    pub params: Params,
    /// Whether the returned document runs.
    pub run: bool,
    pub redirect: bool,
}

/// The verbs of a document in the order the platform runs them: a pre-order walk over every
/// element known as a verb under the profile, skipping what is nested in another verb
/// (`<Say>` inside `<Gather>` belongs to the `<Gather>`); unknown wrappers are transparent.
pub fn verbs_of(doc: &Document, profile: Profile) -> Vec<ElementId> {
    let is_verb = |e: &Element| {
        schema::element(e.name).is_some_and(|s| s.kind == ElementKind::Verb && s.exists_in(profile))
    };
    let mut inside_verb = vec![false; doc.elements.len()];
    let mut out = Vec::new();
    for (id, e) in doc.iter() {
        let e = &e;
        let parent_inside = e.parent.and_then(|p| inside_verb.get(p.0 as usize).copied()).unwrap_or(false);
        let verb = is_verb(e);
        if verb && !parent_inside {
            out.push(id);
        }
        if let Some(slot) = inside_verb.get_mut(id.0 as usize) {
            *slot = parent_inside || verb;
        }
    }
    out
}

/// Runs the whole call: the first document at t = 0, then whatever it leads to.
pub fn run(sim: &mut Sim) {
    let url = &sim.scenario.document_url;
    let call_sid = sim.call_sid.clone();
    inbound::arrive(sim);
    sim.webhook(Purpose::Document, "POST", url, params::voice(sim, "ringing"), Some(&call_sid));
    sim.documents = 1;
    let mut current = sim.load(url, sim.main_source.to_owned(), false);
    let mut redirects = 0u32;
    'documents: loop {
        if current.unparseable {
            sim.note(
                format!("the platform cannot parse `{}`: it hangs up the call", current.url),
                Some(
                    "a document with XML errors ends the call on every platform (V4: the Restcomm profiles first \
                     repair the first bare `&` of each `;`-free stretch)",
                ),
            );
            end_call(sim);
            return;
        }
        let mut next_verb = 0;
        while let Some(&id) = current.verbs.get(next_verb) {
            next_verb += 1;
            if sim.stopped || sim.caller_gone {
                break 'documents;
            }
            let before = sim.now;
            let flow = exec(sim, &current, id);
            if sim.now > before {
                redirects = 0;
            }
            match flow {
                Flow::Next => {}
                Flow::End => break 'documents,
                Flow::Fetch(f) => {
                    redirects = if f.redirect { redirects + 1 } else { 0 };
                    if redirects > MAX_REDIRECTS {
                        sim.stop(
                            &rules::REDIRECT_LOOP,
                            format!(
                                "more than {MAX_REDIRECTS} redirects in a row without a verb taking time"
                            ),
                        );
                        break 'documents;
                    }
                    match fetch(sim, f) {
                        Some(next) => {
                            current = next;
                            continue 'documents;
                        }
                        None => break 'documents,
                    }
                }
            }
        }
        if !sim.caller_gone && !sim.stopped {
            // A document that runs to its end was answered, even with nothing in it.
            inbound::answer(sim);
            sim.note("no verb left: the platform hangs up the call", None);
        }
        break;
    }
    end_call(sim);
}

/// The call ends now (if it has not already).
pub fn end_call(sim: &mut Sim) {
    if sim.outcome.call_status.is_empty() {
        sim.outcome.call_status = if sim.answered { "completed" } else { "failed" };
        sim.outcome.ended_at_ms = sim.events.last().map_or(sim.now, |e| e.at_ms.max(sim.now));
    }
    inbound::platform_hangs_up(sim);
    sim.caller_gone = true;
}

/// The caller hangs up now.
pub fn caller_hangs_up(sim: &mut Sim) {
    if sim.caller_gone {
        return;
    }
    sim.note("the caller hangs up", None);
    inbound::caller_hangs_up(sim);
    end_call(sim);
}

/// Requests a document; returns it when it is to run.
pub fn fetch(sim: &mut Sim, f: Fetch) -> Option<Loaded> {
    sim.documents += 1;
    if sim.documents > MAX_DOCUMENTS {
        sim.stop(
            &rules::TOO_MANY_DOCUMENTS,
            format!("the call requested more than {MAX_DOCUMENTS} documents; the simulation stopped there"),
        );
        return None;
    }
    let call_sid = sim.call_sid.clone();
    sim.webhook(f.purpose, &f.method, &f.url, f.params, Some(&call_sid));
    if !f.run {
        return None;
    }
    let answer = sim.http(&f.url);
    if !sleep(sim, answer.delay_ms) {
        return None;
    }
    let source = if sim.scenario.has_http(&f.url) || f.url != sim.scenario.document_url {
        match document_body(&answer) {
            Some(body) => body,
            None => {
                sim.note(
                    format!(
                        "`{}` answered {} ({}): the platform hangs up the call",
                        f.url, answer.status, answer.content_type
                    ),
                    None,
                );
                return None;
            }
        }
    } else {
        sim.main_source.to_owned()
    };
    Some(sim.load(&f.url, source, false))
}

/// The RCML a response stands for (content types of section 2 of the reference).
pub fn document_body(answer: &super::scenario::HttpAnswer) -> Option<String> {
    if !(200..300).contains(&answer.status) {
        return None;
    }
    let ct = answer.content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    match ct.as_str() {
        "text/xml" | "application/xml" | "text/html" => Some(answer.body.clone()),
        "text/plain" => Some(format!("<Response><Say>{}</Say></Response>", escape(&answer.body))),
        _ => None,
    }
}

fn escape(s: &str) -> String {
    super::sip_message::escape(s, &[('&', "&amp;"), ('<', "&lt;"), ('>', "&gt;")])
}

/// Lets `ms` of virtual time pass for the caller; `false` when the caller hung up meanwhile.
pub fn sleep(sim: &mut Sim, ms: u64) -> bool {
    let target = sim.now.saturating_add(ms);
    if let Some(h) = sim.caller_hangup_at() {
        if h <= target {
            sim.advance_to(h);
            caller_hangs_up(sim);
            return false;
        }
    }
    sim.advance_to(target);
    !sim.stopped
}

pub fn attr<'a>(e: &'a Element, name: &str) -> Option<&'a str> {
    e.attribute(name).map(|a| a.value.trimmed().0).filter(|v| !v.is_empty())
}

/// An element's text as the platform reads it: trimmed; when text is split around child
/// elements, the last non-blank chunk.
pub fn text_of<'d>(e: &Element<'d>) -> &'d str {
    let mut last = "";
    for t in e.texts() {
        let (trimmed, _) = t.value.trimmed();
        if !trimmed.is_empty() {
            last = trimmed;
        }
    }
    last
}

fn number(e: &Element, name: &str, default: u64) -> u64 {
    attr(e, name).and_then(|v| v.parse::<u64>().ok()).unwrap_or(default)
}

/// `GET` or `POST` from a method attribute (default POST; anything else is POST too).
pub fn method(e: &Element, name: &str) -> String {
    match attr(e, name) {
        Some(m) if m.eq_ignore_ascii_case("GET") => "GET".to_owned(),
        _ => "POST".to_owned(),
    }
}

/// The virtual duration of a prompt verb (`Say`, `Play`, `Pause`), `None` for `loop="0"`.
pub fn prompt_ms(sim: &Sim, loaded: &Loaded, e: &Element) -> Option<u64> {
    let times = number(e, "loop", 1);
    let once = match e.name {
        "Say" => text_of(e).split_whitespace().count() as u64 * SAY_MS_PER_WORD,
        "Play" => {
            let raw = text_of(e);
            let resolved = sim.resolve(&loaded.url, raw).unwrap_or_default();
            sim.scenario
                .media
                .get(raw)
                .or_else(|| sim.scenario.media.get(&resolved))
                .copied()
                .unwrap_or(PLAY_MS)
        }
        "Pause" => return Some(number(e, "length", 1).saturating_mul(1000)),
        _ => 0,
    };
    if times == 0 {
        return None;
    }
    Some(once.saturating_mul(times))
}

fn exec(sim: &mut Sim, loaded: &Loaded, id: ElementId) -> Flow {
    let Some(e) = loaded.doc.element(id) else { return Flow::Next };
    let e = &e;
    let name = e.name;
    if name == "Reject" {
        sim.verb(loaded, name, e.span);
        if sim.answered {
            sim.note(
                "`<Reject>` only acts while the call rings; the call is already answered, so it is skipped",
                None,
            );
            return Flow::Next;
        }
        let busy = attr(e, "reason") == Some("busy");
        sim.note(
            format!("the platform rejects the call ({})", if busy { "486 Busy Here" } else { "603 Decline" }),
            None,
        );
        sim.outcome.call_status = if busy { "busy" } else { "failed" };
        sim.outcome.ended_at_ms = sim.now;
        inbound::reject(sim, if busy { 486 } else { 603 });
        sim.caller_gone = true;
        return Flow::End;
    }
    inbound::answer(sim);
    sim.verb(loaded, name, e.span);
    match name {
        "Say" | "Play" | "Pause" => match prompt_ms(sim, loaded, e) {
            Some(ms) => {
                if sleep(sim, ms) {
                    Flow::Next
                } else {
                    Flow::End
                }
            }
            None => endless(sim, name),
        },
        "Hangup" => {
            sim.note("`<Hangup>`: the platform hangs up the call", None);
            end_call(sim);
            Flow::End
        }
        "Redirect" => {
            let target = text_of(e);
            match sim.resolve(&loaded.url, target) {
                Some(url) => Flow::Fetch(Fetch {
                    purpose: Purpose::Document,
                    method: method(e, "method"),
                    url,
                    params: params::voice(sim, "in-progress"),
                    run: true,
                    redirect: true,
                }),
                None => {
                    sim.note(format!("`<Redirect>` to `{target}`, which is not a URL: the call ends"), None);
                    Flow::End
                }
            }
        }
        "Gather" => gather(sim, loaded, id, e),
        "Record" => record(sim, loaded, e),
        "Dial" => dial::run(sim, loaded, id),
        other => {
            sim.note(format!("`<{other}>` is not simulated: it takes no time"), None);
            Flow::Next
        }
    }
}

fn endless(sim: &mut Sim, verb: &str) -> Flow {
    match sim.caller_hangup_at() {
        Some(h) => {
            sim.advance_to(h);
            caller_hangs_up(sim);
            Flow::End
        }
        None => {
            sim.stop(
                &rules::ENDLESS_VERB,
                format!("`<{verb} loop=\"0\">` repeats until the caller hangs up, and the scenario's caller never does"),
            );
            Flow::End
        }
    }
}

fn action_or_next(sim: &mut Sim, loaded: &Loaded, e: &Element, params: Params) -> Flow {
    let target = attr(e, "action").unwrap_or(&loaded.url);
    match sim.resolve(&loaded.url, target) {
        Some(url) => Flow::Fetch(Fetch {
            purpose: Purpose::Action,
            method: method(e, "method"),
            url,
            params,
            run: true,
            redirect: false,
        }),
        None => Flow::Next,
    }
}

fn gather(sim: &mut Sim, loaded: &Loaded, id: ElementId, e: &Element) -> Flow {
    let start = sim.now;
    let timeout = number(e, "timeout", 5).saturating_mul(1000);
    let finish_on = attr(e, "finishOnKey").unwrap_or("#");
    let num_digits = attr(e, "numDigits").and_then(|v| v.parse::<usize>().ok());
    let mut prompts = 0u64;
    for (_, child) in loaded.doc.child_elements(id) {
        if matches!(child.name, "Say" | "Play" | "Pause") {
            prompts = prompts.saturating_add(prompt_ms(sim, loaded, &child).unwrap_or(0));
        }
    }
    let mut deadline = start.saturating_add(prompts).saturating_add(timeout);
    let mut collected = String::new();
    let mut end = deadline;
    let mut done = false;
    let mut from = start;
    while let Some((at, keys)) = sim.take_digits(from, deadline) {
        from = at;
        for k in keys.chars() {
            if finish_on.contains(k) {
                done = true;
                break;
            }
            collected.push(k);
            if num_digits.is_some_and(|n| collected.len() >= n) {
                done = true;
                break;
            }
        }
        end = at;
        if done {
            break;
        }
        deadline = at.saturating_add(timeout);
        end = deadline;
    }
    // The prompts play (and show on the timeline) until the first key interrupts them.
    for (_, child) in loaded.doc.child_elements(id) {
        if matches!(child.name, "Say" | "Play" | "Pause") {
            sim.verb(loaded, child.name, child.span);
        }
    }
    if !sleep(sim, end.saturating_sub(start)) {
        return Flow::End;
    }
    if collected.is_empty() && attr(e, "actionOnEmptyResult") != Some("true") {
        sim.note("`<Gather>` got no input: the next verb runs", None);
        return Flow::Next;
    }
    let mut p = params::voice(sim, "in-progress");
    p.push("Digits", collected);
    action_or_next(sim, loaded, e, p)
}

fn record(sim: &mut Sim, loaded: &Loaded, e: &Element) -> Flow {
    let start = sim.now;
    let timeout = number(e, "timeout", 5).saturating_mul(1000);
    let max = number(e, "maxLength", 3600).saturating_mul(1000);
    let finish_on = attr(e, "finishOnKey").unwrap_or("1234567890*#");
    let mut end = start.saturating_add(timeout.min(max));
    let mut digits = String::new();
    let mut from = start;
    while let Some((at, keys)) = sim.take_digits(from, start.saturating_add(max)) {
        from = at;
        if let Some(k) = keys.chars().find(|k| finish_on.contains(*k)) {
            digits.push(k);
            end = at;
            break;
        }
    }
    if !sleep(sim, end.saturating_sub(start)) {
        return Flow::End;
    }
    let duration = end.saturating_sub(start) / 1000;
    let mut p = params::voice(sim, "in-progress");
    p.push("RecordingUrl", format!("http://recordings.test/{}.wav", sim.call_sid));
    p.push("RecordingDuration", duration.to_string());
    if !digits.is_empty() {
        p.push("Digits", digits);
    }
    action_or_next(sim, loaded, e, p)
}
