//! The pages of signing in to a product through Roster: the account picker and consent, and
//! the page that says why a request was not sent back.

mod decide_page;
mod problem_page;
mod prompt;

pub use decide_page::DecidePage;
pub use problem_page::OAuthProblemPage;
pub use prompt::{DecisionPrompt, authorization_prompt};
