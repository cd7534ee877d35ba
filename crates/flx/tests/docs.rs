//! The command samples of README.md and docs/cli.md are what the commands print: each is run
//! here and compared. `UPDATE_EXPECT=1` rewrites the samples that differ.
//!
//! In those documents, HTML comments (invisible when rendered) mark the samples:
//!
//! - `<!-- sample-file: NAME -->` before a fenced block makes the block's text the file NAME
//!   in the directory the document's commands run in; `<!-- sample-file: NAME` with the
//!   contents on the following lines, up to `-->`, makes a file the reader does not see.
//! - `<!-- sample -->` before a fenced block whose first line is `$ COMMAND`: the rest of the
//!   block is what COMMAND prints on standard output and standard error, in the order a
//!   terminal shows them. COMMAND is
//!   `flx ARGS` or `echo 'TEXT' | flx ARGS`.
//! - `<!-- sample: flx ARGS -->` before a fenced block: the whole block is what it prints.
//! - `<!-- sample /POINTER: flx ARGS -->` before a `json` block: the block is the part of
//!   the JSON output that the JSON pointer selects.
//!
//! A `json` block is compared as a JSON value, so it may be laid out for reading; it is
//! standard output alone.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const DOCUMENTS: [&str; 2] = ["README.md", "docs/cli.md"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn samples_in_the_docs_are_what_the_commands_print() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    let mut samples = 0;
    for document in DOCUMENTS {
        let path = root().join(document);
        let text = std::fs::read_to_string(&path).expect("the document exists");
        let scratch =
            std::env::temp_dir().join(format!("flx-docs-{}-{}", std::process::id(), document.replace(['/', '.'], "-")));
        let _ = std::fs::remove_dir_all(&scratch);
        std::fs::create_dir_all(&scratch).expect("a scratch directory");
        let (rewritten, checked) = check_document(document, &text, &scratch, &mut failures);
        samples += checked;
        if update && rewritten != text {
            std::fs::write(&path, rewritten).expect("the document is rewritten");
        }
        let _ = std::fs::remove_dir_all(&scratch);
    }
    assert!(samples >= 8, "only {samples} samples found: were the markers removed?");
    if !update {
        assert!(failures.is_empty(), "{}\n\n(UPDATE_EXPECT=1 rewrites the samples)", failures.join("\n\n"));
    }
}

/// A fenced block: the line range of its contents and its indentation.
struct Block {
    info: String,
    indent: usize,
    /// Lines between the fences.
    body: std::ops::Range<usize>,
}

/// The first fenced block at or after line `from`.
fn next_block(lines: &[&str], from: usize) -> Option<Block> {
    let open = (from..lines.len()).find(|&i| lines[i].trim_start().starts_with("```"))?;
    let indent = lines[open].len() - lines[open].trim_start().len();
    let info = lines[open].trim_start().trim_start_matches('`').trim().to_owned();
    let close = (open + 1..lines.len()).find(|&i| lines[i].trim() == "```")?;
    Some(Block { info, indent, body: open + 1..close })
}

fn block_text(lines: &[&str], block: &Block) -> String {
    lines[block.body.clone()].iter().map(|l| format!("{}\n", l.get(block.indent..).unwrap_or(""))).collect()
}

/// Checks every sample of one document; returns the document with the samples as the
/// commands print them, and how many samples there were.
fn check_document(name: &str, text: &str, dir: &Path, failures: &mut Vec<String>) -> (String, usize) {
    let lines: Vec<&str> = text.lines().collect();
    // Replacements of block bodies: (line range, new lines).
    let mut replacements: Vec<(std::ops::Range<usize>, Vec<String>)> = Vec::new();
    let mut samples = 0;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        if let Some(rest) = line.strip_prefix("<!-- sample-file: ") {
            if let Some(file) = rest.strip_suffix("-->") {
                let block = next_block(&lines, i + 1).unwrap_or_else(|| panic!("{name}:{}: no block", i + 1));
                write_file(dir, file.trim(), &block_text(&lines, &block));
                i = block.body.end;
            } else {
                let end = (i + 1..lines.len()).find(|&j| lines[j].trim() == "-->").expect("`-->` ends the file");
                let contents: String = lines[i + 1..end].iter().map(|l| format!("{l}\n")).collect();
                write_file(dir, rest.trim(), &contents);
                i = end;
            }
        } else if let Some(rest) = line.strip_prefix("<!-- sample") {
            let rest = rest.strip_suffix("-->").unwrap_or_else(|| panic!("{name}:{}: a one-line marker", i + 1)).trim();
            let block = next_block(&lines, i + 1).unwrap_or_else(|| panic!("{name}:{}: no block", i + 1));
            let shown = block_text(&lines, &block);
            let (pointer, command, expected, prompt) = match rest.strip_prefix(':').map(str::trim) {
                None if rest.is_empty() => {
                    let (first, output) = shown.split_once('\n').unwrap_or((&shown, ""));
                    let command = first.strip_prefix("$ ").unwrap_or_else(|| {
                        panic!("{name}:{}: the block starts with `$ command`", block.body.start + 1)
                    });
                    (None, command.to_owned(), output.to_owned(), Some(first.to_owned()))
                }
                Some(command) => (None, command.to_owned(), shown.clone(), None),
                None => {
                    let (pointer, command) = rest.split_once(':').expect("`/pointer: command`");
                    (Some(pointer.trim().to_owned()), command.trim().to_owned(), shown.clone(), None)
                }
            };
            samples += 1;
            let json = block.info == "json";
            // A document shows lines; CRLF line ends (annotated CSV's) are compared as LF.
            let printed = run(&command, dir, !json).replace("\r\n", "\n");
            let (matches, actual) = if json {
                let value: serde_json::Value = serde_json::from_str(&printed)
                    .unwrap_or_else(|e| panic!("{name}: `{command}` printed no JSON ({e}): {printed}"));
                let value = match &pointer {
                    Some(p) => value.pointer(p).unwrap_or_else(|| panic!("{name}: {p} selects nothing")).clone(),
                    None => value,
                };
                let documented: Option<serde_json::Value> = serde_json::from_str(&expected).ok();
                let pretty = serde_json::to_string_pretty(&value).expect("JSON") + "\n";
                (documented.as_ref() == Some(&value), pretty)
            } else {
                (expected == printed, printed)
            };
            if !matches {
                failures.push(format!(
                    "{name}:{}: `{command}` prints\n{actual}\nbut the document shows\n{expected}",
                    block.body.start + 1
                ));
                let mut new_lines: Vec<String> = prompt.into_iter().collect();
                new_lines.extend(actual.lines().map(str::to_owned));
                let indent = " ".repeat(block.indent);
                let new_lines =
                    new_lines.into_iter().map(|l| if l.is_empty() { l } else { format!("{indent}{l}") }).collect();
                replacements.push((block.body.clone(), new_lines));
            }
            i = block.body.end;
        }
        i += 1;
    }
    let mut out: Vec<String> = Vec::new();
    let mut at = 0;
    for (range, new_lines) in replacements {
        out.extend(lines[at..range.start].iter().map(|l| l.to_string()));
        out.extend(new_lines);
        at = range.end;
    }
    out.extend(lines[at..].iter().map(|l| l.to_string()));
    (out.join("\n") + "\n", samples)
}

fn write_file(dir: &Path, name: &str, contents: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("directories");
    std::fs::write(path, contents).expect("a sample file");
}

/// Runs `flx ARGS` or `echo 'TEXT' | flx ARGS` in `dir`: what it prints on standard output,
/// and with `and_errors` on standard error too, in the order a terminal shows them.
fn run(command: &str, dir: &Path, and_errors: bool) -> String {
    let (stdin, command) = match command.strip_prefix("echo '") {
        Some(rest) => {
            let (text, rest) = rest.split_once("' | ").expect("`echo 'TEXT' | flx ...`");
            (Some(format!("{text}\n")), rest)
        }
        None => (None, command),
    };
    let mut words = command.split_whitespace();
    assert_eq!(words.next(), Some("flx"), "a sample runs flx: {command}");
    // Both streams into one pipe keeps their order; the shell only redirects.
    let redirect = if and_errors { "2>&1" } else { "2>/dev/null" };
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("exec \"$0\" \"$@\" {redirect}"))
        .arg(env!("CARGO_BIN_EXE_flx"))
        .args(words)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        // Connections are the document's own (a sample flx.toml), never the reader's.
        .env("XDG_CONFIG_HOME", dir.join(".no-user-config"))
        .env("INFLUX_CONFIGS_PATH", dir.join(".no-influx-configs"))
        .env_remove("INFLUX_HOST")
        .env_remove("FLX_DATA_DIR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("flx runs");
    if let Some(text) = stdin {
        use std::io::Write;
        child.stdin.take().expect("stdin").write_all(text.as_bytes()).expect("writes");
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().expect("flx finishes");
    String::from_utf8(out.stdout).expect("UTF-8")
}
