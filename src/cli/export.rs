//! `--format`, `--output` and `--packets` into [`Export`], with the
//! combinations that mean nothing refused before any work: a table
//! (`csv`, `parquet`) is `--connections` or `--packets`, goes to a file
//! (never standard output), reads files (not a live capture yet); a
//! directory for several inputs means one table per input, analysed apart.

use std::path::{Path, PathBuf};

use tcpscope::config::export::{Export, Format, Table};

use super::ConfigError;
use super::args::Args;

fn invalid(m: String) -> Result<Option<Export>, ConfigError> {
    Err(ConfigError::Invalid(m))
}

/// The format named, or the one `--output`'s extension says.
fn format(a: &Args, output: Option<&Path>) -> Result<Option<Format>, ConfigError> {
    let named = match a.format.as_deref() {
        Some("text") => Some(Format::Text),
        Some("json") => Some(Format::Json),
        Some("csv") => Some(Format::Csv),
        Some("parquet") => Some(Format::Parquet),
        Some(f) => return Err(ConfigError::Invalid(format!("invalid --format {f}"))),
        None => None,
    };
    if named.is_some() {
        return Ok(named);
    }
    let Some(out) = output else {
        return Ok(None);
    };
    let ext = out
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    Ok(match ext.as_deref() {
        Some("parquet") => Some(Format::Parquet),
        Some("csv") => Some(Format::Csv),
        Some("json" | "jsonl") => Some(Format::Json),
        Some("txt") => Some(Format::Text),
        _ if a.json => Some(Format::Json),
        _ if out.is_dir() || out.to_string_lossy().ends_with('/') => {
            return Err(ConfigError::Invalid(format!(
                "--output {}: a directory takes tables: give --format csv or parquet",
                out.display()
            )));
        }
        _ => Some(Format::Text),
    })
}

/// `--format`/`--output`/`--packets`, checked; sets `a.json` for
/// `--format json`. `inputs`: the files to read (none: live).
pub fn options(a: &mut Args, inputs: usize) -> Result<Option<Export>, ConfigError> {
    let output = a.output.as_deref().map(Path::new);
    if a.format.is_none() && output.is_none() && !a.packets {
        return Ok(None);
    }
    let Some(format) = format(a, output)? else {
        // `--packets` alone: the packet lines, as without it.
        return Ok(None);
    };
    let analyzer = [
        (a.connections, "--connections"),
        (a.diagnose, "--diagnose"),
        (a.states, "--states"),
    ]
    .into_iter()
    .find(|(on, _)| *on)
    .map(|(_, name)| name);
    if a.packets
        && let Some(name) = analyzer
    {
        return invalid(format!(
            "--packets cannot be combined with {name}: one table per run"
        ));
    }
    let fname = match format {
        Format::Text => "text",
        Format::Json => "json",
        Format::Csv => "csv",
        Format::Parquet => "parquet",
    };
    if a.json && format != Format::Json {
        return invalid(format!("--json cannot be combined with --format {fname}"));
    }
    if format == Format::Json {
        a.json = true;
    }
    let path = match output {
        Some(p) if p.as_os_str() == "-" => None,
        Some(p) => Some(p),
        None => None,
    };
    if !format.is_table() {
        if path.is_some_and(|p| p.is_dir()) {
            return invalid(format!(
                "--output {}: a directory takes tables: give --format csv or parquet",
                output
                    .map(Path::display)
                    .map(|d| d.to_string())
                    .unwrap_or_default()
            ));
        }
        return Ok(path.map(|p| Export {
            format,
            table: if a.packets {
                Table::Packets
            } else {
                Table::Connections
            },
            path: p.to_path_buf(),
            per_input: false,
            jobs: None,
        }));
    }
    let table = match (a.packets, analyzer) {
        (true, _) => Table::Packets,
        (false, Some("--connections")) => Table::Connections,
        (false, Some(other)) => {
            return invalid(format!(
                "--format {fname} writes --connections or --packets, not {other}"
            ));
        }
        (false, None) => {
            return invalid(format!("--format {fname} needs --connections or --packets"));
        }
    };
    let Some(path) = path else {
        return invalid(format!(
            "--format {fname} needs --output FILE: a table is not written to standard output"
        ));
    };
    if inputs == 0 {
        return invalid(format!(
            "--format {fname} reads files (-r); not a live capture yet"
        ));
    }
    let named_dir = path.to_string_lossy().ends_with('/');
    let is_dir = path.is_dir() || named_dir;
    if is_dir && inputs > 1 {
        if a.count.is_some() {
            return invalid(
                "-c cannot be combined with --output DIR: the inputs are analysed apart".into(),
            );
        }
        if a.w.is_some() {
            return invalid(
                "-w cannot be combined with --output DIR: the inputs are analysed apart".into(),
            );
        }
    }
    if named_dir && !path.is_dir() {
        std::fs::create_dir_all(path).map_err(|e| {
            ConfigError::Invalid(format!(
                "--output {}: {}",
                path.display(),
                tcpscope::cstd::strerror(&e)
            ))
        })?;
    }
    let several = is_dir && inputs > 1;
    let jobs = match a.jobs {
        None => None,
        Some(0) => return invalid("invalid --jobs 0 (at least 1)".into()),
        Some(_) if !several => {
            return invalid("--jobs needs several inputs and --output DIR (one table each)".into());
        }
        Some(n) => Some(usize::try_from(n).unwrap_or(usize::MAX)),
    };
    Ok(Some(Export {
        format,
        table,
        path: PathBuf::from(path),
        per_input: is_dir,
        jobs,
    }))
}
