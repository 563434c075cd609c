use leptos::prelude::*;

/// Shown (and, on the server, redirected away from) when a page needs a signed-in user.
#[component]
pub fn SignInRequired() -> impl IntoView {
    let here = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    let target = format!("/sign-in?next={}", encode_query_value(&here));
    #[cfg(feature = "ssr")]
    leptos_axum::redirect(&target);
    view! {
        <section class="panel">
            <h1>"Sign in to continue"</h1>
            <p>
                <a href=target>"Sign in"</a>
                " or "
                <a href="/sign-up">"create a user"</a>
                "."
            </p>
        </section>
    }
}

fn encode_query_value(value: &str) -> String {
    value
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (byte as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::encode_query_value;

    #[test]
    fn a_path_is_encoded_for_use_in_a_query_string() {
        assert_eq!(encode_query_value("/accounts/a b&c"), "/accounts/a%20b%26c");
    }
}
