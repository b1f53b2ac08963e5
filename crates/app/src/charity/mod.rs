//! 慈善 charity: the labels of its records and the public trace of a donation.
pub mod names;
pub mod portal;
