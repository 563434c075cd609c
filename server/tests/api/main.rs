//! Roster over HTTP against the real router, and its rules against a real SQLite file.

mod invitations_flow;
mod mailbox;
mod support;
mod world;

mod account_settings_http;
mod accounts_schema;
mod addresses_http;
mod api_keys_http;
mod auth_http;
mod authorization_matrix;
mod binary;
mod browser_files_http;
mod cancelled_writes;
mod cross_site_http;
mod form_posts_http;
mod hostile_text;
mod invitations_concurrency;
mod invitations_http;
mod invitations_schema;
mod mail_delivery;
mod mail_limits_http;
mod malformed_requests;
mod members_http;
mod members_listing;
mod members_search;
mod page_status_http;
mod password_reset_http;
mod privacy_http;
mod profile_http;
mod request_bounds;
mod roles_http;
mod roles_rules;
mod sign_in_throttling;
mod write_recheck;
mod writes_http;
