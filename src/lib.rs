//! jianyan (建言): a static-first viewer for a CPPCC plenary speech digest.
//!
//! The core (model, validation, search, filtering, comparison, the URL contract) is the
//! `jianyan-core` crate, plain Rust tested on the host with no browser crate compiled; this
//! crate is the app: its state, and `views` rendering it with Yew, on the host (prerender)
//! and in the browser.

// The core's modules under the names the app's modules use (`crate::route`, …).
pub use jianyan_core::{aloud, cite, compare, export, model, query, route, search, validate};

pub mod markup;
pub mod platform;
pub mod state;
pub mod views;

#[cfg(feature = "ssr")]
pub mod prerender;

use compare::Related;
use model::{Digest, Texts};

/// The outline of the digest built into the app (validated by `build.rs`): everything but
/// the speeches' bodies.
pub fn embedded_outline() -> Digest {
    static BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/outline.postcard"));
    // build.rs wrote these bytes from values of the same types. (Not `expect`: the error's
    // Debug formatting would be compiled into the app for a panic that cannot happen.)
    match postcard::from_bytes(BYTES) {
        Ok(v) => v,
        Err(_) => panic!("embedded digest decodes"),
    }
}

/// The speeches' bodies built into the app, and the related recommendations. In the browser
/// only the texts' chunk calls this, so these bytes are in that chunk, not in the first
/// module (`views::lazy`).
pub fn embedded_texts() -> (Texts, Related) {
    static BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/texts.postcard"));
    match postcard::from_bytes(BYTES) {
        Ok(v) => v,
        Err(_) => panic!("embedded texts decode"),
    }
}

/// The whole digest built into the app and its related recommendations.
pub fn embedded() -> (Digest, Related) {
    let mut digest = embedded_outline();
    let (texts, related) = embedded_texts();
    if digest.put_texts(texts).is_err() {
        panic!("embedded texts fit the outline");
    }
    (digest, related)
}

/// The digest built into the app.
pub fn embedded_digest() -> Digest {
    embedded().0
}
