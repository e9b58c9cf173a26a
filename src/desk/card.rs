//! One brief: flags on top, the priority as a headline, what to offer, how to
//! approach them, their note, and how long they have waited.
use leptos::prelude::*;

use super::queue::DeskState;
use crate::domain::brief::{Approach, Brief, Flag, Headline, Urgency};
use crate::domain::config::Config;
use crate::domain::intake::{Deadline, Limit, Status};
use crate::ui::use_i18n;
use crate::web;

fn approach_key(a: Approach) -> &'static str {
    match a {
        Approach::CameBack => "approach.came_back",
        Approach::TimeFirst => "approach.time",
        Approach::CostFirst => "approach.cost",
        Approach::Both => "approach.both",
        Approach::QualityFirst => "approach.quality",
        Approach::WalkThrough => "approach.walk_through",
        Approach::KeepBrief => "approach.keep_brief",
        Approach::TalkFirst => "approach.talk_first",
    }
}

#[component]
pub fn BriefCard(brief: Brief) -> impl IntoView {
    let i = use_i18n();
    let desk = expect_context::<DeskState>();
    let config = expect_context::<Config>();
    let lang = i.lang.get_untracked();

    let deadline_parts = |deadline: Option<Deadline>, minutes_left: Option<i64>| {
        let mut parts = Vec::new();
        if let Some(d) = deadline {
            parts.push(i.tw(
                "headline.deadline",
                &[("time", &web::local_time(lang, d.at_ms))],
            ));
        }
        match minutes_left {
            Some(m) if m < 0 => parts.push(i.tw("headline.overdue", &[("m", &(-m).to_string())])),
            Some(m) => parts.push(i.tw("headline.minutes_left", &[("m", &m.to_string())])),
            None => {}
        }
        parts
    };
    let cost_parts = |estimate_first: bool, limit: Option<Limit>| {
        let mut parts = vec![i.t(if estimate_first {
            "headline.estimate"
        } else {
            "headline.no_estimate"
        })];
        match limit {
            Some(Limit::Amount(a)) => parts.push(i.tw(
                "headline.limit",
                &[("amount", &web::money(&config.currency, a))],
            )),
            Some(Limit::NoLimit) => parts.push(i.t("headline.no_limit")),
            None => {}
        }
        parts
    };
    let (headline, details) = match brief.headline {
        Headline::TimeFirst { deadline } => (
            "headline.time",
            deadline_parts(deadline, brief.minutes_left),
        ),
        Headline::CostFirst {
            estimate_first,
            limit,
        } => ("headline.cost", cost_parts(estimate_first, limit)),
        Headline::Both {
            deadline,
            estimate_first,
            limit,
        } => {
            let mut parts = deadline_parts(deadline, brief.minutes_left);
            parts.extend(cost_parts(estimate_first, limit));
            ("headline.both", parts)
        }
        Headline::QualityFirst => ("headline.quality", vec![]),
        Headline::NotSaid => ("headline.not_said", vec![]),
    };
    let flags = brief
        .flags
        .iter()
        .map(|f| {
            let (class, key) = match f {
                Flag::Recovery => ("flag recovery", "flag.recovery"),
                Flag::WantsPerson => ("flag person", "flag.wants_person"),
            };
            view! { <p class=class>{i.t(key)}</p> }
        })
        .collect_view();
    let reason = brief
        .reason
        .as_deref()
        .and_then(|r| config.reason_label(r, lang))
        .unwrap_or_default()
        .to_string();
    let name = if brief.name.is_empty() {
        i.t("desk.no_name")
    } else {
        brief.name.clone()
    };
    let id = brief.id.clone();
    let help = brief
        .help
        .iter()
        .map(|(code, ticked)| {
            let (id, code2) = (id.clone(), code.clone());
            view! {
                <li>
                    <label class="tick">
                        <input
                            type="checkbox"
                            prop:checked=*ticked
                            on:change=move |_| desk.change(&id, |i| i.toggle_help(&code2))
                        />
                        <span>{i.t(&format!("help.{code}"))}</span>
                    </label>
                </li>
            }
        })
        .collect_view();
    let approach = brief
        .approach
        .iter()
        .map(|a| view! { <li>{i.t(approach_key(*a))}</li> })
        .collect_view();
    let (serve_id, done_id) = (id.clone(), id.clone());
    let status = brief.status;
    let title_id = format!("brief-{}", brief.id);
    let heading_id = title_id.clone();
    view! {
        <article
            class="brief"
            class:flagged=!brief.flags.is_empty()
            class:at-risk=brief.urgency != Urgency::Normal
            class:serving=status == Status::Serving
            aria-labelledby=title_id
            data-ticket=brief.ticket
        >
            {flags}
            <header class="brief-head">
                <span class="ticket-chip">{brief.ticket}</span>
                <h2 id=heading_id>{name}</h2>
                <span class="reason">{reason}</span>
                <span class="waited">{i.tw("desk.waiting", &[("m", &brief.waited_min.to_string())])}</span>
            </header>
            <p class="headline" class:warn=brief.urgency != Urgency::Normal>
                <strong>{i.t(headline)}</strong>
                {details.into_iter().map(|d| view! { <span class="sep" aria-hidden="true">" · "</span><span>{d}</span> }).collect_view()}
            </p>
            {(status == Status::Serving).then(|| view! { <p class="badge">{i.t("desk.serving_badge")}</p> })}
            <div class="brief-body">
                {(!brief.help.is_empty()).then(|| view! {
                    <section class="offer">
                        <h3>{i.t("desk.help")}</h3>
                        <ul class="ticks">{help}</ul>
                    </section>
                })}
                <section class="approach">
                    <h3>{i.t("desk.approach")}</h3>
                    <ul>{approach}</ul>
                </section>
            </div>
            {(!brief.note.is_empty()).then(|| view! {
                <section class="note">
                    <h3>{i.t("desk.note")}</h3>
                    <p>{brief.note.clone()}</p>
                </section>
            })}
            <div class="actions">
                {(status == Status::Waiting).then(|| view! {
                    <button type="button" class="secondary" on:click=move |_| desk.change(&serve_id, |i| { i.advance(Status::Serving, web::now().ms); })>
                        {i.t("desk.serve")}
                    </button>
                })}
                {(status != Status::Done).then(|| view! {
                    <button type="button" class="primary" on:click=move |_| desk.change(&done_id, |i| { i.advance(Status::Done, web::now().ms); })>
                        {i.t("desk.done")}
                    </button>
                })}
            </div>
        </article>
    }
}
