//! Every server function that names an object (a role, an invitation, a key, an endpoint, a
//! delivery, a member) refuses one of another account, even to the owner of the account the
//! call names: one dropped `AND account_id = $n` would otherwise act across accounts.

use super::{Actor, World};

/// The functions that take an object's id besides the account's.
const NAMING_AN_OBJECT: [&str; 19] = [
    "get_role",
    "rename_role",
    "duplicate_role",
    "set_role_permissions",
    "delete_role",
    "resend_invitation",
    "revoke_invitation",
    "copy_invitation_link",
    "readdress_invitation",
    "revoke_api_key",
    "adopt_api_key",
    "remove_webhook",
    "resume_webhook",
    "redeliver_webhook",
    "set_member_roles",
    "remove_member",
    "transfer_ownership",
    "search_users",
    "add_to_role",
];

/// Everything of `account` a function could change, as one comparable text.
async fn state_of(world: &World, account: &str) -> String {
    let statements = [
        "SELECT string_agg(id || ':' || name || ':' || description, ',' ORDER BY id) FROM roles WHERE account_id = $1",
        "SELECT string_agg(rp.role_id || ':' || rp.permission, ',' ORDER BY rp.role_id, rp.permission) FROM role_permissions rp JOIN roles r ON r.id = rp.role_id WHERE r.account_id = $1",
        "SELECT string_agg(id || ':' || status || ':' || sent_at || ':' || email || ':' || delivery_status, ',' ORDER BY id) FROM invitations WHERE account_id = $1",
        "SELECT string_agg(id || ':' || coalesce(revoked_at, '-') || ':' || coalesce(created_by, '-'), ',' ORDER BY id) FROM api_keys WHERE account_id = $1",
        "SELECT string_agg(id || ':' || coalesce(paused_at, '-'), ',' ORDER BY id) FROM webhook_endpoints WHERE account_id = $1",
        "SELECT CAST(count(*) AS TEXT) FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE e.account_id = $1",
        "SELECT string_agg(user_id, ',' ORDER BY user_id) FROM memberships WHERE account_id = $1",
        "SELECT string_agg(user_id || ':' || role_id, ',' ORDER BY user_id, role_id) FROM member_roles WHERE account_id = $1",
        "SELECT string_agg(user_id, ',') FROM account_owners WHERE account_id = $1",
    ];
    let mut state = String::new();
    for statement in statements {
        let part: Option<String> = app::db::query_scalar(statement)
            .bind(account)
            .fetch_one(&world.server.pool)
            .await
            .unwrap_or_else(|error| panic!("{statement}: {error}"));
        state.push_str(&part.unwrap_or_default());
        state.push('\n');
    }
    state
}

#[tokio::test]
async fn no_function_acts_on_an_object_of_another_account() {
    let world = World::new().await;
    let owner = world.people[&Actor::Owner].as_ref().unwrap();
    let mut failures = Vec::new();
    for function in NAMING_AN_OBJECT {
        let arguments = world
            .arguments_naming(function, Some(owner), &world.elsewhere)
            .await;
        let before = state_of(&world, &world.elsewhere).await;
        let form: Vec<(&str, &str)> = arguments
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let answer = owner.client.call(function, &form).await;
        let status = answer.status();
        let body = answer.text().await.unwrap_or_default();
        if !status.is_client_error() || matches!(status.as_u16(), 401 | 403) {
            failures.push(format!(
                "{function}: got {status}, expected 404 or a field error"
            ));
        }
        // A read must not show the other account's object either.
        if body.contains(&world.elsewhere) {
            failures.push(format!("{function}: the answer names the other account"));
        }
        if state_of(&world, &world.elsewhere).await != before {
            failures.push(format!("{function}: changed the other account"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
