//! `factlint check --jsonl`: the sample corpus as JSON lines gives the same
//! outcomes as the folder run, and a malformed line is reported with its
//! number without stopping the stream.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::{json, Value};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn factlint(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(args)
        .current_dir(ROOT)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    let input = stdin.to_string();
    // Write from another thread: the child may fill stdout before it has
    // read all of stdin.
    let writer = std::thread::spawn(move || pipe.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("the binary finishes");
    writer.join().unwrap().expect("stdin is written");
    out
}

fn lines(o: &Output) -> Vec<Value> {
    String::from_utf8(o.stdout.clone())
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("every output line is JSON"))
        .collect()
}

/// Every corpus file, sorted as the folder run sorts them.
fn corpus() -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(Path::new(ROOT).join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let name = format!("corpus/{}", p.file_name().unwrap().to_string_lossy());
            (name, std::fs::read_to_string(p).unwrap())
        })
        .collect()
}

/// The documents as `--jsonl` input: one `{"id", "text"}` line each.
fn as_json_lines(docs: &[(String, String)]) -> String {
    docs.iter()
        .map(|(id, text)| format!("{}\n", json!({"id": id, "text": text})))
        .collect()
}

fn folder_report() -> Value {
    let o = factlint(&["check", "--format", "json"], "");
    assert_eq!(o.status.code(), Some(1));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn the_corpus_as_json_lines_has_the_outcomes_of_the_folder_run() {
    let docs = corpus();
    let input = as_json_lines(&docs);
    let o = factlint(&["check", "--jsonl"], &input);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = lines(&o);
    assert_eq!(
        out.len(),
        docs.len() + 1,
        "a line per document, then agreements"
    );
    let report = folder_report();
    let folder = report["outcomes"].as_array().unwrap();
    let mut streamed = Vec::new();
    for (line, (id, _)) in out.iter().zip(&docs) {
        assert_eq!(line["id"], id.as_str());
        let outcomes = line["outcomes"].as_array().unwrap();
        let per_doc: Vec<&Value> = report["documents"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["path"] == id.as_str())
            .collect();
        assert_eq!(per_doc.len(), 1);
        assert_eq!(
            line["summary"]["supported"].as_u64().unwrap() as usize,
            outcomes
                .iter()
                .filter(|o| o["status"] == "supported")
                .count()
        );
        streamed.extend(outcomes.iter().cloned());
    }
    let agreements = out.last().unwrap();
    streamed.extend(agreements["agreements"].as_array().unwrap().iter().cloned());
    assert_eq!(&streamed, folder, "same outcomes, same order");
    assert_eq!(agreements["summary"], report["summary"]);
}

/// Whether a JSON outcome is one `--stated-only` leaves out: not stated,
/// with no value found.
fn unstated(o: &Value) -> bool {
    o["status"] == "not_stated" && o["found"].as_array().is_some_and(Vec::is_empty)
}

#[test]
fn stated_only_leaves_out_what_a_document_does_not_state_and_still_counts_it() {
    let docs = corpus();
    let input = as_json_lines(&docs);
    let all = lines(&factlint(&["check", "--jsonl"], &input));
    let stated = lines(&factlint(&["check", "--jsonl", "--stated-only"], &input));
    assert_eq!(all.len(), stated.len());
    let mut left_out = 0;
    for (a, s) in all.iter().zip(&stated) {
        let Some(outcomes) = a["outcomes"].as_array() else {
            // The closing line: agreements left out the same way.
            let mut a = a.clone();
            let agreements = a["agreements"].as_array_mut().unwrap();
            let before = agreements.len();
            agreements.retain(|o| !unstated(o));
            left_out += before - agreements.len();
            assert_eq!(&a, s);
            continue;
        };
        let kept: Vec<&Value> = outcomes.iter().filter(|o| !unstated(o)).collect();
        left_out += outcomes.len() - kept.len();
        let got: Vec<&Value> = s["outcomes"].as_array().unwrap().iter().collect();
        assert_eq!(got, kept, "{}", a["id"]);
        assert_eq!(
            a["summary"], s["summary"],
            "the counts keep what is left out"
        );
        assert_eq!(a["checks"], s["checks"]);
    }
    assert!(
        left_out > 0,
        "the sample corpus leaves some assertions unstated"
    );

    // The folder run's JSON report: the same, and the same summaries.
    let stated = factlint(&["check", "--format", "json", "--stated-only"], "");
    let stated: Value = serde_json::from_slice(&stated.stdout).unwrap();
    let mut all = folder_report();
    all["outcomes"]
        .as_array_mut()
        .unwrap()
        .retain(|o| !unstated(o));
    assert_eq!(stated, all);
}

#[test]
fn front_matter_fields_given_as_json_give_the_same_verdicts() {
    // Without front matter in the text the spans move; the verdicts and the
    // words found must not.
    let docs = corpus();
    let mut input = String::new();
    for (id, text) in &docs {
        let body = text.splitn(3, "+++\n").nth(2).unwrap_or(text);
        input.push_str(&format!(
            "{}\n",
            json!({"id": id, "text": body, "ai_generated": false})
        ));
    }
    let o = factlint(&["check", "--jsonl"], &input);
    assert_eq!(o.status.code(), Some(1));
    let key = |o: &Value| {
        let found: Vec<(String, String)> = o["found"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| (m["text"].to_string(), m["value"].to_string()))
            .collect();
        (
            o["rule"].to_string(),
            o["document"].to_string(),
            o["status"].to_string(),
            o["expected"].to_string(),
            found,
        )
    };
    let out = lines(&o);
    let streamed: Vec<_> = out
        .iter()
        .flat_map(|l| {
            l.get("outcomes")
                .or_else(|| l.get("agreements"))
                .unwrap()
                .as_array()
                .unwrap()
                .clone()
        })
        .map(|o| key(&o))
        .collect();
    let folder: Vec<_> = folder_report()["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .map(key)
        .collect();
    assert_eq!(streamed, folder);
}

#[test]
fn a_malformed_line_is_reported_with_its_number_and_the_stream_goes_on() {
    let good = |id: &str, day: u32| {
        json!({"id": id, "text": format!("The summit was held on January {day}, 2026."), "published": "2026-01-07"})
            .to_string()
    };
    let input = format!(
        "{}\n{{\"id\": \"broken\", \"text\": \n\n{}\n{}\n",
        good("a", 5),
        r#"{"id": "no-text"}"#,
        good("b", 6)
    );
    let dir = tempfile::tempdir().unwrap();
    let rules_path = dir.path().join("r.rules");
    std::fs::write(
        &rules_path,
        "fact d: date near \"summit\"\nassert d == 2026-01-05\n",
    )
    .unwrap();
    let rules = rules_path.to_str().unwrap();
    for threads in ["1", "3"] {
        let o = factlint(&["check", "--jsonl", "-r", rules, "-j", threads], &input);
        let out = lines(&o);
        let ids: Vec<Value> = out
            .iter()
            .map(|l| l.get("id").cloned().unwrap_or(Value::Null))
            .collect();
        assert_eq!(out.len(), 4, "{out:?}");
        assert_eq!(ids[0], "a");
        assert_eq!(out[0]["outcomes"][0]["status"], "supported");
        assert_eq!(out[3]["outcomes"][0]["status"], "contradicted");
        assert_eq!(out[1]["line"], 2, "{}", out[1]);
        assert!(
            out[1]["error"].as_str().unwrap().contains("EOF"),
            "{}",
            out[1]
        );
        assert_eq!(out[2]["line"], 4, "blank lines count: {}", out[2]);
        assert!(out[2]["error"]
            .as_str()
            .unwrap()
            .contains("missing field `text`"));
        assert_eq!(ids[3], "b");
        assert_eq!(
            o.status.code(),
            Some(2),
            "a malformed line makes the input invalid"
        );
        let o = factlint(
            &[
                "check",
                "--jsonl",
                "-r",
                rules,
                "-j",
                threads,
                "--exit-zero",
            ],
            &input,
        );
        assert_eq!(
            o.status.code(),
            Some(0),
            "--exit-zero keeps a pipeline going"
        );
        assert_eq!(lines(&o).len(), 4);
    }
}

#[test]
fn an_empty_stream_is_not_an_error() {
    let o = factlint(&["check", "--jsonl"], "");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // The bundled rules have `agree`: the last line says nobody disagreed.
    let out = lines(&o);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0]["agreements"], json!([]));
}

/// A writer that waits for each answer before it sends the next document (a
/// request–response pipe) gets every answer: on several threads, JSON lines
/// are handed to the workers one at a time, never held back for a batch.
#[test]
fn each_line_is_answered_before_the_next_one_is_sent() {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(["check", "--jsonl", "--threads", "2"])
        .current_dir(ROOT)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary runs");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let (tx, rx) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().expect("stdout is piped");
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.expect("UTF-8 output")).is_err() {
                break;
            }
        }
    });
    for (name, text) in corpus().into_iter().take(3) {
        let line = json!({"id": name, "text": text}).to_string();
        writeln!(stdin, "{line}").expect("stdin is written");
        stdin.flush().expect("stdin is flushed");
        let answer = rx
            .recv_timeout(std::time::Duration::from_secs(20))
            .unwrap_or_else(|_| panic!("no answer for {name} while the writer waits"));
        let answer: Value = serde_json::from_str(&answer).expect("the answer is JSON");
        assert_eq!(answer["id"], json!(name));
    }
    drop(stdin);
    let _ = child.wait();
}
