//! The desk's records of any range of days: today's as the desk holds them, live;
//! earlier days' read from this device's storage when asked (kept `history_days`
//! without a shop's database). The figures and the export of a range read them here.
use leptos::prelude::*;

use super::state::DeskState;
use crate::domain::config::Config;
use crate::domain::feedback::Feedback;
use crate::domain::feedback::FOLLOW_UP_DUE_MS;
use crate::domain::history::{Day, Tally};
use crate::domain::intake::Intake;
use crate::web;

/// A range's check-ins and feedback, in the order of its days.
pub struct Records {
    pub intakes: Vec<Intake>,
    pub feedback: Vec<Feedback>,
}

impl DeskState {
    fn today(&self) -> String {
        self.day.get_value()
    }

    /// Today's date as the desk reads it now; tracked, so a new day is followed.
    pub fn now_day(&self) -> String {
        self.now_ms.track();
        web::now().day()
    }

    /// Today's check-ins, those only on this page included; tracked.
    fn intakes_today(&self) -> Vec<Intake> {
        self.stored.with(|stored| {
            self.unsaved
                .with(|u| stored.iter().chain(u).cloned().collect())
        })
    }

    /// The check-ins and feedback of `days` (`YYYY-MM-DD`, in order). Today's are
    /// tracked; earlier days' are read from storage, untracked.
    pub fn records_of(&self, days: &[String]) -> Records {
        let today = self.today();
        let mut out = Records {
            intakes: Vec::new(),
            feedback: Vec::new(),
        };
        if days.iter().any(|d| *d != today) {
            if let Some(store) = self.storage.store() {
                let loaded = store.load();
                let wanted = |day: &str| day != today && days.iter().any(|d| d == day);
                out.intakes = loaded
                    .intakes
                    .into_iter()
                    .filter(|i| wanted(&i.day))
                    .collect();
                out.feedback = loaded
                    .feedback
                    .into_iter()
                    .filter(|f| wanted(&f.day))
                    .collect();
                out.intakes
                    .sort_by(|a, b| (&a.day, a.created_ms).cmp(&(&b.day, b.created_ms)));
                out.feedback
                    .sort_by(|a, b| (&a.day, a.created_ms).cmp(&(&b.day, b.created_ms)));
            }
        }
        if days.contains(&today) {
            out.intakes.extend(self.intakes_today());
            out.feedback.extend(self.feedback_today());
        }
        out
    }

    /// Each of `days` summed up as of now: earlier days are over, so those still
    /// waiting then left unserved; today goes on.
    pub fn tallies(&self, days: &[String]) -> Vec<Day> {
        let now = self.now_ms.get();
        let records = self.records_of(days);
        let today = self.today();
        days.iter()
            .map(|day| {
                let intakes: Vec<Intake> = records
                    .intakes
                    .iter()
                    .filter(|i| i.day == *day)
                    .cloned()
                    .collect();
                let feedback: Vec<Feedback> = records
                    .feedback
                    .iter()
                    .filter(|f| f.day == *day)
                    .cloned()
                    .collect();
                Day {
                    day: day.clone(),
                    utc_offset_min: web::clock::utc_offset_on(day),
                    tally: Tally::of_day(&intakes, &feedback, now, *day != today),
                }
            })
            .collect()
    }

    /// Earlier days' tallies as the database summed them, each placed on its
    /// local clock. The database cannot tell which follow-ups still open are past
    /// 48 hours now: all are but those this desk holds that are not (a desk holds
    /// every follow-up of the last two weeks still to do).
    pub fn with_local_follow_ups(
        &self,
        days: &[String],
        mut from_database: std::collections::BTreeMap<String, Tally>,
    ) -> Vec<Day> {
        let now = self.now_ms.get_untracked();
        let not_due: Vec<String> = self.feedback.with_untracked(|all| {
            all.iter()
                .filter(|f| f.follow_up_open() && now <= f.created_ms + FOLLOW_UP_DUE_MS)
                .map(|f| f.day.clone())
                .collect()
        });
        days.iter()
            .map(|day| {
                let mut tally = from_database.remove(day).unwrap_or_default();
                let fresh = not_due.iter().filter(|d| *d == day).count() as u32;
                tally.follow_ups_decided += tally.follow_ups_open.saturating_sub(fresh);
                Day {
                    day: day.clone(),
                    utc_offset_min: web::clock::utc_offset_on(day),
                    tally,
                }
            })
            .collect()
    }

    /// The check-ins of `days` as a CSV file: its name (`lobby-2026-11-22.csv`, or
    /// `lobby-2026-11-01-to-2026-11-30.csv`) and text, with the same columns as a
    /// day's. Headers and values are in `lang`, the staff's language. Earlier days
    /// come `from_database` when read from there (today's are this desk's).
    pub fn export(
        &self,
        days: &[String],
        config: &Config,
        lang: &str,
        from_database: Option<(Vec<Intake>, Vec<Feedback>)>,
    ) -> (String, String) {
        let records = match from_database {
            Some((intakes, feedback)) => {
                let today = self.today();
                let mut records = Records {
                    intakes: intakes.into_iter().filter(|i| i.day != today).collect(),
                    feedback: feedback.into_iter().filter(|f| f.day != today).collect(),
                };
                records
                    .intakes
                    .sort_by(|a, b| (&a.day, a.created_ms).cmp(&(&b.day, b.created_ms)));
                records
                    .feedback
                    .sort_by(|a, b| (&a.day, a.created_ms).cmp(&(&b.day, b.created_ms)));
                if days.contains(&today) {
                    untrack(|| {
                        records.intakes.extend(self.intakes_today());
                        records.feedback.extend(self.feedback_today());
                    });
                }
                records
            }
            None => untrack(|| self.records_of(days)),
        };
        let text = crate::domain::export::to_csv(
            &records.intakes,
            &records.feedback,
            config,
            &web::clock::utc_offset_at,
            lang,
            &|key| crate::i18n::tr(lang, key),
        );
        let name = match (days.first(), days.last()) {
            (Some(first), Some(last)) if first != last => format!("lobby-{first}-to-{last}.csv"),
            _ => format!(
                "lobby-{}.csv",
                days.first().cloned().unwrap_or_else(|| self.today())
            ),
        };
        (name, text)
    }
}
