//! The deterministic call simulator: a discrete-event engine with a virtual clock.
//!
//! Input: a document and a [`Scenario`] (`contracts.md` §4); output: a [`Simulation`]
//! (`contracts.md` §5). Same input, same bytes, natively and in WebAssembly: no real time, no
//! threads, no hash-ordered maps, and one seeded generator ([`rng`]) for sids, tags,
//! branches, Call-IDs and nonces.
//!
//! Where things are:
//! - [`scenario`] (+ `json_read`): the input, unknown keys rejected with their JSON path.
//! - [`engine`]: the run's state, the event log and its guards, document loading.
//! - [`interpreter`]: the caller's documents and verbs; [`dial`] the `<Dial>` (fork,
//!   timeout, timeLimit, hangupOnStar, caller hang-up) on the event [`queue`]; [`legs`] what
//!   is dialled; [`transactions`] the SIP transactions; [`screening`] the `url` document;
//!   [`callbacks`] and [`params`] the webhooks; [`sip_message`] and [`digest`] the wire text.
//! - [`behaviour`]: the S-rows of `profiles.md` as one table per profile.
//! - [`inbound`]: the caller's own SIP dialog with the platform (INVITE, 100, 180; 200 and
//!   ACK at the answer, or a failure and ACK; BYE and 200 from whoever hangs up first).
//!
//! Virtual time:
//! - t = 0 is the first document request (`CallStatus=ringing`), just after the caller's
//!   INVITE (answered 100 and 180); the platform answers (200 OK) and starts the first verb at
//!   once. A guard that stops the run leaves the caller's dialog where it was. The platform itself never takes time: an effect lands on
//!   the millisecond of its cause, after it in `seq`.
//! - `<Say>` 400 ms per word × `loop`; `<Play>` 5000 ms × `loop` or the scenario's `media`
//!   duration; `<Pause>` `length` s (default 1); `<Gather>` its prompts, then `timeout` s
//!   (default 5) after the prompts or after the last key; `<Record>` until a `finishOnKey` key
//!   or `timeout` s of silence, at most `maxLength`. `loop="0"` lasts until the caller hangs up.
//! - An HTTP `delayMs` delays the documents the call waits for (document, action, screening),
//!   never status callbacks, which are sent without waiting.
//! - Endpoint times count from the INVITE that they answer; a re-INVITE with credentials
//!   starts them afresh.
//!
//! Decisions the rows leave open:
//! - Fork + screening: the first 200 OK cancels the other legs at once (S12), before its
//!   screening; a declined screening then ends the Dial as not answered.
//! - A leg that answers in the same millisecond as the winner is ACKed and hung up with BYE.
//! - `<Number>` legs go to `sip:NUMBER@gateway.test`, `<Client>` legs to
//!   `sip:NAME@clients.test`; `<Conference>` is not simulated (the Dial reports `null`).
//! - A `<Sip>` whose text is not a SIP URI, or whose host or port is not one
//!   (`sip-uri/invalid-host`, `sip-uri/invalid-port`), creates no leg and sends no INVITE;
//!   alone in its Dial, the Dial is `failed` with `DialCallSid=null` (restcomm-connect.md 6.1
//!   and 8).
//! - `<Reject>` before the call is answered: `busy` for `reason="busy"`, else `failed`.
//! - A document the platform cannot parse (an `xml/*` error; under `restcomm` bare `&` are
//!   repaired as Restcomm-Connect does, V4) ends the call. Validation diagnostics of other
//!   documents than the given source are reported at offset 0 with their URL and line in the
//!   message (their ranges would not point into the given source).
//! - 3xx: ignored (the leg waits for the timeout) under both Restcomm profiles, a failure
//!   under `twilio`.
//! - Only http(s) URLs are requested (V21): a `javascript:` action is no action.
//! - `twilio`: a `<Sip>` without text dials its first `<Uri>` child (with that child's
//!   credentials); `<Headers><Header name value/>` are sent on the INVITE as written.
//! - Every password (document or scenario) is scrubbed from the whole output at the end.
//! - The scenario's `http` entry for `documentUrl` is not used for the first document (the
//!   given source is that document); a later redirect to it uses the entry when there is one,
//!   else runs the given source again.
//!
//! S-rows, all three profiles unless said (values in [`behaviour`]):
//! S1 default events; S2 `CallStatus`; S3 `SequenceNumber`; S4 `Timestamp`; S5 sids; S6
//! parameter sets (twilio's is platforms.md 3.4's: no legacy `Called`/`Caller`, no
//! `SipResponseCode`, and no `CallerName`/`ForwardedFrom`, which Twilio sends only after a
//! caller-ID lookup or for a forwarded call); S7 defaults (Restcomm-Connect's `timeout` is an
//! inactivity timer reset by any message: here it counts from the INVITEs); S8/S8b; S9; S10 (Restcomm-Connect's
//! endless retries are cut after 10 rounds, `sim/auth-loop`); S11 (3xx ignored under both
//! Restcomm profiles); S12; S13; S14 (Hangup, Dial, non-2xx answer, over 60 s, and a method
//! other than GET/POST); S15; S16; S17; S18 (Restcomm-Connect still requests the action,
//! without running it); S19 (also on `<Number>`/`<Client>` legs); S20 (a `sips:` URI is
//! always TLS: its `transport=tcp` means TLS over TCP).
//!
//! Not simulated: `<Conference>`, Twilio's `<Queue>`, `<Sms>`/`<Email>`/`<Fax>` (they take no
//! time), client registration (every `<Client>` exists), Restcomm-Connect's reuse of the
//! caller's credentials (#1343), and recording beyond the `RecordingUrl` parameter.

pub mod behaviour;
pub mod callbacks;
pub mod clock;
pub mod dial;
pub mod digest;
pub mod engine;
pub mod inbound;
pub mod interpreter;
mod json_read;
pub mod legs;
pub mod output;
pub mod output_json;
pub mod params;
pub mod queue;
pub mod rng;
pub mod rules;
pub mod scenario;
pub mod screening;
pub mod sip_message;
pub mod transactions;

pub use json_read::Json;
pub use output::{DialOutcome, Direction, Event, EventBody, Outcome, Params, Purpose, Simulation};
pub use scenario::{Scenario, ScenarioError};

use crate::Options;

/// Runs `source` under `scenario`. Never panics; a document the platform cannot interpret
/// ends the call the way that platform would.
pub fn simulate(source: &str, scenario: &Scenario, options: &Options) -> Simulation {
    let mut sim = engine::Sim::new(source, scenario, options);
    interpreter::run(&mut sim);
    if sim.outcome.call_status.is_empty() {
        interpreter::end_call(&mut sim);
    }
    sim.scrub();
    Simulation {
        profile: options.profile,
        events: std::mem::take(&mut sim.events),
        outcome: std::mem::take(&mut sim.outcome),
        diagnostics: std::mem::take(&mut sim.diagnostics),
        document_url: scenario.document_url.clone(),
    }
}
