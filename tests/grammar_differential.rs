//! The two grammars accept and reject the same programs.
//!
//! `flux-syntax` (the analyzer's parser) follows libflux; `tree-sitter-flux` (the editors'
//! grammar) is written separately. Over a corpus of mutants of the committed programs, made
//! with a fixed seed (a token deleted, repeated, swapped with the next, replaced or inserted),
//! a program must either be clean for both or flagged by both: an ERROR or MISSING node in the
//! tree-sitter tree, any syntax diagnostic of `flux-syntax` (including the missing-separator
//! warning, which libflux tolerates and the editors' grammar does not). Checks of what a
//! token's text means are the analyzer's alone: a number with a leading zero or out of range,
//! an impossible date, an oversized duration, a regular expression that does not compile
//! (the editors highlight it with an injected regex grammar) and nesting deeper than libflux
//! allows. Any disagreement is listed with the program, so that the grammar at fault can be
//! mended.

use flx_test_utils::Rng;
use std::path::Path;

use flux_syntax::lexer::{Lexer, Mode, TokenKind};

/// At least this many programs are compared.
const PROGRAMS: usize = 2_000;

/// The committed programs the mutants come from.
fn seeds() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["corpus/syntax/valid", "corpus/semantic/valid", "corpus/fmt/input", "../examples"] {
        files.extend(flx_test_utils::corpus_files(&root.join(dir)));
    }
    files.sort();
    files.iter().map(|path| std::fs::read_to_string(path).expect("a readable corpus file")).collect()
}

/// The byte ranges of a program's tokens (comments and whitespace left out).
fn tokens(text: &str) -> Vec<(usize, usize)> {
    let mut lexer = Lexer::new(text);
    let mut out = Vec::new();
    loop {
        let token = lexer.next_token(Mode::Normal);
        if token.kind == TokenKind::Eof {
            return out;
        }
        out.push((token.range.start as usize, token.range.end as usize));
    }
}

/// Tokens a mutation may put in: the punctuation people get wrong, names and literals.
const REPLACEMENTS: [&str; 16] =
    ["(", ")", "{", "}", "[", "]", ",", ":", "=", "=>", "|>", ".", "x", "1", "\"s\"", "with"];

fn mutate(text: &str, rng: &mut Rng) -> String {
    let tokens = tokens(text);
    if tokens.is_empty() {
        return text.to_owned();
    }
    let (start, end) = tokens[rng.below(tokens.len())];
    let token = &text[start..end];
    let replacement = REPLACEMENTS[rng.below(REPLACEMENTS.len())];
    let (before, after) = (&text[..start], &text[end..]);
    match rng.below(5) {
        0 => format!("{before}{after}"),
        1 => format!("{before}{token} {token}{after}"),
        2 => {
            let next = tokens.iter().find(|(s, _)| *s >= end);
            match next {
                Some(&(s, e)) => format!("{before}{}{}{token}{}", &text[s..e], &text[end..s], &text[e..]),
                None => format!("{before}{after}"),
            }
        }
        3 => format!("{before}{replacement}{after}"),
        _ => format!("{before}{replacement} {token}{after}"),
    }
}

/// The codes of the checks of a token's meaning, which the editors' grammar does not make.
const VALUE_CHECKS: [&str; 5] = ["E106", "E107", "E108", "E109", "E113"];

/// Whether `flux-syntax` finds something wrong with the program's form, if that can be told:
/// `None` when it reports a check of a token's meaning, after which its error recovery may
/// leave a mistake of form unreported.
fn flux_syntax_flags(text: &str) -> Option<bool> {
    let errors = flux_syntax::parse(text).errors;
    if errors.iter().any(|e| VALUE_CHECKS.contains(&e.code())) {
        return None;
    }
    Some(!errors.is_empty())
}

#[test]
fn both_grammars_accept_and_reject_the_same_programs() {
    let mut ts = tree_sitter::Parser::new();
    ts.set_language(&tree_sitter_flux::LANGUAGE.into()).expect("the grammar loads");
    let seeds = seeds();
    assert!(seeds.len() > 100, "the corpora hold {} programs", seeds.len());
    let mut rng = Rng(0x5eed_f100d);
    let mut programs: Vec<String> = seeds.clone();
    // Left out below: at most 5%, so that more than `PROGRAMS` are compared.
    while programs.len() < PROGRAMS * 21 / 20 + seeds.len() {
        let seed = &seeds[rng.below(seeds.len())];
        // Mostly one mistake; sometimes two.
        let mut mutant = mutate(seed, &mut rng);
        if rng.below(4) == 0 {
            mutant = mutate(&mutant, &mut rng);
        }
        programs.push(mutant);
    }
    let (mut accepted, mut rejected, mut value_checks) = (0, 0, 0);
    let mut disagreements = Vec::new();
    for program in &programs {
        let Some(flagged) = flux_syntax_flags(program) else {
            value_checks += 1;
            continue;
        };
        let ours = !flagged;
        let theirs = !ts.parse(program, None).expect("tree-sitter parses").root_node().has_error();
        match (ours, theirs) {
            (true, true) => accepted += 1,
            (false, false) => rejected += 1,
            _ => disagreements.push((ours, program)),
        }
    }
    assert!(value_checks < programs.len() / 20, "{value_checks} programs left out for checks of meaning");
    println!(
        "{} programs compared: {accepted} clean for both, {rejected} flagged by both, {} split; {value_checks} left out",
        accepted + rejected + disagreements.len(),
        disagreements.len()
    );
    let report: Vec<String> = disagreements
        .iter()
        .take(10)
        .map(|(ours, program)| {
            let who = if *ours { "only flux-syntax accepts" } else { "only tree-sitter-flux accepts" };
            format!("--- {who}:\n{program}")
        })
        .collect();
    assert!(
        disagreements.is_empty(),
        "{} of {} programs ({accepted} accepted and {rejected} rejected by both) split the grammars; the first:\n{}",
        disagreements.len(),
        programs.len() - value_checks,
        report.join("\n")
    );
    assert!(accepted + rejected >= PROGRAMS, "{} programs compared", accepted + rejected);
    assert!(accepted > 100 && rejected > 1_000, "{accepted} accepted, {rejected} rejected: the corpus tests both ways");
}
