//! The editors' command: check a digest file, or print the JSON Schema of the format.
//!
//!     cargo xtask check-digest path/to/digest.json
//!     cargo run -p jianyan-core --features json --bin jianyan-digest -- schema

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["check", files @ ..] if !files.is_empty() => {
            let mut ok = true;
            for file in files {
                match std::fs::read_to_string(file) {
                    Err(e) => {
                        eprintln!("{file}: cannot read: {e}");
                        ok = false;
                    }
                    Ok(text) => match jianyan_core::digest_json::check(file, &text) {
                        Ok(d) => {
                            let recs: usize =
                                d.speeches.iter().map(|s| s.recommendations.len()).sum();
                            let notes: usize =
                                d.speeches.iter().map(|s| s.notes.len()).sum::<usize>()
                                    + d.meeting.notes.len();
                            println!(
                                "{file}: OK — {} speeches, {recs} recommendations, {} themes, {} measures, {notes} editorial notes",
                                d.speeches.len(),
                                d.themes.len(),
                                d.measures.len()
                            );
                        }
                        Err(messages) => {
                            for m in &messages {
                                eprintln!("{m}");
                            }
                            eprintln!("{file}: {} problem(s)", messages.len());
                            ok = false;
                        }
                    },
                }
            }
            if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        ["schema"] => {
            print!("{}", jianyan_core::digest_json::schema());
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!(
                "usage: jianyan-digest check FILE…     (validate digest files)\n       jianyan-digest schema            (print the JSON Schema)"
            );
            ExitCode::from(2)
        }
    }
}
