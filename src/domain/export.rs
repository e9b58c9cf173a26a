//! The day's check-ins and feedback as a CSV file a spreadsheet opens correctly:
//! one row per intake with its feedback beside it, then feedback that names no
//! intake; answers as codes beside the business's wording, local times.
use crate::domain::clock::Now;
use crate::domain::config::Config;
use crate::domain::feedback::{linked, Feedback};
use crate::domain::intake::{Detail, Intake, Limit, Priority, Status};
use crate::domain::questions::worded;

/// The columns people read, in order: the headers are these words in the staff's
/// language, the values in the business's words.
pub const COLUMNS: [&str; 26] = [
    "desk.csv_ticket",
    "desk.csv_checked_in",
    "desk.csv_name",
    "desk.csv_language",
    "desk.csv_reason",
    "desk.csv_came_back",
    "desk.csv_wants_person",
    "desk.csv_priority",
    "desk.csv_deadline",
    "desk.csv_estimate_first",
    "desk.csv_limit",
    "desk.csv_help",
    "desk.csv_help_done",
    "desk.csv_detail",
    "desk.csv_note",
    "desk.csv_status",
    "desk.csv_status_changed",
    "desk.csv_served_at",
    "desk.csv_staff_note",
    "desk.csv_feedback_at",
    "desk.csv_expectations",
    "desk.csv_respected",
    "desk.csv_comment",
    "desk.csv_wants_talk",
    "desk.csv_follow_up_at",
    "desk.csv_follow_up_note",
];

/// The same answers as codes, for a machine, after the columns people read.
pub const CODE_COLUMNS: [&str; 13] = [
    "id",
    "language_code",
    "reason_code",
    "came_back_code",
    "wants_person_code",
    "priority_code",
    "estimate_first_code",
    "limit_code",
    "help_codes",
    "help_done_codes",
    "detail_code",
    "status_code",
    "expectations_code",
];

/// A spreadsheet runs a cell that starts with one of these as a formula: such text
/// from a customer is written with a leading apostrophe, which shows it as typed.
fn as_text(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

fn yes_no_code(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// `intakes` as CSV (UTF-8 with a byte-order mark, so spreadsheets read accents
/// and other scripts right; lines end in CRLF), times local by `utc_offset`, the
/// zone's offset at a moment (summer time may start within a range of days).
/// `words` gives a catalogue key's text in the staff's language `lang`.
pub fn to_csv(
    intakes: &[Intake],
    feedback: &[Feedback],
    config: &Config,
    utc_offset: &dyn Fn(i64) -> i32,
    lang: &str,
    words: &dyn Fn(&str) -> String,
) -> String {
    let local = |ms: i64| {
        let at = Now::new(ms, utc_offset(ms));
        let t = at.local_time_of(ms);
        (at.day(), format!("{:02}:{:02}", t.hour, t.minute))
    };
    let yes_no = |b: bool| words(if b { "desk.csv_yes" } else { "desk.csv_no" });
    let help_words = |codes: &[String]| {
        codes
            .iter()
            .map(|c| words(&format!("help.{c}")))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let fallback = config.business.language.as_str();
    // Questions answered today that the settings no longer ask: a column each
    // too, headed by their code, so that no answer is left out.
    let mut gone: Vec<&str> = Vec::new();
    for a in intakes.iter().flat_map(|i| &i.answers) {
        if config.question(&a.question).is_none() && !gone.contains(&a.question.as_str()) {
            gone.push(&a.question);
        }
    }
    // The business's own questions last, a column each, so that the columns
    // before them stay where a spreadsheet expects them.
    let header: Vec<String> = COLUMNS
        .iter()
        .map(|k| words(k))
        .chain(CODE_COLUMNS.iter().map(|c| c.to_string()))
        .chain(
            config
                .questions
                .iter()
                .map(|q| as_text(worded(&q.label, lang, fallback).unwrap_or(&q.code))),
        )
        .chain(gone.iter().map(|code| as_text(code)))
        // Last, and only where the business has said so: customers' numbers.
        .chain(config.export_phones.then(|| words("desk.csv_phone")))
        .collect();
    // Every cell is guarded as it is written, whoever wrote its text: a kiosk
    // account writes the ticket, the language and the codes as freely as a name.
    let mut write = |cells: &[String]| {
        out.write_record(cells.iter().map(|c| as_text(c)))
            .expect("writing to memory")
    };
    write(&header);
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
    // Feedback's columns people read: at, expectations, respected, comment, asked
    // for a word, follow-up.
    let feedback_fields = |f: Option<&Feedback>| -> [String; 7] {
        let Some(f) = f else {
            return Default::default();
        };
        [
            local(f.created_ms).1,
            words(&format!("desk.feedback_{}", f.expectations.code())),
            yes_no(f.respected),
            as_text(&f.comment),
            yes_no(f.wants_talk),
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
    let feedback_code = |f: Option<&Feedback>| {
        f.map(|f| f.expectations.code().to_string())
            .unwrap_or_default()
    };
    for i in rows {
        let (day, time) = local(i.created_ms);
        let reason = i.reason.as_deref().unwrap_or("");
        let f = on_row.get(i.id.as_str()).copied();
        let feedback = feedback_fields(f);
        let mut record: Vec<String> = vec![
            i.ticket_label(),
            format!("{day} {time}"),
            as_text(&i.name),
            crate::i18n::own_name(&i.language).to_string(),
            config
                .reason_label(reason, lang)
                .or_else(|| config.reason_label(reason, &config.business.language))
                .unwrap_or("")
                .to_string(),
            yes_no(i.recovery),
            yes_no(i.wants_person),
            i.priority
                .map(|p| words(&format!("priority.{}", p.code())))
                .unwrap_or_default(),
            i.deadline.map(|d| local(d.at_ms).1).unwrap_or_default(),
            i.estimate_first.map(yes_no).unwrap_or_default(),
            match i.limit {
                Some(Limit::Amount(a)) => format!("{}{a}", config.currency),
                Some(Limit::NoLimit) => words("desk.headline_no_limit"),
                None => String::new(),
            },
            help_words(&i.help),
            help_words(&i.done_help),
            i.detail
                .map(|d| words(&format!("detail.{}", d.code())))
                .unwrap_or_default(),
            as_text(&i.note),
            words(status_key(i.status)),
            i.status_ms.map(|ms| local(ms).1).unwrap_or_default(),
            // A walkout's wait ended, but nobody served them.
            i.served_at()
                .filter(|_| i.status != Status::Left)
                .map(|ms| local(ms).1)
                .unwrap_or_default(),
            as_text(&i.staff_note),
        ];
        record.extend(feedback);
        record.push(i.id.clone());
        record.extend([
            i.language.clone(),
            reason.to_string(),
            yes_no_code(i.recovery).to_string(),
            yes_no_code(i.wants_person).to_string(),
            i.priority.map(Priority::code).unwrap_or("").to_string(),
            i.estimate_first.map(yes_no_code).unwrap_or("").to_string(),
            match i.limit {
                Some(Limit::Amount(a)) => a.to_string(),
                Some(Limit::NoLimit) => "none".to_string(),
                None => String::new(),
            },
            i.help.join("; "),
            i.done_help.join("; "),
            i.detail.map(Detail::code).unwrap_or("").to_string(),
            i.status.code().to_string(),
            feedback_code(f),
        ]);
        record.extend(config.questions.iter().map(|q| {
            i.answers
                .iter()
                .find(|a| a.question == q.code)
                .map(|a| as_text(q.answer_words(&a.value, lang, fallback)))
                .unwrap_or_default()
        }));
        record.extend(gone.iter().map(|code| {
            i.answers
                .iter()
                .find(|a| a.question == *code)
                .map(|a| as_text(&a.value))
                .unwrap_or_default()
        }));
        if config.export_phones {
            record.push(i.phone.clone());
        }
        write(&record);
    }
    for f in alone {
        let width = COLUMNS.len()
            + CODE_COLUMNS.len()
            + config.questions.len()
            + gone.len()
            + usize::from(config.export_phones);
        let mut record: Vec<String> = vec![String::new(); width];
        record[0] = as_text(&f.ticket);
        record[3] = crate::i18n::own_name(&f.language).to_string();
        for (k, v) in feedback_fields(Some(f)).into_iter().enumerate() {
            record[19 + k] = v;
        }
        record[COLUMNS.len()] = f.id.clone();
        record[COLUMNS.len() + 1] = f.language.clone();
        record[COLUMNS.len() + CODE_COLUMNS.len() - 1] = feedback_code(Some(f));
        write(&record);
    }
    let bytes = out.into_inner().expect("writing to memory");
    format!(
        "\u{feff}{}",
        String::from_utf8(bytes).expect("written from strings")
    )
}

/// A status in the staff's words.
fn status_key(status: Status) -> &'static str {
    match status {
        Status::Waiting => "desk.csv_waiting",
        Status::Serving => "desk.csv_serving",
        Status::Done => "desk.csv_done",
        Status::Left => "desk.csv_left",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::intake::fixtures::intake;
    use crate::domain::intake::Deadline;
    use crate::domain::questions::Answer;

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
    fn every_cell_a_kiosk_could_write_is_guarded_against_formulas() {
        let mut a = intake(1);
        a.letter = Some("=1+1".into());
        a.language = "@SUM(A1)".into();
        a.reason = Some("-2+3".into());
        a.help = vec!["+cmd".into()];
        a.done_help = vec!["=x".into()];
        let words = |k: &str| k.to_string();
        let rows = read(&to_csv(&[a], &[], &config(), &|_| 0, "en", &words));
        for cell in &rows[1] {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?} would run as a formula"
            );
        }
        assert!(rows[1].contains(&"'=1+1-1".to_string()), "{:?}", rows[1]);
    }

    #[test]
    fn the_business_own_questions_are_columns_at_the_end() {
        let mut c = config();
        c.questions = serde_json::from_value(serde_json::json!([
            {"code": "plate", "label": {"en": "Plate", "es": "Matrícula"}},
            {"code": "visit", "label": {"en": "First visit?"},
             "choices": [{"code": "first", "label": {"en": "Yes", "es": "Sí"}}, {"code": "again", "label": {"en": "No"}}]}
        ]))
        .unwrap();
        let mut a = intake(1);
        a.answers = vec![
            Answer {
                question: "plate".into(),
                value: "=KX 12".into(),
            },
            Answer {
                question: "visit".into(),
                value: "first".into(),
            },
        ];
        let mut b = intake(2);
        // Answered before the settings stopped asking it.
        b.answers = vec![Answer {
            question: "loaner_model".into(),
            value: "Fiesta".into(),
        }];
        let words = |k: &str| k.to_string();
        let rows = read(&to_csv(&[a, b], &[], &c, &|_| 0, "es", &words));
        let width = COLUMNS.len() + CODE_COLUMNS.len();
        assert_eq!(
            rows[0][width..],
            ["Matrícula", "First visit?", "loaner_model"]
        );
        assert_eq!(rows[1][width..], ["'=KX 12", "Sí", ""]);
        assert_eq!(rows[2][width..], ["", "", "Fiesta"]);
        assert!(rows.iter().all(|r| r.len() == width + 3));
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
        stray.wants_talk = true;
        stray.language = "ar".into();
        stray.created_ms = said.created_ms;
        let rows = read(&to_csv(
            &[b.clone(), a.clone()],
            &[stray, said],
            &config(),
            &|_| 60,
            "en",
            &english,
        ));
        let header: Vec<String> = rows[0].clone();
        assert_eq!(&header[..4], ["Ticket", "Checked in", "Name", "Language"]);
        assert_eq!(header[7], "What mattered most");
        assert_eq!(&header[26..], CODE_COLUMNS.map(str::to_string));
        assert_eq!(
            rows.len(),
            4,
            "oldest first, one row each, then stray feedback"
        );
        let column = |name: &str| header.iter().position(|h| h == name).unwrap();
        let row = &rows[1];
        assert_eq!(row[0], "B-1");
        assert_eq!(row[1], "1970-01-01 10:05", "local time: UTC+1");
        assert_eq!(row[2], "Zoë \"Z\" Ōkubo, Jr.");
        assert_eq!(row[3], "Español");
        assert_eq!(row[4], "Something needs fixing");
        assert_eq!(&row[5..11], ["No", "No", "Cost", "", "Yes", "$250"]);
        assert_eq!(row[11], "Coffee or water; Wi-Fi");
        assert_eq!(row[12], "Wi-Fi");
        assert_eq!(row[13], "Walk me through it");
        assert_eq!(
            row[14],
            "Brakes squeal, mostly when cold.\nCall \"before\" 3."
        );
        assert_eq!(
            &row[15..26],
            ["Waiting", "", "", "", "", "", "", "", "", "", ""]
        );
        // The codes, for a machine.
        assert_eq!(
            &row[26..],
            [
                "dev-1",
                "es",
                "repair",
                "no",
                "no",
                "cost",
                "yes",
                "250",
                "coffee; wifi",
                "wifi",
                "walk_through",
                "waiting",
                ""
            ]
        );
        let row = &rows[2];
        assert_eq!(
            row[2], "'=HYPERLINK(\"x\")",
            "a formula is shown, never run"
        );
        assert_eq!(&row[4..9], ["", "No", "Yes", "Time", "12:06"]);
        assert_eq!(
            &row[15..26],
            [
                "Done",
                "10:36",
                "10:36",
                "Refund, 10%",
                "10:46",
                "Below expectations",
                "No",
                "Slow,\n\"very\" slow",
                "No",
                "10:51",
                "Called; sorry"
            ]
        );
        assert_eq!(row[column("status_code")], "done");
        assert_eq!(row[column("expectations_code")], "below");
        let row = &rows[3];
        assert_eq!(row[0], "99");
        assert_eq!(row[3], "العربية");
        assert!(
            row[1].is_empty() && row[15].is_empty(),
            "no check-in of its own"
        );
        assert_eq!(
            &row[19..24],
            ["10:46", "Beyond expectations", "Yes", "", "Yes"]
        );
        assert_eq!(row[column("language_code")], "ar");
        assert_eq!(row[column("expectations_code")], "beyond");
    }

    /// The staff's language names the columns and words the answers; the codes stay.
    #[test]
    fn in_spanish_the_headers_and_words_are_spanish() {
        let mut a = intake(1);
        a.reason = Some("repair".into());
        a.priority = Some(Priority::Time);
        a.advance(Status::Left, 5);
        let spanish = |k: &str| crate::i18n::tr("es", k);
        let rows = read(&to_csv(&[a], &[], &config(), &|_| 0, "es", &spanish));
        let column = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
        assert_eq!(&rows[0][..3], ["Número", "Llegada", "Nombre"]);
        assert_eq!(rows[1][4], "Algo necesita reparación");
        assert_eq!(rows[1][7], "El tiempo");
        assert_eq!(rows[1][15], "Se fue sin atención");
        assert_eq!(rows[1][column("priority_code")], "time");
        assert_eq!(rows[1][column("status_code")], "left");
    }

    fn english(key: &str) -> String {
        crate::i18n::tr("en", key)
    }

    #[test]
    fn lines_end_in_crlf() {
        let text = to_csv(&[intake(1)], &[], &config(), &|_| 0, "en", &english);
        assert!(text.contains("expectations_code\r\n"));
        assert!(text.ends_with("\r\n"));
    }

    #[test]
    fn phone_numbers_only_where_the_business_says_so() {
        let mut a = intake(1);
        a.phone = "+15551234567".into();
        let mut fb = crate::domain::feedback::fixtures::feedback(
            1,
            crate::domain::feedback::Expectations::Met,
            true,
        );
        fb.intake_id = None;
        let plain = to_csv(
            &[a.clone()],
            &[fb.clone()],
            &config(),
            &|_| 0,
            "en",
            &english,
        );
        assert!(!plain.contains("5551234567"));
        assert!(!plain.contains("Phone"));
        let mut opted = config();
        opted.export_phones = true;
        let rows = read(&to_csv(&[a], &[fb], &opted, &|_| 0, "en", &english));
        assert_eq!(rows[0].last().map(String::as_str), Some("Phone"));
        // Guarded like every cell: a number starting with + is not a formula.
        assert_eq!(rows[1].last().map(String::as_str), Some("'+15551234567"));
        // Every row as wide as the header, feedback on its own too.
        assert!(rows.iter().all(|r| r.len() == rows[0].len()));
    }
}
