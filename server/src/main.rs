use clap::Parser;
use server::config::Config;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    match std::env::args().nth(1).as_deref() {
        Some("copy-database") => return copy_database().await,
        Some("client") => return server::operator_commands::client(std::env::args().skip(1)),
        Some("keys") => return server::operator_commands::keys(std::env::args().skip(1)).await,
        _ => {}
    }
    let config = Config::parse();
    server::telemetry::init();
    match server::start(&config).await {
        Ok(started) => {
            match started.local_addr() {
                Ok(addr) => tracing::info!("Roster is listening on http://{addr}"),
                Err(error) => tracing::warn!(%error, "listening, address unknown"),
            }
            if let Err(error) = started.serve(server::shutdown_signal()).await {
                tracing::error!(%error, "the server stopped with an error");
                return std::process::ExitCode::FAILURE;
            }
            std::process::ExitCode::SUCCESS
        }
        Err(error) => {
            tracing::error!(error = %error, "Roster could not start");
            eprintln!("Roster could not start: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn copy_database() -> std::process::ExitCode {
    use server::copy_database::{CopyDatabaseArgs, copy_database};
    let args = CopyDatabaseArgs::parse_from(std::env::args().skip(1));
    if std::env::args().any(|arg| server::copy_database::has_password(&arg)) {
        eprintln!(
            "copy-database: warning: the PostgreSQL URL on the command line holds a password, which other users of this machine can read; use PGPASSWORD or ROSTER_COPY_TO instead."
        );
    }
    match copy_database(&args.from, &args.to).await {
        Ok(report) => {
            for (table, rows) in report.tables {
                println!("{table}: {rows} rows");
            }
            println!("Copied, and every table holds as many rows in PostgreSQL as in SQLite.");
            std::process::ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("copy-database: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
