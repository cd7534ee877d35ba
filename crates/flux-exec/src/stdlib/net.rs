//! HTTP requests a script makes itself (`http.post`, `requests.do`): only with the run's
//! permission (`--allow-net`), since a script must not reach hosts its user did not choose.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use super::{Args, Builtin, Failure};
use crate::eval::Evaluator;
use crate::value::{DictKey, Record, Value};

pub(super) static BUILTINS: &[Builtin] = &[
    Builtin { package: "http", name: "post", run: post },
    Builtin { package: "http/requests", name: "_do", run: request },
];

/// A client for one request to `url`, after checking that the run may make it.
fn client(
    evaluator: &Evaluator,
    what: &str,
    url: &str,
    timeout: Option<Duration>,
    skip_verify: bool,
) -> Result<flux_connect::http::Client, Failure> {
    if !evaluator.allow().net {
        return Err(format!(
            "would send a request to {url}: scripts reach other hosts only when allowed, with \
             --allow-net (or `allow = [\"net\"]` on a connection of your own flx.toml)"
        )
        .into());
    }
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Err(format!("the url `{url}` must start with http:// or https://").into());
    }
    let connection = flux_connect::Connection {
        name: what.to_owned(),
        kind: flux_connect::Kind::Influxdb2 {
            url: url.to_owned(),
            org: String::new(),
            token: flux_connect::Secret::None,
        },
        origin: flux_connect::Origin::Script,
        tls: flux_connect::Tls { ca_file: None, skip_verify },
        // A script's timeout of 0s means none: a day stands for it, so nothing waits for ever.
        timeout: timeout.unwrap_or(Duration::from_secs(24 * 3600)),
        allow: flux_connect::Allow::default(),
    };
    let client = flux_connect::http::Client::new(&connection, url).map_err(|e| e.message)?;
    Ok(client.with_cancel(evaluator.cancel_flag()))
}

fn exchange(
    client: &flux_connect::http::Client,
    method: &str,
    url: &str,
    headers: &[(String, String)],
    body: Vec<u8>,
) -> Result<flux_connect::http::Exchange, Failure> {
    client.exchange(method, url, headers, body).map_err(|e| {
        if e.canceled { Failure::Die(crate::eval::CANCELED.to_owned()) } else { Failure::Message(e.message) }
    })
}

/// String fields of a record, or entries of a dictionary of strings.
fn string_pairs(value: Option<Value>, what: &str) -> Result<Vec<(String, String)>, Failure> {
    let text = |v: &Value| match v {
        Value::String(s) => Ok(s.to_string()),
        other => Err(Failure::from(format!("`{what}` values must be strings, not {}", other.type_name()))),
    };
    match value {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Record(record)) => record.fields.iter().map(|(k, v)| Ok((k.to_string(), text(v)?))).collect(),
        Some(Value::Dict(dict)) => dict
            .iter()
            .map(|(k, v)| match k {
                DictKey::String(k) => Ok((k.to_string(), text(v)?)),
                _ => Err(Failure::from(format!("`{what}` keys must be strings"))),
            })
            .collect(),
        Some(other) => Err(format!("`{what}` must be a record or dictionary, not {}", other.type_name()).into()),
    }
}

fn bytes(value: Option<Value>, what: &str) -> Result<Vec<u8>, Failure> {
    match value {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Bytes(b)) => Ok(b.to_vec()),
        Some(other) => Err(format!("`{what}` must be bytes, not {}", other.type_name()).into()),
    }
}

/// `http.post(url:, headers:, data:)`: the status code of a POST.
fn post(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let url = args.string("url")?.ok_or("missing required argument `url`")?;
    let headers = string_pairs(args.take("headers"), "headers")?;
    let data = bytes(args.take("data"), "data")?;
    let client = client(evaluator, "http.post", &url, None, false)?;
    Ok(Value::Int(i64::from(exchange(&client, "POST", &url, &headers, data)?.status)))
}

/// `requests._do`: one request, answered by `{statusCode, body, headers, duration}`.
fn request(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let method = args.string("method")?.ok_or("missing required argument `method`")?;
    let url = args.string("url")?.ok_or("missing required argument `url`")?;
    let mut full = url.to_string();
    if let Some(Value::Dict(params)) = args.take("params") {
        let mut pairs = Vec::new();
        for (key, values) in params.iter() {
            let (DictKey::String(key), Value::Array(values)) = (key, values) else {
                return Err("`params` must map strings to arrays of strings".into());
            };
            for value in values.iter() {
                let Value::String(value) = value else { return Err("`params` values must be strings".into()) };
                pairs.push(format!(
                    "{}={}",
                    flux_connect::influxdb2::encode(key),
                    flux_connect::influxdb2::encode(value)
                ));
            }
        }
        if !pairs.is_empty() {
            full.push(if full.contains('?') { '&' } else { '?' });
            full.push_str(&pairs.join("&"));
        }
    }
    let headers = string_pairs(args.take("headers"), "headers")?;
    let body = bytes(args.take("body"), "body")?;
    let (mut timeout, mut skip_verify) = (None, false);
    if let Some(Value::Record(config)) = args.take("config") {
        for (name, value) in &config.fields {
            match (&**name, value) {
                ("timeout", Value::Duration(d)) if d.months == 0 && d.nanos > 0 && !d.negative => {
                    timeout = Some(Duration::from_nanos(d.nanos as u64));
                }
                ("insecureSkipVerify", Value::Bool(b)) => skip_verify = *b,
                _ => {}
            }
        }
    }
    let what = format!("requests.{}", method.to_ascii_lowercase());
    let client = client(evaluator, &what, &full, timeout, skip_verify)?;
    let answer = exchange(&client, &method, &full, &headers, body)?;
    let headers: BTreeMap<DictKey, Value> = answer
        .headers
        .into_iter()
        .map(|(name, value)| (DictKey::String(canonical(&name).into()), Value::string(&value)))
        .collect();
    let duration = crate::value::Duration { months: 0, nanos: answer.duration.as_nanos() as i64, negative: false };
    Ok(Value::Record(Arc::new(Record {
        fields: vec![
            ("statusCode".into(), Value::Int(i64::from(answer.status))),
            ("body".into(), Value::Bytes(answer.body.into())),
            ("headers".into(), Value::Dict(Arc::new(headers))),
            ("duration".into(), Value::Duration(duration)),
        ],
    })))
}

/// A header name as Go writes it (`Content-Type`), which scripts written for InfluxDB use.
fn canonical(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + &chars.as_str().to_ascii_lowercase(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}
