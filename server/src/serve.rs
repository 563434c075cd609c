//! Serving connections with hyper's own limits: a deadline for each request's headers, a cap
//! on open connections, and a shutdown that waits for requests in flight only so long.
//!
//! `axum::serve` sets none of these, so a client that opens connections and sends nothing
//! (or half a request) kept them forever, until the process ran out of file descriptors.

use axum::Router;
use axum::extract::ConnectInfo;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// After the shutdown signal, how long to wait for one more connection already in the queue.
const BACKLOG_DRAIN: Duration = Duration::from_millis(50);
/// How long fresh connections have to read their first request before the graceful shutdown
/// (part of the grace period).
const FIRST_REQUEST_SETTLE: Duration = Duration::from_millis(500);

#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// How long a client has to send a request's headers (also between requests on one
    /// connection).
    pub header_timeout: Duration,
    pub max_connections: usize,
    /// After the shutdown signal, how long requests in flight may take before their
    /// connections are dropped.
    pub shutdown_grace: Duration,
}

/// Serves `router` on `listener` until `shutdown` completes, then gives open connections
/// `shutdown_grace` to finish.
pub async fn serve_connections(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) {
    let open = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    builder
        .http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(limits.header_timeout)
        .keep_alive_timeout(limits.header_timeout);
    tokio::pin!(shutdown);
    loop {
        // At the cap, new connections wait in the listen queue until one closes.
        let permit = tokio::select! {
            permit = open.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors, say: wait a moment instead of spinning.
                    tracing::warn!(%error, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        serve_one(stream, peer, &router, &builder, &graceful, Some(permit));
    }
    // The kernel has accepted connections the loop has not taken yet; their clients have sent
    // requests and wait for answers. Take them before the listener closes (which would reset
    // them), and give every fresh connection a moment to read its request: the graceful
    // shutdown closes at once a connection with no request read yet.
    // (Bounded: under steady load the queue never empties.)
    let settle = FIRST_REQUEST_SETTLE.min(limits.shutdown_grace);
    let signalled = tokio::time::Instant::now();
    while signalled.elapsed() < settle
        && let Ok(Ok((stream, peer))) = tokio::time::timeout(BACKLOG_DRAIN, listener.accept()).await
    {
        serve_one(stream, peer, &router, &builder, &graceful, None);
    }
    drop(listener);
    tokio::time::sleep(settle.saturating_sub(signalled.elapsed())).await;
    let open_now = graceful.count();
    tracing::info!(
        connections = open_now,
        "stopped accepting; finishing requests in flight"
    );
    if tokio::time::timeout(
        limits.shutdown_grace.saturating_sub(settle),
        graceful.shutdown(),
    )
    .await
    .is_err()
    {
        tracing::warn!(
            grace_secs = limits.shutdown_grace.as_secs(),
            "requests still in flight after the grace period: closing their connections"
        );
    }
}

/// Serves one accepted connection until it closes or the graceful shutdown ends it.
fn serve_one(
    stream: tokio::net::TcpStream,
    peer: std::net::SocketAddr,
    router: &Router,
    builder: &Builder<TokioExecutor>,
    graceful: &GracefulShutdown,
    permit: Option<tokio::sync::OwnedSemaphorePermit>,
) {
    let _ = stream.set_nodelay(true);
    let router = router.clone();
    let service = hyper::service::service_fn(move |mut request: http::Request<_>| {
        request.extensions_mut().insert(ConnectInfo(peer));
        router.clone().oneshot(request)
    });
    let connection = builder
        .serve_connection(TokioIo::new(stream), service)
        .into_owned();
    let connection = graceful.watch(connection);
    tokio::spawn(async move {
        if let Err(error) = connection.await {
            tracing::debug!(%error, "a connection ended with an error");
        }
        drop(permit);
    });
}
