//! Checks a parsed digest for what serde cannot: ids, references, dates.
//!
//! Plain Rust so that `build.rs` includes it too: a digest that fails here never ships.

use crate::model::{Digest, NoteKind};

/// One thing wrong with a digest, at a JSON path such as `speeches[2].themes[0]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub reason: String,
}

impl Problem {
    fn new(path: impl Into<String>, reason: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            reason: reason.into(),
        }
    }

    /// `file: path: reason`, the form editors see.
    pub fn message(&self, file: &str) -> String {
        if self.path.is_empty() {
            format!("{file}: {}", self.reason)
        } else {
            format!("{file}: {}: {}", self.path, self.reason)
        }
    }
}

/// Lowercase ASCII letters and digits in groups joined by single hyphens.
pub fn is_url_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// A real calendar date written `YYYY-MM-DD`.
pub fn is_iso_date(date: &str) -> bool {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = &date[r];
        if s.bytes().all(|c| c.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn text(&mut self, path: String, value: &str) {
        if value.trim().is_empty() {
            self.problems.push(Problem::new(path, "must not be empty"));
        }
    }

    fn ids<'a>(&mut self, path: &str, items: impl Iterator<Item = &'a str>) {
        let mut seen: Vec<&str> = Vec::new();
        for (i, id) in items.enumerate() {
            let at = format!("{path}[{i}].id");
            if !is_url_safe_id(id) {
                self.problems.push(Problem::new(
                    at,
                    format!(
                        "id {id:?} is not URL-safe (use lowercase a-z, 0-9 and single hyphens)"
                    ),
                ));
            } else if seen.contains(&id) {
                self.problems
                    .push(Problem::new(at, format!("duplicate id {id:?}")));
            }
            seen.push(id);
        }
    }

    fn refs(&mut self, path: String, used: &[String], declared: &[&str], what: &str) {
        if used.is_empty() {
            self.problems.push(Problem::new(
                path.clone(),
                format!("needs at least one {what} id"),
            ));
        }
        for (i, id) in used.iter().enumerate() {
            if !declared.contains(&id.as_str()) {
                self.problems.push(Problem::new(
                    format!("{path}[{i}]"),
                    format!("{what} {id:?} is not declared in `{what}s`"),
                ));
            } else if used[..i].contains(id) {
                self.problems.push(Problem::new(
                    format!("{path}[{i}]"),
                    format!("{what} {id:?} is listed twice"),
                ));
            }
        }
    }
}

/// Every problem in the digest; empty when it is fit to ship.
pub fn validate(d: &Digest) -> Vec<Problem> {
    let mut c = Checker {
        problems: Vec::new(),
    };
    if d.version != 1 {
        c.problems.push(Problem::new(
            "version",
            format!(
                "unsupported version {} (this viewer reads version 1)",
                d.version
            ),
        ));
    }
    let m = &d.meeting;
    c.text("meeting.title".into(), &m.title);
    c.text("meeting.subtitle".into(), &m.subtitle);
    c.text("meeting.lead".into(), &m.lead);
    if !is_iso_date(&m.date) {
        c.problems.push(Problem::new(
            "meeting.date",
            format!("{:?} is not a date of the form YYYY-MM-DD", m.date),
        ));
    }
    for (i, n) in m.notes.iter().enumerate() {
        c.text(format!("meeting.notes[{i}].text"), &n.text);
    }

    c.ids("themes", d.themes.iter().map(|t| t.id.as_str()));
    for (i, t) in d.themes.iter().enumerate() {
        c.text(format!("themes[{i}].name"), &t.name);
    }
    c.ids("measures", d.measures.iter().map(|t| t.id.as_str()));
    for (i, t) in d.measures.iter().enumerate() {
        c.text(format!("measures[{i}].name"), &t.name);
    }
    let themes: Vec<&str> = d.themes.iter().map(|t| t.id.as_str()).collect();
    let measures: Vec<&str> = d.measures.iter().map(|t| t.id.as_str()).collect();

    if d.speeches.is_empty() {
        c.problems
            .push(Problem::new("speeches", "must list at least one speech"));
    }
    c.ids("speeches", d.speeches.iter().map(|s| s.id.as_str()));
    for (i, s) in d.speeches.iter().enumerate() {
        let p = format!("speeches[{i}]");
        c.text(format!("{p}.speaker.name"), &s.speaker.name);
        c.text(format!("{p}.speaker.role"), &s.speaker.role);
        if let Some(body) = &s.speaker.on_behalf_of {
            c.text(format!("{p}.speaker.on_behalf_of"), body);
        }
        if s.title.trim().is_empty() && !s.notes.iter().any(|n| n.kind == NoteKind::TitleMissing) {
            c.problems.push(Problem::new(
                format!("{p}.title"),
                "must not be empty (if the title is lost, add a note of kind \"title-missing\")",
            ));
        }
        c.refs(format!("{p}.themes"), &s.themes, &themes, "theme");
        for (j, para) in s.background.iter().enumerate() {
            c.text(format!("{p}.background[{j}]"), para);
        }
        for (j, r) in s.recommendations.iter().enumerate() {
            let rp = format!("{p}.recommendations[{j}]");
            let want = format!("r{}", j + 1);
            if r.id != want {
                c.problems.push(Problem::new(
                    format!("{rp}.id"),
                    format!("is {:?}; recommendations are numbered r1, r2, … in order, so this one must be {want:?}", r.id),
                ));
            }
            c.text(format!("{rp}.headline"), &r.headline);
            c.refs(format!("{rp}.measures"), &r.measures, &measures, "measure");
        }
        for (j, f) in s.figures.iter().enumerate() {
            c.text(format!("{p}.figures[{j}].value"), &f.value);
            c.text(format!("{p}.figures[{j}].label"), &f.label);
        }
        for (j, n) in s.notes.iter().enumerate() {
            c.text(format!("{p}.notes[{j}].text"), &n.text);
            let places = ["", "title", "speaker", "background", "lead_in"];
            if !places.contains(&n.at.as_str()) && s.recommendation(&n.at).is_none() {
                c.problems.push(Problem::new(
                    format!("{p}.notes[{j}].at"),
                    format!(
                        "{:?} is neither \"title\", \"speaker\", \"background\", \"lead_in\" nor a recommendation id of this speech",
                        n.at
                    ),
                ));
            }
            // The reader must see, on the speaker line itself, that the name is the editors'.
            if n.kind == NoteKind::AttributionInferred && n.at != "speaker" {
                c.problems.push(Problem::new(
                    format!("{p}.notes[{j}].at"),
                    "an inferred attribution is about the speaker: \"at\" must be \"speaker\"",
                ));
            }
        }
    }
    c.problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_safe_ids() {
        for ok in ["feng-hua", "a", "r2", "x-1-y"] {
            assert!(is_url_safe_id(ok), "{ok}");
        }
        for bad in ["", "-a", "a-", "a--b", "Feng", "冯华", "a b", "a/b", "a_b"] {
            assert!(!is_url_safe_id(bad), "{bad}");
        }
    }

    #[test]
    fn iso_dates() {
        for ok in ["2025-02-25", "2024-02-29", "2000-02-29"] {
            assert!(is_iso_date(ok), "{ok}");
        }
        for bad in [
            "2025-2-25",
            "2025-02-30",
            "1900-02-29",
            "2025-13-01",
            "2025-00-10",
            "20250225",
            "２０２５-02-25",
            "2025-02-2a",
        ] {
            assert!(!is_iso_date(bad), "{bad}");
        }
    }
}
