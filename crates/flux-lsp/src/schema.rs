//! The file-based schema provider: a JSON file in the workspace describing buckets,
//! measurements, fields and tags, for completion inside strings (format: `docs/schema.md`).

use std::path::{Path, PathBuf};

use flux_ide::{Schema, SchemaProvider};

/// The file looked for in each workspace folder unless the settings name another.
pub const DEFAULT_FILE: &str = "flux-schema.json";

pub struct FileSchemaProvider {
    pub path: PathBuf,
}

impl SchemaProvider for FileSchemaProvider {
    fn source(&self) -> String {
        self.path.display().to_string()
    }

    fn load(&self) -> Result<Schema, String> {
        let text = crate::workspace::read(&self.path)?;
        Schema::from_json(&text).map_err(|e| format!("{}: {e}", self.path.display()))
    }
}

/// The schema file of the workspace: `setting` if given (relative to the first root), else
/// the default name in the first root that has one.
pub fn locate(roots: &[PathBuf], setting: Option<&str>) -> Option<PathBuf> {
    match setting {
        Some(path) if Path::new(path).is_absolute() => Some(PathBuf::from(path)),
        Some(path) => roots.first().map(|root| root.join(path)),
        None => roots.iter().map(|root| root.join(DEFAULT_FILE)).find(|p| p.is_file()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_the_file_and_names_it_in_errors() {
        let dir = std::env::temp_dir().join(format!("flux-lsp-schema-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(DEFAULT_FILE);
        std::fs::write(&path, r#"{"buckets": {"b": {"measurements": {"m": {"fields": ["f"]}}}}}"#).unwrap();
        assert_eq!(locate(std::slice::from_ref(&dir), None), Some(path.clone()));
        let schema = FileSchemaProvider { path: path.clone() }.load().unwrap();
        assert_eq!(schema.buckets["b"].measurements["m"].fields, ["f"]);
        std::fs::write(&path, "{\"buckets\": [}").unwrap();
        let error = FileSchemaProvider { path: path.clone() }.load().unwrap_err();
        assert!(
            error
                .starts_with(&format!("{}: line 1, column 12: invalid type: sequence, expected a map", path.display())),
            "{error}"
        );
        assert_eq!(locate(std::slice::from_ref(&dir), Some("other.json")), Some(dir.join("other.json")));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
