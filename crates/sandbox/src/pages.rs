//! The small HTML pages of the magic-link flow: consent, done, denied and errors.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;\
background:#f4f5f7;color:#1d2330;margin:0;display:flex;min-height:100vh;align-items:center;\
justify-content:center}\
main{background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08);padding:32px 36px;\
max-width:440px;width:100%}.brand{font-size:13px;letter-spacing:.08em;text-transform:uppercase;\
color:#5b6475;margin:0 0 12px}h1{font-size:22px;margin:0 0 12px}p{line-height:1.5;margin:0 0 16px}\
code{background:#f0f1f4;padding:1px 5px;border-radius:4px}\
.actions{display:flex;gap:12px;margin-top:24px}\
button{flex:1;font-size:15px;padding:10px 0;border-radius:8px;border:1px solid #c9ced8;\
background:#fff;cursor:pointer}button.allow{background:#2f6fed;border-color:#2f6fed;color:#fff}\
form{margin:0 0 20px}.muted{color:#6b7385;font-size:13px;margin:0}";

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <meta name=\"referrer\" content=\"no-referrer\">\
         <title>{} · Kitbench Sandbox</title><style>{STYLE}</style></head>\
         <body><main><p class=\"brand\">Kitbench Sandbox</p>{body}</main></body></html>",
        escape(title)
    );
    let mut response = (status, Html(html)).into_response();
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    response
}

/// The consent page: Allow or Deny, posted back to the same URL.
pub(crate) fn consent(connector: &str, identifier: &str, expires: &str) -> Response {
    let (c, i) = (escape(connector), escape(identifier));
    let body = format!(
        "<h1>Authorize {c} for {i}</h1>\
         <p>The app asks to connect <strong>{i}</strong>'s <strong>{c}</strong> account. This \
         page stands in for {c}'s consent screen: allowing connects the account with synthetic \
         credentials, and nothing leaves this machine.</p>\
         <form method=\"post\"><div class=\"actions\">\
         <button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>\
         <button class=\"allow\" type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>\
         </div></form><p class=\"muted\">This link expires at {}.</p>",
        escape(expires)
    );
    page(
        StatusCode::OK,
        &format!("Kitbench Sandbox — authorize {connector} for {identifier}"),
        &body,
    )
}

/// Any other outcome: a heading and a sentence.
pub(crate) fn message(status: StatusCode, title: &str, text: &str) -> Response {
    page(
        status,
        title,
        &format!("<h1>{}</h1><p>{}</p>", escape(title), escape(text)),
    )
}

/// Where the browser ends up after a successful verification.
pub(crate) fn done() -> Response {
    message(
        StatusCode::OK,
        "Account connected",
        "The connected account is active. You can close this window.",
    )
}
