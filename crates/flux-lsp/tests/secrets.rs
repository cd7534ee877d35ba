//! A token in the user's configuration never reaches an answer, a log message or a
//! notification. The server runs as a process of its own, with its own `XDG_CONFIG_HOME`.

mod common;

use common::Client;
use serde_json::{Value, json};

fn write(path: &std::path::Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[tokio::test]
async fn tokens_never_reach_answers_or_logs() {
    let root = std::env::temp_dir().join(format!("flux-lsp-token-{}", std::process::id()));
    let secret = format!("tok-{}-secret", std::process::id());
    // The user's own configuration, through XDG_CONFIG_HOME, names a server that refuses.
    let config = root.join("config");
    write(
        &config.join("flx/flx.toml"),
        &format!(
            "[connections.remote]\nkind = \"influxdb2\"\nurl = \"http://127.0.0.1:9\"\norg = \"o\"\ntoken = \"{secret}\"\n"
        ),
    );
    let mut server = tokio::process::Command::new(env!("CARGO_BIN_EXE_flux-lsp"));
    server.env("XDG_CONFIG_HOME", &config).env_remove("INFLUX_HOST");
    let folder = json!([{"uri": format!("file://{}", root.display()), "name": "w"}]);
    let (mut client, _) = Client::start_process(server, json!({"workspaceFolders": folder})).await;
    let uri = format!("file://{}/q.flux", root.display());
    client.open(&uri, "buckets()\n").await;
    let arguments = json!([{"uri": uri, "connection": "remote"}]);
    let failed = client.request("workspace/executeCommand", json!({"command": "flux.run", "arguments": arguments}));
    let failed: Value = failed.await.unwrap();
    assert!(failed["error"]["message"].as_str().unwrap().contains("remote"), "{failed}");
    let listed = client.request("workspace/executeCommand", json!({"command": "flux.connections"})).await.unwrap();
    assert!(listed.to_string().contains("token set in the config file"), "{listed}");
    client.diagnostics(&uri).await;
    let everything = format!("{failed}{listed}{:?}", client.notifications);
    assert!(!everything.contains(&secret), "the token leaked: {everything}");
    client.shutdown().await;
    let _ = std::fs::remove_dir_all(&root);
}
