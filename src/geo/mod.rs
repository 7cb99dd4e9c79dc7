//! Offline geography: the gazetteer that names places, and the outlines the map draws.

pub mod gazetteer;
pub mod search;
pub mod shapes;
