//! A connection's failure, which names the connection and never its secret.

use std::fmt;

/// What a canceled request says; the engine reports its own cancellation instead.
pub const CANCELED: &str = "the request was canceled";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub connection: String,
    pub message: String,
    pub canceled: bool,
}

impl Error {
    pub fn new(connection: &str, message: String) -> Error {
        Error { connection: connection.to_owned(), message, canceled: false }
    }

    pub fn canceled(connection: &str) -> Error {
        Error { connection: connection.to_owned(), message: CANCELED.to_owned(), canceled: true }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "connection `{}`: {}", self.connection, self.message)
    }
}

impl std::error::Error for Error {}
