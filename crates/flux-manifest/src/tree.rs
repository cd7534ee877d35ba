//! The documents of a YAML (or JSON) text as a small tree whose scalars keep their source.

use saphyr_parser::{Event, Parser, ScalarStyle};

use crate::Error;

#[derive(Debug)]
pub(crate) enum Node {
    Scalar(Scalar),
    Seq(Vec<Node>),
    /// Entries with scalar keys, in order (others are dropped).
    Map(Vec<(String, Node)>),
    /// An alias: nothing a manifest's Flux lives in.
    Other,
}

#[derive(Debug)]
pub(crate) struct Scalar {
    pub value: String,
    pub style: ScalarStyle,
    /// Byte offsets of the scalar's source in the text, from its first character (a quote or
    /// a block indicator) to its end.
    pub start: usize,
    pub end: usize,
}

impl Node {
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn str(&self) -> Option<&str> {
        match self {
            Node::Scalar(s) => Some(&s.value),
            _ => None,
        }
    }

    pub fn items(&self) -> &[Node] {
        match self {
            Node::Seq(items) => items,
            _ => &[],
        }
    }

    /// The string at `path` of keys.
    pub fn str_at(&self, path: &[&str]) -> Option<&str> {
        path.iter().try_fold(self, |node, key| node.get(key))?.str()
    }
}

/// The roots of the documents of `text`.
pub(crate) fn parse(text: &str) -> Result<Vec<Node>, Error> {
    // The parser counts characters; the rest of the crate counts bytes.
    let byte_of: Vec<usize> = text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).collect();
    let byte = |chars: usize| byte_of.get(chars).copied().unwrap_or(text.len());
    let mut documents = Vec::new();
    // Open collections: a sequence, or a mapping with the key waiting for its value.
    enum Open {
        Seq(Vec<Node>),
        Map(Vec<(String, Node)>, Option<Option<String>>),
    }
    let mut stack: Vec<Open> = Vec::new();
    let finish = |node: Node, stack: &mut Vec<Open>, documents: &mut Vec<Node>| match stack.last_mut() {
        None => documents.push(node),
        Some(Open::Seq(items)) => items.push(node),
        Some(Open::Map(entries, key)) => match key.take() {
            None => *key = Some(node.str().map(str::to_owned)),
            Some(Some(name)) => entries.push((name, node)),
            Some(None) => {}
        },
    };
    for event in Parser::new_from_str(text) {
        let (event, span) =
            event.map_err(|e| Error { message: e.info().to_owned(), offset: byte(e.marker().index()) })?;
        match event {
            Event::Scalar(value, style, _, _) => {
                let scalar = Scalar {
                    value: value.into_owned(),
                    style,
                    start: byte(span.start.index()),
                    end: byte(span.end.index()),
                };
                finish(Node::Scalar(scalar), &mut stack, &mut documents);
            }
            Event::SequenceStart(..) => stack.push(Open::Seq(Vec::new())),
            Event::MappingStart(..) => stack.push(Open::Map(Vec::new(), None)),
            Event::SequenceEnd | Event::MappingEnd => {
                let node = match stack.pop() {
                    Some(Open::Seq(items)) => Node::Seq(items),
                    Some(Open::Map(entries, _)) => Node::Map(entries),
                    None => Node::Other,
                };
                finish(node, &mut stack, &mut documents);
            }
            Event::Alias(_) => finish(Node::Other, &mut stack, &mut documents),
            _ => {}
        }
    }
    Ok(documents)
}
