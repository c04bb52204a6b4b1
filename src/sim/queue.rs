//! The discrete-event queue of a `<Dial>`: what is scheduled to happen, by virtual time, ties
//! in the order scheduled (a cause is always scheduled before its effects).

use crate::diagnostics::Range;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

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

/// A binary heap of `(time, order)` keys (plain integers: one small instance of the heap's
/// code) over the events, which stay in a vector by `order` until popped.
#[derive(Default)]
pub struct Queue {
    keys: BinaryHeap<Reverse<(u64, usize)>>,
    items: Vec<Option<Ev>>,
}

impl Queue {
    pub fn at(&mut self, at: u64, ev: Ev) {
        self.keys.push(Reverse((at, self.items.len())));
        self.items.push(Some(ev));
    }

    pub fn pop(&mut self) -> Option<(u64, Ev)> {
        while let Some(Reverse((at, order))) = self.keys.pop() {
            if let Some(ev) = self.items.get_mut(order).and_then(Option::take) {
                return Some((at, ev));
            }
        }
        None
    }
}
