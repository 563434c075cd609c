//! Roster over HTTP against the real router, and its rules against a real SQLite file.

mod invitations_flow;
mod mailbox;
mod support;
mod world;

mod accounts_schema;
mod auth_http;
mod authorization_matrix;
mod binary;
mod cross_site_http;
mod invitations_concurrency;
mod invitations_http;
mod invitations_schema;
mod mail_delivery;
mod members_http;
mod members_search;
mod roles_http;
mod roles_rules;
