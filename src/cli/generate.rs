//! `--generate WHAT`: the man page (clap_mangen) and the shells' completions
//! (clap_complete), made from the same clap definitions as `--help`, so the
//! three cannot disagree. `scripts/install.sh` writes them where man and the
//! shells look.

use clap::CommandFactory;
use clap_complete::Shell;

use super::ConfigError;
use super::args::Args;

/// The text `--generate what` prints: `man`, or a shell's name.
pub fn text(what: &str) -> Result<String, ConfigError> {
    let mut cmd = Args::command();
    let mut buf = Vec::new();
    if what == "man" {
        clap_mangen::Man::new(cmd)
            .render(&mut buf)
            .map_err(|e| ConfigError::Invalid(format!("--generate man: {e}")))?;
    } else {
        let shell: Shell = what.parse().map_err(|_| {
            ConfigError::Invalid(format!(
                "invalid argument {what} for --generate (man, bash, zsh, fish, elvish or powershell)"
            ))
        })?;
        clap_complete::generate(shell, &mut cmd, "tcpscope", &mut buf);
    }
    Ok(String::from_utf8_lossy(&buf).into_owned())
}
