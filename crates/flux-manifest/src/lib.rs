//! Flux where people keep it besides `.flux` files: InfluxDB template manifests (YAML or JSON:
//! dashboard cells, tasks, checks and query variables) and Grafana dashboards (JSON: the
//! queries of panels and template variables on the Flux data source).
//!
//! [`extract`] finds each query, says what runs it (which decides the names InfluxDB defines
//! for it: the dashboard variables `v` for a cell, the task option for a task) and where each
//! byte of the query stands in the manifest, through every kind of YAML scalar (block,
//! folded, plain, quoted) and JSON string escape, so that a problem in a query is reported at
//! its line and column in the manifest itself.

mod align;
mod tree;

use tree::Node;

/// What runs a query, and so which names it may use without defining them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Convention {
    /// A dashboard cell, a check or a variable: the dashboard variables `v` are defined.
    Dashboard,
    /// A task: InfluxDB adds `option task` from the resource's `every`/`cron`/`offset`.
    Task,
}

/// One Flux query found in a manifest.
#[derive(Debug)]
pub struct Query {
    pub text: String,
    /// Where it is, in words: `Dashboard "System", cell "CPU usage"`.
    pub place: String,
    pub convention: Convention,
    /// `(offset in text, offset in the manifest)` for each character of the text and its
    /// end, in order.
    offsets: Vec<(u32, u32)>,
    /// Where the query's scalar ends in the manifest.
    end: u32,
}

impl Query {
    /// The byte offset in the manifest of the byte at `offset` in the query's text.
    pub fn manifest_offset(&self, offset: u32) -> u32 {
        let i = self.offsets.partition_point(|&(text, _)| text <= offset).saturating_sub(1);
        let (text, manifest) = self.offsets[i];
        // Inside a character, or past the end: as far from the character's start.
        (manifest + offset.saturating_sub(text)).min(self.end)
    }
}

/// Which kind of file held the queries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    InfluxTemplate,
    Grafana,
}

/// The queries of a manifest.
#[derive(Debug)]
pub struct Manifest {
    pub kind: Kind,
    pub queries: Vec<Query>,
}

/// A YAML or JSON syntax error.
#[derive(Debug, PartialEq, Eq)]
pub struct Error {
    pub message: String,
    /// Byte offset in the text.
    pub offset: usize,
}

/// The Flux queries of `text`, a YAML or JSON file; `None` when it is neither an InfluxDB
/// template nor a Grafana dashboard.
pub fn extract(text: &str) -> Result<Option<Manifest>, Error> {
    let documents = tree::parse(text)?;
    let mut found = Found { text, queries: Vec::new() };
    // A template is one resource per YAML document, or a JSON array of resources.
    let resources: Vec<&Node> = documents
        .iter()
        .flat_map(|d| if let Node::Seq(items) = d { items.iter().collect() } else { vec![d] })
        .collect();
    if resources.iter().any(|r| is_resource(r)) {
        for resource in resources.into_iter().filter(|r| is_resource(r)) {
            found.resource(resource);
        }
        return Ok(Some(Manifest { kind: Kind::InfluxTemplate, queries: found.queries }));
    }
    let grafana = documents.iter().find_map(|d| {
        if d.get("panels").is_some() {
            Some(d)
        } else {
            d.get("dashboard").filter(|inner| inner.get("panels").is_some())
        }
    });
    let Some(dashboard) = grafana else { return Ok(None) };
    found.grafana(dashboard);
    Ok(Some(Manifest { kind: Kind::Grafana, queries: found.queries }))
}

fn is_resource(node: &Node) -> bool {
    node.str_at(&["apiVersion"]).is_some_and(|v| v.starts_with("influxdata.com/")) && node.str_at(&["kind"]).is_some()
}

struct Found<'t> {
    text: &'t str,
    queries: Vec<Query>,
}

impl Found<'_> {
    fn add(&mut self, node: Option<&Node>, place: String, convention: Convention) {
        let Some(Node::Scalar(scalar)) = node else { return };
        if scalar.value.trim().is_empty() {
            return;
        }
        let raw = &self.text[scalar.start..scalar.end];
        let column = scalar.start - self.text[..scalar.start].rfind('\n').map_or(0, |nl| nl + 1);
        let offsets = match align::align(raw, scalar.style, &scalar.value, column) {
            Some(map) => map.into_iter().map(|(v, r)| (v, r + scalar.start as u32)).collect(),
            // Every position falls on the scalar's first character rather than a wrong one.
            None => vec![(0, scalar.start as u32)],
        };
        let end = scalar.end as u32;
        self.queries.push(Query { text: scalar.value.clone(), place, convention, offsets, end });
    }

    fn resource(&mut self, resource: &Node) {
        let kind = resource.str_at(&["kind"]).unwrap_or_default();
        let spec = resource.get("spec");
        let name = spec
            .and_then(|s| s.str_at(&["name"]))
            .or_else(|| resource.str_at(&["metadata", "name"]))
            .unwrap_or("(unnamed)")
            .to_owned();
        let query = spec.and_then(|s| s.get("query"));
        match kind {
            "Dashboard" => {
                let charts = spec.and_then(|s| s.get("charts")).map(Node::items).unwrap_or_default();
                for (i, chart) in charts.iter().enumerate() {
                    let cell = chart.str_at(&["name"]).map_or_else(|| format!("#{}", i + 1), |n| format!("\"{n}\""));
                    let queries = chart.get("queries").map(Node::items).unwrap_or_default();
                    for q in queries {
                        let place = format!("Dashboard \"{name}\", cell {cell}");
                        self.add(q.get("query"), place, Convention::Dashboard);
                    }
                }
            }
            "Task" => self.add(query, format!("Task \"{name}\""), Convention::Task),
            "CheckDeadman" | "CheckThreshold" => self.add(query, format!("Check \"{name}\""), Convention::Dashboard),
            "Variable" => {
                let flux = spec.is_some_and(|s| {
                    s.str_at(&["type"]) == Some("query") && s.str_at(&["language"]).is_none_or(|l| l == "flux")
                });
                if flux {
                    self.add(query, format!("Variable \"{name}\""), Convention::Dashboard);
                }
            }
            _ => {}
        }
    }

    fn grafana(&mut self, dashboard: &Node) {
        let mut panels: Vec<&Node> = dashboard.get("panels").map(Node::items).unwrap_or_default().iter().collect();
        // Collapsed rows hold their panels.
        let mut i = 0;
        while i < panels.len() {
            panels.extend(panels[i].get("panels").map(Node::items).unwrap_or_default());
            i += 1;
        }
        for panel in panels {
            let title = panel.str_at(&["title"]).unwrap_or("(untitled)");
            for (j, target) in panel.get("targets").map(Node::items).unwrap_or_default().iter().enumerate() {
                if is_flux_target(target) {
                    let reference = target.str_at(&["refId"]).map_or_else(|| format!("#{}", j + 1), str::to_owned);
                    let place = format!("panel \"{title}\", query {reference}");
                    self.add(target.get("query"), place, Convention::Dashboard);
                }
            }
        }
        let variables = dashboard.get("templating").and_then(|t| t.get("list")).map(Node::items).unwrap_or_default();
        for variable in variables {
            if variable.str_at(&["type"]) == Some("query") && is_flux_target(variable) {
                let name = variable.str_at(&["name"]).unwrap_or("(unnamed)");
                self.add(variable.get("query"), format!("variable \"{name}\""), Convention::Dashboard);
            }
        }
    }
}

/// Whether a Grafana target or variable holds a Flux query: a `query` string on an InfluxDB
/// data source that is not InfluxQL (which the same data source runs in its other mode).
fn is_flux_target(target: &Node) -> bool {
    let Some(query) = target.str_at(&["query"]) else { return false };
    // Older dashboards name the data source (any name); newer ones give its type.
    let kind = target.get("datasource").and_then(|d| d.str_at(&["type"]));
    if kind.is_some_and(|k| !k.to_ascii_lowercase().contains("influx")) {
        return false;
    }
    let first = query.split_whitespace().next().unwrap_or_default().to_ascii_uppercase();
    !matches!(first.as_str(), "SELECT" | "SHOW" | "DELETE" | "DROP" | "CREATE" | "ALTER" | "GRANT" | "REVOKE" | "KILL")
}

#[cfg(test)]
mod tests;
