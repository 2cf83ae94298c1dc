//! Reading `digest.json`: syntax and type errors with their JSON path, then [`validate`].
//!
//! Host-only (serde_json stays out of the browser build); `build.rs` includes it too.

use crate::model::Digest;
use crate::validate::{validate, Problem};

/// Parses and validates a digest; on failure, every problem found.
pub fn parse(text: &str) -> Result<Digest, Vec<Problem>> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let digest: Digest = match serde_path_to_error::deserialize(de) {
        Ok(d) => d,
        Err(e) => {
            let path = e.path().to_string();
            let inner = e.into_inner();
            // A syntax error has a line and column but no meaningful path.
            let syntax = inner.is_syntax() || inner.is_eof();
            let reason = if syntax {
                format!("malformed JSON: {inner}")
            } else {
                inner.to_string()
            };
            // serde_path_to_error prints "." for the root.
            let path = if syntax || path == "." {
                String::new()
            } else {
                path
            };
            return Err(vec![Problem { path, reason }]);
        }
    };
    let problems = validate(&digest);
    if problems.is_empty() {
        Ok(digest)
    } else {
        Err(problems)
    }
}

/// Parses `text` read from `file`; errors as `file: path: reason` lines.
pub fn check(file: &str, text: &str) -> Result<Digest, Vec<String>> {
    parse(text).map_err(|ps| ps.iter().map(|p| p.message(file)).collect())
}

/// The JSON Schema of the format, generated from the Rust types (`static/digest.schema.json`).
#[cfg(feature = "json")]
pub fn schema() -> String {
    let schema = schemars::schema_for!(Digest);
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}
