//! The business's own questions, up to three: a short text (the car's plate) or
//! a choice (first visit?). The kiosk asks them after "What brings you in", and
//! the brief shows the answers beside the rest.
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::config::{err, is_code, ConfigError};
use super::text::visible_len;

/// Questions a business may add: each one is a step more for every customer.
pub const MAX_QUESTIONS: usize = 3;
/// Choices of one question, as many as fit a tablet's screen.
pub const MAX_CHOICES: usize = 8;
/// A typed answer: a plate, an account number, a stylist's name.
pub const ANSWER_MAX: usize = 40;
/// A question's wording.
pub const WORDING_MAX: usize = 80;
/// A choice's wording.
pub const CHOICE_MAX: usize = 40;

/// Wording per language code; the business's language is required.
pub type Wording = BTreeMap<String, String>;

/// One question of the business's own: answered by typing, or, when it lists
/// choices, by tapping one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnQuestion {
    /// Names the answer in the records and the export: `plate`.
    pub code: String,
    pub label: Wording,
    /// What the customer picks from; none for a question answered by typing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<OwnChoice>,
}

/// How a question of the business's own is answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerKind {
    /// A few words, typed.
    Text,
    /// One of the question's choices, tapped.
    Choice,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnChoice {
    pub code: String,
    pub label: Wording,
}

/// An answer as filed: the question's code, and the text typed or the choice's code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub question: String,
    pub value: String,
}

/// `wording` in `lang`, else in the business's language `fallback`.
pub fn worded<'a>(wording: &'a Wording, lang: &str, fallback: &str) -> Option<&'a str> {
    wording
        .get(lang)
        .or_else(|| wording.get(fallback))
        .map(String::as_str)
}

impl OwnQuestion {
    pub fn kind(&self) -> AnswerKind {
        if self.choices.is_empty() {
            AnswerKind::Text
        } else {
            AnswerKind::Choice
        }
    }

    pub fn choice(&self, code: &str) -> Option<&OwnChoice> {
        self.choices.iter().find(|c| c.code == code)
    }

    /// The answer as staff read it: a choice in words, a typed text as typed.
    pub fn answer_words<'a>(&'a self, value: &'a str, lang: &str, fallback: &str) -> &'a str {
        match self.kind() {
            AnswerKind::Text => value,
            AnswerKind::Choice => self
                .choice(value)
                .and_then(|c| worded(&c.label, lang, fallback))
                .unwrap_or(value),
        }
    }
}

/// Wording that must be there in `language` and fit `max` in every language.
fn check_wording(
    field: &str,
    wording: &Wording,
    language: &str,
    max: usize,
) -> Result<(), ConfigError> {
    if !wording.contains_key(language) {
        return Err(err(
            format!("{field}.label"),
            format!("needs wording in `{language}`"),
        ));
    }
    for (lang, text) in wording {
        if text.trim().is_empty() || visible_len(text) > max {
            return Err(err(
                format!("{field}.label.{lang}"),
                format!("must be 1 to {max} characters"),
            ));
        }
    }
    Ok(())
}

/// The questions as a configuration may hold them, with `language` the business's.
pub fn check(questions: &[OwnQuestion], language: &str) -> Result<(), ConfigError> {
    if questions.len() > MAX_QUESTIONS {
        return Err(err(
            "questions",
            format!("at most {MAX_QUESTIONS} questions of your own"),
        ));
    }
    for (i, q) in questions.iter().enumerate() {
        let field = format!("questions[{i}]");
        if !is_code(&q.code) {
            return Err(err(
                format!("{field}.code"),
                "use 1 to 32 lowercase letters, digits or _",
            ));
        }
        if questions[..i].iter().any(|other| other.code == q.code) {
            return Err(err(
                format!("{field}.code"),
                format!("`{}` is listed twice", q.code),
            ));
        }
        check_wording(&field, &q.label, language, WORDING_MAX)?;
        match q.kind() {
            AnswerKind::Text => {}
            AnswerKind::Choice => {
                if !(2..=MAX_CHOICES).contains(&q.choices.len()) {
                    return Err(err(
                        format!("{field}.choices"),
                        format!("list 2 to {MAX_CHOICES} choices, or none for a question answered by typing"),
                    ));
                }
                for (j, c) in q.choices.iter().enumerate() {
                    let choice = format!("{field}.choices[{j}]");
                    if !is_code(&c.code) {
                        return Err(err(
                            format!("{choice}.code"),
                            "use 1 to 32 lowercase letters, digits or _",
                        ));
                    }
                    if q.choices[..j].iter().any(|other| other.code == c.code) {
                        return Err(err(
                            format!("{choice}.code"),
                            format!("`{}` is listed twice", c.code),
                        ));
                    }
                    check_wording(&choice, &c.label, language, CHOICE_MAX)?;
                }
            }
        }
    }
    Ok(())
}

/// A code made from wording, for a question or a choice added at the desk:
/// "Car's plate" is `cars_plate`; `taken` codes get a number after them.
pub fn code_from(words: &str, taken: &[&str]) -> String {
    let mut code = String::new();
    for c in words.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            code.push(c);
        } else if !code.is_empty() && !code.ends_with('_') && (c.is_whitespace() || c == '-') {
            code.push('_');
        }
    }
    let mut code: String = code.trim_end_matches('_').chars().take(28).collect();
    if code.is_empty() {
        code.push_str("question");
    }
    let base = code.clone();
    let mut n = 2;
    while taken.contains(&code.as_str()) {
        code = format!("{base}_{n}");
        n += 1;
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wording(en: &str) -> Wording {
        BTreeMap::from([("en".to_string(), en.to_string())])
    }

    fn plate() -> OwnQuestion {
        OwnQuestion {
            code: "plate".into(),
            label: wording("Your car's plate"),
            choices: vec![],
        }
    }

    fn first_visit() -> OwnQuestion {
        OwnQuestion {
            code: "first_visit".into(),
            label: wording("Is this your first visit?"),
            choices: vec![
                OwnChoice {
                    code: "yes".into(),
                    label: wording("Yes"),
                },
                OwnChoice {
                    code: "no".into(),
                    label: wording("No"),
                },
            ],
        }
    }

    fn field(questions: &[OwnQuestion]) -> String {
        check(questions, "en").unwrap_err().field
    }

    #[test]
    fn a_text_and_a_choice_are_fine() {
        assert!(check(&[plate(), first_visit()], "en").is_ok());
        assert!(check(&[], "en").is_ok());
    }

    #[test]
    fn mistakes_name_the_field() {
        assert_eq!(field(&[plate(), plate()]), "questions[1].code");
        assert_eq!(
            field(&[plate(), first_visit(), plate(), plate()]),
            "questions"
        );
        let mut q = plate();
        q.code = "Plate!".into();
        assert_eq!(field(&[q]), "questions[0].code");
        let mut q = plate();
        q.label = BTreeMap::from([("es".into(), "Matrícula".into())]);
        assert_eq!(field(&[q]), "questions[0].label");
        let mut q = plate();
        q.label.insert("es".into(), " ".into());
        assert_eq!(field(&[q]), "questions[0].label.es");
        assert_eq!(plate().kind(), AnswerKind::Text);
        assert_eq!(first_visit().kind(), AnswerKind::Choice);
        let mut q = first_visit();
        q.choices.truncate(1);
        assert_eq!(field(&[plate(), q]), "questions[1].choices");
        let mut q = first_visit();
        q.choices[1].code = "yes".into();
        assert_eq!(field(&[q]), "questions[0].choices[1].code");
        let mut q = first_visit();
        q.choices[0].label = wording(&"x".repeat(CHOICE_MAX + 1));
        assert_eq!(field(&[q]), "questions[0].choices[0].label.en");
    }

    #[test]
    fn answers_read_in_the_staff_language_or_as_typed() {
        let mut q = first_visit();
        q.choices[0].label.insert("es".into(), "Sí".into());
        assert_eq!(q.answer_words("yes", "es", "en"), "Sí");
        assert_eq!(q.answer_words("no", "es", "en"), "No");
        assert_eq!(q.answer_words("gone", "es", "en"), "gone");
        assert_eq!(plate().answer_words("KX 12 ABC", "ar", "en"), "KX 12 ABC");
    }

    #[test]
    fn codes_come_from_wording_and_never_repeat() {
        assert_eq!(code_from("Your car's plate", &[]), "your_cars_plate");
        assert_eq!(code_from("  Número de póliza ", &[]), "nmero_de_pliza");
        assert_eq!(code_from("رقم اللوحة", &[]), "question");
        assert_eq!(code_from("Plate", &["plate"]), "plate_2");
        assert_eq!(code_from("Plate", &["plate", "plate_2"]), "plate_3");
        assert!(is_code(&code_from(&"long words ".repeat(10), &[])));
    }
}
