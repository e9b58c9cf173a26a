//! What the desk's Settings compare and where they point: the settings that
//! differ between two configurations (the preview before saving, and what
//! another desk saved meanwhile), and the part of the form a fault is in.
use super::config::Config;

/// One setting that differs: its name in the catalogue, and for a single value
/// the value before and after (a list is said to have changed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub key: &'static str,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The parts of the Settings form, in their order on screen: the element ids of
/// their sections.
pub const SECTIONS: [&str; 7] = [
    "settings-business",
    "settings-reasons",
    "settings-questions",
    "settings-help",
    "settings-spending",
    "settings-deadlines",
    "settings-timings",
];

/// The settings that differ from `before` to `after`, in the form's order.
pub fn changes(before: &Config, after: &Config) -> Vec<Change> {
    let mut out = Vec::new();
    let mut value = |key, b: String, a: String| {
        if a != b {
            out.push(Change {
                key,
                before: Some(b),
                after: Some(a),
            });
        }
    };
    let (b, a) = (&before.business, &after.business);
    value("desk.settings_name", b.name.clone(), a.name.clone());
    value("desk.settings_color", b.color.clone(), a.color.clone());
    value(
        "desk.settings_language",
        b.language.clone(),
        a.language.clone(),
    );
    let country = |c: &str| {
        if c.is_empty() {
            "—".to_string()
        } else {
            c.to_string()
        }
    };
    value(
        "desk.settings_country",
        country(&b.country),
        country(&a.country),
    );
    value(
        "desk.settings_currency",
        before.currency.clone(),
        after.currency.clone(),
    );
    value(
        "desk.settings_end_of_day",
        before.end_of_day.to_string(),
        after.end_of_day.to_string(),
    );
    type Of = fn(&Config) -> u32;
    let timings: [(&'static str, Of); 5] = [
        ("desk.settings_reset_seconds", |c| c.reset_seconds),
        ("desk.settings_idle_seconds", |c| c.idle_seconds),
        ("desk.settings_idle_countdown_seconds", |c| {
            c.idle_countdown_seconds
        }),
        ("desk.settings_desk_lock_seconds", |c| c.desk_lock_seconds),
        ("desk.settings_keep_days", |c| c.keep_days),
    ];
    for (key, of) in timings {
        value(key, of(before).to_string(), of(after).to_string());
    }
    let lists = [
        (
            "desk.settings_export_phones",
            before.export_phones != after.export_phones,
        ),
        (
            "desk.settings_board_names",
            before.board_names != after.board_names,
        ),
        ("desk.settings_printing", before.printing != after.printing),
        ("desk.settings_reasons", before.reasons != after.reasons),
        (
            "desk.settings_questions",
            before.questions != after.questions,
        ),
        (
            "desk.settings_help_items",
            before.help_items != after.help_items,
        ),
        (
            "desk.settings_spending_limits",
            before.spending_limits != after.spending_limits,
        ),
        (
            "desk.settings_deadlines",
            before.deadlines != after.deadlines,
        ),
    ];
    for (key, differs) in lists {
        if differs {
            out.push(Change {
                key,
                before: None,
                after: None,
            });
        }
    }
    out
}

/// What saving `mine` over `theirs` keeps, when both were edited from `base`:
/// each setting this desk changed, as this desk has it; every other, as the
/// other desk saved it. So saving over another desk's settings undoes only what
/// both changed, never what this desk did not touch. The desk's own PIN hash is
/// never part of it.
pub fn merge(base: &Config, mine: &Config, theirs: &Config) -> Config {
    fn keep<T: PartialEq + Clone>(base: &T, mine: &T, theirs: &mut T) {
        if mine != base {
            *theirs = mine.clone();
        }
    }
    let mut out = theirs.clone();
    keep(
        &base.business.name,
        &mine.business.name,
        &mut out.business.name,
    );
    keep(
        &base.business.color,
        &mine.business.color,
        &mut out.business.color,
    );
    keep(
        &base.business.language,
        &mine.business.language,
        &mut out.business.language,
    );
    keep(
        &base.business.country,
        &mine.business.country,
        &mut out.business.country,
    );
    keep(
        &base.export_phones,
        &mine.export_phones,
        &mut out.export_phones,
    );
    keep(&base.board_names, &mine.board_names, &mut out.board_names);
    keep(&base.printing, &mine.printing, &mut out.printing);
    keep(&base.reasons, &mine.reasons, &mut out.reasons);
    keep(&base.questions, &mine.questions, &mut out.questions);
    keep(&base.help_items, &mine.help_items, &mut out.help_items);
    keep(
        &base.spending_limits,
        &mine.spending_limits,
        &mut out.spending_limits,
    );
    keep(&base.currency, &mine.currency, &mut out.currency);
    keep(&base.deadlines, &mine.deadlines, &mut out.deadlines);
    keep(&base.end_of_day, &mine.end_of_day, &mut out.end_of_day);
    keep(
        &base.reset_seconds,
        &mine.reset_seconds,
        &mut out.reset_seconds,
    );
    keep(
        &base.idle_seconds,
        &mine.idle_seconds,
        &mut out.idle_seconds,
    );
    keep(
        &base.idle_countdown_seconds,
        &mine.idle_countdown_seconds,
        &mut out.idle_countdown_seconds,
    );
    keep(
        &base.desk_lock_seconds,
        &mine.desk_lock_seconds,
        &mut out.desk_lock_seconds,
    );
    keep(&base.keep_days, &mine.keep_days, &mut out.keep_days);
    out
}

/// The section of the form a configuration's field is in: `reasons[2].label.es`
/// is in the reasons.
pub fn section_of(field: &str) -> &'static str {
    let head = field.split(['.', '[']).next().unwrap_or_default();
    match head {
        "business" | "export_phones" | "board_names" | "printing" => SECTIONS[0],
        "reasons" => SECTIONS[1],
        "questions" => SECTIONS[2],
        "help_items" => SECTIONS[3],
        "spending_limits" | "currency" => SECTIONS[4],
        "deadlines" | "end_of_day" => SECTIONS[5],
        _ => SECTIONS[6],
    }
}

/// The id of the form's control for a field: `reasons[2].label.es` is
/// `field-reasons-2-label-es`. Controls are given these ids, so a fault can take
/// the focus to the very box at fault.
pub fn field_id(field: &str) -> String {
    let mut id = String::from("field-");
    for c in field.chars() {
        match c {
            '.' | '[' => id.push('-'),
            ']' => {}
            c => id.push(c),
        }
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Config {
        Config::from_json(include_str!("../../public/kiosk.json")).unwrap()
    }

    #[test]
    fn nothing_changed_is_no_change() {
        assert!(changes(&sample(), &sample()).is_empty());
    }

    #[test]
    fn changes_name_each_setting_with_before_and_after() {
        let before = sample();
        let mut after = sample();
        after.business.name = "Northside Tyres".into();
        after.idle_seconds = 90;
        after.reasons.pop();
        after.deadlines.reverse();
        let got = changes(&before, &after);
        let keys: Vec<_> = got.iter().map(|c| c.key).collect();
        assert_eq!(
            keys,
            [
                "desk.settings_name",
                "desk.settings_idle_seconds",
                "desk.settings_reasons",
                "desk.settings_deadlines"
            ]
        );
        assert_eq!(got[0].before.as_deref(), Some("Northside Auto Care"));
        assert_eq!(got[0].after.as_deref(), Some("Northside Tyres"));
        assert_eq!(got[1].after.as_deref(), Some("90"));
        assert_eq!((got[2].before.clone(), got[2].after.clone()), (None, None));
        // The lobby board's names and printing: named, on or off.
        let mut after = sample();
        after.board_names = true;
        after.printing = true;
        let keys: Vec<_> = changes(&before, &after).iter().map(|c| c.key).collect();
        assert_eq!(
            keys,
            ["desk.settings_board_names", "desk.settings_printing"]
        );
    }

    #[test]
    fn saving_over_another_desk_keeps_what_this_desk_did_not_touch() {
        let base = sample();
        let mut theirs = sample();
        theirs.currency = "€".into();
        theirs.business.name = "Theirs".into();
        theirs.board_names = true;
        let mut mine = sample();
        mine.business.name = "Mine".into();
        mine.idle_seconds = 90;
        mine.printing = true;
        let merged = merge(&base, &mine, &theirs);
        assert!(
            merged.board_names && merged.printing,
            "each desk's own tick kept"
        );
        assert_eq!(merged.business.name, "Mine", "both changed it: this desk's");
        assert_eq!(merged.currency, "€", "only they changed it: theirs");
        assert_eq!(merged.idle_seconds, 90, "only this desk changed it");
        // What saving changes of theirs: only what this desk changed.
        let keys: Vec<_> = changes(&theirs, &merged).iter().map(|c| c.key).collect();
        assert_eq!(
            keys,
            [
                "desk.settings_name",
                "desk.settings_idle_seconds",
                "desk.settings_printing"
            ]
        );
        // Nothing changed here: theirs, as it is.
        assert_eq!(merge(&base, &base, &theirs), theirs);
    }

    #[test]
    fn a_fault_points_to_its_section_and_control() {
        assert_eq!(section_of("reasons[2].label.es"), "settings-reasons");
        assert_eq!(section_of("business.color"), "settings-business");
        assert_eq!(section_of("questions"), "settings-questions");
        assert_eq!(section_of("currency"), "settings-spending");
        assert_eq!(section_of("end_of_day"), "settings-deadlines");
        assert_eq!(section_of("keep_days"), "settings-timings");
        assert_eq!(section_of("printing"), "settings-business");
        assert_eq!(field_id("reasons[2].label.es"), "field-reasons-2-label-es");
        assert_eq!(field_id("business.name"), "field-business-name");
    }
}
