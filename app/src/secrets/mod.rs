//! Every secret Roster makes, in one scheme: drawn from the operating system's CSPRNG (256
//! bits), shown once (in a mail's link, or on the page after its creation), stored only as its
//! SHA-256, and compared in constant time. Link tokens (invitations, password resets, address
//! links) are URL-safe; secrets a program holds (API keys, webhook signing secrets, and the
//! coming client secrets and SCIM tokens) carry a prefix that makes a leaked one recognisable.

mod api_key;
mod hash;
pub mod hex;
mod link_token;
mod prefixed;

pub use api_key::ApiKeySecret;
pub use hash::SecretHash;
pub use link_token::LinkToken;
pub use prefixed::{PREFIXED_LENGTH, prefixed_random};
