//! The settings worded in each language: the reasons customers come for, and the
//! business's own questions with their choices. The business's language must be
//! there; another left empty falls back to it.
use leptos::prelude::*;

use super::fields::{invalid, peek, read, shape};
use super::form::Part;
use super::state::SettingsState;
use crate::domain::config::Config;
use crate::domain::questions::{code_from, Wording, CHOICE_MAX, WORDING_MAX};
use crate::domain::settings::{field_id, SECTIONS};
use crate::ui::{use_i18n, I18n};

/// Most reasons a kiosk offers (`Config::validate`).
const MAX_REASONS: usize = 12;
/// A reason's wording, at most (`Config::validate`).
const REASON_MAX: usize = 60;

/// Something worded in each language, by where it is in the configuration.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Words {
    Reason(usize),
    Question(usize),
    Choice(usize, usize),
}

impl Words {
    /// The configuration's name of it: `questions[1].choices[0]`.
    fn field(self) -> String {
        match self {
            Words::Reason(r) => format!("reasons[{r}]"),
            Words::Question(q) => format!("questions[{q}]"),
            Words::Choice(q, c) => format!("questions[{q}].choices[{c}]"),
        }
    }

    fn max(self) -> usize {
        match self {
            Words::Reason(_) => REASON_MAX,
            Words::Question(_) => WORDING_MAX,
            Words::Choice(..) => CHOICE_MAX,
        }
    }

    fn wording(self, c: &Config) -> Option<&Wording> {
        match self {
            Words::Reason(r) => c.reasons.get(r).map(|r| &r.label),
            Words::Question(q) => c.questions.get(q).map(|q| &q.label),
            Words::Choice(q, ch) => c
                .questions
                .get(q)
                .and_then(|q| q.choices.get(ch))
                .map(|c| &c.label),
        }
    }

    /// Its wording and code, and the codes of the others beside it.
    fn parts(self, c: &mut Config) -> Option<(&mut Wording, &mut String, Vec<String>)> {
        fn split<T>(
            list: &mut [T],
            at: usize,
            code: fn(&T) -> &String,
        ) -> (Vec<String>, Option<&mut T>) {
            let others = list
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != at)
                .map(|(_, t)| code(t).clone())
                .collect();
            (others, list.get_mut(at))
        }
        match self {
            Words::Reason(r) => {
                let (others, it) = split(&mut c.reasons, r, |r| &r.code);
                it.map(|it| (&mut it.label, &mut it.code, others))
            }
            Words::Question(q) => {
                let (others, it) = split(&mut c.questions, q, |q| &q.code);
                it.map(|it| (&mut it.label, &mut it.code, others))
            }
            Words::Choice(q, ch) => {
                let question = c.questions.get_mut(q)?;
                let (others, it) = split(&mut question.choices, ch, |c| &c.code);
                it.map(|it| (&mut it.label, &mut it.code, others))
            }
        }
    }

    /// Takes it out of the configuration.
    pub(super) fn remove(self, c: &mut Config) {
        match self {
            Words::Reason(r) if r < c.reasons.len() => {
                c.reasons.remove(r);
            }
            Words::Question(q) if q < c.questions.len() => {
                c.questions.remove(q);
            }
            Words::Choice(q, ch) => {
                if let Some(question) = c.questions.get_mut(q).filter(|q| ch < q.choices.len()) {
                    question.choices.remove(ch);
                }
            }
            _ => {}
        }
    }

    /// Whether the saved configuration has it already: its code then stays,
    /// since check-ins already filed name it.
    fn saved(self, code: &str, base: &Config) -> bool {
        match self {
            Words::Reason(_) => base.reasons.iter().any(|r| r.code == code),
            Words::Question(_) => base.questions.iter().any(|q| q.code == code),
            Words::Choice(q, _) => base
                .questions
                .get(q)
                .is_some_and(|q| q.choices.iter().any(|c| c.code == code)),
        }
    }
}

/// Sets the wording of `words` in `lang`; a new one's code follows its wording in
/// the business's language.
fn set_wording(state: SettingsState, words: Words, lang: &'static str, value: String) {
    let base = state.base.get_untracked();
    state.edit(|c| {
        let business = c.business.language.clone();
        let Some((wording, code, others)) = words.parts(c) else {
            return;
        };
        if value.trim().is_empty() && lang != business {
            wording.remove(lang);
        } else {
            wording.insert(lang.to_string(), value.clone());
        }
        let saved = base.as_ref().is_some_and(|b| words.saved(code, b));
        if lang == business && !saved {
            let taken: Vec<&str> = others.iter().map(String::as_str).collect();
            *code = code_from(&value, &taken);
        }
    });
}

/// A box for each language, the business's first.
pub(super) fn wording_inputs(i: I18n, state: SettingsState, words: Words) -> impl IntoView {
    let business = peek(state, |c| c.business.language.clone());
    let mut languages: Vec<&'static str> = crate::i18n::languages().collect();
    languages.sort_by_key(|l| *l != business);
    let max = words.max();
    languages
        .into_iter()
        .map(|lang| {
            let field = format!("{}.label.{lang}", words.field());
            let id = field_id(&field);
            let required = lang == business;
            let name = crate::i18n::own_name(lang);
            let label = if required {
                i.tw("desk.settings_wording_required", &[("language", name)])
            } else {
                i.tw("desk.settings_wording_optional", &[("language", name)])
            };
            // A missing wording in the business's language is named on the box's own field.
            let fault_field = if required {
                format!("{}.label", words.field())
            } else {
                field.clone()
            };
            let invalid_here = invalid(state, field);
            let invalid_missing = invalid(state, fault_field);
            view! {
                <div class="field wording">
                    <label for=id.clone()>{label}</label>
                    <input
                        id=id
                        type="text"
                        lang=lang
                        dir=crate::i18n::direction(lang)
                        autocomplete="off"
                        maxlength=(max * 4).to_string()
                        aria-invalid=move || if invalid_here() == "true" || invalid_missing() == "true" { "true" } else { "false" }
                        prop:value=move || read(state, |c| words.wording(c).and_then(|w| w.get(lang).cloned()).unwrap_or_default())
                        on:input=move |ev| set_wording(state, words, lang, event_target_value(&ev))
                    />
                </div>
            }
        })
        .collect_view()
}

/// "Remove …?", asked before anything is removed; the safe answer has the focus.
#[component]
fn ConfirmRemove(
    title: String,
    body: String,
    on_remove: impl Fn() + 'static,
    on_keep: impl Fn() + Clone + 'static,
) -> impl IntoView {
    let i = use_i18n();
    let keep = NodeRef::<leptos::html::Button>::new();
    Effect::new(move || {
        if let Some(b) = keep.get() {
            let _ = b.focus();
        }
    });
    let escape = on_keep.clone();
    let name = title.clone();
    view! {
        <div class="confirm" role="alertdialog" aria-label=name on:keydown=move |ev| if ev.key() == "Escape" { escape() }>
            <h3>{title}</h3>
            <p>{body}</p>
            <div class="actions">
                <button type="button" class="danger" on:click=move |_| on_remove()>{i.t("desk.settings_remove")}</button>
                <button type="button" class="secondary" node_ref=keep on:click=move |_| on_keep()>{i.t("desk.settings_keep")}</button>
            </div>
        </div>
    }
}

/// What is asked to be removed.
pub(super) type Removing = RwSignal<Option<Words>>;

/// "Remove …?" for `words`, while it is the one asked about: `body` says what
/// removing it does; the focus then goes to `then_focus`.
pub(super) fn confirm_removal(
    i: I18n,
    state: SettingsState,
    removing: Removing,
    words: Words,
    body: &'static str,
    then_focus: &'static str,
) -> impl Fn() -> Option<AnyView> + Send + Sync {
    move || {
        (removing.get() == Some(words)).then(|| {
            // Read once: typing elsewhere must not draw the question again.
            let what = peek(state, |c| {
                words
                    .wording(c)
                    .and_then(|w| w.get(&c.business.language).cloned())
                    .unwrap_or_default()
            });
            let opener = remove_id(words);
            view! {
                <ConfirmRemove
                    title=i.tw("desk.settings_remove_title", &[("item", &what)])
                    body=i.t(body)
                    on_remove=move || {
                        removing.set(None);
                        state.edit(|c| words.remove(c));
                        crate::web::document::focus_when_drawn(then_focus.into());
                    }
                    on_keep=move || {
                        removing.set(None);
                        crate::web::document::focus_when_drawn(opener.clone());
                    }
                />
            }
            .into_any()
        })
    }
}

/// The id of the button that removes `words`: the focus goes back to it when
/// the removal is not confirmed.
fn remove_id(words: Words) -> String {
    format!("remove-{}", field_id(&words.field()))
}

pub(super) fn remove_button(
    i: I18n,
    state: SettingsState,
    removing: Removing,
    words: Words,
) -> impl IntoView {
    view! {
        <button type="button" class="secondary small" id=remove_id(words) aria-label=action_label(i, state, "desk.settings_remove_named", words)
            on:click=move |_| removing.set(Some(words))>
            {i.t("desk.settings_remove")}
        </button>
    }
}

/// Its wording in the business's language, to name it by (followed).
pub(super) fn named(state: SettingsState, words: Words) -> String {
    read(state, |c| {
        words
            .wording(c)
            .and_then(|w| w.get(&c.business.language).cloned())
            .unwrap_or_default()
    })
}

/// An action's name for a screen reader: `key` with the item's wording, as it is now.
pub(super) fn action_label(
    i: I18n,
    state: SettingsState,
    key: &'static str,
    words: Words,
) -> impl Fn() -> String + Send + Sync {
    move || i.tw(key, &[("item", &named(state, words))])
}

#[component]
pub fn ReasonsPart() -> impl IntoView {
    let i = use_i18n();
    let state = expect_context::<SettingsState>();
    let removing: Removing = RwSignal::new(None);
    // Drawn again when one is added or removed, or the business's language
    // changes (its box comes first); never as a key is typed.
    let drawn = shape(state, |c| (c.reasons.len(), c.business.language.clone()));
    let count = move || drawn.with(|d| d.0);
    let rows = move || {
        let n = count();
        (0..n)
            .map(|at| {
                let words = Words::Reason(at);
                let title = i.tw("desk.settings_reason_n", &[("n", &(at + 1).to_string())]);
                let recovery_id = format!("reason-{at}-recovery");
                let confirm = confirm_removal(i, state, removing, words, "desk.settings_remove_reason_body", "add-reason");
                view! {
                    <li>
                        <fieldset class="worded">
                            <legend>{title}</legend>
                            {wording_inputs(i, state, words)}
                            <div class="check-row">
                                <input
                                    type="checkbox"
                                    id=recovery_id.clone()
                                    prop:checked=move || read(state, |c| c.reasons.get(at).is_some_and(|r| r.recovery))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        // One reason at most is the came-back one.
                                        state.edit(|c| for (k, r) in c.reasons.iter_mut().enumerate() {
                                            r.recovery = on && k == at;
                                        });
                                    }
                                />
                                <label for=recovery_id>{i.t("desk.settings_recovery")}</label>
                            </div>
                            <div class="row-actions">
                                <button type="button" class="secondary small" disabled={ at == 0 }
                                    aria-label=action_label(i, state, "desk.settings_move_up", words)
                                    on:click=move |_| state.edit(|c| c.reasons.swap(at, at - 1))>"↑"</button>
                                <button type="button" class="secondary small" disabled={ at + 1 == n }
                                    aria-label=action_label(i, state, "desk.settings_move_down", words)
                                    on:click=move |_| state.edit(|c| c.reasons.swap(at, at + 1))>"↓"</button>
                                {remove_button(i, state, removing, words)}
                            </div>
                            {confirm}
                        </fieldset>
                    </li>
                }
            })
            .collect_view()
    };
    let add = move |_: leptos::ev::MouseEvent| {
        let at = count();
        state.edit(|c| {
            let taken: Vec<&str> = c.reasons.iter().map(|r| r.code.as_str()).collect();
            let code = code_from("reason", &taken);
            c.reasons.push(crate::domain::config::Reason {
                code,
                label: Wording::new(),
                recovery: false,
            });
        });
        let business = peek(state, |c| c.business.language.clone());
        crate::web::document::focus_when_drawn(field_id(&format!(
            "reasons[{at}].label.{business}"
        )));
    };
    view! {
        <Part id=SECTIONS[1] title="desk.settings_reasons" hint="desk.settings_reasons_hint">
            <ol class="worded-list" id=field_id("reasons")>{rows}</ol>
            <button type="button" class="secondary" id="add-reason" disabled=move || { count() >= MAX_REASONS } on:click=add>
                {i.t("desk.settings_add_reason")}
            </button>
        </Part>
    }
}
