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
        None => match dateline::ui::run(cli) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("dateline: {e}");
                ExitCode::from(1)
            }
        },
    }
}
