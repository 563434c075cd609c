//! A plain page that lists the API's operations for people, made from the OpenAPI document.

use app::html_escape::escape_html;
use utoipa::openapi::OpenApi;

pub fn page(document: &OpenApi) -> String {
    let mut rows = String::new();
    for (path, item) in &document.paths.paths {
        let operations = [
            ("GET", &item.get),
            ("POST", &item.post),
            ("PATCH", &item.patch),
            ("PUT", &item.put),
            ("DELETE", &item.delete),
        ];
        for (method, operation) in operations {
            let Some(operation) = operation else { continue };
            let summary = operation
                .summary
                .clone()
                .or_else(|| operation.description.clone())
                .unwrap_or_default();
            rows.push_str(&format!(
                "<tr><td><code>{method}</code></td><td><code>/api/v1{}</code></td><td>{}</td></tr>",
                escape_html(path),
                escape_html(&summary)
            ));
        }
    }
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Roster API reference</title></head><body>\
         <h1>Roster API, version 1</h1>\
         <p>Send an API key of the account (made on its <strong>API keys</strong> page) as <code>Authorization: Bearer roster_…</code>. \
         Errors are problem documents (<code>application/problem+json</code>). The whole description, for tools: \
         <a href=\"/api/v1/openapi.json\">openapi.json</a> (OpenAPI 3.1).</p>\
         <table><caption>Operations</caption>\
         <thead><tr><th scope=\"col\">Method</th><th scope=\"col\">Path</th><th scope=\"col\">What it does</th></tr></thead>\
         <tbody>{rows}</tbody></table></body></html>"
    )
}
