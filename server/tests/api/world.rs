//! An account with people in it, built quickly for tests: sign-ups go through HTTP, memberships
//! and role assignments are written to the database directly (the invitation flow is tested
//! on its own).

use crate::support::{ApiClient, TestServer};
use app::permissions::{Permission, PermissionSet};
use reqwest::StatusCode;

pub struct Person {
    pub client: ApiClient,
    pub user_id: String,
    pub email: String,
}

impl TestServer {
    pub async fn person(&self) -> Person {
        let client = self.client();
        let email = client.sign_up_fresh_user().await;
        let user_id = client.whoami().await["id"]
            .as_str()
            .expect("signed in")
            .to_owned();
        Person {
            client,
            user_id,
            email,
        }
    }

    /// A new account owned by a new person.
    pub async fn account(&self, name: &str) -> (String, Person) {
        let owner = self.person().await;
        let response = owner.client.call("create_account", &[("name", name)]).await;
        assert_eq!(response.status(), StatusCode::OK);
        let account_id: String = response.json().await.expect("account id");
        (account_id, owner)
    }

    pub async fn add_member(&self, account_id: &str, person: &Person) {
        app::db::query("INSERT INTO memberships (account_id, user_id, joined_at) VALUES ($1, $2, '2026-11-23T00:00:00Z')")
            .bind(account_id)
            .bind(&person.user_id)
            .execute(&self.pool)
            .await
            .expect("membership");
    }

    pub async fn builtin_role_id(&self, account_id: &str, key: &str) -> String {
        app::db::query_scalar("SELECT id FROM roles WHERE account_id = $1 AND builtin = $2")
            .bind(account_id)
            .bind(key)
            .fetch_one(&self.pool)
            .await
            .expect("built-in role")
    }

    /// A custom role with exactly `permissions` (plus the reads they imply), made in the database.
    pub async fn custom_role(
        &self,
        account_id: &str,
        name: &str,
        permissions: &[Permission],
    ) -> String {
        let mut conn = self.pool.acquire().await.unwrap();
        let name = app::roles::RoleName::parse(name).unwrap();
        match app::roles::queries::insert_custom_role(
            &mut conn,
            account_id,
            &name,
            "",
            &PermissionSet::new(permissions.iter().copied()),
        )
        .await
        {
            Ok(id) => id,
            Err(_) => panic!("custom role could not be made"),
        }
    }

    pub async fn assign(&self, account_id: &str, person: &Person, role_id: &str) {
        app::db::query(
            "INSERT INTO member_roles (account_id, user_id, role_id) VALUES ($1, $2, $3)",
        )
        .bind(account_id)
        .bind(&person.user_id)
        .bind(role_id)
        .execute(&self.pool)
        .await
        .expect("role assigned");
    }

    /// A member of the account holding a custom role with exactly `permissions`.
    pub async fn member_with(&self, account_id: &str, permissions: &[Permission]) -> Person {
        let person = self.person().await;
        self.add_member(account_id, &person).await;
        let name = format!("Role {}", uuid::Uuid::new_v4().simple());
        let role = self.custom_role(account_id, &name, permissions).await;
        self.assign(account_id, &person, &role).await;
        person
    }

    /// `remover` removes `member` from the account through the page's server function.
    pub async fn remove_member(&self, remover: &Person, account_id: &str, member: &Person) {
        let removed = remover
            .client
            .call(
                "remove_member",
                &[
                    ("account_id", account_id),
                    ("user_id", member.user_id.as_str()),
                    ("confirm", "remove"),
                ],
            )
            .await;
        assert_eq!(removed.status(), StatusCode::OK);
    }

    pub async fn count(&self, sql: &str, bind: &str) -> i64 {
        app::db::query_scalar(sql)
            .bind(bind)
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }

    /// A pending invitation carrying `role_id`, written directly (its token is never known).
    pub async fn pending_invitation(&self, account_id: &str, email: &str, role_id: &str) {
        let id = uuid::Uuid::new_v4().to_string();
        app::db::query(
            "INSERT INTO invitations (id, account_id, email, token_hash, created_at, sent_at, expires_at)
             VALUES ($1, $2, $3, $4, '2026-11-23T00:00:00Z', '2026-11-23T00:00:00Z', '2999-01-01T00:00:00Z')",
        )
        .bind(&id)
        .bind(account_id)
        .bind(email)
        .bind(uuid::Uuid::new_v4().as_bytes().repeat(2))
        .execute(&self.pool)
        .await
        .expect("invitation");
        app::db::query("INSERT INTO invitation_roles (invitation_id, role_id) VALUES ($1, $2)")
            .bind(&id)
            .bind(role_id)
            .execute(&self.pool)
            .await
            .expect("invitation role");
    }

    /// The one custom role `person` was given by [`TestServer::member_with`].
    pub async fn held_role(&self, person: &Person) -> String {
        app::db::query_scalar("SELECT role_id FROM member_roles WHERE user_id = $1")
            .bind(&person.user_id)
            .fetch_one(&self.pool)
            .await
            .expect("the person holds exactly one role")
    }
}

/// A member who never signs in, written straight to the database (a user row and a membership)
/// on `conn`, so that a test can seed thousands in one transaction.
pub async fn insert_member(
    conn: &mut dyn app::db::Db,
    account_id: &str,
    user_id: &str,
    email: &str,
    name: &str,
) {
    app::db::query("INSERT INTO users (id, email, display_name, password_hash, created_at) VALUES ($1, $2, $3, 'x', '2026-01-01T00:00:00Z')")
        .bind(user_id)
        .bind(email)
        .bind(name)
        .execute(&mut *conn)
        .await
        .expect("user");
    app::db::query("INSERT INTO memberships (account_id, user_id, joined_at) VALUES ($1, $2, '2026-01-01T00:00:00Z')")
        .bind(account_id)
        .bind(user_id)
        .execute(&mut *conn)
        .await
        .expect("membership");
}
