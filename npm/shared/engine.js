// The package's browser API over one wasm-bindgen `--target web` module: `web/` (the full
// build) and `validator/` (no `simulate`) are this same shim over their own generated module,
// so the two entries cannot drift apart. Not an entry of its own (`exports` does not name it).

// wasm-bindgen's own argument objects (`{ module_or_path }`, `{ module }`) are accepted too.
const isPlainObject = (v) => v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype;

// A string source crosses into the .wasm as UTF-8 bytes from `TextEncoder` (native code):
// wasm-bindgen's own string copy loops over the characters in JavaScript, 4x slower.
const utf8 = new TextEncoder();

/**
 * The API over `wasm`, the namespace of a generated module (its default export is its
 * `init`). `simulate` calls through to the module's own, so it exists only where the
 * module has one; an entry exports the functions its build has.
 */
export function engine(wasm) {
  return {
    /** Loads the module once; later calls resolve at once. */
    async init(input) {
      await wasm.default(input === undefined || isPlainObject(input) ? input : { module_or_path: input });
    },
    initSync(module) {
      wasm.initSync(isPlainObject(module) ? module : { module });
    },
    version: () => wasm.version(),
    validate: (source, options) =>
      typeof source === "string" ? wasm.validateUtf8(utf8.encode(source), options) : wasm.validate(source, options),
    parseSipUri: (input, options) => wasm.parseSipUri(input, options),
    simulate: (source, scenario, options) => wasm.simulate(source, scenario, options),
    rules: () => wasm.rules(),
    profiles: () => wasm.profiles(),
  };
}
