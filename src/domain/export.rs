//! The day's check-ins and feedback as a CSV file a spreadsheet opens correctly:
//! one row per intake with its feedback beside it, then feedback that names no
//! intake; answers as codes beside the business's wording, local times.
use crate::domain::clock::Now;
use crate::domain::config::Config;
use crate::domain::feedback::{linked, Feedback};
use crate::domain::intake::{Detail, Intake, Limit, Priority, Status};

/// The columns, in order.
pub const HEADER: [&str; 26] = [
    "ticket",
    "checked_in",
    "name",
    "language",
    "reason",
    "reason_code",
    "came_back",
    "wants_person",
    "priority",
    "deadline",
    "estimate_first",
    "limit",
    "help",
    "help_done",
    "detail",
    "note",
    "status",
    "status_changed",
    "served_at",
    "staff_note",
    "feedback_at",
    "expectations",
    "respected",
    "comment",
    "follow_up_at",
    "follow_up_note",
];

/// A spreadsheet runs a cell that starts with one of these as a formula: such text
/// from a customer is written with a leading apostrophe, which shows it as typed.
fn as_text(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// `intakes` as CSV (UTF-8 with a byte-order mark, so spreadsheets read accents
/// and other scripts right; lines end in CRLF), times in the zone `utc_offset_min`.
pub fn to_csv(
    intakes: &[Intake],
    feedback: &[Feedback],
    config: &Config,
    utc_offset_min: i32,
) -> String {
    let local = |ms: i64| {
        let at = Now::new(ms, utc_offset_min);
        let t = at.local_time_of(ms);
        (at.day(), format!("{:02}:{:02}", t.hour, t.minute))
    };
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    out.write_record(HEADER).expect("writing to memory");
    let mut rows: Vec<&Intake> = intakes.iter().collect();
    rows.sort_by(|a, b| (a.created_ms, &a.id).cmp(&(b.created_ms, &b.id)));
    let mut answers: Vec<&Feedback> = feedback.iter().collect();
    answers.sort_by(|a, b| (a.created_ms, &a.id).cmp(&(b.created_ms, &b.id)));
    // Each intake's first feedback goes on its row; the rest get rows of their own.
    let mut on_row: std::collections::HashMap<&str, &Feedback> = Default::default();
    let mut alone = Vec::new();
    for f in answers {
        match linked(f, intakes) {
            Some(i) if !on_row.contains_key(i.id.as_str()) => {
                on_row.insert(i.id.as_str(), f);
            }
            _ => alone.push(f),
        }
    }
    let feedback_fields = |f: Option<&Feedback>| -> [String; 6] {
        let Some(f) = f else {
            return Default::default();
        };
        [
            local(f.created_ms).1,
            f.expectations.code().to_string(),
            yes_no(f.respected).to_string(),
            as_text(&f.comment),
            f.follow_up
                .as_ref()
                .map(|u| local(u.at_ms).1)
                .unwrap_or_default(),
            f.follow_up
                .as_ref()
                .map(|u| as_text(&u.note))
                .unwrap_or_default(),
        ]
    };
    for i in rows {
        let (day, time) = local(i.created_ms);
        let reason = i.reason.as_deref().unwrap_or("");
        let record = [
            i.ticket_label(),
            format!("{day} {time}"),
            as_text(&i.name),
            i.language.clone(),
            config
                .reason_label(reason, &config.business.language)
                .unwrap_or("")
                .to_string(),
            reason.to_string(),
            yes_no(i.recovery).to_string(),
            yes_no(i.wants_person).to_string(),
            i.priority.map(Priority::code).unwrap_or("").to_string(),
            i.deadline.map(|d| local(d.at_ms).1).unwrap_or_default(),
            i.estimate_first.map(yes_no).unwrap_or("").to_string(),
            match i.limit {
                Some(Limit::Amount(a)) => a.to_string(),
                Some(Limit::NoLimit) => "none".to_string(),
                None => String::new(),
            },
            i.help.join("; "),
            i.done_help.join("; "),
            i.detail.map(Detail::code).unwrap_or("").to_string(),
            as_text(&i.note),
            match i.status {
                Status::Waiting => "waiting",
                Status::Serving => "serving",
                Status::Done => "done",
            }
            .to_string(),
            i.status_ms.map(|ms| local(ms).1).unwrap_or_default(),
            i.served_at().map(|ms| local(ms).1).unwrap_or_default(),
            as_text(&i.staff_note),
        ];
        out.write_record(
            record
                .iter()
                .chain(&feedback_fields(on_row.get(i.id.as_str()).copied())),
        )
        .expect("writing to memory");
    }
    for f in alone {
        let mut record: Vec<String> = vec![String::new(); HEADER.len() - 6];
        record[0] = as_text(&f.ticket);
        record[3] = f.language.clone();
        record.extend(feedback_fields(Some(f)));
        out.write_record(&record).expect("writing to memory");
    }
    let bytes = out.into_inner().expect("writing to memory");
    format!(
        "\u{feff}{}",
        String::from_utf8(bytes).expect("written from strings")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::intake::fixtures::intake;
    use crate::domain::intake::Deadline;

    fn config() -> Config {
        Config::from_json(include_str!("../../public/kiosk.json")).unwrap()
    }

    /// The file read back as a spreadsheet would: fields with quotes, commas and
    /// line breaks come back whole.
    fn read(text: &str) -> Vec<Vec<String>> {
        let text = text
            .strip_prefix('\u{feff}')
            .expect("a byte-order mark first");
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn notes_with_commas_quotes_and_line_breaks_come_back_whole() {
        let mut a = intake(1);
        a.created_ms = Now::new(0, 0).today_at(crate::domain::clock::ClockTime::new(9, 5).unwrap());
        a.name = "Zoë \"Z\" Ōkubo, Jr.".into();
        a.note = "Brakes squeal, mostly when cold.\nCall \"before\" 3.".into();
        a.reason = Some("repair".into());
        a.priority = Some(Priority::Cost);
        a.estimate_first = Some(true);
        a.limit = Some(Limit::Amount(250));
        a.help = vec!["coffee".into(), "wifi".into()];
        a.done_help = vec!["wifi".into()];
        a.detail = Some(Detail::WalkThrough);
        a.language = "es".into();
        a.letter = Some("B".into());
        let mut b = intake(2);
        b.created_ms = a.created_ms + 60_000;
        b.wants_person = true;
        b.reason = None;
        b.name = "=HYPERLINK(\"x\")".into();
        b.advance(Status::Done, b.created_ms + 30 * 60_000);
        b.priority = Some(Priority::Time);
        b.deadline = Some(Deadline {
            choice: crate::domain::intake::DeadlineChoice::At,
            at_ms: b.created_ms + 2 * 3_600_000,
        });
        b.staff_note = "Refund, 10%".into();
        let mut said = crate::domain::feedback::fixtures::feedback(
            1,
            crate::domain::feedback::Expectations::Below,
            false,
        );
        said.ticket = "2".into();
        said.created_ms = b.created_ms + 40 * 60_000;
        said.comment = "Slow,\n\"very\" slow".into();
        said.handle(said.created_ms + 5 * 60_000, "Called; sorry".into());
        let mut stray = crate::domain::feedback::fixtures::feedback(
            2,
            crate::domain::feedback::Expectations::Beyond,
            true,
        );
        stray.ticket = "99".into();
        stray.language = "ar".into();
        stray.created_ms = said.created_ms;
        let rows = read(&to_csv(
            &[b.clone(), a.clone()],
            &[stray, said],
            &config(),
            60,
        ));
        assert_eq!(rows[0], HEADER.map(str::to_string).to_vec());
        assert_eq!(
            rows.len(),
            4,
            "oldest first, one row each, then stray feedback"
        );
        let row = &rows[1];
        assert_eq!(row[0], "B-1");
        assert_eq!(row[1], "1970-01-01 10:05", "local time: UTC+1");
        assert_eq!(row[2], "Zoë \"Z\" Ōkubo, Jr.");
        assert_eq!(row[3], "es");
        assert_eq!(row[4], "Something needs fixing");
        assert_eq!(row[5], "repair");
        assert_eq!(&row[6..12], ["no", "no", "cost", "", "yes", "250"]);
        assert_eq!(row[12], "coffee; wifi");
        assert_eq!(row[13], "wifi");
        assert_eq!(row[14], "walk_through");
        assert_eq!(
            row[15],
            "Brakes squeal, mostly when cold.\nCall \"before\" 3."
        );
        assert_eq!(&row[16..], ["waiting", "", "", "", "", "", "", "", "", ""]);
        let row = &rows[2];
        assert_eq!(
            row[2], "'=HYPERLINK(\"x\")",
            "a formula is shown, never run"
        );
        assert_eq!(&row[4..10], ["", "", "no", "yes", "time", "12:06"]);
        assert_eq!(
            &row[16..],
            [
                "done",
                "10:36",
                "10:36",
                "Refund, 10%",
                "10:46",
                "below",
                "no",
                "Slow,\n\"very\" slow",
                "10:51",
                "Called; sorry"
            ]
        );
        let row = &rows[3];
        assert_eq!(row[0], "99");
        assert_eq!(row[3], "ar");
        assert!(
            row[1].is_empty() && row[16].is_empty(),
            "no check-in of its own"
        );
        assert_eq!(&row[20..24], ["10:46", "beyond", "yes", ""]);
    }

    #[test]
    fn lines_end_in_crlf() {
        let text = to_csv(&[intake(1)], &[], &config(), 0);
        assert!(text.contains("follow_up_note\r\n"));
        assert!(text.ends_with("\r\n"));
    }
}
