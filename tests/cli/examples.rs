//! The DuckDB example (`examples/duckdb/`, issue 19): tcpscope writes the
//! connection tables of every capture in `captures/` and `captures/analyze/`
//! (`--output DIR -r A -r B ...`), `examples/duckdb/tcpscope_duckdb.py` runs
//! the three questions of `examples/queries.sql`, and `tests/examples/check.py`
//! requires the answers it computes itself from `--connections --json`
//! (refused/reset per server per hour, top talkers by bytes, handshake RTT
//! percentiles per server), and each table to open in pyarrow, pandas and
//! DuckDB as `--json` says; README's sample answers are what it printed.
//! The Spark example is checked by the same script from
//! `scripts/test-spark.sh` (a Java runtime and pyspark are too heavy for this
//! suite's time budget).
//!
//! Needs Python with `pyarrow`, `duckdb` and `pandas` (PyPI):
//! `TCPSCOPE_PYTHON` names it (scripts/test.sh installs them into
//! target/pyenv); without them the test fails, saying so.

use std::process::{Command, Stdio};

use crate::util::{bin, repo};

#[test]
fn duckdb_example_answers_as_json_says() {
    let python = std::env::var("TCPSCOPE_PYTHON").unwrap_or_else(|_| "python3".into());
    let have = Command::new(&python)
        .args(["-c", "import pyarrow, duckdb, pandas"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        have,
        "the DuckDB example's test needs pyarrow, duckdb and pandas: run scripts/test.sh \
         (which installs them into target/pyenv) or set TCPSCOPE_PYTHON to a Python that has them"
    );
    let work = std::env::temp_dir().join(format!("tcpscope-examples-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    let out = Command::new(&python)
        .arg(repo().join("tests/examples/check.py"))
        .args(["--engines", "duckdb", "--tcpscope", bin(), "--work"])
        .arg(&work)
        .args(["captures", "captures/analyze"])
        .current_dir(repo())
        .env("TZ", "UTC")
        .stdin(Stdio::null())
        .output()
        .expect("run tests/examples/check.py");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "tests/examples/check.py --engines duckdb:\n{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Every check ran: the data, the self-test, two tcpscope runs, the runner,
    // the row count, three answers, the tables.
    assert!(text.contains("10 passed, 0 failed"), "{text}");
    // README's sample answers are what the runner printed (its first line
    // names the run's own table directories).
    let printed = std::fs::read_to_string(work.join("duckdb-output.txt")).unwrap();
    let (_, answers) = printed.split_once('\n').unwrap();
    let indented: String = answers
        .lines()
        .map(|l| {
            if l.is_empty() {
                "\n".to_string()
            } else {
                format!("    {l}\n")
            }
        })
        .collect();
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    assert!(
        readme.contains(&indented),
        "README's sample answers (\"Spark and DuckDB\") differ from what the DuckDB example printed:\n{indented}"
    );
    let _ = std::fs::remove_dir_all(&work);
}
