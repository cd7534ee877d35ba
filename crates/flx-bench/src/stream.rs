//! `flx-bench csv-stream`: a large annotated-CSV answer decoded into tables as it arrives,
//! in-process from a generator and through the InfluxDB 2.x client from a local HTTP server:
//! throughput, the time to the first table, and peak memory.

use std::io::{Read, Write};
use std::time::Instant;

/// Rows of each generated table, in InfluxDB's shape (`_start`, `_stop`, `_time`, `_value`,
/// `_field`, `_measurement`, two tags).
const ROWS_PER_TABLE: usize = 10_000;

/// Annotated CSV as InfluxDB 2.x writes a query's answer, made a table at a time until
/// `total` bytes have been given.
struct Generator {
    total: usize,
    given: usize,
    table: usize,
    buffer: Vec<u8>,
    at: usize,
}

impl Generator {
    fn new(total: usize) -> Generator {
        Generator { total, given: 0, table: 0, buffer: Vec::new(), at: 0 }
    }

    fn next_table(&mut self) {
        let mut text = String::with_capacity(ROWS_PER_TABLE * 140);
        if self.table == 0 {
            text.push_str(crate::workloads::ANNOTATED_CSV_HEAD);
        }
        crate::workloads::annotated_csv_table(&mut text, self.table, ROWS_PER_TABLE);
        self.table += 1;
        self.buffer = text.into_bytes();
        self.at = 0;
    }
}

impl Read for Generator {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.at == self.buffer.len() {
            if self.given >= self.total {
                return Ok(0);
            }
            self.next_table();
        }
        let n = buf.len().min(self.buffer.len() - self.at);
        buf[..n].copy_from_slice(&self.buffer[self.at..self.at + n]);
        self.at += n;
        self.given += n;
        Ok(n)
    }
}

/// Peak resident memory of this process, in MiB.
fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}

/// Decodes every table, keeping none: rows, bytes, the time to the first table, the time.
fn drain(
    tables: impl Iterator<Item = Result<(String, flux_exec::table::Table), String>>,
    started: Instant,
) -> (usize, f64, f64) {
    let mut rows = 0;
    let mut first = None;
    for table in tables {
        let (_, table) = table.expect("the answer decodes");
        first.get_or_insert_with(|| started.elapsed().as_secs_f64() * 1e3);
        rows += table.len();
    }
    (rows, first.unwrap_or(0.0), started.elapsed().as_secs_f64())
}

pub fn run(args: Vec<String>) {
    let mib: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(1024);
    let total = mib << 20;
    println!("\nannotated CSV stream: {mib} MiB in tables of {ROWS_PER_TABLE} rows\n");
    println!("| path | rows | seconds | MB/s | first table ms | peak RSS MiB |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");

    let started = Instant::now();
    let decoder = flux_exec::csv::Decoder::new(flux_exec::csv::Reader::from_read(Box::new(Generator::new(total))));
    let (rows, first, seconds) = drain(decoder.map(|t| t.map_err(|e| e.to_string())), started);
    println!(
        "| in-process decode | {rows} | {seconds:.2} | {:.0} | {first:.1} | {:.0} |",
        total as f64 / 1e6 / seconds,
        peak_rss_mib()
    );

    // The same bytes from a local server, chunked, through the InfluxDB 2.x client.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a local port");
    let url = format!("http://{}", listener.local_addr().expect("an address"));
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("the client connects");
        let mut request = [0u8; 8192];
        let _ = stream.read(&mut request);
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\n");
        let mut generator = Generator::new(total);
        let mut chunk = vec![0u8; 256 * 1024];
        loop {
            let n = generator.read(&mut chunk).expect("generated");
            if n == 0 {
                break;
            }
            let _ = write!(stream, "{n:x}\r\n");
            let _ = stream.write_all(&chunk[..n]);
            let _ = stream.write_all(b"\r\n");
        }
        let _ = stream.write_all(b"0\r\n\r\n");
    });
    let connection = flux_connect::Connection {
        name: "bench".to_owned(),
        kind: flux_connect::Kind::Influxdb2 {
            url: url.clone(),
            org: "o".to_owned(),
            token: flux_connect::Secret::None,
        },
        origin: flux_connect::Origin::Script,
        tls: flux_connect::Tls::default(),
        timeout: std::time::Duration::from_secs(30),
        allow: flux_connect::Allow::default(),
    };
    let client = flux_connect::influxdb2::Influxdb2::new(&connection).expect("a client");
    let started = Instant::now();
    let tables = flux_exec::remote::query(&client, "bench", "from(bucket: \"b\")", 0).expect("the query is answered");
    let (rows, first, seconds) = drain(tables, started);
    server.join().expect("the server ends");
    println!(
        "| HTTP, InfluxDB 2.x client | {rows} | {seconds:.2} | {:.0} | {first:.1} | {:.0} |",
        total as f64 / 1e6 / seconds,
        peak_rss_mib()
    );
}
