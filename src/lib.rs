//! jianyan (建言): a static-first viewer for a CPPCC plenary speech digest.
//!
//! The core (model, validation, search, filtering, comparison, URL state) is plain Rust and
//! tested on the host; `views` renders it with Yew, on the host (prerender) and in the browser.

pub mod aloud;
pub mod cite;
pub mod compare;
pub mod export;
pub mod markup;
pub mod model;
pub mod query;
pub mod route;
pub mod search;
pub mod state;
pub mod synthetic;
pub mod validate;
pub mod views;

#[cfg(feature = "json")]
pub mod digest_json;
#[cfg(feature = "ssr")]
pub mod prerender;

#[cfg(test)]
mod testdata;

use compare::Related;
use model::Digest;

/// The digest built into the app (validated by `build.rs`) and its related recommendations.
pub fn embedded() -> (Digest, Related) {
    static BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/digest.postcard"));
    // build.rs wrote these bytes from values of the same types. (Not `expect`: the error's
    // Debug formatting would be compiled into the app for a panic that cannot happen.)
    match postcard::from_bytes(BYTES) {
        Ok(v) => v,
        Err(_) => panic!("embedded digest decodes"),
    }
}

/// The digest built into the app.
pub fn embedded_digest() -> Digest {
    embedded().0
}
