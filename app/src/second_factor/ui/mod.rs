//! The second factors on the profile, and the second step of a sign-in.

mod profile_section;
mod second_step;

pub use profile_section::SecondFactorSection;
pub use second_step::SecondStepForms;
