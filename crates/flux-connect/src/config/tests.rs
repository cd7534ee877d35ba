use std::path::Path;

use super::*;

/// A fresh directory under the target's temporary folder.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("flx-connect-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The connections, one line each: name, kind, url, secret's source, origin file name.
fn summary(connections: &Connections) -> String {
    let mut out = format!("default: {:?}\n", connections.default);
    for c in &connections.connections {
        let (url, secret) = match &c.kind {
            Kind::Influxdb2 { url, org, token } => (format!("{url} org={org}"), token.describe()),
            Kind::Influxdb1 { url, database, retention_policy, username, password } => {
                (format!("{url} db={database:?} rp={retention_policy:?} user={username:?}"), password.describe())
            }
            Kind::Influxdb3 { url, database, token } => (format!("{url} db={database:?}"), token.describe()),
            Kind::Local { data } => (data.file_name().unwrap().to_string_lossy().into_owned(), String::new()),
        };
        let origin = match &c.origin {
            Origin::File { path, workspace } => {
                format!(
                    "{}{}",
                    path.parent().unwrap().file_name().unwrap().to_string_lossy(),
                    if *workspace { " (workspace)" } else { "" }
                )
            }
            other => other.to_string().rsplit('/').next().unwrap().to_owned(),
        };
        out.push_str(&format!(
            "{} {} {url} secret: {secret}; timeout {:?}; allow {:?}; skip_verify {}; from {origin}\n",
            c.name,
            c.kind.name(),
            c.timeout,
            c.allow,
            c.tls.skip_verify
        ));
    }
    out
}

#[test]
fn every_source_in_order() {
    let dir = scratch("sources");
    let workspace = dir.join("project");
    write(
        &workspace.join("flx.toml"),
        r#"
default = "legacy"

[connections.legacy]
kind = "influxdb1"
url = "http://127.0.0.1:8086/"
database = "telegraf"
retention_policy = "autogen"
username = "reader"
password_env = "LEGACY_PASSWORD"
timeout = "5s"

[connections.edge]
kind = "influxdb3"
url = "https://edge.example:8181"
database = "sensors"
token_command = "pass show edge"
skip_verify = true

[connections.here]
kind = "local"
data = "data"
allow = ["net", "sql"]
"#,
    );
    let user = dir.join("config").join("flx.toml");
    write(
        &user,
        r#"
[connections.cloud]
kind = "influxdb2"
url = "https://eu-central-1-1.aws.cloud2.influxdata.com"
org = "acme"
token = "user-file-token"

[connections.edge]
kind = "local"
data = "shadowed"
"#,
    );
    let influx = dir.join("influx").join("configs");
    write(&influx, "[default]\nurl = \"http://localhost:8086\"\ntoken = \"t\"\norg = \"o\"\nactive = true\n");
    let places = Places {
        workspace: Some(workspace.join("sub")),
        user_file: Some(user),
        influx_configs: Some(influx),
        influx_env: Some(("http://env-host:8086".into(), Some("env-org".into()), Some("x".into()))),
        // The editor's come after the workspace's and before the user's: `edge` stays the
        // workspace's, `cloud` becomes the editor's.
        client: Some(serde_json::json!({
            "cloud": {"kind": "influxdb1", "url": "http://editor:8086", "username": "u", "password_env": "FLX_SECRET_0"},
            "edge": {"kind": "local", "data": "editor-data"},
            "scratch": {"kind": "local", "data": "editor-data"}
        })),
    };
    std::fs::create_dir_all(workspace.join("sub")).unwrap();
    let connections = Connections::load(&places).unwrap();
    expect_test::expect![[r#"
        default: Some("legacy")
        edge influxdb3 https://edge.example:8181 db=Some("sensors") secret: from the command `pass show edge`; timeout 30s; allow Allow { net: false, sql: false }; skip_verify true; from project (workspace)
        here local data secret: ; timeout 30s; allow Allow { net: true, sql: true }; skip_verify false; from project (workspace)
        legacy influxdb1 http://127.0.0.1:8086 db=Some("telegraf") rp=Some("autogen") user=Some("reader") secret: from $LEGACY_PASSWORD; timeout 5s; allow Allow { net: false, sql: false }; skip_verify false; from project (workspace)
        cloud influxdb1 http://editor:8086 db=None rp=None user=Some("u") secret: from $FLX_SECRET_0; timeout 30s; allow Allow { net: false, sql: false }; skip_verify false; from the editor's settings
        scratch local editor-data secret: ; timeout 30s; allow Allow { net: false, sql: false }; skip_verify false; from the editor's settings
        default influxdb2 http://localhost:8086 org=o secret: set in the config file; timeout 30s; allow Allow { net: false, sql: false }; skip_verify false; from configs
        env influxdb2 http://env-host:8086 org=env-org secret: from $INFLUX_TOKEN; timeout 30s; allow Allow { net: false, sql: false }; skip_verify false; from INFLUX_HOST
    "#]]
    .assert_eq(&summary(&connections));
    assert_eq!(connections.choose(None).unwrap().unwrap().name, "legacy");
    assert_eq!(connections.choose(Some("cloud")).unwrap().unwrap().name, "cloud");
    assert_eq!(connections.by_url("http://localhost:8086/").unwrap().name, "default");
    let wrong = connections.choose(Some("nope")).unwrap_err();
    assert_eq!(wrong.0, "no connection named `nope` (configured: edge, here, legacy, cloud, scratch, default, env)");
}

fn load_error(text: &str) -> String {
    let dir = scratch("errors");
    write(&dir.join("flx.toml"), text);
    let places = Places { workspace: Some(dir.clone()), ..Places::default() };
    let error = Connections::load(&places).unwrap_err().0;
    error.replace(&dir.display().to_string(), "DIR")
}

#[test]
fn mistakes_name_the_file_and_connection() {
    expect_test::expect![[r#"DIR/flx.toml: connection `prod`: a workspace flx.toml is shared with the code, so it must not hold a token or password: use token_env / token_command (password_env / password_command), or move the connection to your user flx.toml"#]]
        .assert_eq(&load_error("[connections.prod]\nkind = \"influxdb2\"\nurl = \"http://h\"\norg = \"o\"\ntoken = \"secret\"\n"));
    expect_test::expect![[
        r#"DIR/flx.toml: connection `x`: unknown kind `influxdb4`: expected influxdb2, influxdb1, influxdb3 or local"#
    ]]
    .assert_eq(&load_error("[connections.x]\nkind = \"influxdb4\"\n"));
    expect_test::expect![[
        r#"DIR/flx.toml: connection `x`: the url `localhost:8086` must start with http:// or https://"#
    ]]
    .assert_eq(&load_error("[connections.x]\nkind = \"influxdb1\"\nurl = \"localhost:8086\"\n"));
    expect_test::expect![[r#"DIR/flx.toml: connection `x`: give one of `token`, `token_env` and `token_command`"#]]
        .assert_eq(&load_error(
            "[connections.x]\nkind = \"influxdb3\"\nurl = \"http://h\"\ntoken_env = \"A\"\ntoken_command = \"b\"\n",
        ));
    expect_test::expect![[r#"DIR/flx.toml: connection `x`: the timeout `soon` is not a duration such as 30s"#]]
        .assert_eq(&load_error("[connections.x]\nkind = \"local\"\ndata = \"d\"\ntimeout = \"soon\"\n"));
    expect_test::expect![[r#"the default connection `gone` is not configured (known: x)"#]]
        .assert_eq(&load_error("default = \"gone\"\n[connections.x]\nkind = \"local\"\ndata = \"d\"\n"));
    let unknown = load_error("[connections.x]\nkind = \"local\"\ndata = \"d\"\ntokn_env = \"A\"\n");
    assert!(unknown.starts_with("DIR/flx.toml: TOML parse error at line 4"), "{unknown}");
    assert!(unknown.contains("unknown field `tokn_env`"), "{unknown}");
}

#[test]
fn secrets_are_never_shown() {
    let secret = Secret::Value("hunter2".to_owned());
    assert!(!format!("{secret:?}").contains("hunter2"));
    assert_eq!(secret.reveal().unwrap().as_deref(), Some("hunter2"));
    assert_eq!(Secret::Command("printf ' abc \\n'".into()).reveal().unwrap().as_deref(), Some("abc"));
    assert_eq!(
        Secret::Command("exit 3".into()).reveal().unwrap_err(),
        "the secret's command `exit 3` failed (exit status: 3)"
    );
    assert_eq!(
        Secret::Env("FLX_SURELY_UNSET_VARIABLE".into()).reveal().unwrap_err(),
        "the environment variable FLX_SURELY_UNSET_VARIABLE that should hold the secret is not set"
    );
}

#[test]
fn an_editors_settings_hold_no_secret() {
    let places = |client: serde_json::Value| Places { client: Some(client), ..Places::default() };
    let error = Connections::load(&places(serde_json::json!({
        "prod": {"kind": "influxdb2", "url": "https://cloud", "org": "o", "token": "t0ken"}
    })))
    .unwrap_err();
    expect_test::expect!["the editor's setting `connections`: connection `prod` holds a token or password, which settings files must not: use token_env / token_command (password_env / password_command)"].assert_eq(&error.0);
    let error =
        Connections::load(&places(serde_json::json!({"prod": {"kind": "influxdb2", "url": "cloud"}}))).unwrap_err();
    expect_test::expect![
        "the editor's setting `connections`: connection `prod`: the url `cloud` must start with http:// or https://"
    ]
    .assert_eq(&error.0);
    let error =
        Connections::load(&places(serde_json::json!({"prod": {"kind": "influxdb2", "colour": 1}}))).unwrap_err();
    expect_test::expect!["the editor's setting `connections`: unknown field `colour`, expected one of `kind`, `url`, `org`, `database`, `retention_policy`, `username`, `token`, `token_env`, `token_command`, `password`, `password_env`, `password_command`, `data`, `ca_file`, `skip_verify`, `timeout`, `allow`"].assert_eq(&error.0);
}
