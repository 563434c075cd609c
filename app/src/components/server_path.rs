//! A plain form's `action`, and the key its refusal comes back under, from the server
//! function's own type: renaming a function cannot leave a form posting to nowhere.

/// The address (`/api/<name>`) of the server function `F`.
pub const fn path_of<F: leptos::server_fn::ServerFn>() -> &'static str {
    F::PATH
}
