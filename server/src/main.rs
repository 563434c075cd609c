use clap::Parser;
use server::config::Config;

#[tokio::main]
async fn main() -> std::process::ExitCode {
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
