//! JavaScript bindings (feature `wasm`): the only code that imports `wasm-bindgen`.
