//! GitHub Actions workflow commands (`::error file=...::message`): the runner turns each line
//! into an annotation on the workflow run and on the pull request's changed files.

use flux_ide::{ColumnEncoding, Severity};

use crate::output::{Checked, portable_path};

/// One command per diagnostic. Lines are 1-based and columns count characters, as in flx's
/// other output; the end column is the one just past the range.
pub fn render(file: &Checked) -> String {
    let mut out = String::new();
    for d in &file.diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Hint => "notice",
        };
        let (start, end) = file.index.range(d.range, ColumnEncoding::Utf32);
        let mut properties = Vec::new();
        if !file.stdin {
            properties.push(("file", portable_path(&file.path)));
        }
        properties.push(("line", (start.line + 1).to_string()));
        // The runner takes columns only for an annotation that starts and ends on one line.
        if start.line == end.line {
            properties.push(("col", (start.col + 1).to_string()));
        }
        properties.push(("endLine", (end.line + 1).to_string()));
        if start.line == end.line {
            properties.push(("endColumn", (end.col + 1).to_string()));
        }
        properties.push(("title", d.code.to_owned()));
        let properties: Vec<String> =
            properties.iter().map(|(name, value)| format!("{name}={}", escape_property(value))).collect();
        out.push_str(&format!("::{command} {}::{}\n", properties.join(","), escape_data(&d.message)));
    }
    out
}

/// A message may hold any character but the ones that would end or corrupt the command.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A property value also may not hold the separators of the property list.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape_data("50% done\r\nnext: a, b"), "50%25 done%0D%0Anext: a, b");
        assert_eq!(escape_property("C:\\a,b%\n.flux"), "C%3A\\a%2Cb%25%0A.flux");
    }
}
