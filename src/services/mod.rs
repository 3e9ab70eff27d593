//! What commands compute, apart from how they show it: each service takes plain values and the
//! backend's capabilities and returns a report of plain data, which the command renders.

pub mod backfill;
pub mod compact;
pub mod costs;
pub mod deploy;
pub mod quarantine;
pub mod reconcile;
pub mod status;
pub mod tail;
pub mod warehouse;
pub mod workflow;
