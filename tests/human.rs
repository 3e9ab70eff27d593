//! Snapshots of what a person at a terminal sees (`--output table`) on the local backend, over a
//! fixed data set: a change to a table's columns, wording or numbers shows up as a diff.
//! `INSTA_UPDATE=always scripts/test --test human` accepts new snapshots after review.

mod common;

use common::bdctl;

/// The data directory's path in the snapshots, whatever its real place.
const DATA: &str = "[DATA]";

struct Lake {
    _root: tempfile::TempDir,
    cwd: std::path::PathBuf,
    data: String,
}

impl Lake {
    /// Two days of deterministic events (1% malformed), transformed and crawled. The data
    /// directory has a path of fixed length, so that table widths do not depend on it.
    fn new() -> Self {
        let root = tempfile::Builder::new().prefix("bdctl-human-").rand_bytes(8).tempdir_in("/tmp").unwrap();
        let data = root.path().join("lake").display().to_string();
        let lake = Self { cwd: root.path().to_path_buf(), _root: root, data };
        lake.run_ok(&[
            "send",
            "--count",
            "2000",
            "--start",
            "2024-03-01",
            "--days",
            "2",
            "--seed",
            "7",
            "--bad-fraction",
            "0.01",
        ]);
        lake.run_ok(&["backfill", "--from", "2024-03-01", "--to", "2024-03-02"]);
        lake
    }

    fn command(&self, args: &[&str]) -> assert_cmd::Command {
        let mut cmd = bdctl(&self.cwd);
        cmd.env("BDCTL_HOME", &self.data).env("USER", "analyst").args(["--output", "table"]).args(args);
        cmd
    }

    fn run_ok(&self, args: &[&str]) -> String {
        let output = self.command(args).output().unwrap();
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
        self.redact(&output.stdout)
    }

    /// Standard output, then standard error below a rule, with the exit code.
    fn run_all(&self, args: &[&str]) -> String {
        let output = self.command(args).output().unwrap();
        format!(
            "{}--- stderr (exit {})\n{}",
            self.redact(&output.stdout),
            output.status.code().unwrap_or(-1),
            self.redact(&output.stderr)
        )
    }

    /// The data directory's path and the time a query took are the only things that vary.
    fn redact(&self, bytes: &[u8]) -> String {
        let text = String::from_utf8_lossy(bytes).replace(&self.data, DATA);
        text.lines()
            .map(|line| {
                line.split(" · ")
                    .map(|part| match part.strip_suffix(" s") {
                        Some(seconds) if seconds.parse::<f64>().is_ok() => "[SECONDS] s",
                        _ => part,
                    })
                    .collect::<Vec<_>>()
                    .join(" · ")
            })
            .map(|line| line + "\n")
            .collect()
    }
}

#[test]
fn human_output_of_the_local_platform() {
    let lake = Lake::new();
    insta::assert_snapshot!("crawl", lake.run_ok(&["crawl"]));
    insta::assert_snapshot!("partitions_list", lake.run_ok(&["partitions", "list"]));
    insta::assert_snapshot!("compact_dry_run", lake.run_all(&["compact", "--dry-run"]));
    insta::assert_snapshot!(
        "backfill_dry_run",
        lake.run_ok(&["backfill", "--from", "2024-03-01", "--to", "2024-03-02", "--dry-run"])
    );
    insta::assert_snapshot!(
        "query_revenue_by_country",
        lake.run_all(&[
            "query",
            "SELECT country, count(*) AS purchases, round(sum(revenue), 2) AS revenue FROM events \
             WHERE event_type = 'purchase' AND day = '01' GROUP BY country ORDER BY revenue DESC LIMIT 5",
        ])
    );
    insta::assert_snapshot!(
        "query_estimate",
        lake.run_all(&["query", "--estimate", "SELECT user_id FROM events WHERE day = '02'"])
    );
    insta::assert_snapshot!("costs", lake.run_all(&["costs"]));
    insta::assert_snapshot!("lifecycle_plan", lake.run_ok(&["lifecycle", "plan"]));
    insta::assert_snapshot!("doctor", lake.run_ok(&["doctor"]));
    insta::assert_snapshot!("status", lake.run_all(&["status"]));
    insta::assert_snapshot!(
        "errors",
        [
            lake.run_all(&["query", ""]),
            lake.run_all(&["backfill", "--from", "2024-03-02", "--to", "2024-03-01"]),
            lake.run_all(&["backfill", "--from", "2024-02-30"]),
            lake.run_all(&["query", "--file", "/nonexistent/q.sql"]),
            lake.run_all(&["lifecycle", "apply"]),
        ]
        .join("\n")
    );
}

/// Drives `bdctl sql` through a pseudo-terminal, as a person types: prints what it saw.
const SHELL_SESSION: &str = r#"
out = {}
expect("clickstream> ")
type_("SELECT count(*) AS n\r")
time.sleep(0.2)
type_("FROM events;\r")
out["count"] = expect("row")
expect("clickstream> ")
type_("\\timing\r")
out["timing"] = expect("clickstream> ")
type_("SELECT 1 AS one;\r")
out["timed"] = expect("clickstream> ")
type_("\\format csv\r")
expect("clickstream> ")
type_("SEL\t")
out["keyword"] = expect("SELECT")
type_(" count(DISTINCT sess\t")
out["column"] = expect("session_id")
type_(") AS sessions FROM events;\r")
out["csv"] = expect("clickstream> ")
type_("\\estimate\r")
expect("clickstream> ")
type_("SELECT count(*) AS n FROM events WHERE day = '01';\r")
out["estimate"] = expect("clickstream> ")
type_("\\estimate\r")
expect("clickstream> ")
type_("SELECT count(*) AS n FROM events a, events b, events c;\r")
expect("starting the query")
time.sleep(0.5)
type_("\x03")
out["cancelled"] = expect("clickstream> ")
type_("SELECT 3 AS three;\r")
out["after"] = expect("clickstream> ")
type_("\\q\r")
out["exit"] = exit_code()
out["history"] = open(os.path.join(spec["env"]["BDCTL_HOME"], "sql_history")).read()
print(json.dumps(out))
"#;

#[test]
fn the_sql_shell_at_a_terminal() {
    let Some(python) = common::test_python() else { return };
    let lake = Lake::new();
    lake.run_ok(&["crawl"]);
    let count = lake.run_ok(&["query", "SELECT count(*) AS n FROM events", "-o", "csv"]);
    let count = count.lines().nth(1).unwrap().to_string();
    let home = lake.cwd.join(".home");
    let seen: serde_json::Value = serde_json::from_str(&common::run_at_terminal(
        &python,
        SHELL_SESSION,
        &["sql"],
        &lake.cwd,
        &[("BDCTL_HOME", &lake.data), ("HOME", home.to_str().unwrap())],
    ))
    .unwrap();
    let text = |key: &str| seen[key].as_str().unwrap().to_string();
    assert!(text("count").contains(&count), "a statement over two lines: {seen}");
    assert!(text("timing").contains("timing is on"), "{seen}");
    assert!(text("timed").contains("time: "), "{seen}");
    assert!(text("csv").contains("sessions\r\n"), "\\format csv: {seen}");
    assert!(text("column").contains("session_id"), "Tab completes a column from the catalog: {seen}");
    assert!(text("estimate").contains("estimate: ") && text("estimate").contains("partitions"), "{seen}");
    assert!(text("cancelled").contains("cancelled"), "Ctrl-C stops the statement: {seen}");
    assert!(text("after").contains("three\r\n3"), "and the shell goes on: {seen}");
    assert_eq!(seen["exit"], 0, "{seen}");
    let history = text("history");
    assert!(history.contains("SELECT 3 AS three;"), "{history}");
    assert!(
        history.contains("SELECT count(*) AS n\nFROM events;") || history.contains("FROM events;"),
        "{history}"
    );
}
