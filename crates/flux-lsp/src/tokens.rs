//! Semantic tokens in the LSP's relative encoding, and the edits between two results.

use flux_ide::{ColumnEncoding, LineIndex, SemanticToken, TokenModifiers, TokenType};
use tower_lsp_server::ls_types::{
    SemanticToken as LspToken, SemanticTokenModifier, SemanticTokenType, SemanticTokens, SemanticTokensEdit,
    SemanticTokensLegend,
};

/// The token types in the order of the legend the server announces: a token's type is sent
/// as its index here.
const TYPES: [(TokenType, SemanticTokenType); 13] = [
    (TokenType::Namespace, SemanticTokenType::NAMESPACE),
    (TokenType::Function, SemanticTokenType::FUNCTION),
    (TokenType::Parameter, SemanticTokenType::PARAMETER),
    (TokenType::Variable, SemanticTokenType::VARIABLE),
    (TokenType::Property, SemanticTokenType::PROPERTY),
    (TokenType::String, SemanticTokenType::STRING),
    (TokenType::Number, SemanticTokenType::NUMBER),
    (TokenType::Regexp, SemanticTokenType::REGEXP),
    (TokenType::Operator, SemanticTokenType::OPERATOR),
    (TokenType::Keyword, SemanticTokenType::KEYWORD),
    (TokenType::Comment, SemanticTokenType::COMMENT),
    (TokenType::Type, SemanticTokenType::TYPE),
    (TokenType::Decorator, SemanticTokenType::DECORATOR),
];

/// The modifiers in legend order: bit `i` of a token's modifiers is the `i`th here.
const MODIFIERS: [(TokenModifiers, SemanticTokenModifier); 3] = [
    (TokenModifiers::DECLARATION, SemanticTokenModifier::DECLARATION),
    (TokenModifiers::READONLY, SemanticTokenModifier::READONLY),
    (TokenModifiers::DEFAULT_LIBRARY, SemanticTokenModifier::DEFAULT_LIBRARY),
];

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TYPES.iter().map(|(_, t)| t.clone()).collect(),
        token_modifiers: MODIFIERS.iter().map(|(_, m)| m.clone()).collect(),
    }
}

fn type_index(ty: TokenType) -> u32 {
    TYPES.iter().position(|(t, _)| *t == ty).expect("every type is in the legend") as u32
}

fn modifier_bits(modifiers: TokenModifiers) -> u32 {
    MODIFIERS.iter().enumerate().filter(|(_, (m, _))| modifiers.contains(*m)).map(|(i, _)| 1 << i).sum()
}

/// Tokens as the LSP sends them: each one's line and start relative to the previous token,
/// its length, type and modifiers. Tokens spanning lines (strings, say) are cut at line ends
/// unless the client takes multi-line tokens.
pub fn encode(
    tokens: &[SemanticToken],
    index: &LineIndex,
    text: &str,
    enc: ColumnEncoding,
    multiline: bool,
) -> Vec<LspToken> {
    let mut data = Vec::with_capacity(tokens.len());
    let (mut prev_line, mut prev_start) = (0u32, 0u32);
    let mut push = |line: u32, start: u32, length: u32, ty: u32, modifiers: u32| {
        if length == 0 {
            return;
        }
        let delta_line = line - prev_line;
        let delta_start = if delta_line == 0 { start - prev_start } else { start };
        data.push(LspToken { delta_line, delta_start, length, token_type: ty, token_modifiers_bitset: modifiers });
        prev_line = line;
        prev_start = start;
    };
    for t in tokens {
        let ty = type_index(t.ty);
        let bits = modifier_bits(t.modifiers);
        let start = index.line_col(t.range.start, enc);
        let end = index.line_col(t.range.end, enc);
        if start.line == end.line || multiline {
            let length =
                if start.line == end.line { end.col - start.col } else { units(&text[t.range.as_usize()], enc) };
            push(start.line, start.col, length, ty, bits);
            continue;
        }
        for line in start.line..=end.line {
            let line_start = index.line_start(line).unwrap_or(0);
            let line_end = index.line_end(line, text).unwrap_or(line_start);
            let from = t.range.start.max(line_start);
            let to = t.range.end.min(line_end);
            if from < to {
                let col = index.line_col(from, enc).col;
                push(line, col, units(&text[from as usize..to as usize], enc), ty, bits);
            }
        }
    }
    data
}

fn units(s: &str, enc: ColumnEncoding) -> u32 {
    match enc {
        ColumnEncoding::Utf8 => s.len() as u32,
        ColumnEncoding::Utf16 => s.encode_utf16().count() as u32,
        ColumnEncoding::Utf32 => s.chars().count() as u32,
    }
}

/// One edit turning `old` into `new`: what lies between their common start and end. Edits
/// count in integers of the flat array, five per token.
pub fn diff(old: &[LspToken], new: &[LspToken]) -> Vec<SemanticTokensEdit> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let max_suffix = old.len().min(new.len()) - prefix;
    let suffix = old.iter().rev().zip(new.iter().rev()).take(max_suffix).take_while(|(a, b)| a == b).count();
    if prefix == old.len() && prefix == new.len() {
        return Vec::new();
    }
    vec![SemanticTokensEdit {
        start: 5 * prefix as u32,
        delete_count: 5 * (old.len() - prefix - suffix) as u32,
        data: Some(new[prefix..new.len() - suffix].to_vec()),
    }]
}

pub fn tokens(result_id: String, data: Vec<LspToken>) -> SemanticTokens {
    SemanticTokens { result_id: Some(result_id), data }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flat(tokens: &[LspToken]) -> Vec<u32> {
        tokens
            .iter()
            .flat_map(|t| [t.delta_line, t.delta_start, t.length, t.token_type, t.token_modifiers_bitset])
            .collect()
    }

    fn token(delta_line: u32, delta_start: u32, length: u32) -> LspToken {
        LspToken { delta_line, delta_start, length, token_type: 3, token_modifiers_bitset: 0 }
    }

    #[test]
    fn a_diff_applied_to_the_flat_array_gives_the_new_data() {
        let old = [token(0, 1, 2), token(1, 0, 2), token(1, 0, 4)];
        let cases = [
            vec![token(0, 1, 2), token(1, 0, 3), token(1, 0, 4)],
            vec![token(0, 1, 2), token(1, 0, 2), token(0, 3, 1), token(1, 0, 4)],
            vec![token(1, 0, 4)],
            vec![],
        ];
        for new in cases {
            let mut applied = flat(&old);
            for e in diff(&old, &new).iter().rev() {
                let data = flat(e.data.as_deref().unwrap_or_default());
                applied.splice(e.start as usize..(e.start + e.delete_count) as usize, data);
            }
            assert_eq!(applied, flat(&new));
        }
        assert!(diff(&old, &old).is_empty());
    }

    #[test]
    fn multiline_tokens_are_cut_at_line_ends_unless_the_client_takes_them() {
        let text = "s = \"é\nb\"\n";
        let index = LineIndex::new(text);
        let string = SemanticToken {
            range: flux_ide::TextRange::new(4, text.len() as u32 - 1),
            ty: TokenType::String,
            modifiers: TokenModifiers::default(),
        };
        let cut = encode(&[string], &index, text, ColumnEncoding::Utf16, false);
        assert_eq!(flat(&cut), [0, 4, 2, 5, 0, 1, 0, 2, 5, 0]);
        let whole = encode(&[string], &index, text, ColumnEncoding::Utf16, true);
        assert_eq!(flat(&whole), [0, 4, 5, 5, 0]);
    }
}
