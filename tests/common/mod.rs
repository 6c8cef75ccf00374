//! Helpers shared by the integration tests: insta settings that write every
//! snapshot under the top-level `snapshots/` folder, and a deterministic
//! miette renderer.
#![allow(dead_code)]

/// insta settings for snapshots in `snapshots/<subdir>/`: no module prefix in
/// the file names, no expression in the header.
pub fn insta_settings(subdir: &str) -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("snapshots")
        .join(subdir);
    settings.set_snapshot_path(path);
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings
}

/// Renders a diagnostic as the terminal shows it, without colours, 80
/// columns wide: deterministic, ready for a snapshot.
pub fn render(diag: &dyn miette::Diagnostic) -> String {
    let mut out = String::new();
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_width(80);
    match handler.render_report(&mut out, diag) {
        Ok(()) => out,
        Err(e) => format!("<render failed: {e}>"),
    }
}
