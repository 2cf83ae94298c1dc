//! Each kind of bad digest fails with the file, the JSON path and the reason.
#![cfg(feature = "json")]
// Run from the crate's folder (cargo test does): fixtures are under tests/, the shipped
// digest two levels up.

use jianyan_core::digest_json::check;

fn messages(name: &str) -> Vec<String> {
    let file = format!("tests/fixtures/invalid/{name}");
    let text = std::fs::read_to_string(&file).unwrap();
    match check(&file, &text) {
        Ok(_) => panic!("{file} was accepted"),
        Err(m) => m,
    }
}

fn assert_one(name: &str, expected: &str) {
    let got = messages(name);
    assert!(
        got.iter().any(|m| m == expected),
        "{name}: expected the message\n  {expected}\ngot\n  {}",
        got.join("\n  ")
    );
}

#[test]
fn the_minimal_fixture_is_valid() {
    let text = std::fs::read_to_string("tests/fixtures/valid-minimal.json").unwrap();
    assert!(check("valid-minimal.json", &text).is_ok());
}

#[test]
fn malformed_json() {
    let got = messages("malformed.json");
    assert_eq!(got.len(), 1);
    assert!(
        got[0].starts_with("tests/fixtures/invalid/malformed.json: malformed JSON: ")
            && got[0].contains(" at line "),
        "{got:?}"
    );
}

#[test]
fn missing_field() {
    let got = messages("missing-field.json");
    assert!(
        got[0].starts_with(
            "tests/fixtures/invalid/missing-field.json: speeches[0]: missing field `title`"
        ),
        "{got:?}"
    );
}

#[test]
fn unknown_field() {
    let got = messages("unknown-field.json");
    assert!(got[0].starts_with("tests/fixtures/invalid/unknown-field.json: speeches[0].recommendations[0].idx: unknown field `idx`"), "{got:?}");
}

#[test]
fn empty_required_field() {
    assert_one(
        "empty-field.json",
        "tests/fixtures/invalid/empty-field.json: speeches[0].speaker.name: must not be empty",
    );
}

#[test]
fn duplicate_id() {
    assert_one(
        "duplicate-id.json",
        "tests/fixtures/invalid/duplicate-id.json: speeches[1].id: duplicate id \"wang-wu\"",
    );
}

#[test]
fn undeclared_theme() {
    assert_one(
        "undeclared-theme.json",
        "tests/fixtures/invalid/undeclared-theme.json: speeches[0].themes[0]: theme \"culture\" is not declared in `themes`",
    );
}

#[test]
fn undeclared_measure() {
    assert_one(
        "undeclared-measure.json",
        "tests/fixtures/invalid/undeclared-measure.json: speeches[0].recommendations[0].measures[1]: measure \"talent\" is not declared in `measures`",
    );
}

#[test]
fn bad_date() {
    assert_one(
        "bad-date.json",
        "tests/fixtures/invalid/bad-date.json: meeting.date: \"2026-02-30\" is not a date of the form YYYY-MM-DD",
    );
}

#[test]
fn id_not_url_safe() {
    assert_one(
        "unsafe-id.json",
        "tests/fixtures/invalid/unsafe-id.json: speeches[0].id: id \"Wang Wu\" is not URL-safe (use lowercase a-z, 0-9 and single hyphens)",
    );
}

#[test]
fn inferred_attribution_marks_the_speaker() {
    assert_one(
        "attribution-not-on-speaker.json",
        "tests/fixtures/invalid/attribution-not-on-speaker.json: speeches[0].notes[0].at: an inferred attribution is about the speaker: \"at\" must be \"speaker\"",
    );
}

#[test]
fn unknown_note_kind() {
    let got = messages("bad-note-kind.json");
    assert!(got[0].starts_with("tests/fixtures/invalid/bad-note-kind.json: speeches[0].notes[0].kind: unknown variant `guessed`"), "{got:?}");
}

#[test]
fn the_schema_file_is_generated_from_the_types() {
    let shipped = std::fs::read_to_string("../../static/digest.schema.json").unwrap();
    assert!(
        shipped == jianyan_core::digest_json::schema(),
        "static/digest.schema.json is stale: run `cargo run -p jianyan-core --features json --bin jianyan-digest -- schema > static/digest.schema.json`"
    );
}

#[test]
fn the_command_reports_and_fails() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jianyan-digest"))
        .args([
            "check",
            "tests/fixtures/invalid/bad-date.json",
            "../../static/digest.json",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("meeting.date: \"2026-02-30\" is not a date"),
        "{err}"
    );
    let ok = String::from_utf8_lossy(&out.stdout);
    assert!(
        ok.contains("../../static/digest.json: OK — 10 speeches"),
        "{ok}"
    );
}
