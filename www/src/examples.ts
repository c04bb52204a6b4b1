// The examples gallery: every document of the Sip noun documentation (examples/seed-*.xml,
// verbatim, defects included) and a few calls that show what the platforms do differently:
// a fork, authentication, screening, busy and no-answer.

import type { Profile, Scenario } from "./types";

export interface Example {
  id: string;
  title: string;
  blurb: string;
  doc: string;
  scenario: Scenario;
  profile?: Profile;
}

const seeds = import.meta.glob("../../examples/*.xml", { query: "?raw", import: "default", eager: true }) as Record<string, string>;

const SEED_TITLES: Record<string, [string, string]> = {
  "seed-custom-headers": ["Custom headers", "The documentation's headers example: a bare & and header names without X-."],
  "seed-sip-basic": ["Dial a SIP endpoint", "The simplest <Dial><Sip>."],
  "seed-sip-fragment": ["A bare <Sip> fragment", "The documentation shows the noun alone, without <Response>."],
  "seed-authentication": ["Authentication attributes", "username and password on <Sip> (removed from share links)."],
  "seed-dial-multiple": ["Dial attributes and screening", "record, timeout, hangupOnStar, action and a screening url."],
  "seed-transport": ["Transport parameter", "transport=tcp on the URI."],
  "seed-video-name": ["Video with a name", "The documentation's video example, curly quotes included."],
};

function seedExamples(): Example[] {
  const out: Example[] = [];
  for (const [path, doc] of Object.entries(seeds)) {
    const id = path.replace(/^.*\//, "").replace(/\.xml$/, "");
    const [title, blurb] = SEED_TITLES[id] ?? [id, "From the Sip noun documentation."];
    out.push({ id, title, blurb: `${blurb} (examples/${id}.xml)`, doc, scenario: {} });
  }
  const order = Object.keys(SEED_TITLES);
  const rank = (id: string): number => (order.includes(id) ? order.indexOf(id) : order.length);
  return out.sort((a, b) => rank(a.id) - rank(b.id) || (a.id < b.id ? -1 : 1));
}

const FORK = `<?xml version="1.0" encoding="UTF-8"?>
<Response>
    <Dial action="/after-dial" timeout="20">
        <Sip>sip:alice@desk.example.com</Sip>
        <Sip>sip:alice@mobile.example.com;transport=tcp</Sip>
    </Dial>
</Response>
`;

const AUTH = `<?xml version="1.0" encoding="UTF-8"?>
<Response>
    <Dial action="/after-dial">
        <Sip username="alice" password="secret">sip:alice@pbx.example.com</Sip>
    </Dial>
</Response>
`;

const SCREENING = `<?xml version="1.0" encoding="UTF-8"?>
<Response>
    <Dial action="/after-dial">
        <Sip url="/screen" method="POST">sip:alice@example.com?X-Ticket=4711</Sip>
    </Dial>
    <Say>Alice did not take the call.</Say>
</Response>
`;

const BUSY = `<?xml version="1.0" encoding="UTF-8"?>
<Response>
    <Dial action="/after-dial" statusCallback="http://app.test/status" statusCallbackEvent="initiated ringing answered completed">
        <Sip>sip:alice@example.com</Sip>
    </Dial>
</Response>
`;

const NO_ANSWER = `<?xml version="1.0" encoding="UTF-8"?>
<Response>
    <Dial action="/after-dial" timeout="10">
        <Sip>sip:alice@example.com</Sip>
    </Dial>
    <Say>Nobody answered.</Say>
</Response>
`;

const CALLBACKS = `<?xml version="1.0" encoding="UTF-8"?>
<Response>
    <Dial timeout="15" hangupOnStar="true" action="/after-dial">
        <Sip statusCallback="http://app.test/status" statusCallbackEvent="initiated,ringing,answered,completed">
            sip:alice@example.com;transport=tcp?X-Room=12
        </Sip>
    </Dial>
</Response>
`;

const EXTRA: Example[] = [
  {
    id: "fork",
    title: "Parallel fork",
    blurb: "Two <Sip> nouns ring together; the first 200 OK wins and the other is cancelled.",
    doc: FORK,
    scenario: {
      endpoints: {
        "sip:alice@desk.example.com": { ringAtMs: 1000, answerAtMs: 6000, hangupAtMs: 16000 },
        "sip:alice@mobile.example.com;transport=tcp": { ringAtMs: 800, answerAtMs: 2500, hangupAtMs: 12500 },
      },
    },
  },
  {
    id: "auth",
    title: "Digest authentication",
    blurb: "The endpoint challenges with 407; the platform retries with username and password.",
    doc: AUTH,
    scenario: {
      endpoints: {
        "sip:alice@pbx.example.com": {
          ringAtMs: 1000,
          answerAtMs: 3000,
          hangupAtMs: 13000,
          auth: { status: 407, realm: "example.com", username: "alice", password: "secret" },
        },
      },
    },
  },
  {
    id: "screening",
    title: "Screening declines the call",
    blurb: "The screening document hangs up: restcomm declines the leg, restcomm-connect hangs up the whole call (S14).",
    doc: SCREENING,
    scenario: {
      endpoints: { "sip:alice@example.com": { ringAtMs: 1000, answerAtMs: 3000, hangupAtMs: 13000 } },
      http: { "http://app.test/screen": { status: 200, contentType: "text/xml", body: "<Response><Hangup/></Response>" } },
    },
  },
  {
    id: "busy",
    title: "Busy, with status callbacks",
    blurb: "486 Busy Here: DialCallStatus=busy, and the status callbacks each platform sends (V16, S2).",
    doc: BUSY,
    scenario: { endpoints: { "sip:alice@example.com": { rejectAtMs: 500, rejectStatus: 486 } } },
  },
  {
    id: "no-answer",
    title: "No answer",
    blurb: "Rings past the 10 s timeout: no-answer on restcomm, canceled on restcomm-connect (S8).",
    doc: NO_ANSWER,
    scenario: { endpoints: { "sip:alice@example.com": { ringAtMs: 1000 } } },
  },
  {
    id: "callbacks",
    title: "Comma-separated events, star to hang up",
    blurb: "statusCallbackEvent with commas (V16/V17) and the caller pressing * (S17).",
    doc: CALLBACKS,
    scenario: {
      call: { digits: [{ atMs: 8000, digits: "*" }] },
      endpoints: { "sip:alice@example.com;transport=tcp": { ringAtMs: 1000, answerAtMs: 3000 } },
    },
    profile: "restcomm-connect",
  },
];

export const EXAMPLES: Example[] = [...seedExamples(), ...EXTRA];

export const DEFAULT_EXAMPLE: Example =
  EXAMPLES.find((e) => e.id === "seed-custom-headers") ?? EXAMPLES[0] ?? { id: "empty", title: "", blurb: "", doc: "<Response/>", scenario: {} };
