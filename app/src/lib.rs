//! Roster's isomorphic crate: the domain types, pages, islands and server functions.
//! Server-only code sits behind the `ssr` feature.
#![recursion_limit = "256"]

#[cfg(feature = "ssr")]
pub mod access;
pub mod accounts;
pub mod addresses;
pub mod api_keys;
mod app;
pub mod audit;
pub mod auth;
pub mod browser_files;
pub mod components;
#[cfg(feature = "ssr")]
pub mod db;
pub mod domain;
pub mod error;
pub mod html_escape;
pub mod invitations;
#[cfg(test)]
mod layering;
pub mod members;
pub mod oauth;
pub mod outbox;
pub mod pages;
pub mod password_reset;
pub mod permissions;
pub mod profile;
pub mod roles;
pub mod second_factor;
#[cfg(feature = "ssr")]
pub mod secrets;
#[cfg(feature = "ssr")]
pub mod server;
pub mod webhooks;

pub use app::{App, shell};
