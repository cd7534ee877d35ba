//! A bucket's columnar files: whatever bytes a file holds (a damaged or foreign file, a
//! truncated one), opening and reading it gives points or an error, never a panic. The
//! corpus starts from a real file, which the fuzzer then damages; each input is opened with
//! the checksum of its own footer, so that the Parquet decoder sees it (in a bucket a
//! damaged footer fails that check first). Run with `-rss_limit_mb`: the decoder allocates
//! what a damaged footer's counts ask for.
#![no_main]

use flux_storage::columnar::{ColumnarFile, OpenError};
use libfuzzer_sys::fuzz_target;

static DEFAULT_HOOK: std::sync::Once = std::sync::Once::new();

fuzz_target!(|data: &[u8]| {
    // libfuzzer-sys's hook aborts on any panic, even one `ColumnarFile` catches from the
    // Parquet decoder and turns into an error; a panic that escapes still fails the run.
    DEFAULT_HOOK.call_once(|| drop(std::panic::take_hook()));
    let path = std::env::temp_dir().join(format!("flx-fuzz-columnar-{}.parquet", std::process::id()));
    std::fs::write(&path, data).expect("a scratch file");
    // The checksum the file's name would carry, so that the decoder sees the bytes.
    let Ok(checksum) = flux_storage::columnar::footer_checksum(&path) else { return };
    match ColumnarFile::open(&path, checksum) {
        Ok(file) => {
            for index in 0..file.groups.len() {
                if let Ok(column) = file.read(index) {
                    assert_eq!(column.times.len(), column.values.len());
                }
            }
        }
        Err(OpenError::Damaged(error)) => assert!(error.to_string().contains("flx-fuzz-columnar")),
        Err(OpenError::Gone) => panic!("the file was just written"),
    }
});
