//! 事找人 the rules that find persons newly eligible.
