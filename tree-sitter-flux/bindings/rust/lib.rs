// The language function comes from the generated C parser; declaring and
// wrapping that extern function cannot be done without `unsafe`.
#![allow(unsafe_code)]

//! A [tree-sitter] grammar for [Flux], InfluxData's data scripting language.
//!
//! ```
//! let mut parser = tree_sitter::Parser::new();
//! parser
//!     .set_language(&tree_sitter_flux::LANGUAGE.into())
//!     .expect("the grammar's ABI matches the tree-sitter crate");
//! let tree = parser.parse("from(bucket: \"b\") |> range(start: -1h)", None).unwrap();
//! assert!(!tree.root_node().has_error());
//! ```
//!
//! [tree-sitter]: https://tree-sitter.github.io/
//! [Flux]: https://docs.influxdata.com/flux/

use tree_sitter_language::LanguageFn;

unsafe extern "C" {
    fn tree_sitter_flux() -> *const ();
}

/// The tree-sitter [`LanguageFn`] for Flux; convert it with `.into()` to get
/// a `tree_sitter::Language`.
pub const LANGUAGE: LanguageFn = unsafe { LanguageFn::from_raw(tree_sitter_flux) };

/// The content of `src/node-types.json`: every node kind and its fields.
pub const NODE_TYPES_JSON: &str = include_str!("../../src/node-types.json");

/// Syntax highlighting query (nvim-treesitter capture names).
pub const HIGHLIGHTS_QUERY: &str = include_str!("../../queries/highlights.scm");

/// Scopes, definitions and references (nvim-treesitter `@local.*` captures).
pub const LOCALS_QUERY: &str = include_str!("../../queries/locals.scm");

/// Language injections: regex literals are injected as `regex`.
pub const INJECTIONS_QUERY: &str = include_str!("../../queries/injections.scm");

/// Foldable regions.
pub const FOLDS_QUERY: &str = include_str!("../../queries/folds.scm");

/// Indentation rules (nvim-treesitter `@indent.*` captures).
pub const INDENTS_QUERY: &str = include_str!("../../queries/indents.scm");

#[cfg(test)]
mod tests {
    #[test]
    fn loads_language() {
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&super::LANGUAGE.into()).expect("error loading the Flux grammar");
    }
}
