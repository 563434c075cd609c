// The migrations are embedded by `sqlx::migrate!`, which cannot see a file added to their
// folders: rebuild when either folder changes.
fn main() {
    println!("cargo:rerun-if-changed=../migrations");
}
