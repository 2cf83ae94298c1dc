//! jianyan (建言): a static-first viewer for a CPPCC plenary speech digest.
//!
//! The core (model, validation, search, filtering, comparison, URL state) is plain Rust and
//! tested on the host; `views` renders it with Yew, on the host (prerender) and in the browser.

pub mod cite;
pub mod compare;
pub mod model;
pub mod query;
pub mod route;
pub mod search;
pub mod state;
pub mod validate;
pub mod views;

#[cfg(feature = "json")]
pub mod digest_json;
#[cfg(feature = "ssr")]
pub mod prerender;

#[cfg(test)]
mod testdata;

use model::Digest;

/// The digest built into the app (validated by `build.rs`).
pub fn embedded_digest() -> Digest {
    static BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/digest.postcard"));
    // build.rs wrote these bytes from a validated Digest of the same type.
    postcard::from_bytes(BYTES).expect("embedded digest decodes")
}
