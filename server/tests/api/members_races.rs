//! Two requests that change the same members at once, one sent to a second Roster process on
//! the same database: the account always keeps exactly one owner who is a member, and each
//! request gets a clear answer.

use crate::members_http::{admin_in, member_in, owner_of, owners, remove, transfer};
use crate::support::TestServer;
use reqwest::StatusCode;

#[tokio::test]
async fn two_simultaneous_transfers_leave_exactly_one_owner() {
    let server = TestServer::start().await;
    let second = server.second_process().await;
    for _ in 0..10 {
        let (account, owner) = server.account("Double Transfer Co").await;
        let a = member_in(&server, &account).await;
        let b = member_in(&server, &account).await;
        let owner_there = second.person(&owner);
        let (to_a, to_b) = tokio::join!(
            transfer(&owner, &account, &a.user_id),
            transfer(&owner_there, &account, &b.user_id)
        );
        let mut statuses = [to_a, to_b];
        statuses.sort();
        assert_eq!(statuses, [StatusCode::OK, StatusCode::FORBIDDEN]);
        assert_eq!(owners(&server, &account).await, 1);
        let new_owner = owner_of(&server, &account).await;
        assert_eq!(
            new_owner,
            if to_a == StatusCode::OK {
                a.user_id
            } else {
                b.user_id
            }
        );
    }
}

#[tokio::test]
async fn a_transfer_racing_the_removal_of_the_heir_leaves_one_owner_who_is_a_member() {
    let server = TestServer::start().await;
    let second = server.second_process().await;
    for _ in 0..10 {
        let (account, owner) = server.account("Transfer Remove Co").await;
        let admin = admin_in(&server, &account).await;
        let heir = member_in(&server, &account).await;
        let admin_there = second.person(&admin);
        let (transferred, removed) = tokio::join!(
            transfer(&owner, &account, &heir.user_id),
            remove(&admin_there, &account, &heir.user_id)
        );
        let removed = removed.status();
        assert_ne!(
            (transferred, removed),
            (StatusCode::OK, StatusCode::OK),
            "not both"
        );
        assert!(
            transferred == StatusCode::OK || removed == StatusCode::OK,
            "one of them wins"
        );
        assert_eq!(owners(&server, &account).await, 1);
        let owner_now = owner_of(&server, &account).await;
        assert!(
            server.is_member(&account, &owner_now).await,
            "the owner is a member"
        );
    }
}

#[tokio::test]
async fn two_admins_removing_each_other_at_once_each_get_a_clear_answer() {
    let server = TestServer::start().await;
    let second = server.second_process().await;
    for _ in 0..10 {
        let (account, _owner) = server.account("Mutual Co").await;
        let a = admin_in(&server, &account).await;
        let b = admin_in(&server, &account).await;
        let b_there = second.person(&b);
        let (a_removes_b, b_removes_a) = tokio::join!(
            remove(&a, &account, &b.user_id),
            remove(&b_there, &account, &a.user_id)
        );
        let statuses = [a_removes_b.status(), b_removes_a.status()];
        // The first commit wins; the other admin is no longer a member when their turn comes.
        assert!(statuses.contains(&StatusCode::OK), "{statuses:?}");
        assert!(
            statuses.contains(&StatusCode::NOT_FOUND) || statuses.contains(&StatusCode::FORBIDDEN),
            "{statuses:?}"
        );
        let members = server
            .count(
                "SELECT count(*) FROM memberships WHERE account_id = $1",
                &account,
            )
            .await;
        assert_eq!(members, 2, "the owner and the winner remain");
        assert_eq!(owners(&server, &account).await, 1);
    }
}
