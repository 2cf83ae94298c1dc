//! jianyan-core: everything the viewer knows about a speech digest, with no browser in it.
//!
//! The domain types and their validation, Chinese search, facet filtering, comparison of
//! recommendations, citations, read-aloud sentences, CSV/JSON export and the URL contract.
//! The app (`jianyan`, Yew) renders these; `build.rs` validates the digest with them; the
//! editors' checker (`jianyan-digest`, feature `json`) reads JSON with them. This crate
//! depends on no `yew`, `web-sys`, `wasm-bindgen` or `gloo`, so the compiler keeps it pure.

pub mod aloud;
pub mod cite;
pub mod compare;
pub mod export;
pub mod model;
pub mod query;
pub mod route;
pub mod search;
pub mod validate;

#[cfg(feature = "json")]
pub mod digest_json;

#[cfg(any(test, feature = "testdata"))]
pub mod testdata;
