//! Earlier days' figures from the shop's database: the view `days` of
//! `_design/lobby` (scripts/couch-setup.mjs) sums each day's check-ins and
//! feedback, so a desk reads weeks of figures without keeping weeks of records.
use std::collections::BTreeMap;

use super::couch::{encode, Couch};
use crate::domain::config::SyncConfig;
use crate::domain::history::Tally;

/// Time for the database to answer: a long range over months may take a moment.
const READ_MS: i32 = 20_000;

/// Each day's tally from `from` to `to` (`YYYY-MM-DD`, both kept), as the
/// database sums them; `None` when they cannot be had now.
pub async fn day_tallies(
    config: &SyncConfig,
    from: &str,
    to: &str,
) -> Option<BTreeMap<String, Tally>> {
    let start = serde_json::json!([from]).to_string();
    let end = serde_json::json!([to, {}]).to_string();
    let path = format!(
        "_design/lobby/_view/days?group_level=3&startkey={}&endkey={}",
        encode(&start),
        encode(&end)
    );
    let reply = Couch::new(config)
        .call("GET", &path, None, READ_MS)
        .await
        .ok()?;
    (reply.status == 200).then(|| Tally::from_view(&reply.json()))
}
