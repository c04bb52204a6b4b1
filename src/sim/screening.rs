//! Call screening (`<Sip url>`, S14, S15, V26): after the leg answers, its `url` document
//! runs on the called party while the caller still hears ringing; only a normal end lets the
//! bridge proceed. `<Hangup>`, `<Dial>`, a failed request or more than 60 s decline it.

use super::dial::{bridge, Dial};
use super::engine::Sim;
use super::interpreter::{document_body, prompt_ms};
use super::legs::State;
use super::output::Purpose;
use super::params;
use super::queue::{Ev, Queue};
use super::transactions as tx;

/// The longest a screening document may run before the platform gives up on it.
pub const SCREENING_LIMIT_MS: u64 = 60_000;

/// The screening of leg `i` ends at `at`, declined for `why` (`None`: it ran to its end).
#[inline(never)]
fn end_at(q: &mut Queue, at: u64, i: usize, why: Option<String>) {
    q.at(at, Ev::ScreenEnd { leg: i, declined: why });
}

pub fn start(sim: &mut Sim, dial: &mut Dial, i: usize) {
    // The leg is read while the Dial's queue is written (no copies of its fields).
    let q = &mut dial.q;
    let Some(leg) = dial.legs.get(i) else { return };
    let Some((url, method)) = &leg.screening else { return };
    let now = sim.now;
    // V20: the platforms request only by GET or POST (Restcomm-Connect's Downloader throws on
    // anything else), so no request leaves and the screening fails at once, as a 404 would.
    if method != "GET" && method != "POST" {
        let why = format!(
            "the screening request cannot be made with method `{method}` (only GET or POST): \
             no request is sent, the screening fails"
        );
        end_at(q, now, i, Some(why));
        return;
    }
    let p = params::screening(sim, &leg.view(), &leg.dialog.call_id, &leg.final_headers);
    sim.webhook(Purpose::Screening, method, url, p, Some(&leg.sid));
    let answer = sim.http(url);
    let at = now.saturating_add(answer.delay_ms);
    let Some(body) = document_body(&answer) else {
        let why = format!("the screening URL answered {} ({})", answer.status, answer.content_type);
        end_at(q, at.min(now + SCREENING_LIMIT_MS), i, Some(why));
        return;
    };
    if answer.delay_ms > SCREENING_LIMIT_MS {
        end_at(q, now + SCREENING_LIMIT_MS, i, Some("the screening URL took over 60 s".into()));
        return;
    }
    let loaded = sim.load(url, body, true);
    if loaded.unparseable {
        end_at(q, at, i, Some("the screening document cannot be parsed".into()));
        return;
    }
    let mut t = at;
    let limit = now + SCREENING_LIMIT_MS;
    for &id in &loaded.verbs {
        let Some(e) = loaded.doc.element(id) else { continue };
        let e = &e;
        if t > limit {
            break;
        }
        q.at(
            t,
            Ev::ScreenVerb {
                leg: i,
                verb: e.name.to_owned(),
                range: loaded.range(e.span),
                document: url.clone(),
            },
        );
        let declined = match e.name {
            "Hangup" => Some("the screening document hangs up".to_owned()),
            "Dial" => Some("the screening document contains `<Dial>` (V26)".to_owned()),
            "Say" | "Play" | "Pause" => {
                t = prompt_ms(sim, &loaded, e).map_or(u64::MAX, |ms| t.saturating_add(ms));
                None
            }
            "Gather" => {
                let mut ms: u64 = 0;
                for (_, c) in loaded.doc.child_elements(id) {
                    ms = ms.saturating_add(prompt_ms(sim, &loaded, &c).unwrap_or(0));
                }
                let timeout =
                    super::interpreter::attr(e, "timeout").and_then(|v| v.parse::<u64>().ok()).unwrap_or(5);
                t = t.saturating_add(ms).saturating_add(timeout.saturating_mul(1000));
                None
            }
            _ => None,
        };
        if let Some(why) = declined {
            end_at(q, t, i, Some(why));
            return;
        }
    }
    if t > limit {
        end_at(q, limit, i, Some("the screening document runs over 60 s".into()));
    } else {
        end_at(q, t, i, None);
    }
}

pub fn end(sim: &mut Sim, dial: &mut Dial, i: usize, declined: Option<String>) {
    if !dial.legs.get(i).is_some_and(|l| l.state == State::Screening) {
        return;
    }
    let Some(why) = declined else {
        bridge(sim, dial, i);
        return;
    };
    sim.row_note(format!("{why}: the screened leg is declined"), "S14");
    if let Some(leg) = dial.legs.get_mut(i) {
        leg.declined = true;
        tx::bye_out(sim, leg);
        tx::end(sim, leg, "completed", "no-answer", &mut dial.end_order);
    }
    dial.winner = None;
    if sim.b.screening_decline_ends_call {
        dial.ends_call = true;
        dial.skip_action = true;
        dial.finished = true;
    } else if dial.legs.iter().all(|l| !l.is_open()) {
        dial.status = Some("no-answer");
        dial.finished = true;
    }
}
