//! Annotated CSV, the format of `csv.from`, of InfluxDB's query API and of `flx run --format
//! csv`: the decoder follows Flux's reader (lenient quotes, defaults for empty cells, a new
//! table where the `table` cell changes), the encoder writes what InfluxDB writes, byte for
//! byte.

mod decode;
mod encode;
mod reader;

pub use decode::{DecodeError, Decoder, Mode, decode};
pub use encode::{
    Dialect, encode_error, encode_result, encode_result_as, encode_result_chunked, encode_results, encode_results_as,
};
pub use reader::Reader;

#[cfg(test)]
mod tests;
