use crate::*;

#[test]
fn every_package_loads_with_members() {
    let catalog = catalog();
    assert_eq!(catalog.packages.len(), 89);
    for package in catalog.packages.values() {
        assert!(!package.members.is_empty(), "{} exports nothing", package.path);
        assert!(package.path.ends_with(package.name.as_str()) || package.path.contains("/v1"), "{}", package.path);
    }
    let members: usize = catalog.packages.values().map(|p| p.members.len()).sum();
    assert_eq!(members, 677);
}

#[test]
fn every_value_is_described() {
    for package in catalog().packages.values() {
        assert!(
            !package.doc.is_empty() && !package.doc.contains("TODO"),
            "package {} lacks a description",
            package.path
        );
        for member in &package.members {
            assert!(
                !member.doc.is_empty() && !member.doc.contains("TODO"),
                "{}.{} lacks a description",
                package.path,
                member.name
            );
            for line in member.doc.lines() {
                assert!(line.chars().count() <= 100, "{}.{}: description line too long", package.path, member.name);
            }
        }
    }
}

#[test]
fn deprecations_name_existing_replacements() {
    for package in catalog().packages.values() {
        for member in &package.members {
            let Some(deprecation) = &member.deprecated else { continue };
            for r in &deprecation.replacements {
                let found = catalog().package(&r.package).is_some_and(|p| p.member(&r.name).is_some());
                assert!(
                    found,
                    "{}.{}: replacement {}.{} is not in the catalog",
                    package.path, member.name, r.package, r.name
                );
            }
        }
    }
}

#[test]
fn deprecation_advice_names_the_packages() {
    let advice = |path: &str, name: &str| {
        catalog().package(path).unwrap().member(name).unwrap().deprecated.as_ref().unwrap().advice()
    };
    assert_eq!(advice("experimental/array", "from").unwrap(), "use `array.from` from package \"array\" instead");
    assert_eq!(
        advice("experimental/csv", "from").unwrap(),
        "use `requests.get` from package \"http/requests\" with `csv.from` from package \"csv\" instead"
    );
    assert_eq!(advice("universe", "join").unwrap(), "use `join.inner` from package \"join\" instead");
}

#[test]
fn defaults_name_optional_parameters() {
    for package in catalog().packages.values() {
        for member in &package.members {
            let flux_types::Ty::Function(f) = &member.scheme.ty else {
                assert!(member.defaults.is_empty(), "{}.{}", package.path, member.name);
                continue;
            };
            for (param, source) in &member.defaults {
                assert!(
                    f.opt.iter().any(|p| p.name == *param),
                    "{}.{}: default for {param}",
                    package.path,
                    member.name
                );
                assert!(
                    flux_syntax::parse(source).errors.is_empty(),
                    "{}.{}: default {source}",
                    package.path,
                    member.name
                );
            }
        }
    }
}

#[test]
fn the_prelude_has_the_everyday_functions() {
    for name in ["from", "range", "filter", "map", "aggregateWindow", "true", "location", "now", "join"] {
        assert!(catalog().prelude_member(name).is_some(), "{name}");
    }
    let (_, range) = catalog().prelude_member("range").unwrap();
    expect_test::expect!["(<-tables: stream[{A with _time: time}], start: B, ?stop: C) => stream[{A with _stop: time, _start: time, _time: time}]"]
        .assert_eq(&range.scheme.to_string());
}

#[test]
fn documentation_links_follow_the_official_site_layout() {
    let schema = catalog().package("influxdata/influxdb/schema").unwrap();
    assert_eq!(
        schema.doc_url(Some("tagValues")),
        "https://docs.influxdata.com/flux/v0.x/stdlib/influxdata/influxdb/schema/tagvalues/"
    );
    assert_eq!(schema.doc_url(None), "https://docs.influxdata.com/flux/v0.x/stdlib/influxdata/influxdb/schema/");
}
