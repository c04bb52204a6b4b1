//! The discrete-event queue of a `<Dial>`: what is scheduled to happen, by virtual time, ties
//! in the order scheduled (a cause is always scheduled before its effects).

use crate::diagnostics::Range;
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
pub enum Ev {
    /// The endpoint of `leg` sends a response to INVITE transaction `tx`.
    Respond {
        leg: usize,
        tx: u32,
        status: u16,
        headers: Vec<(String, String)>,
    },
    /// The endpoint hangs up (BYE), if its dialog of transaction `tx` is up.
    CalleeBye {
        leg: usize,
        tx: u32,
    },
    /// The Dial's `timeout`.
    Timeout,
    /// The Dial's `timeLimit`, counted from the bridge of `leg`.
    TimeLimit {
        leg: usize,
    },
    CallerHangup,
    Digits {
        keys: String,
    },
    /// A verb of the screening document starts on `leg`.
    ScreenVerb {
        leg: usize,
        verb: String,
        range: Range,
        document: String,
    },
    /// The screening document of `leg` ended: `Some(reason)` declines the leg.
    ScreenEnd {
        leg: usize,
        declined: Option<String>,
    },
}

#[derive(Default)]
pub struct Queue {
    items: BTreeMap<(u64, u64), Ev>,
    order: u64,
}

impl Queue {
    pub fn at(&mut self, at: u64, ev: Ev) {
        self.items.insert((at, self.order), ev);
        self.order += 1;
    }

    pub fn pop(&mut self) -> Option<(u64, Ev)> {
        self.items.pop_first().map(|((at, _), ev)| (at, ev))
    }
}
