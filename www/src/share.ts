// Share links: document, scenario and profile in the URL fragment, compressed with lz-string.
// Every `password` attribute value, every scenario `auth.password` and the password of every SIP
// URI and http(s) URL is removed first: a link travels through chats and logs, a password must not.

import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from "lz-string";
import { PROFILES, type Profile, type Scenario } from "./types";

export interface Shared {
  doc: string;
  scenario: Scenario;
  profile: Profile;
}

const PREFIX = "#s=";

/** `sip:user:password@` (the password runs to the `@`; `&amp;` and `;` may be part of it). */
const URI_PASSWORD = /\b(sips?:[^\s:@<>"'?;/]+):[^\s@<>"'?/]+@/gi;

/**
 * `http://user:password@host/` (any `scheme://`): the password runs from the authority's first
 * `:` to its last `@`, as the core's `src/secrets.rs` reads it.
 */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s/\\?#<>"':@]*):[^\s/\\?#<>"']*@/gi;

/** A text with its SIP URI and URL passwords emptied (`sip:alice:@host`, `http://alice:@host`). */
function scrubUris(text: string): string {
  return text.replace(URL_PASSWORD, "$1:@").replace(URI_PASSWORD, "$1:@");
}

/** A scenario table with its keys scrubbed. */
function scrubKeys<V>(table: Record<string, V>): Record<string, V> {
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [scrubUris(k), v]));
}

/**
 * `password="…"` (any quote, any case, spaces around `=`, even unquoted) becomes `password=""`,
 * and the password of a SIP URI's user part (`sip:alice:secret@host`) becomes empty
 * (`sip:alice:@host`).
 */
export function scrubDocument(doc: string): string {
  return scrubUris(doc)
    .replace(/(\bpassword\s*=\s*)("[^"]*"|'[^']*'|[\u201c\u201d][^\u201c\u201d]*[\u201c\u201d])/gi, (_m, pre: string, value: string) => `${pre}${value.charAt(0)}${value.charAt(value.length - 1)}`)
    .replace(/(\bpassword\s*=\s*)(?!["'\u201c\u201d])[^\s>/]+/gi, '$1""');
}

export function scrubScenario(scenario: Scenario): Scenario {
  const copy = JSON.parse(JSON.stringify(scenario)) as Scenario;
  if (copy.endpoints && typeof copy.endpoints === "object") copy.endpoints = scrubKeys(copy.endpoints);
  if (copy.http && typeof copy.http === "object") copy.http = scrubKeys(copy.http);
  if (copy.media && typeof copy.media === "object") copy.media = scrubKeys(copy.media);
  if (typeof copy.documentUrl === "string") copy.documentUrl = scrubUris(copy.documentUrl);
  for (const ep of Object.values(copy.endpoints ?? {})) {
    if (ep && typeof ep === "object" && ep.auth && typeof ep.auth === "object" && "password" in ep.auth) {
      delete ep.auth.password;
    }
  }
  return copy;
}

export function shareUrl(base: string, state: Shared): string {
  const payload = { v: 1, d: scrubDocument(state.doc), s: scrubScenario(state.scenario), p: state.profile };
  return `${base.split("#")[0]}${PREFIX}${compressToEncodedURIComponent(JSON.stringify(payload))}`;
}

/** The state of a share link's fragment, or null when there is none or it cannot be read. */
export function readFragment(hash: string): Shared | null {
  if (!hash.startsWith(PREFIX)) return null;
  try {
    const json = decompressFromEncodedURIComponent(hash.slice(PREFIX.length));
    if (!json) return null;
    const v = JSON.parse(json) as { d?: unknown; s?: unknown; p?: unknown };
    if (typeof v.d !== "string") return null;
    const profile = PROFILES.includes(v.p as Profile) ? (v.p as Profile) : "restcomm";
    const scenario = v.s && typeof v.s === "object" && !Array.isArray(v.s) ? (v.s as Scenario) : {};
    return { doc: v.d, scenario, profile };
  } catch {
    return null;
  }
}
