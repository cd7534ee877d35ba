//! Standard-library functions the engine implements in Flux: compositions of other functions
//! (as upstream defines many of them), written for this engine in `crates/flux-exec/flux/`.
//! Each package file is analyzed once per process, with statement names no program shares,
//! and its statements run in an evaluator the first time a script uses the package.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use flux_semantic::ir::{Body, ItemRef, Stmt, Target};
use flux_syntax::smol_str::SmolStr;

/// The Flux sources, by package path.
const SOURCES: &[(&str, &str)] = &[
    ("contrib/anaisdg/anomalydetection", include_str!("../../flux/contrib/anaisdg/anomalydetection.flux")),
    ("contrib/anaisdg/statsmodels", include_str!("../../flux/contrib/anaisdg/statsmodels.flux")),
    ("contrib/bonitoo-io/tickscript", include_str!("../../flux/contrib/bonitoo-io/tickscript.flux")),
    ("experimental/aggregate", include_str!("../../flux/experimental/aggregate.flux")),
    ("experimental/geo", include_str!("../../flux/experimental/geo.flux")),
    ("experimental/oee", include_str!("../../flux/experimental/oee.flux")),
    ("influxdata/influxdb/tasks", include_str!("../../flux/influxdata/influxdb/tasks.flux")),
    ("internal/influxql", include_str!("../../flux/internal/influxql.flux")),
    ("sampledata", include_str!("../../flux/sampledata.flux")),
    ("experimental/prometheus", include_str!("../../flux/experimental/prometheus.flux")),
    ("influxdata/influxdb/monitor", include_str!("../../flux/influxdata/influxdb/monitor.flux")),
    ("influxdata/influxdb/sample", include_str!("../../flux/influxdata/influxdb/sample.flux")),
    ("influxdata/influxdb/schema", include_str!("../../flux/influxdata/influxdb/schema.flux")),
    ("influxdata/influxdb/v1", include_str!("../../flux/influxdata/influxdb/v1.flux")),
    ("internal/promql", include_str!("../../flux/internal/promql.flux")),
    ("universe", include_str!("../../flux/universe.flux")),
    ("pagerduty", include_str!("../../flux/pagerduty.flux")),
    ("slack", include_str!("../../flux/slack.flux")),
    ("pushbullet", include_str!("../../flux/pushbullet.flux")),
    ("contrib/sranka/telegram", include_str!("../../flux/contrib/sranka/telegram.flux")),
    ("contrib/sranka/teams", include_str!("../../flux/contrib/sranka/teams.flux")),
    ("contrib/chobbs/discord", include_str!("../../flux/contrib/chobbs/discord.flux")),
    ("contrib/rhajek/bigpanda", include_str!("../../flux/contrib/rhajek/bigpanda.flux")),
    ("internal/testing", include_str!("../../flux/internal/testing.flux")),
    ("http/requests", include_str!("../../flux/http/requests.flux")),
];

/// Statement names of the engine's own Flux have this bit set; those of programs never do.
pub const OWN_ITEM: u64 = 1 << 63;

/// One package of the engine's own Flux, analyzed.
#[derive(Debug)]
pub struct Module {
    pub package: &'static str,
    pub statements: Vec<(ItemRef, Arc<Body>)>,
    /// The statement defining each name.
    pub names: HashMap<SmolStr, ItemRef>,
    /// The options the package defines, by statement: a script may set them.
    pub options: HashMap<ItemRef, SmolStr>,
}

/// The analyzed package `package`, when the engine implements it (partly) in Flux.
pub fn module(package: &str) -> Option<Result<Arc<Module>, String>> {
    type Loaded = OnceLock<Result<Arc<Module>, String>>;
    static LOADED: OnceLock<Vec<Loaded>> = OnceLock::new();
    let index = SOURCES.iter().position(|(p, _)| *p == package)?;
    let loaded = LOADED.get_or_init(|| SOURCES.iter().map(|_| OnceLock::new()).collect());
    Some(loaded[index].get_or_init(|| analyze(index)).clone())
}

fn analyze(index: usize) -> Result<Arc<Module>, String> {
    let (package, source) = SOURCES[index];
    let parse = flux_syntax::parse(source);
    if let Some(error) = parse.errors.first() {
        return Err(format!("the engine's Flux for package \"{package}\" does not parse: {}", error.message));
    }
    let first_item = OWN_ITEM | ((index as u64) << 40);
    let predefined = flux_semantic::Predefined::default();
    let analysis = flux_semantic::analyze_files_at(&[&parse.file], &predefined, first_item).remove(0);
    if let Some(error) = analysis.diagnostics.iter().find(|d| d.severity == flux_syntax::Severity::Error) {
        return Err(format!("the engine's Flux for package \"{package}\" does not compile: {}", error.message));
    }
    let mut module = Module { package, statements: Vec::new(), names: HashMap::new(), options: HashMap::new() };
    for (j, body) in analysis.bodies.into_iter().enumerate() {
        let item = ItemRef(first_item | j as u64);
        if let Some(binding) = &body.binding {
            module.names.insert(binding.name.clone(), item);
        }
        if let Stmt::Option { target: Target::Package(name), .. } = &body.statement {
            module.options.insert(item, name.clone());
        }
        module.statements.push((item, Arc::new(body)));
    }
    Ok(Arc::new(module))
}

#[cfg(test)]
mod tests {
    /// Every package of the engine's own Flux parses and type-checks.
    #[test]
    fn own_flux_compiles() {
        for (package, _) in super::SOURCES {
            if let Some(Err(message)) = super::module(package) {
                panic!("{message}");
            }
        }
    }
}
