// The Node entry (ESM): the same instance as `node/index.cjs`.
import api from "./index.cjs";

export const { init, initSync, version, validate, parseSipUri, simulate, rules, profiles } = api;
export default init;
