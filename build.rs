//! Validates the digest and embeds it in the app in a compact binary form (postcard),
//! so that a bad digest fails the build and the browser needs no JSON parser. It is written
//! in two parts, the outline and the speeches' bodies (`model::Texts`).

use jianyan_core::{compare, digest_json};
use std::path::PathBuf;

fn main() {
    // The app's WebAssembly keeps its relocations, which the splitting step needs
    // (xtask/src/split.rs). Only the app binary's final link gets the flag, so no dependency
    // is rebuilt for it, and the step leaves them out of what ships.
    if std::env::var("TARGET").is_ok_and(|t| t.starts_with("wasm32")) {
        println!("cargo:rustc-link-arg-bin=jianyan=--emit-relocs");
    }
    // Another meeting's digest (or a synthetic large one) can be built in with JIANYAN_DIGEST=path.
    println!("cargo:rerun-if-env-changed=JIANYAN_DIGEST");
    let file = std::env::var("JIANYAN_DIGEST").unwrap_or_else(|_| "static/digest.json".into());
    println!("cargo:rerun-if-changed={file}");
    let text = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) => fail(&[format!("{file}: cannot read: {e}")]),
    };
    let digest = match digest_json::check(&file, &text) {
        Ok(d) => d,
        Err(messages) => fail(&messages),
    };
    // Similar recommendations are computed here, once, so the browser ships no arithmetic.
    let related = compare::Similarity::new(&digest).related(&digest);
    // Two parts: the outline, which the index needs to be interactive, and the speeches'
    // bodies with the related pairs, which the app loads after it (src/views/lazy.rs).
    let mut outline = digest;
    let texts = outline.take_texts();
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let outline = postcard::to_allocvec(&outline).expect("postcard encodes any digest");
    std::fs::write(out.join("outline.postcard"), outline).expect("write OUT_DIR/outline.postcard");
    let texts = postcard::to_allocvec(&(&texts, &related)).expect("postcard encodes any digest");
    std::fs::write(out.join("texts.postcard"), texts).expect("write OUT_DIR/texts.postcard");
}

fn fail(messages: &[String]) -> ! {
    eprintln!("\nThe digest is not fit to ship:");
    for m in messages {
        eprintln!("  {m}");
        // Cargo shows warnings even when the build script fails; errors are read from stderr.
        println!("cargo:warning={m}");
    }
    std::process::exit(1);
}
