//! Roster over HTTP against the real router, and its rules against a real SQLite file.

mod support;

mod accounts_schema;
mod auth_http;
mod cross_site_http;
