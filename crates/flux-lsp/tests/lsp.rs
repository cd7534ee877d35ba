//! The server driven over JSON-RPC, in process: protocol plumbing only (features are tested
//! below it, in flux-ide).

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

mod common;

use common::Client;

fn utf8_client() -> Value {
    json!({"capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}}})
}

/// `range` of the first diagnostic as (start line, start character, end line, end character).
/// The range of the first error (the unused `x` of the sample is only a warning).
fn first_range(params: &Value) -> (u64, u64, u64, u64) {
    let r = &params["diagnostics"].as_array().unwrap().iter().find(|d| d["severity"] == 1).expect("an error")["range"];
    let n = |v: &Value| v.as_u64().unwrap();
    (n(&r["start"]["line"]), n(&r["start"]["character"]), n(&r["end"]["line"]), n(&r["end"]["character"]))
}

/// A line whose error comes after a two-byte character and an emoji: `é` is one UTF-16 unit
/// and two bytes, `😀` two units and four bytes.
const NON_ASCII: &str = "x = \"é😀\" + )\n";

#[tokio::test]
async fn positions_are_utf16_unless_the_client_offers_utf8() {
    let (mut client, init) = Client::start(json!({})).await;
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    client.open("file:///t/a.flux", NON_ASCII).await;
    let diagnostics = client.diagnostics("file:///t/a.flux").await;
    assert_eq!(diagnostics["version"], 1);
    // Before the `)`: 11 characters, 12 UTF-16 units, 15 bytes.
    assert_eq!(first_range(&diagnostics), (0, 12, 0, 13), "{diagnostics}");
    client.shutdown().await;

    let (mut client, init) = Client::start(utf8_client()).await;
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    client.open("file:///t/a.flux", NON_ASCII).await;
    let diagnostics = client.diagnostics("file:///t/a.flux").await;
    assert_eq!(first_range(&diagnostics), (0, 15, 0, 16), "{diagnostics}");
    client.shutdown().await;
}

#[tokio::test]
async fn incremental_edits_apply_in_order() {
    let (mut client, init) = Client::start(json!({})).await;
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 2, "incremental sync");
    let uri = "file:///t/edits.flux";
    client.open(uri, "package t\na = \"😀\"\n").await;
    // A library package (whose values are its exports, never unused). Type `b = 1` one
    // character at a time after the emoji line, then fix a typo mid-line; no
    // waiting between the notifications.
    let mut version = 1;
    for (i, ch) in "bb = 1\n".chars().enumerate() {
        version += 1;
        let at = json!({"line": 2, "character": i});
        client.change(uri, version, json!([{"range": {"start": at, "end": at}, "text": ch.to_string()}])).await;
    }
    version += 1;
    let (from, to) = (json!({"line": 2, "character": 0}), json!({"line": 2, "character": 1}));
    client.change(uri, version, json!([{"range": {"start": from, "end": to}, "text": ""}])).await;
    // Replace the emoji (two UTF-16 units) with `ok`.
    version += 1;
    let (from, to) = (json!({"line": 1, "character": 5}), json!({"line": 1, "character": 7}));
    client.change(uri, version, json!([{"range": {"start": from, "end": to}, "text": "ok"}])).await;

    let symbols = client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": uri}})).await.unwrap();
    let names: Vec<&str> = symbols.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["t", "a", "b"], "{symbols}");
    let hover = client
        .request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 0}}))
        .await
        .unwrap();
    assert!(hover["contents"]["value"].as_str().unwrap().starts_with("```flux\nb: int\n```"), "{hover}");
    // Diagnostics arrive for the last version, and it is clean.
    let last = client.notification("textDocument/publishDiagnostics", |p| p["version"] == version).await;
    assert_eq!(last["diagnostics"], json!([]));
    client.shutdown().await;
}

#[tokio::test]
async fn pull_diagnostics_for_clients_that_ask() {
    let capabilities = json!({"capabilities": {"textDocument": {"diagnostic": {"dynamicRegistration": false}}}});
    let (mut client, init) = Client::start(capabilities).await;
    assert_eq!(init["capabilities"]["diagnosticProvider"]["identifier"], "flx");
    let uri = "file:///t/pull.flux";
    client.open(uri, "x = (1 +\n").await;
    let first = client.request("textDocument/diagnostic", json!({"textDocument": {"uri": uri}})).await.unwrap();
    assert_eq!(first["kind"], "full");
    assert_eq!(first["items"].as_array().unwrap().len(), 1, "{first}");
    let id = first["resultId"].clone();
    let again = client
        .request("textDocument/diagnostic", json!({"textDocument": {"uri": uri}, "previousResultId": id}))
        .await
        .unwrap();
    assert_eq!(again, json!({"kind": "unchanged", "resultId": id}));
    client.change(uri, 2, json!([{"text": "x = (1 + 2)\nx + 1\n"}])).await;
    let fixed = client
        .request("textDocument/diagnostic", json!({"textDocument": {"uri": uri}, "previousResultId": id}))
        .await
        .unwrap();
    assert_eq!((fixed["kind"].as_str(), fixed["items"].as_array().map(Vec::len)), (Some("full"), Some(0)));
    // Nothing was pushed for the open document.
    client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": uri}})).await.unwrap();
    assert!(client.notifications.iter().all(|n| n["method"] != "textDocument/publishDiagnostics"));
    client.shutdown().await;
}

#[tokio::test]
async fn semantic_token_deltas_rebuild_the_full_result() {
    let (mut client, init) = Client::start(json!({})).await;
    let legend = &init["capabilities"]["semanticTokensProvider"]["legend"];
    assert!(legend["tokenTypes"].as_array().unwrap().contains(&json!("namespace")), "{legend}");
    assert_eq!(legend["tokenModifiers"], json!(["declaration", "readonly", "defaultLibrary"]));
    let uri = "file:///t/tokens.flux";
    client.open(uri, "import \"strings\"\na = 1\nb = strings.toUpper(v: \"é\")\n").await;
    let full = client.request("textDocument/semanticTokens/full", json!({"textDocument": {"uri": uri}})).await.unwrap();
    let mut data: Vec<Value> = full["data"].as_array().unwrap().clone();
    assert_eq!(data.len() % 5, 0);
    client.change(uri, 2, json!([{"range": {"start": {"line": 1, "character": 4}, "end": {"line": 1, "character": 5}}, "text": "a + 2.5"}])).await;
    let delta = client
        .request(
            "textDocument/semanticTokens/full/delta",
            json!({"textDocument": {"uri": uri}, "previousResultId": full["resultId"]}),
        )
        .await
        .unwrap();
    let edits = delta["edits"].as_array().expect("a delta, not a full result");
    for edit in edits.iter().rev() {
        let start = edit["start"].as_u64().unwrap() as usize;
        let delete = edit["deleteCount"].as_u64().unwrap() as usize;
        let insert = edit["data"].as_array().cloned().unwrap_or_default();
        data.splice(start..start + delete, insert);
    }
    let fresh =
        client.request("textDocument/semanticTokens/full", json!({"textDocument": {"uri": uri}})).await.unwrap();
    assert_eq!(Value::Array(data), fresh["data"]);
    let range = client
        .request(
            "textDocument/semanticTokens/range",
            json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 1, "character": 0}, "end": {"line": 2, "character": 0}}}),
        )
        .await
        .unwrap();
    // `a`, `=`, `a`, `+`, `2.5` on line 1 only.
    assert_eq!(range["data"].as_array().unwrap().len(), 5 * 5, "{range}");
    client.shutdown().await;
}

#[tokio::test]
async fn symbols_folds_and_selection() {
    let capabilities =
        json!({"capabilities": {"textDocument": {"documentSymbol": {"hierarchicalDocumentSymbolSupport": true}}}});
    let (mut client, _) = Client::start(capabilities).await;
    let uri = "file:///t/s.flux";
    client.open(uri, "f = (tables=<-, n) => {\n    return tables\n        |> limit(n: n)\n}\n").await;
    let doc = json!({"textDocument": {"uri": uri}});
    let symbols = client.request("textDocument/documentSymbol", doc.clone()).await.unwrap();
    assert_eq!(symbols[0]["name"], "f");
    assert_eq!(symbols[0]["kind"], 12, "a function");
    let children: Vec<&str> =
        symbols[0]["children"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(children, ["tables", "n"]);
    let folds = client.request("textDocument/foldingRange", doc.clone()).await.unwrap();
    assert_eq!(folds[0]["startLine"], 0);
    assert_eq!(folds[0]["endLine"], 2, "the closing brace stays visible: {folds}");
    let selection = client
        .request(
            "textDocument/selectionRange",
            json!({"textDocument": {"uri": uri}, "positions": [{"line": 2, "character": 20}]}),
        )
        .await
        .unwrap();
    let innermost = &selection[0]["range"];
    assert_eq!(innermost, &json!({"start": {"line": 2, "character": 20}, "end": {"line": 2, "character": 21}}));
    assert!(selection[0]["parent"].is_object());
    client.shutdown().await;
}

#[tokio::test]
async fn unknown_documents_are_an_error_not_a_crash() {
    let (mut client, _) = Client::start(json!({})).await;
    let error = client
        .request("textDocument/documentSymbol", json!({"textDocument": {"uri": "file:///nowhere.flux"}}))
        .await
        .unwrap_err();
    assert_eq!(error["code"], -32602);
    assert!(error["message"].as_str().unwrap().contains("unknown document"));
    // A change to a document never opened is ignored, and the server goes on.
    client.change("file:///nowhere.flux", 2, json!([{"text": "x"}])).await;
    client.open("file:///t/ok.flux", "package t\nx = 1\n").await;
    assert_eq!(client.diagnostics("file:///t/ok.flux").await["diagnostics"], json!([]));
    client.shutdown().await;
}

fn temp_workspace(name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("flux-lsp-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("sub")).unwrap();
    root
}

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

#[tokio::test]
async fn files_of_the_workspace_are_analyzed_without_being_opened() {
    let root = temp_workspace("scan");
    std::fs::write(root.join("sub/broken.flux"), "y = [1, 2\n").unwrap();
    std::fs::write(root.join("clean.flux"), "z = 1\n").unwrap();
    let params = json!({
        "workspaceFolders": [{"uri": file_uri(&root), "name": "w"}],
        "capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}},
    });
    let (mut client, _) = Client::start(params).await;
    let broken = file_uri(&root.join("sub/broken.flux"));
    let pushed = client.diagnostics(&broken).await;
    assert_eq!(pushed["diagnostics"][0]["code"], "E102", "{pushed}");
    assert_eq!(pushed["version"], Value::Null);

    // Opened, the editor's text wins; closed, the disk's text is back.
    client.open(&broken, "package t\ny = [1, 2]\n").await;
    assert_eq!(client.diagnostics(&broken).await["diagnostics"], json!([]));
    client.notify("textDocument/didClose", json!({"textDocument": {"uri": broken}})).await;
    assert_eq!(client.diagnostics(&broken).await["diagnostics"][0]["code"], "E102");

    // Fixed on disk, then deleted.
    std::fs::write(root.join("sub/broken.flux"), "y = [1, 2]\ny\n").unwrap();
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": broken, "type": 2}]})).await;
    assert_eq!(client.diagnostics(&broken).await["diagnostics"], json!([]));
    std::fs::write(root.join("sub/broken.flux"), "y = [1,\n").unwrap();
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": broken, "type": 2}]})).await;
    assert_eq!(client.diagnostics(&broken).await["diagnostics"][0]["code"], "E102");
    std::fs::remove_file(root.join("sub/broken.flux")).unwrap();
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": broken, "type": 3}]})).await;
    assert_eq!(client.diagnostics(&broken).await["diagnostics"], json!([]));
    // The clean file never had a report to send.
    let clean = file_uri(&root.join("clean.flux"));
    assert!(client.notifications.iter().all(|n| n["params"]["uri"] != clean.as_str()));
    client.shutdown().await;
    std::fs::remove_dir_all(&root).unwrap();
}

#[tokio::test]
async fn settings_from_initialization_options_and_changes() {
    let params = json!({"initializationOptions": {"diagnostics": {"disabled": ["W101"]}}});
    let (mut client, _) = Client::start(params).await;
    let uri = "file:///t/config.flux";
    // An array missing a comma between elements: a warning, W101.
    let text = "package t\nr = [\"a\", \"b\" \"c\"]\n";
    client.open(uri, text).await;
    assert_eq!(client.diagnostics(uri).await["diagnostics"], json!([]));
    client
        .notify("workspace/didChangeConfiguration", json!({"settings": {"flux": {"diagnostics": {"disabled": []}}}}))
        .await;
    let diagnostics = client.diagnostics(uri).await;
    assert_eq!(diagnostics["diagnostics"][0]["code"], "W101", "{diagnostics}");
    client.shutdown().await;

    // A client that sends no settings with the notification is asked for them.
    let params = json!({"capabilities": {"workspace": {"configuration": true}}});
    let (mut client, _) = Client::start(params).await;
    client.open(uri, text).await;
    assert_eq!(client.diagnostics(uri).await["diagnostics"][0]["code"], "W101");
    client.settings = json!({"diagnostics": {"disabled": ["W101"]}});
    client.notify("workspace/didChangeConfiguration", json!({"settings": null})).await;
    assert_eq!(client.diagnostics(uri).await["diagnostics"], json!([]));
    // Bad settings are reported to the user, and the server goes on.
    client.notify("workspace/didChangeConfiguration", json!({"settings": {"dashboardVariables": "yes"}})).await;
    let shown = client.notification("window/showMessage", |_| true).await;
    assert!(
        shown["message"]
            .as_str()
            .unwrap()
            .contains("dashboardVariables: expected true, false or a list of variable names"),
        "{shown}"
    );
    client.shutdown().await;
}

#[tokio::test]
async fn editor_features_answer_in_protocol_terms() {
    let root = temp_workspace("features");
    std::fs::write(
        root.join("flux-schema.json"),
        r#"{"buckets": {"telegraf": {"measurements": {"cpu": {"tags": {"host": ["web-1"]}}}}}}"#,
    )
    .unwrap();
    let params = json!({
        "rootUri": file_uri(&root),
        "capabilities": {"textDocument": {"completion": {"completionItem": {"snippetSupport": false}}}},
    });
    let (mut client, init) = Client::start(params).await;
    let capabilities = &init["capabilities"];
    for provider in ["completionProvider", "signatureHelpProvider", "definitionProvider", "referencesProvider"] {
        assert!(!capabilities[provider].is_null(), "{provider}: {capabilities}");
    }
    assert_eq!(capabilities["renameProvider"]["prepareProvider"], true);
    let uri = file_uri(&root.join("main.flux"));
    let text = "import \"array\"\n\nlimit = 5\nx = from(bucket: \"\") |> filter(fn: (r) => r._value > limit)\ny = limit\nz = range(start: -1h, )\nw = fil\n";
    client.open(&uri, text).await;
    client.diagnostics(&uri).await;
    let at = |line: u32, character: u32| json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}});

    // Completion of a snippet becomes plain text for this client; documentation on resolve.
    let completions = client.request("textDocument/completion", at(6, 7)).await.unwrap();
    let filter = completions["items"].as_array().unwrap().iter().find(|i| i["label"] == "filter").unwrap().clone();
    assert!(filter["documentation"].is_null());
    let resolved = client.request("completionItem/resolve", filter).await.unwrap();
    assert!(resolved["documentation"]["value"].as_str().unwrap().contains("universe/filter/"), "{resolved}");
    let arguments = client.request("textDocument/completion", at(5, 22)).await.unwrap();
    let stop = arguments["items"].as_array().unwrap().iter().find(|i| i["label"] == "stop").cloned();
    assert_eq!(stop.unwrap()["textEdit"]["newText"], "stop: now()", "{arguments}");
    // The schema file of the workspace completes the bucket.
    let buckets = client.request("textDocument/completion", at(3, 18)).await.unwrap();
    assert_eq!(buckets["items"][0]["label"], "telegraf", "{buckets}");

    let help = client.request("textDocument/signatureHelp", at(3, 34)).await.unwrap();
    assert!(help["signatures"][0]["label"].as_str().unwrap().starts_with("filter("), "{help}");
    let references = client
        .request("textDocument/references", json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 1}, "context": {"includeDeclaration": true}}))
        .await
        .unwrap();
    assert_eq!(references.as_array().unwrap().len(), 3, "{references}");
    let highlights = client.request("textDocument/documentHighlight", at(4, 5)).await.unwrap();
    assert_eq!(highlights[0]["kind"], 3, "the definition is a write: {highlights}");
    let refused = client.request("textDocument/prepareRename", at(3, 27)).await.unwrap_err();
    assert!(refused["message"].as_str().unwrap().contains("standard library"), "{refused}");
    let mut rename = at(2, 0);
    rename["newName"] = json!("maximum");
    let edit = client.request("textDocument/rename", rename).await.unwrap();
    assert_eq!(edit["changes"][&uri].as_array().unwrap().len(), 3, "{edit}");
    let symbols = client.request("workspace/symbol", json!({"query": "lim"})).await.unwrap();
    assert_eq!(symbols[0]["name"], "limit", "{symbols}");
    let range = json!({"start": {"line": 0, "character": 0}, "end": {"line": 5, "character": 0}});
    let hints =
        client.request("textDocument/inlayHint", json!({"textDocument": {"uri": uri}, "range": range})).await.unwrap();
    // `x` gets its stream type (`limit = 5` is a literal: no hint).
    let labels: Vec<&str> = hints.as_array().unwrap().iter().map(|h| h["label"].as_str().unwrap()).collect();
    assert!(labels[0].starts_with(": stream[{"), "{hints}");
    assert_eq!(hints[0]["position"], json!({"line": 3, "character": 1}), "{hints}");
    // The unused import has a quick fix that removes it.
    let range = json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 3}});
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": []}}),
        )
        .await
        .unwrap();
    assert_eq!(actions[0]["title"], "Remove the unused import \"array\"", "{actions}");
    // Formatting answers with the changed lines only.
    let edits = client
        .request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
        )
        .await
        .unwrap();
    assert_eq!(edits[0]["newText"], "z = range(start: -1h)\n", "{edits}");
    assert_eq!(actions[0]["edit"]["changes"][&uri][0]["newText"], "");
    client.shutdown().await;
    std::fs::remove_dir_all(&root).unwrap();
}

fn errors(params: &Value) -> usize {
    params["diagnostics"].as_array().unwrap().iter().filter(|d| d["severity"] == 1).count()
}

/// A byte-order mark is one UTF-16 unit of an editor's text when the editor keeps it, and no
/// part of a file read from disk (editors hide it): either way the columns are the editor's.
#[tokio::test]
async fn a_byte_order_mark_does_not_shift_columns() {
    let root = temp_workspace("bom");
    std::fs::write(root.join("disk.flux"), "\u{feff}x = 1 $\n").unwrap();
    let params = json!({"workspaceFolders": [{"uri": file_uri(&root), "name": "w"}]});
    let (mut client, _) = Client::start(params).await;
    let disk = file_uri(&root.join("disk.flux"));
    let pushed = client.diagnostics(&disk).await;
    assert_eq!(errors(&pushed), 1, "the mark is no error: {pushed}");
    assert_eq!(first_range(&pushed), (0, 6, 0, 7), "{pushed}");

    let kept = file_uri(&root.join("kept.flux"));
    client.open(&kept, "\u{feff}x=1 $\n").await;
    let pushed = client.diagnostics(&kept).await;
    assert_eq!(errors(&pushed), 1, "the mark is no error: {pushed}");
    assert_eq!(first_range(&pushed), (0, 5, 0, 6), "{pushed}");
    client.change(&kept, 2, json!([{"text": "\u{feff}x=1\n"}])).await;
    client.diagnostics(&kept).await;
    let edits = client
        .request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": kept}, "options": {"tabSize": 4, "insertSpaces": true}}),
        )
        .await
        .unwrap();
    let edits = edits.as_array().unwrap();
    assert_eq!(edits.len(), 1, "{edits:?}");
    assert_eq!(edits[0]["range"]["start"], json!({"line": 0, "character": 0}), "{edits:?}");
    assert_eq!(edits[0]["newText"], "\u{feff}x = 1\n", "the mark is kept: {edits:?}");
    client.shutdown().await;
    std::fs::remove_dir_all(&root).unwrap();
}

/// Documentation in the formats each client shows: Markdown for those that offer it, plain
/// text (no fences, no backticks, bare URLs) for the others, such as eglot without
/// markdown-mode.
#[tokio::test]
async fn documentation_is_plain_text_for_clients_without_markdown() {
    let plain = json!(["plaintext"]);
    let capabilities = json!({"textDocument": {
        "hover": {"contentFormat": plain},
        "completion": {"completionItem": {"documentationFormat": plain}},
        "signatureHelp": {"signatureInformation": {"documentationFormat": plain}},
    }});
    let text = "import \"strings\"\n\nx = strings.toUpper(v: \"a\")\ny = strings.\n";
    for (params, markdown) in [(json!({"capabilities": capabilities}), false), (json!({}), true)] {
        let (mut client, _) = Client::start(params).await;
        let uri = "file:///t/doc.flux";
        client.open(uri, text).await;
        client.diagnostics(uri).await;
        let at = |line: u32, character: u32| json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}});
        let hover = client.request("textDocument/hover", at(2, 15)).await.unwrap();
        let completions = client.request("textDocument/completion", at(3, 12)).await.unwrap();
        let item = completions["items"].as_array().unwrap().iter().find(|i| i["label"] == "toUpper").unwrap().clone();
        let resolved = client.request("completionItem/resolve", item).await.unwrap();
        let help = client.request("textDocument/signatureHelp", at(2, 21)).await.unwrap();
        let documents = [&hover["contents"], &resolved["documentation"], &help["signatures"][0]["documentation"]];
        for doc in documents {
            let value = doc["value"].as_str().unwrap_or_else(|| panic!("documentation: {doc}"));
            if markdown {
                assert_eq!(doc["kind"], "markdown", "{doc}");
            } else {
                assert_eq!(doc["kind"], "plaintext", "{doc}");
                assert!(!value.contains('`') && !value.contains("](") && !value.contains("**"), "{value}");
            }
        }
        let hover = hover["contents"]["value"].as_str().unwrap();
        let url = "https://docs.influxdata.com/flux/v0.x/stdlib/strings/toupper/";
        if markdown {
            assert!(hover.starts_with("```flux\ntoUpper: (v: string) => string\n```"), "{hover}");
            assert!(hover.contains(&format!("[Documentation]({url})")), "{hover}");
        } else {
            assert!(hover.starts_with("toUpper: (v: string) => string\n\n"), "{hover}");
            assert!(hover.ends_with(&format!("value of package strings · Documentation: {url}")), "{hover}");
        }
        client.shutdown().await;
    }
}

/// A frame with the given body and a correct `Content-Length`.
fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

/// Malformed input is answered or skipped, never fatal: after each case the server still
/// answers a request.
#[tokio::test]
async fn malformed_messages_are_answered_or_skipped_and_the_server_goes_on() {
    let (mut client, _) = Client::start(json!({})).await;
    let error_reply = |code: i64| json!({"jsonrpc": "2.0", "error": {"code": code, "message": if code == -32700 { "Parse error" } else { "Invalid request" }}, "id": null});
    let cases: Vec<(&str, Vec<u8>, Option<i64>)> = vec![
        ("a body that is not JSON", frame("{garbage!}"), Some(-32700)),
        ("JSON that is not JSON-RPC", frame(r#"{"hello": 1}"#), Some(-32600)),
        ("a JSON array", frame("[1, 2]"), Some(-32600)),
        (
            "a request with the wrong version",
            frame(r#"{"jsonrpc": "1.0", "id": 5, "method": "shutdown"}"#),
            Some(-32600),
        ),
        // The body cut inside `é`: lsp-mode has been seen counting characters.
        (
            "a body cut in a multi-byte character",
            {
                let body = r#"{"jsonrpc":"2.0","method":"window/logMessage","params":{"message":"é"}}"#;
                let cut = body.find('é').unwrap() + 1;
                let mut bytes = format!("Content-Length: {cut}\r\n\r\n").into_bytes();
                bytes.extend_from_slice(&body.as_bytes()[..cut]);
                bytes
            },
            Some(-32700),
        ),
        ("a line that is not a header", b"this is not a header\r\n".to_vec(), None),
        ("a header block without Content-Length", b"Content-Type: application/json\r\n\r\n{}".to_vec(), None),
        ("a Content-Length that is not a number", b"Content-Length: many\r\n\r\n{}".to_vec(), None),
        ("a Content-Length beyond any message", b"Content-Length: 99999999999\r\n\r\n{}".to_vec(), None),
    ];
    for (what, bytes, reply) in cases {
        client.send_raw(&bytes).await;
        if let Some(code) = reply {
            let answer = client.read().await;
            assert_eq!(answer, error_reply(code), "{what}");
        }
        // The next request is answered: its id comes back.
        let symbols = client.request("workspace/symbol", json!({"query": "x"})).await;
        assert!(symbols.is_ok(), "{what}: {symbols:?}");
    }
    // A Content-Length larger than the body: the next frame still counts.
    let body = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
    let mut bytes = format!("Content-Length: {}\r\n\r\n{body}", body.len() + 40).into_bytes();
    bytes.extend(frame(r#"{"jsonrpc":"2.0","id":"after","method":"workspace/symbol","params":{"query":"x"}}"#));
    client.send_raw(&bytes).await;
    let answer = client.read().await;
    assert_eq!(answer["id"], "after", "{answer}");
    // A Content-Length smaller than the body: the prefix is a parse error, the rest skipped.
    let body = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
    let mut bytes = format!("Content-Length: {}\r\n\r\n{body}", body.len() - 10).into_bytes();
    bytes.extend(frame(r#"{"jsonrpc":"2.0","id":"later","method":"workspace/symbol","params":{"query":"x"}}"#));
    client.send_raw(&bytes).await;
    assert_eq!(client.read().await, error_reply(-32700));
    assert_eq!(client.read().await["id"], "later");
    client.shutdown().await;
}
