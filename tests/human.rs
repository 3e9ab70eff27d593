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
