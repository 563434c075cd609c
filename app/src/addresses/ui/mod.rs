//! What the pages show of addresses: the banner that asks for verification.

mod address_banner;

pub use address_banner::AddressBanner;
