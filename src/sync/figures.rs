//! Earlier days' figures from the shop's database: the view `days` of
//! `_design/lobby` (scripts/couch-setup.mjs) sums each day's check-ins and
//! feedback, so a desk reads weeks of figures without keeping weeks of records.
use std::collections::BTreeMap;

use super::couch::{encode, Couch};
use crate::domain::config::SyncConfig;
use crate::domain::feedback::Feedback;
use crate::domain::history::Tally;
use crate::domain::intake::Intake;
use crate::store::Record;

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

/// Every check-in and feedback of the days from `from` to `to` (`YYYY-MM-DD`,
/// both kept), from the view `records`, for an export of a range; documents this
/// version cannot read are left out. `None` when they cannot be had now.
pub async fn records_between(
    config: &SyncConfig,
    from: &str,
    to: &str,
) -> Option<(Vec<Intake>, Vec<Feedback>)> {
    let path = format!(
        "_design/lobby/_view/records?include_docs=true&startkey={}&endkey={}",
        encode(&serde_json::json!(from).to_string()),
        encode(&serde_json::json!(to).to_string())
    );
    // Months of records: a moment longer than a day's figures.
    let reply = Couch::new(config)
        .call("GET", &path, None, 3 * READ_MS)
        .await
        .ok()?;
    if reply.status != 200 {
        return None;
    }
    let (mut intakes, mut feedback) = (Vec::new(), Vec::new());
    let mut json = reply.json();
    let rows = json["rows"]
        .as_array_mut()
        .map(std::mem::take)
        .unwrap_or_default();
    for mut row in rows {
        match super::doc::from_doc(row["doc"].take()).map(|r| r.record) {
            Ok(Record::Intake(i)) => intakes.push(i),
            Ok(Record::Feedback(f)) => feedback.push(f),
            Err(_) => {}
        }
    }
    Some((intakes, feedback))
}
