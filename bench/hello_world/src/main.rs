//! The yardstick of `scripts/bench.sh`: the fastest page axum serves on this machine, one
//! static string, built and measured in the same run as Roster.
//!
//!     cargo run --release -p hello_world -- 127.0.0.1:3399

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let address = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:3399".to_owned());
    let app = axum::Router::new().route("/", axum::routing::get(|| async { "Hello, world!" }));
    let listener = tokio::net::TcpListener::bind(&address).await?;
    axum::serve(listener, app).await
}
