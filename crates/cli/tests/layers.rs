//! The house rule of the layers (docs/architecture.md): core ← store ← app ← {server, cli} ← bin.
//! Nothing below imports what is above, the application layer and the commands know no HTTP, and
//! only the binary (crates/bin) joins the commands to the HTTP server.
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The dependencies a crate's Cargo.toml lists in `section` (`dependencies`, `dev-dependencies`),
/// by package name. Plain text: every line `name.workspace = true` or `name = …` up to the next
/// table header (the `toml` crate is not in the build, and these files keep one line a dependency).
fn deps(krate: &str, section: &str) -> BTreeSet<String> {
    let path = workspace().join("crates").join(krate).join("Cargo.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let header = format!("[{section}]");
    let mut inside = false;
    let mut out = BTreeSet::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            inside = line == header;
            continue;
        }
        if !inside || line.is_empty() || line.starts_with('#') {
            continue;
        }
        let key = line.split(['=', '.', ' ']).next().unwrap_or_default().trim();
        if !key.is_empty() {
            out.insert(key.to_owned());
        }
    }
    out
}

fn workspace_deps(krate: &str, section: &str) -> BTreeSet<String> {
    deps(krate, section).into_iter().filter(|d| d.starts_with("minzheng")).collect()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn each_layer_depends_only_on_the_layers_below() {
    for section in ["dependencies", "dev-dependencies"] {
        assert_eq!(workspace_deps("core", section), set(&[]), "core [{section}]: no workspace crate");
        let store = workspace_deps("store", section);
        assert!(store.is_subset(&set(&["minzheng-core"])), "store [{section}]: core only, not {store:?}");
        let app = workspace_deps("app", section);
        assert!(app.is_subset(&set(&["minzheng-core", "minzheng-store"])), "app [{section}]: core and store only, not {app:?}");
        let server = workspace_deps("server", section);
        assert!(server.is_subset(&set(&["minzheng-core", "minzheng-store", "minzheng-app"])), "server [{section}]: never the binary, {server:?}");
        let cli = workspace_deps("cli", section);
        assert!(cli.is_subset(&set(&["minzheng-core", "minzheng-store", "minzheng-app"])), "cli [{section}]: never the HTTP crate, {cli:?}");
    }
    assert_eq!(workspace_deps("store", "dependencies"), set(&["minzheng-core"]));
    assert_eq!(workspace_deps("app", "dependencies"), set(&["minzheng-core", "minzheng-store"]));
    assert!(workspace_deps("cli", "dependencies").contains("minzheng-app"), "the binary works through the application layer");
}

#[test]
fn the_application_layer_knows_no_http() {
    let app = deps("app", "dependencies");
    for http in ["axum", "tower", "tower-http", "reqwest", "minzheng-server"] {
        assert!(!app.contains(http), "crates/app must not depend on {http}");
    }
    for file in rust_files(&workspace().join("crates/app/src")) {
        let text = std::fs::read_to_string(&file).expect("read");
        for word in ["axum", "minzheng_server", "StatusCode"] {
            assert!(!text.contains(word), "{} mentions {word}", file.display());
        }
    }
}

#[test]
fn the_commands_know_no_http() {
    let src = workspace().join("crates/cli/src");
    let offenders: Vec<String> = rust_files(&src)
        .into_iter()
        .filter(|file| std::fs::read_to_string(file).expect("read").contains("minzheng_server"))
        .map(|file| file.strip_prefix(&src).unwrap_or(&file).display().to_string())
        .collect();
    assert!(offenders.is_empty(), "crates/cli must not use minzheng_server (the binary, crates/bin, starts the server): {offenders:?}");
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}
