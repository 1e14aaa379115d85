//! The `tcpscope` binary: the command line into a [`tcpscope::config::Config`]
//! ([`cli`], the one module that sees clap), [`tcpscope::run`], and the
//! outcome mapped to tcpdump's exit statuses (0 ok, 1 error) and messages
//! (`tcpscope: ...`).
#![forbid(unsafe_code)]

mod cli;

use std::io::{self, Write};
use std::process::ExitCode;

use cli::ConfigError;

fn main() -> ExitCode {
    let config = match cli::parse(std::env::args_os()) {
        Ok(c) => c,
        Err(ConfigError::Info(text)) => {
            print!("{text}");
            return ExitCode::SUCCESS;
        }
        Err(ConfigError::Usage(msg)) => {
            eprintln!("tcpscope: {msg}");
            eprint!("{}", cli::usage());
            return ExitCode::from(1);
        }
        Err(ConfigError::Invalid(msg)) => {
            eprintln!("tcpscope: {msg}");
            return ExitCode::from(1);
        }
    };
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut err = io::stderr();
    match tcpscope::run(&config, &mut out, &mut err) {
        Ok(()) => ExitCode::SUCCESS,
        Err(tcpscope::RunError::Reported) => ExitCode::from(1),
        Err(e) => {
            let _ = out.flush();
            let _ = writeln!(err, "tcpscope: {e}");
            ExitCode::from(1)
        }
    }
}
