//! The members table and its dialogs.
