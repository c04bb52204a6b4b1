//! Status callbacks of a dialled leg (S1–S6): at most once per event and leg, only the
//! subscribed events, in the order initiated, ringing, answered, completed.

use super::engine::Sim;
use super::legs::Leg;
use super::output::Purpose;
use super::params;
use crate::rcml::schema::CALL_EVENTS;

/// The status callback events by their index in [`CALL_EVENTS`], which is also their fixed
/// `SequenceNumber` (S3); a leg's subscriptions and sent events are bit sets of them.
pub const INITIATED: u8 = 0;
pub const RINGING: u8 = 1;
pub const ANSWERED: u8 = 2;
pub const COMPLETED: u8 = 3;

/// The bit set of the events named in `names`.
pub fn event_set(names: &[&str]) -> u8 {
    let mut set = 0;
    for (i, event) in CALL_EVENTS.iter().enumerate() {
        if names.contains(event) {
            set |= 1 << i;
        }
    }
    set
}

/// Sends `event`'s status callback for `leg`, if subscribed and not sent yet.
pub fn send(sim: &mut Sim, leg: &mut Leg, event: u8) {
    let Some(cb) = &leg.callbacks else { return };
    let bit = 1 << event;
    if cb.events & bit == 0 || leg.sent & bit != 0 {
        return;
    }
    leg.sent |= bit;
    let name = CALL_EVENTS.get(usize::from(event)).copied().unwrap_or_default();
    let status = match event {
        _ if sim.b.status_is_event_name => name,
        ANSWERED => "in-progress",
        COMPLETED => leg.status,
        _ => name,
    };
    let sequence = if sim.b.fixed_sequence_numbers {
        u32::from(event)
    } else {
        leg.counter += 1;
        leg.counter - 1
    };
    let duration = (event == COMPLETED).then(|| call_duration(sim, leg));
    let p = params::status_callback(sim, &leg.view(), status, duration, sequence);
    let Some(cb) = &leg.callbacks else { return };
    sim.webhook(Purpose::StatusCallback, &cb.method, &cb.url, p, Some(&leg.sid));
}

/// `CallDuration` on `completed`: talk time when answered (0 for a leg declined by screening,
/// per profile); 0 when never answered, except Restcomm-Connect's cancelled legs, which
/// count from the leg's creation.
pub fn call_duration(sim: &Sim, leg: &Leg) -> u64 {
    let end = leg.ended_at.unwrap_or(sim.now);
    match leg.answered_at {
        _ if leg.declined && !sim.b.declined_leg_talk_time => 0,
        Some(a) => end.saturating_sub(a) / 1000,
        None if sim.b.unanswered_duration_from_creation && leg.final_code == Some(487) => {
            end.saturating_sub(leg.invite_at) / 1000
        }
        None => 0,
    }
}
