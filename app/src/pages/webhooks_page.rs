//! An account's webhook endpoints: each with its events and its latest deliveries (status,
//! attempts, "Deliver again"), a form for a new one (its signing secret shown once, on the page
//! that follows), and removal behind a confirmation. Plain forms throughout.

use crate::components::path_of;
use crate::components::{
    AccountNav, AccountSection, ConfirmDialog, ErrorPanel, FormError, SignInRequired, TextField,
    TypedValues, field_message, form_anchor, url_error,
};
use crate::domain::Confirmation;
use crate::error::AppError;
use crate::invitations::ui::short_time;
use crate::webhooks::{
    DeliveryRow, DeliveryState, EndpointRow, EventChoice, WebhooksView, webhooks,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn WebhooksPage() -> impl IntoView {
    let params = use_params_map();
    let account_id = move || params.read().get("id").unwrap_or_default();
    let view = Resource::new(account_id, webhooks);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match view.await {
                    Ok(hooks) => view! { <WebhooksView account_id=account_id() hooks /> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <SignInRequired /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn WebhooksView(account_id: String, hooks: WebhooksView) -> impl IntoView {
    let base = format!("/accounts/{account_id}/webhooks");
    let query = use_query_map().read_untracked().clone();
    let removing = (query.get("dialog").as_deref() == Some("remove") && hooks.may_write)
        .then(|| query.get("endpoint"))
        .flatten()
        .and_then(|id| hooks.endpoints.iter().find(|e| e.id == id).cloned())
        .map(|endpoint| {
            view! {
                <ConfirmDialog
                    id="remove-webhook"
                    heading=format!("Remove the endpoint {}?", endpoint.url)
                    impact="Nothing more is sent to it, and its delivery log is deleted. Events queued for it are dropped.".to_owned()
                    action={path_of::<crate::webhooks::RemoveWebhook>()}
                    fields=vec![
                        ("account_id", account_id.clone()),
                        ("endpoint_id", endpoint.id.clone()),
                        ("confirm", Confirmation::RemoveWebhook.word().to_owned()),
                    ]
                    confirm_label="Remove endpoint"
                    cancel=base.clone()
                    opener=format!("remove-{}", endpoint.id)
                />
            }
        });
    let new_secret = hooks.new_secret.map(|new| {
        view! {
            <section class="notice new-key" id="new-webhook" tabindex="-1" aria-labelledby="new-webhook-heading">
                <h2 id="new-webhook-heading">{format!("Events now go to {}", new.url)}</h2>
                <p>"Copy the signing secret now: it is not shown again. Each delivery carries "
                    <code>"Roster-Signature: t=…,v1=…"</code>
                    ", the HMAC-SHA256 of the timestamp, a dot and the body under this secret."
                </p>
                <p><code class="secret" aria-label="The new endpoint's signing secret">{new.secret}</code></p>
            </section>
        }
    });
    let add = hooks.may_write.then(|| {
        view! { <NewEndpointForm account_id=account_id.clone() events=hooks.events.clone() /> }
    });
    let may_write = hooks.may_write;
    let endpoints = if hooks.endpoints.is_empty() {
        view! { <p>"No endpoints yet."</p> }.into_any()
    } else {
        hooks
            .endpoints
            .into_iter()
            .map(|endpoint| view! { <Endpoint account_id=account_id.clone() endpoint may_write /> })
            .collect_view()
            .into_any()
    };
    view! {
        <Title text="Webhooks".to_owned() />
        <section class="panel" aria-labelledby="webhooks-heading">
            <h1 id="webhooks-heading">"Webhooks"</h1>
            <AccountNav account_id=account_id.clone() current=AccountSection::Webhooks />
            {removing}
            {new_secret}
            <p class="muted">
                "Roster posts each chosen event of this account to the endpoint as JSON, signed, as soon as the change is saved, and tries again with growing waits while the endpoint fails to answer with a 2xx status."
            </p>
            {endpoints}
        </section>
        {add}
    }
}

#[component]
fn Endpoint(account_id: String, endpoint: EndpointRow, may_write: bool) -> impl IntoView {
    let heading_id = format!("endpoint-{}", endpoint.id);
    let labelled_by = heading_id.clone();
    let remove = may_write.then(|| {
        view! {
            <a
                class="danger"
                id=format!("remove-{}", endpoint.id)
                href=format!("/accounts/{account_id}/webhooks?dialog=remove&endpoint={}#dialog", endpoint.id)
                aria-label=format!("Remove the endpoint {}", endpoint.url)
            >
                "Remove"
            </a>
        }
    });
    let paused = endpoint.paused.clone().map(|(since, why)| {
        let resume = may_write.then(|| {
            view! {
                <form method="post" action={path_of::<crate::webhooks::ResumeWebhook>()} class="inline">
                    <input type="hidden" name="account_id" value=account_id.clone() />
                    <input type="hidden" name="endpoint_id" value=endpoint.id.clone() />
                    <button type="submit" aria-label=format!("Resume the endpoint {}", endpoint.url)>"Resume"</button>
                </form>
            }
        });
        view! {
            <div class="notice warning" role="note">
                <p>
                    <strong>"Paused"</strong> " since " {short_time(since)} ": " {why}
                    " Its events wait, none is lost; resume it once the endpoint answers again."
                </p>
                {resume}
            </div>
        }
    });
    let log = if endpoint.deliveries.is_empty() {
        view! { <p class="muted">"Nothing delivered yet."</p> }.into_any()
    } else {
        view! {
            <table class="members deliveries">
                <caption>{format!("Latest deliveries to {}", endpoint.url)}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Event"</th>
                        <th scope="col">"Queued"</th>
                        <th scope="col">"Result"</th>
                        <th scope="col">"Attempts"</th>
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>
                    {endpoint
                        .deliveries
                        .into_iter()
                        .map(|delivery| view! { <Delivery account_id=account_id.clone() delivery may_write /> })
                        .collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section class="endpoint" aria-labelledby=labelled_by>
            <h2 id=heading_id><code>{endpoint.url.clone()}</code></h2>
            <p class="muted">
                "Added " {short_time(endpoint.created_at)} " · "
                {endpoint.events.join(", ")}
                " "
                {remove}
            </p>
            {paused}
            {log}
        </section>
    }
}

#[component]
fn Delivery(account_id: String, delivery: DeliveryRow, may_write: bool) -> impl IntoView {
    let result = match (delivery.state, delivery.last_status) {
        (DeliveryState::Delivered, Some(status)) => format!("Delivered ({status})"),
        (state, Some(status)) => format!("{}: answered {status}", state.label()),
        (state, None) => match &delivery.last_error {
            Some(error) => format!("{}: {error}", state.label()),
            None => state.label().to_owned(),
        },
    };
    let again = may_write.then(|| {
        view! {
            <form method="post" action={path_of::<crate::webhooks::RedeliverWebhook>()} class="inline">
                <input type="hidden" name="account_id" value=account_id />
                <input type="hidden" name="delivery_id" value=delivery.id.to_string() />
                <button type="submit" class="secondary" aria-label=format!("Deliver the {} event again", delivery.event)>
                    "Deliver again"
                </button>
            </form>
        }
    });
    view! {
        <tr>
            <td>
                <code>{delivery.event}</code>
                {delivery.redelivery.then(|| view! { <span class="muted">" (again)"</span> })}
            </td>
            <td>{short_time(delivery.created_at)}</td>
            <td>{result}</td>
            <td>{delivery.attempts}</td>
            <td>{again}</td>
        </tr>
    }
}

/// The URL and the events of a new endpoint.
#[component]
fn NewEndpointForm(account_id: String, events: Vec<EventChoice>) -> impl IntoView {
    let error = Signal::stored(url_error(path_of::<crate::webhooks::AddWebhook>()));
    let typed = TypedValues::of("add_webhook");
    let chosen: Vec<String> = typed.all("events[]");
    let typed_any = typed.get("url").is_some();
    view! {
        <section class="panel" aria-labelledby="new-webhook-form-heading">
            <h2 id="new-webhook-form-heading">"New endpoint"</h2>
            <form method="post" action={path_of::<crate::webhooks::AddWebhook>()} id=form_anchor("add_webhook")>
                <FormError error=error />
                <input type="hidden" name="account_id" value=account_id />
                <TextField
                    id="webhook-url"
                    label="Endpoint URL"
                    name="url"
                    input_type="url"
                    autocomplete="off"
                    value=typed.get("url").unwrap_or_default()
                    max_length=2000
                    error=field_message(error, "url")
                />
                <fieldset class="permission-group">
                    <legend>"Events"</legend>
                    {field_message(error, "events").get_untracked().map(|message| view! {
                        <p class="field-error" id="webhook-events-error">{message}</p>
                    })}
                    {events
                        .into_iter()
                        .map(|event| {
                            // Every event is ticked until the person chooses.
                            let checked = !typed_any || chosen.contains(&event.name);
                            let id = format!("webhook-event-{}", event.name.replace('.', "-"));
                            view! {
                                <div class="permission">
                                    <input type="checkbox" id=id.clone() name="events[]" value=event.name.clone() checked=checked />
                                    <label for=id.clone()><code>{event.name}</code></label>
                                    <span class="muted">{event.description}</span>
                                </div>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <button type="submit">"Add endpoint"</button>
            </form>
        </section>
    }
}
