//! The `dateline` binary: parses the command line and hands over to the library.

use std::process::ExitCode;

use clap::Parser;
use dateline::cli::{Cli, Command, run_extract};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Some(Command::Extract { format, files }) => {
            let code = run_extract(
                *format,
                files,
                &mut std::io::stdout().lock(),
                &mut std::io::stderr().lock(),
            );
            ExitCode::from(code as u8)
        }
        None => match open_window(cli) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("dateline: {e}");
                ExitCode::from(1)
            }
        },
    }
}

#[cfg(feature = "gui")]
fn open_window(cli: Cli) -> Result<(), String> {
    dateline::ui::run(cli)
}

#[cfg(not(feature = "gui"))]
fn open_window(_cli: Cli) -> Result<(), String> {
    Err("this build has no window (built without the `gui` feature); use `dateline extract`".into())
}
