//! Prints a SYNTHETIC digest for benchmarks: FILE's speeches N times (see `src/lib.rs`).
//!
//!     cargo run -p jianyan-bench --bin synthetic-digest -- 10 static/digest.json > x10.json
//!
//! Never ship its output as a digest.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [n, file] = args.as_slice() else {
        eprintln!("usage: synthetic-digest N FILE   (FILE's speeches N times, for benchmarks)");
        return ExitCode::from(2);
    };
    let Ok(n) = n.parse::<usize>() else {
        eprintln!("synthetic-digest: {n:?} is not a whole number");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{file}: cannot read: {e}");
            return ExitCode::FAILURE;
        }
    };
    let digest = match jianyan_core::digest_json::check(file, &text) {
        Ok(d) => d,
        Err(messages) => {
            for m in &messages {
                eprintln!("{m}");
            }
            return ExitCode::FAILURE;
        }
    };
    match serde_json::to_string(&synthetic::scale(&digest, n)) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("synthetic-digest: {e}");
            ExitCode::FAILURE
        }
    }
}
