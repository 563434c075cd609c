//! The second factors on the profile, and the second step of a sign-in.

mod passkey_script;
mod passkeys_section;
mod policy_section;
mod profile_section;
mod second_step;
mod step_up_field;

pub use passkey_script::PasskeyScript;
pub use passkeys_section::PasskeysSection;
pub use policy_section::SecondFactorPolicySection;
pub use profile_section::SecondFactorSection;
pub use second_step::SecondStepForms;
pub use step_up_field::StepUpField;
