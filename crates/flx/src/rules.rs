//! Where each diagnostic code is explained.

/// The documentation of the diagnostics, in the repository on GitHub.
const DOCS: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/diagnostics.md");

/// The address of a code's section of `docs/diagnostics.md`, or of the page for a code it
/// does not know. The section's heading is `E102 — unclosed bracket` and the code's name is
/// its title in kebab case, so GitHub's anchor for it (lower case, punctuation dropped,
/// spaces to hyphens) is `e102--unclosed-bracket`.
pub fn help_uri(code: &str) -> String {
    match flux_ide::diagnostic_code(code) {
        Some(c) => format!("{DOCS}#{}--{}", c.code.to_ascii_lowercase(), c.name),
        None => DOCS.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// GitHub's anchor for a Markdown heading.
    fn github_anchor(heading: &str) -> String {
        heading
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
            .map(|c| if c == ' ' { '-' } else { c })
            .flat_map(char::to_lowercase)
            .collect()
    }

    #[test]
    fn every_code_links_to_its_heading() {
        let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/diagnostics.md"))
            .expect("docs/diagnostics.md");
        let anchors: Vec<String> = docs
            .lines()
            .filter_map(|line| line.strip_prefix("### "))
            .map(|heading| format!("{DOCS}#{}", github_anchor(heading)))
            .collect();
        let uris: Vec<String> = flux_ide::diagnostic_codes().iter().map(|c| help_uri(c.code)).collect();
        for uri in &uris {
            assert!(anchors.contains(uri), "{uri} is no heading of docs/diagnostics.md");
        }
        assert_eq!(uris.len(), anchors.len(), "every documented code is known");
        assert_eq!(
            help_uri("E101"),
            "https://github.com/flx-dev/flx/blob/main/docs/diagnostics.md#e101--unexpected-token"
        );
        assert_eq!(help_uri("X999"), "https://github.com/flx-dev/flx/blob/main/docs/diagnostics.md");
    }
}
