//! `sql.to` then `sql.from` through `flx run --allow-sql`: the rows come back as written, on
//! SQLite (bundled) and on a real PostgreSQL (`FLX_TEST_POSTGRES`, a data source name that
//! scripts/test sets for the server on 127.0.0.1:5432).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("flx-sql-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn flx(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flx"))
        .args(args)
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", dir.join("no-user-config"))
        .env("INFLUX_CONFIGS_PATH", dir.join("no-influx-configs"))
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// Rows with every type, a null, and names that would break naive quoting.
const ROWS: &str = r#"import "array"
import "sql"

rows = array.from(rows: [
    {_time: 2026-01-01T00:00:00Z, host: "a", "fav food": "x\" y'z", n: 3, v: 1.5, ok: true},
    {_time: 2026-01-01T00:01:00.123456Z, host: "b", "fav food": "z", n: -4, v: 2.25, ok: false},
])
"#;

fn round_trip(driver: &str, dsn: &str, table: &str) -> String {
    let dir = scratch(driver);
    let quoted = table.replace('"', "\"\"");
    let script = format!(
        "{ROWS}\nrows |> sql.to(driverName: \"{driver}\", dataSourceName: \"{dsn}\", table: {table:?}, batchSize: 4)\n\
         sql.from(driverName: \"{driver}\", dataSourceName: \"{dsn}\", query: \"SELECT * FROM \\\"{}\\\" ORDER BY n DESC\") |> yield(name: \"read\")\n",
        quoted.replace('"', "\\\"")
    );
    std::fs::write(dir.join("rt.flux"), &script).unwrap();
    let out = flx(&dir, &["run", "--allow-sql", "--format", "csv", "rt.flux"]);
    assert!(out.status.success(), "{script}\n{}", String::from_utf8_lossy(&out.stderr));
    let refused = flx(&dir, &["run", "rt.flux"]);
    assert_eq!(refused.status.code(), Some(1));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains(&format!("sql.to: would connect to a {driver} database")) && said.contains("--allow-sql"),
        "{said}"
    );
    String::from_utf8(out.stdout).unwrap()
}

/// What `sql.to` passes on (`_result`), then what `sql.from` reads back (`read`).
fn want() -> String {
    format!("{}{READ}", READ.replace("#default,read,", "#default,_result,"))
}

const READ: &str = "#datatype,string,long,dateTime:RFC3339,string,string,long,double,boolean\r\n\
#group,false,false,false,false,false,false,false,false\r\n\
#default,read,,,,,,,\r\n\
,result,table,_time,host,fav food,n,v,ok\r\n\
,,0,2026-01-01T00:00:00Z,a,\"x\"\" y'z\",3,1.5,true\r\n\
,,0,2026-01-01T00:01:00.123456Z,b,z,-4,2.25,false\r\n\
\r\n";

#[test]
fn sqlite_takes_rows_and_gives_them_back() {
    let db = scratch("sqlite-db").join("pets.db");
    let read = round_trip("sqlite3", &format!("file:{}", db.display()), "pet \"info\"; drop table x");
    assert_eq!(read, want());
}

#[test]
fn postgres_takes_rows_and_gives_them_back() {
    let Some(dsn) = flx_test_utils::external_tool_value("FLX_TEST_POSTGRES", "PostgreSQL on 127.0.0.1:5432") else {
        return;
    };
    let table = format!("flx pets {}", std::process::id());
    let read = round_trip("postgres", &dsn, &table);
    assert_eq!(read, want());
    // The table stays: drop it so that the next run starts clean.
    let dir = scratch("postgres-drop");
    let drop = format!(
        "import \"sql\"\nsql.from(driverName: \"postgres\", dataSourceName: \"{dsn}\", query: \"DROP TABLE \\\"{table}\\\"\")\n"
    );
    std::fs::write(dir.join("drop.flux"), drop).unwrap();
    let _ = flx(&dir, &["run", "--allow-sql", "drop.flux"]);
}

#[test]
fn bad_sources_say_what_is_wrong() {
    let dir = scratch("errors");
    let cases = [
        (
            "mysql",
            "root@tcp(127.0.0.1:3306)/test",
            "the SQL driver `mysql` is not one this engine has (sqlite3, postgres)",
        ),
        ("postgres", "postgresql://postgres@127.0.0.1:9/test?sslmode=disable", "cannot connect to PostgreSQL"),
        ("sqlite3", "file:/nonexistent-dir/x.db", "cannot open the SQLite database `file:/nonexistent-dir/x.db`"),
    ];
    for (driver, dsn, want) in cases {
        let script = format!(
            "import \"sql\"\nsql.from(driverName: \"{driver}\", dataSourceName: \"{dsn}\", query: \"SELECT 1\")\n"
        );
        std::fs::write(dir.join("bad.flux"), &script).unwrap();
        let out = flx(&dir, &["run", "--allow-sql", "bad.flux"]);
        assert_eq!(out.status.code(), Some(1), "{script}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains(want), "{script}: {said}");
    }
}
