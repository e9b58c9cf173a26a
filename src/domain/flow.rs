//! The kiosk's questions and the way through them: which step comes next, what
//! Back does, how far along the customer is, and the draft that becomes an intake.
use super::clock::{ClockTime, Now};
use super::config::{Config, CALL, ESSENTIALS, TEXT_UPDATES};
use super::feedback::{Expectations, Feedback, ID_PREFIX};
use super::intake::{Deadline, DeadlineChoice, Detail, Intake, Limit, Priority, Status};
use super::questions::{Answer, AnswerKind};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Step {
    #[default]
    Welcome,
    Name,
    Reason,
    /// The business's own question of this index (`Config::questions`).
    Own(u8),
    Priority,
    Deadline,
    Estimate,
    Limit,
    Help,
    /// A number for the texts or the call they chose: part of Help, asked only then.
    Phone,
    Detail,
    Note,
    Review,
    Done,
    // On the way out: how did we do?
    /// Their ticket number, optional.
    Ticket,
    Expectations,
    Respected,
    /// Feedback is kept by now; a comment may be added.
    Comment,
    Thanks,
    /// Staff at the tablet: unpairing it, behind the desk's PIN.
    Staff,
}

impl Step {
    /// A question of checking in (the kiosk learns the lobby's figures meanwhile).
    pub fn is_question(self) -> bool {
        !matches!(self, Step::Welcome | Step::Done | Step::Staff) && !self.is_leaving()
    }

    /// A step of the way out, not of checking in.
    pub fn is_leaving(self) -> bool {
        matches!(
            self,
            Step::Ticket | Step::Expectations | Step::Respected | Step::Comment | Step::Thanks
        )
    }
}

/// The answers on the way out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Leaving {
    /// As typed on the number pad; empty when skipped.
    pub ticket: String,
    /// The intake the ticket names on this kiosk, and what mattered most in it.
    pub intake: Option<(String, Option<Priority>)>,
    pub expectations: Option<Expectations>,
    pub respected: Option<bool>,
    /// The feedback, once kept: a comment is added to it.
    pub kept: Option<Feedback>,
    /// Asked to talk to someone before going; `Some(true)` when the desk was told
    /// from here, `Some(false)` when the customer must go and ask.
    pub talk: Option<bool>,
}

/// The answers so far. `None` means not answered yet; a skipped name is `Some("")`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    pub name: Option<String>,
    pub reason: Option<String>,
    pub priority: Option<Priority>,
    pub deadline: Option<(DeadlineChoice, Option<ClockTime>)>,
    pub estimate_first: Option<bool>,
    pub limit: Option<Limit>,
    pub help: Option<Vec<String>>,
    pub detail: Option<Detail>,
    pub note: Option<String>,
    /// The number for texts or a call, as the desk dials it; `Some("")` when skipped.
    pub phone: Option<String>,
    /// The business's own questions, one answer each: a typed text or a choice's
    /// code, `Some("")` when skipped.
    pub own: Vec<Option<String>>,
}

impl Draft {
    /// A draft for a business with `questions` questions of its own.
    pub fn with_questions(questions: usize) -> Draft {
        Draft {
            own: vec![None; questions],
            ..Draft::default()
        }
    }

    /// The questions this customer is asked, in order: they adapt to the priority.
    pub fn path(&self) -> Vec<Step> {
        let mut steps = vec![Step::Name, Step::Reason];
        steps.extend((0..self.own.len()).map(|i| Step::Own(i as u8)));
        steps.push(Step::Priority);
        if let Some(p) = self.priority {
            if p.asks_deadline() {
                steps.push(Step::Deadline);
            }
            if p.asks_budget() {
                steps.extend([Step::Estimate, Step::Limit]);
            }
        }
        steps.push(Step::Help);
        if self.wants_contact() {
            steps.push(Step::Phone);
        }
        steps.extend([Step::Detail, Step::Note]);
        steps
    }

    /// They asked for texts or a call: then they are asked for a number.
    pub fn wants_contact(&self) -> bool {
        self.has_help(TEXT_UPDATES) || self.has_help(CALL)
    }

    pub fn is_answered(&self, step: Step) -> bool {
        match step {
            Step::Name => self.name.is_some(),
            Step::Reason => self.reason.is_some(),
            Step::Priority => self.priority.is_some(),
            Step::Deadline => self.deadline.is_some(),
            Step::Estimate => self.estimate_first.is_some(),
            Step::Limit => self.limit.is_some(),
            Step::Help => self.help.is_some(),
            Step::Detail => self.detail.is_some(),
            Step::Note => self.note.is_some(),
            Step::Phone => self.phone.is_some(),
            Step::Own(i) => self.own.get(i as usize).is_some_and(Option::is_some),
            _ => true,
        }
    }

    /// Help chosen so far; "just the essentials" and the other items exclude each other.
    pub fn toggle_help(&mut self, code: &str) {
        let help = self.help.get_or_insert_with(Vec::new);
        if let Some(i) = help.iter().position(|h| h == code) {
            help.remove(i);
        } else {
            if code == ESSENTIALS {
                help.clear();
            } else {
                help.retain(|h| h != ESSENTIALS);
            }
            help.push(code.to_string());
        }
    }

    pub fn has_help(&self, code: &str) -> bool {
        self.help
            .as_ref()
            .is_some_and(|h| h.iter().any(|c| c == code))
    }
}

/// Where the customer is, what they said, and whether they came from Review to change one answer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Flow {
    pub step: Step,
    pub draft: Draft,
    pub editing: bool,
    pub leaving: Leaving,
    /// How many questions of its own the business asks.
    questions: usize,
}

impl Flow {
    /// At Welcome, for a business with `questions` questions of its own.
    pub fn new(questions: usize) -> Flow {
        Flow {
            questions,
            ..Flow::default()
        }
    }

    pub fn start(&mut self) {
        *self = Flow {
            step: Step::Name,
            draft: Draft::with_questions(self.questions),
            ..Flow::new(self.questions)
        };
    }

    /// After an answer: the next question, or back to Review when changing one answer
    /// (unless the change opened a new question, like a deadline after choosing Time).
    pub fn advance(&mut self) {
        let path = self.draft.path();
        let at = path.iter().position(|s| *s == self.step);
        self.step = match at {
            None => Step::Review,
            Some(i) if self.editing => path[i + 1..]
                .iter()
                .copied()
                .find(|s| !self.draft.is_answered(*s))
                .unwrap_or(Step::Review),
            Some(i) => path.get(i + 1).copied().unwrap_or(Step::Review),
        };
        if self.step == Step::Review {
            self.editing = false;
        }
    }

    /// Filed: Done, with nothing of the answers left.
    pub fn done(&mut self) {
        *self = Flow {
            step: Step::Done,
            ..Flow::new(self.questions)
        };
    }

    /// Staff at the tablet, from Welcome; Back is Welcome again.
    pub fn staff(&mut self) {
        *self = Flow {
            step: Step::Staff,
            ..Flow::new(self.questions)
        };
    }

    /// "Leaving? Tell us how we did": the way out starts with the ticket.
    pub fn leave(&mut self) {
        *self = Flow {
            step: Step::Ticket,
            ..Flow::new(self.questions)
        };
    }

    pub fn back(&mut self) {
        if self.step.is_leaving() {
            self.step = match self.step {
                Step::Expectations => Step::Ticket,
                Step::Respected => Step::Expectations,
                // Kept already: there is nothing to go back to.
                Step::Ticket | Step::Comment | Step::Thanks => Step::Welcome,
                _ => unreachable!("only steps of the way out"),
            };
            return;
        }
        if self.editing {
            self.editing = false;
            self.step = Step::Review;
            return;
        }
        let path = self.draft.path();
        self.step = match (self.step, path.iter().position(|s| *s == self.step)) {
            (Step::Review, _) => *path.last().expect("path is never empty"),
            (_, Some(0)) | (_, None) => Step::Welcome,
            (_, Some(i)) => path[i - 1],
        };
    }

    /// From Review: change one answer.
    pub fn edit(&mut self, step: Step) {
        if self.draft.path().contains(&step) {
            self.step = step;
            self.editing = true;
        }
    }

    /// "Step 3 of 8": position among the questions this customer is asked. The
    /// total (`None` until it is known) depends on the priority: it is not said
    /// before that is answered, so the count only ever moves one step at a time
    /// and never says a total it takes back ("1 of 7", then "4 of 8").
    pub fn progress(&self) -> Option<(usize, Option<usize>)> {
        let leaving = [
            Step::Ticket,
            Step::Expectations,
            Step::Respected,
            Step::Comment,
        ];
        if let Some(i) = leaving.iter().position(|s| *s == self.step) {
            return Some((i + 1, Some(leaving.len())));
        }
        // The number is part of the help question: counted with it, so the total
        // said after the priority never changes.
        let mut path = self.draft.path();
        path.retain(|s| *s != Step::Phone);
        let total = path.len() + 1; // and Review
        let known = self.draft.priority.is_some().then_some(total);
        let step = match self.step {
            Step::Phone => Step::Help,
            s => s,
        };
        match step {
            Step::Review => Some((total, known)),
            s => path.iter().position(|p| *p == s).map(|i| (i + 1, known)),
        }
    }

    /// The answers on this customer's path only: a deadline chosen before switching
    /// from Time to Cost is not filed.
    pub fn answered(&self) -> Draft {
        let path = self.draft.path();
        let on = |s| path.contains(&s);
        let d = &self.draft;
        Draft {
            name: d.name.clone(),
            reason: d.reason.clone(),
            priority: d.priority,
            deadline: d.deadline.filter(|_| on(Step::Deadline)),
            estimate_first: d.estimate_first.filter(|_| on(Step::Estimate)),
            limit: d.limit.filter(|_| on(Step::Limit)),
            help: d.help.clone(),
            phone: d.phone.clone().filter(|_| on(Step::Phone)),
            detail: d.detail,
            note: d.note.clone(),
            own: d.own.clone(),
        }
    }
}

/// What the kiosk knows at the moment of filing besides the answers.
pub struct Filing<'a> {
    pub id: String,
    pub device: String,
    pub now: Now,
    pub ticket: u32,
    pub config: &'a Config,
    pub wants_person: bool,
    pub language: &'a str,
    /// The wait quoted on Done, when the kiosk has the figures.
    pub quote: Option<super::wait::Quote>,
}

/// The draft becomes an intake: answers on the path only, as codes.
pub fn file(flow: &Flow, f: Filing) -> Intake {
    let d = flow.answered();
    let recovery = d
        .reason
        .as_deref()
        .and_then(|r| f.config.reason(r))
        .is_some_and(|r| r.recovery);
    let deadline = d
        .deadline
        .and_then(|(choice, picked)| Deadline::resolve(choice, f.now, f.config.end_of_day, picked));
    // Keep the configured order so every brief lists help the same way.
    let help = f
        .config
        .help_items
        .iter()
        .filter(|h| d.help.as_ref().is_some_and(|chosen| chosen.contains(h)))
        .cloned()
        .collect();
    // Answered, in the configured order; a skipped one is not filed.
    let answers = f
        .config
        .questions
        .iter()
        .zip(&d.own)
        .filter_map(|(q, a)| {
            let value = a.as_deref().filter(|v| !v.is_empty())?;
            let known = match q.kind() {
                AnswerKind::Text => true,
                AnswerKind::Choice => q.choice(value).is_some(),
            };
            known.then(|| Answer {
                question: q.code.clone(),
                value: value.to_string(),
            })
        })
        .collect();
    Intake {
        id: f.id,
        device: f.device,
        created_ms: f.now.ms,
        day: f.now.day(),
        ticket: f.ticket,
        letter: f.config.ticket_letter().map(str::to_string),
        name: d.name.unwrap_or_default(),
        reason: d.reason,
        recovery,
        wants_person: f.wants_person,
        priority: d.priority,
        deadline,
        estimate_first: d.estimate_first,
        limit: d.limit,
        help,
        detail: d.detail,
        note: d.note.unwrap_or_default(),
        answers,
        status: Status::Waiting,
        done_help: Vec::new(),
        status_ms: None,
        served_ms: None,
        staff_note: String::new(),
        reopened: 0,
        closed_by_feedback: false,
        language: f.language.to_string(),
        quote: f.quote,
        phone: d.phone.unwrap_or_default(),
        promised_ms: None,
    }
}

/// What the kiosk knows when keeping feedback besides the answers.
pub struct Keeping<'a> {
    /// Unique, without the prefix: `feedback-` is put in front.
    pub id: String,
    pub device: String,
    pub now: Now,
    pub language: &'a str,
}

/// The answers on the way out become feedback, once both questions are answered.
pub fn keep(leaving: &Leaving, k: Keeping) -> Option<Feedback> {
    Some(Feedback {
        id: format!("{ID_PREFIX}{}", k.id),
        device: k.device,
        created_ms: k.now.ms,
        day: k.now.day(),
        ticket: leaving.ticket.clone(),
        intake_id: leaving.intake.as_ref().map(|(id, _)| id.clone()),
        priority: leaving.intake.as_ref().and_then(|(_, p)| *p),
        expectations: leaving.expectations?,
        respected: leaving.respected?,
        comment: String::new(),
        language: k.language.to_string(),
        follow_up: None,
        wants_talk: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_at_the_tablet_go_back_to_welcome() {
        let mut flow = Flow::new(2);
        flow.staff();
        assert_eq!((flow.step, flow.progress()), (Step::Staff, None));
        flow.back();
        assert_eq!(flow.step, Step::Welcome);
        flow.start();
        assert_eq!(
            flow.draft.own.len(),
            2,
            "the business's questions are still asked"
        );
    }

    #[test]
    fn the_way_out_is_four_steps_and_back_never_reopens_kept_feedback() {
        let mut flow = Flow::default();
        flow.leave();
        assert_eq!(
            (flow.step, flow.progress()),
            (Step::Ticket, Some((1, Some(4))))
        );
        flow.step = Step::Respected;
        assert_eq!(flow.progress(), Some((3, Some(4))));
        flow.back();
        assert_eq!(flow.step, Step::Expectations);
        flow.back();
        flow.back();
        assert_eq!(flow.step, Step::Welcome);
        flow.step = Step::Comment;
        flow.back();
        assert_eq!(flow.step, Step::Welcome, "kept feedback is not reopened");
    }

    #[test]
    fn feedback_is_kept_with_the_intake_it_names() {
        let now = Now::new(1_795_305_600_000, 0);
        let keeping = |l: &Leaving| {
            keep(
                l,
                Keeping {
                    id: "dev-1".into(),
                    device: "dev".into(),
                    now,
                    language: "es",
                },
            )
        };
        let mut leaving = Leaving {
            ticket: "7".into(),
            intake: Some(("dev-7".into(), Some(Priority::Cost))),
            expectations: Some(Expectations::Below),
            respected: None,
            ..Leaving::default()
        };
        assert_eq!(keeping(&leaving), None, "not before both answers");
        leaving.respected = Some(false);
        let f = keeping(&leaving).unwrap();
        assert_eq!(f.id, "feedback-dev-1");
        assert_eq!(f.day, "2026-11-22");
        assert_eq!(
            (f.intake_id.as_deref(), f.priority, f.respected),
            (Some("dev-7"), Some(Priority::Cost), false)
        );
        assert!(f.follow_up_open());
    }

    fn config() -> Config {
        Config::from_json(include_str!("../../public/kiosk.json")).unwrap()
    }

    fn answer(flow: &mut Flow, f: impl FnOnce(&mut Draft)) -> Step {
        f(&mut flow.draft);
        flow.advance();
        flow.step
    }

    #[test]
    fn the_questions_adapt_to_the_priority() {
        let path = |p| {
            Draft {
                priority: p,
                ..Draft::default()
            }
            .path()
        };
        use Step::{Deadline, Detail, Estimate, Help, Limit, Name, Note, Reason};
        let asked = Step::Priority;
        assert_eq!(
            path(Some(Priority::Time)),
            vec![Name, Reason, asked, Deadline, Help, Detail, Note]
        );
        assert_eq!(
            path(Some(Priority::Cost)),
            vec![Name, Reason, asked, Estimate, Limit, Help, Detail, Note]
        );
        assert_eq!(
            path(Some(Priority::Both)),
            vec![Name, Reason, asked, Deadline, Estimate, Limit, Help, Detail, Note]
        );
        assert_eq!(
            path(Some(Priority::Quality)),
            vec![Name, Reason, asked, Help, Detail, Note]
        );
    }

    #[test]
    fn a_time_first_walk_through_the_flow() {
        let mut f = Flow::default();
        f.start();
        assert_eq!(f.step, Step::Name);
        assert_eq!(
            answer(&mut f, |d| d.name = Some("Ana".into())),
            Step::Reason
        );
        assert_eq!(
            answer(&mut f, |d| d.reason = Some("repair".into())),
            Step::Priority
        );
        assert_eq!(
            answer(&mut f, |d| d.priority = Some(Priority::Time)),
            Step::Deadline
        );
        assert_eq!(f.progress(), Some((4, Some(8))));
        assert_eq!(
            answer(&mut f, |d| d.deadline =
                Some((DeadlineChoice::ByNoon, None))),
            Step::Help
        );
        f.back();
        assert_eq!(
            f.step,
            Step::Deadline,
            "Back returns to the previous question"
        );
        f.advance();
        assert_eq!(answer(&mut f, |d| d.toggle_help("coffee")), Step::Detail);
        assert_eq!(
            answer(&mut f, |d| d.detail = Some(Detail::Brief)),
            Step::Note
        );
        assert_eq!(
            answer(&mut f, |d| d.note = Some(String::new())),
            Step::Review
        );
        assert_eq!(f.progress(), Some((8, Some(8))));
        f.back();
        assert_eq!(f.step, Step::Note);
    }

    #[test]
    fn the_business_own_questions_come_after_the_reason_and_are_filed_answered() {
        let mut c = config();
        c.questions = serde_json::from_value(serde_json::json!([
            {"code": "plate", "label": {"en": "Plate"}},
            {"code": "visit", "label": {"en": "First visit?"},
             "choices": [{"code": "first", "label": {"en": "Yes"}}, {"code": "again", "label": {"en": "No"}}]}
        ]))
        .unwrap();
        let mut f = Flow::new(c.questions.len());
        f.start();
        answer(&mut f, |d| d.name = Some(String::new()));
        assert_eq!(
            answer(&mut f, |d| d.reason = Some("repair".into())),
            Step::Own(0)
        );
        assert_eq!(f.progress(), Some((3, None)));
        assert_eq!(
            answer(&mut f, |d| d.own[0] = Some("KX 12".into())),
            Step::Own(1)
        );
        f.back();
        assert_eq!(
            f.step,
            Step::Own(0),
            "Back returns to the business's own question"
        );
        f.advance();
        assert_eq!(
            answer(&mut f, |d| d.own[1] = Some(String::new())),
            Step::Priority
        );
        answer(&mut f, |d| d.priority = Some(Priority::Quality));
        assert_eq!(f.progress(), Some((6, Some(9))));
        answer(&mut f, |d| d.help = Some(vec![]));
        answer(&mut f, |d| d.detail = Some(Detail::Brief));
        assert_eq!(
            answer(&mut f, |d| d.note = Some(String::new())),
            Step::Review
        );
        // Changed from Review, it goes back to Review.
        f.edit(Step::Own(1));
        assert_eq!(f.step, Step::Own(1));
        assert_eq!(
            answer(&mut f, |d| d.own[1] = Some("first".into())),
            Step::Review
        );
        let now = Now::new(1_795_305_600_000, 0);
        let filing = |flow: &Flow, config: &Config| {
            file(
                flow,
                Filing {
                    id: "dev-1".into(),
                    device: "dev".into(),
                    now,
                    ticket: 1,
                    config,
                    wants_person: false,
                    language: "en",
                    quote: None,
                },
            )
        };
        let intake = filing(&f, &c);
        let filed: Vec<_> = intake
            .answers
            .iter()
            .map(|a| (a.question.as_str(), a.value.as_str()))
            .collect();
        assert_eq!(filed, [("plate", "KX 12"), ("visit", "first")]);
        // Skipped, or a choice the configuration no longer has: not filed.
        f.draft.own = vec![Some(String::new()), Some("gone".into())];
        assert!(filing(&f, &c).answers.is_empty());
        // After the way out, a new check-in asks them again.
        f.leave();
        f.start();
        assert_eq!(f.draft.own, vec![None, None]);
    }

    /// Every priority, walked forward: the step goes up by one each screen, and a
    /// total, once said, is never changed.
    #[test]
    fn the_step_count_never_jumps_back_or_leaps() {
        for priority in Priority::ALL {
            let mut f = Flow::default();
            f.start();
            let mut seen: Vec<(usize, Option<usize>)> = vec![];
            while f.step != Step::Review {
                seen.push(f.progress().unwrap());
                match f.step {
                    Step::Name => f.draft.name = Some(String::new()),
                    Step::Reason => f.draft.reason = Some("repair".into()),
                    Step::Priority => f.draft.priority = Some(priority),
                    Step::Deadline => f.draft.deadline = Some((DeadlineChoice::WithinHour, None)),
                    Step::Estimate => f.draft.estimate_first = Some(true),
                    Step::Limit => f.draft.limit = Some(Limit::NoLimit),
                    Step::Help => f.draft.help = Some(vec![]),
                    Step::Detail => f.draft.detail = Some(Detail::Brief),
                    Step::Note => f.draft.note = Some(String::new()),
                    other => panic!("{other:?} is not a question"),
                }
                f.advance();
            }
            seen.push(f.progress().unwrap());
            for (k, (n, _)) in seen.iter().enumerate() {
                assert_eq!(*n, k + 1, "{priority:?}: {seen:?}");
            }
            let totals: Vec<usize> = seen.iter().filter_map(|s| s.1).collect();
            assert!(
                totals.windows(2).all(|w| w[0] == w[1]),
                "{priority:?}: {seen:?}"
            );
            assert_eq!(
                totals.last(),
                Some(&seen.len()),
                "{priority:?}: Review is the last step"
            );
            assert_eq!(
                seen[..3].iter().map(|s| s.1).collect::<Vec<_>>(),
                [None, None, None]
            );
        }
    }

    #[test]
    fn back_from_the_first_question_is_welcome() {
        let mut f = Flow::default();
        f.start();
        f.back();
        assert_eq!(f.step, Step::Welcome);
    }

    #[test]
    fn changing_an_answer_from_review_returns_to_review() {
        let mut f = Flow::default();
        f.start();
        f.draft = Draft {
            name: Some(String::new()),
            reason: Some("service".into()),
            priority: Some(Priority::Quality),
            help: Some(vec![]),
            detail: Some(Detail::Brief),
            note: Some(String::new()),
            ..Draft::default()
        };
        f.step = Step::Review;
        f.edit(Step::Detail);
        assert_eq!(
            answer(&mut f, |d| d.detail = Some(Detail::WalkThrough)),
            Step::Review
        );
        // Switching to Both opens the deadline and budget questions, then Review.
        f.edit(Step::Priority);
        assert_eq!(
            answer(&mut f, |d| d.priority = Some(Priority::Both)),
            Step::Deadline
        );
        assert_eq!(
            answer(&mut f, |d| d.deadline =
                Some((DeadlineChoice::WithinHour, None))),
            Step::Estimate
        );
        assert_eq!(
            answer(&mut f, |d| d.estimate_first = Some(true)),
            Step::Limit
        );
        assert_eq!(
            answer(&mut f, |d| d.limit = Some(Limit::NoLimit)),
            Step::Review
        );
        // Back while changing an answer returns to Review, not into the flow.
        f.edit(Step::Name);
        f.back();
        assert_eq!((f.step, f.editing), (Step::Review, false));
        // A step that is not on the path cannot be edited.
        f.draft.priority = Some(Priority::Quality);
        f.edit(Step::Deadline);
        assert_eq!(f.step, Step::Review);
    }

    #[test]
    fn essentials_excludes_the_other_help() {
        let mut d = Draft::default();
        d.toggle_help("coffee");
        d.toggle_help("wifi");
        d.toggle_help(ESSENTIALS);
        assert_eq!(d.help, Some(vec![ESSENTIALS.to_string()]));
        d.toggle_help("coffee");
        assert_eq!(d.help, Some(vec!["coffee".to_string()]));
        d.toggle_help("coffee");
        assert_eq!(d.help, Some(vec![]));
    }

    #[test]
    fn filing_keeps_only_answers_on_the_path_as_codes() {
        let c = config();
        let recovery = c.reasons.iter().find(|r| r.recovery).unwrap().code.clone();
        let f = Flow {
            draft: Draft {
                name: Some("Ana".into()),
                reason: Some(recovery),
                priority: Some(Priority::Cost),
                deadline: Some((DeadlineChoice::WithinHour, None)),
                estimate_first: Some(true),
                limit: Some(Limit::Amount(250)),
                help: Some(vec!["wifi".into(), "coffee".into()]),
                detail: Some(Detail::WalkThrough),
                note: Some("Rattle at 50 mph".into()),
                phone: None,
                own: vec![],
            },
            ..Flow::default()
        };
        let now = Now::new(1_795_305_600_000 + 9 * 3_600_000, 0);
        let i = file(
            &f,
            Filing {
                id: "k-1".into(),
                device: "k".into(),
                now,
                ticket: 3,
                config: &c,
                wants_person: false,
                language: "en",
                quote: None,
            },
        );
        assert!(i.recovery);
        assert_eq!(
            i.deadline, None,
            "a deadline from before switching to Cost is dropped"
        );
        assert_eq!(
            (i.estimate_first, i.limit),
            (Some(true), Some(Limit::Amount(250)))
        );
        assert_eq!(
            i.help,
            vec!["coffee".to_string(), "wifi".to_string()],
            "configured order"
        );
        assert_eq!(
            (i.day.as_str(), i.ticket, i.status),
            ("2026-11-22", 3, Status::Waiting)
        );
        assert_eq!(i.note, "Rattle at 50 mph");
    }

    #[test]
    fn a_number_is_asked_only_for_texts_or_a_call_and_counted_with_help() {
        let mut f = Flow::new(0);
        f.start();
        f.draft.name = Some(String::new());
        f.draft.reason = Some("service".into());
        f.draft.priority = Some(Priority::Quality);
        f.step = Step::Help;
        let at_help = f.progress();
        f.draft.toggle_help("coffee");
        assert!(!f.draft.path().contains(&Step::Phone));
        f.draft.toggle_help(TEXT_UPDATES);
        assert_eq!(f.progress(), at_help, "ticking texts changes no count");
        f.advance();
        assert_eq!(f.step, Step::Phone);
        assert_eq!(
            f.progress(),
            at_help,
            "the number is part of the help question"
        );
        f.draft.phone = Some("+15551234567".into());
        f.advance();
        assert_eq!(f.step, Step::Detail);
        assert_eq!(f.answered().phone.as_deref(), Some("+15551234567"));
        // A call alone asks too; neither, and a number given before is not filed.
        f.draft.toggle_help(TEXT_UPDATES);
        assert!(!f.draft.path().contains(&Step::Phone));
        assert_eq!(f.answered().phone, None);
        f.draft.toggle_help(CALL);
        assert!(f.draft.path().contains(&Step::Phone));
    }
}
