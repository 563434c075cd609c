//! Members do not remove themselves: they are told who can.

/// The refusal a member gets when they try to remove themselves, naming who may remove them.
pub fn self_removal_message(removers: &[String]) -> String {
    if removers.is_empty() {
        "You cannot remove yourself, and nobody else here may remove members. Ask the owner to give someone the permission delete:users.".into()
    } else {
        format!(
            "You cannot remove yourself. Ask a member who may remove people to do it: {}.",
            removers.join(", ")
        )
    }
}
