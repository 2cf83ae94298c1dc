//! Building HTML as text, with every piece of data escaped.
//!
//! Why: the static parts of a page (speech text, notes, the coverage picture) have no
//! controls, and writing them through Yew's `html!` costs far more WebAssembly than writing
//! them as text (measured: the coverage picture alone was 5.5 KB brotli). The views turn the
//! text into one raw node; Yew hydrates raw nodes like any other. Controls stay in `html!`.

/// Escapes text for an HTML element or a quoted attribute value (`&`, `<`, `>`, `"`, `'`):
/// the project's one HTML escaper, `html-escape`'s (Yew's server renderer uses the same crate).
pub fn escape_into(out: &mut String, s: &str) {
    html_escape::encode_quoted_attribute_to_string(s, out);
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// An HTML fragment under construction. Tag and attribute names are always literals in
/// our code; attribute values and text are always escaped.
#[derive(Default)]
pub struct Markup(String);

impl Markup {
    pub fn new() -> Self {
        Markup(String::with_capacity(1024))
    }

    /// `<tag a="v" …>`; an attribute with an empty value is left out.
    pub fn open(&mut self, tag: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.0.push('<');
        self.0.push_str(tag);
        for (k, v) in attrs {
            if !v.is_empty() {
                self.0.push(' ');
                self.0.push_str(k);
                self.0.push_str("=\"");
                escape_into(&mut self.0, v);
                self.0.push('"');
            }
        }
        self.0.push('>');
        self
    }

    pub fn close(&mut self, tag: &str) -> &mut Self {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
        self
    }

    pub fn text(&mut self, s: &str) -> &mut Self {
        escape_into(&mut self.0, s);
        self
    }

    /// `<tag attrs>text</tag>`
    pub fn el(&mut self, tag: &str, attrs: &[(&str, &str)], text: &str) -> &mut Self {
        self.open(tag, attrs).text(text).close(tag)
    }

    /// Text with byte ranges wrapped in `<mark>` (search hits).
    pub fn marked(&mut self, text: &str, spans: &[crate::search::Span]) -> &mut Self {
        for (t, hit) in crate::search::segments(text, spans) {
            if hit {
                self.el("mark", &[], t);
            } else {
                self.text(t);
            }
        }
        self
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_attributes() {
        let mut m = Markup::new();
        m.open("a", &[("href", "x\"onmouseover=\"alert(1)"), ("class", "")])
            .text("<script>alert('x')</script>&")
            .close("a");
        assert_eq!(
            m.into_string(),
            "<a href=\"x&quot;onmouseover=&quot;alert(1)\">&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&amp;</a>"
        );
    }

    #[test]
    fn marks_hits() {
        let mut m = Markup::new();
        m.marked("甲<乙", &[(3, 4)]);
        assert_eq!(m.into_string(), "甲<mark>&lt;</mark>乙");
    }
}
