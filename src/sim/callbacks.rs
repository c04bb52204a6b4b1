//! Status callbacks of a dialled leg (S1–S6): at most once per event and leg, only the
//! subscribed events, in the order initiated, ringing, answered, completed.

use super::engine::Sim;
use super::legs::Leg;
use super::output::Purpose;
use super::params;

/// Sends `event`'s status callback for `leg`, if subscribed and not sent yet.
pub fn send(sim: &mut Sim, leg: &mut Leg, event: &'static str) {
    let Some(cb) = &leg.callbacks else { return };
    if !cb.events.contains(&event) || leg.sent.contains(&event) {
        return;
    }
    leg.sent.push(event);
    let (url, method) = (cb.url.clone(), cb.method.clone());
    let status = if sim.b.status_is_event_name {
        event
    } else {
        match event {
            "answered" => "in-progress",
            "completed" => leg.status,
            other => other,
        }
    };
    let sequence = if sim.b.fixed_sequence_numbers {
        match event {
            "initiated" => 0,
            "ringing" => 1,
            "answered" => 2,
            _ => 3,
        }
    } else {
        leg.counter += 1;
        leg.counter - 1
    };
    let duration = (event == "completed").then(|| call_duration(sim, leg));
    let p = params::status_callback(sim, &leg.view(), status, duration, sequence);
    sim.webhook(Purpose::StatusCallback, &method, &url, p, Some(&leg.sid.clone()));
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
