//! How Exchange itself behaves, written down once with its sources, so every rule that
//! depends on it says the same thing.

pub mod cert_choice;
