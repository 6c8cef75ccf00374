//! Folder walking: recursive, sorted by path, honouring `.gitignore` and
//! `.ignore` (as ripgrep does) outside a git repository too.

use std::process::Command;

#[test]
fn ignored_and_hidden_files_are_skipped_and_the_order_is_by_path() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("rules")).unwrap();
    std::fs::write(
        root.join("rules/r.rules"),
        "fact d: date near \"summit\"\nassert d == 2026-01-05\n",
    )
    .unwrap();
    let doc = "The summit was held on January 5, 2026.\n";
    for f in [
        "corpus/b.txt",
        "corpus/a/z.md",
        "corpus/a.txt",
        "corpus/skip/x.txt",
        "corpus/c.draft.txt",
        "corpus/d.txt",
        "corpus/.hidden/h.txt",
        "corpus/e.json",
    ] {
        let p = root.join(f);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, doc).unwrap();
    }
    std::fs::write(root.join("corpus/.gitignore"), "skip/\n*.draft.txt\n").unwrap();
    std::fs::write(root.join("corpus/.ignore"), "d.txt\n").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(["check", "--format", "json"])
        .current_dir(root)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let paths: Vec<&str> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["corpus/a/z.md", "corpus/a.txt", "corpus/b.txt"]);
}
