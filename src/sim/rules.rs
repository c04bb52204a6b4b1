//! The `sim/*` codes: findings of a simulated run (guards that cut a run short, loops the
//! platform would not leave). They are warnings: the document may be fine, the run was cut.
//! They have no `wrong`/`right` examples: validation alone never reports them.

use crate::diagnostics::{docs, Rule, Severity};
use crate::profile::PerProfile;

const W: PerProfile<Option<Severity>> = PerProfile::all(Some(Severity::Warning));

pub static TOO_MANY_EVENTS: Rule = Rule {
    code: "sim/too-many-events",
    summary: "the simulated call produced more events than the limit and was stopped",
    severity: W,
    explanation: docs!(
        "A simulation is bounded so that a document can never hang an editor. A call \
        that produces thousands of SIP messages and webhooks is almost always a loop between \
        documents (an action that dials again and again)."
    ),
    wrong: "",
    right: "",
    row: None,
};

pub static TOO_MANY_DOCUMENTS: Rule = Rule {
    code: "sim/too-many-documents",
    summary: "the simulated call requested more documents than the limit (an action or redirect loop)",
    severity: W,
    explanation: docs!(
        "Each `<Redirect>`, Dial or Gather action and screening request fetches a \
        document. A chain of more than 50 is nearly always a loop: a `<Gather>` without \
        `action` re-requests its own document, an action URL that returns the same `<Dial>`."
    ),
    wrong: "",
    right: "",
    row: None,
};

pub static REDIRECT_LOOP: Rule = Rule {
    code: "sim/redirect-loop",
    summary: "`<Redirect>` documents redirect to each other without any verb taking time",
    severity: W,
    explanation: docs!(
        "A redirect that leads back to itself without playing, saying or dialling \
        anything spins forever on a real platform (until it gives up on the call)."
    ),
    wrong: "",
    right: "",
    row: None,
};

pub static AUTH_LOOP: Rule = Rule {
    code: "sim/auth-loop",
    summary: "the endpoint keeps challenging and the platform keeps answering (no retry limit)",
    severity: W,
    explanation: docs!(
        "Restcomm-Connect answers every 401/407 again with the same credentials; an \
        endpoint that never accepts them makes an endless INVITE loop. The simulation stops \
        after 10 rounds and fails the leg."
    ),
    wrong: "",
    right: "",
    row: Some("S10"),
};

pub static ENDLESS_VERB: Rule = Rule {
    code: "sim/endless-verb",
    summary: "a verb with `loop=\"0\"` repeats until the caller hangs up, and the caller never does",
    severity: W,
    explanation: docs!(
        "`loop=\"0\"` plays or says forever. Give the scenario's caller a `hangupAtMs` \
        to see what happens after, or use a finite `loop`."
    ),
    wrong: "",
    right: "",
    row: None,
};

pub static CALL_TOO_LONG: Rule = Rule {
    code: "sim/call-too-long",
    summary: "the simulated call would last more than a day of virtual time and was stopped",
    severity: W,
    explanation: docs!(
        "Virtual time is bounded at 24 hours so that a huge `timeout`, `length` or \
        `maxLength`, or a scenario time far in the future, cannot make a run meaningless."
    ),
    wrong: "",
    right: "",
    row: None,
};

pub static RULES: &[&Rule] =
    &[&TOO_MANY_EVENTS, &TOO_MANY_DOCUMENTS, &REDIRECT_LOOP, &AUTH_LOOP, &ENDLESS_VERB, &CALL_TOO_LONG];
