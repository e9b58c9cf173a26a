//! Today's figures at a glance: counts, waits, deadlines met, and three small bar
//! charts drawn as SVG from Rust (no chart library: three stacked bars need none).
use leptos::prelude::*;

use super::state::DeskState;
use crate::domain::day::{self, Summary};
use crate::domain::intake::Priority;
use crate::ui::use_i18n;

/// One stacked bar and its legend; the legend carries the numbers in words, and
/// the bar says the same to a screen reader.
#[component]
fn Bar(
    title: String,
    parts: Vec<(String, usize, &'static str)>,
    testid: &'static str,
) -> impl IntoView {
    let i = use_i18n();
    let counts: Vec<usize> = parts.iter().map(|p| p.1).collect();
    let pct = day::percents(&counts);
    let total = counts.iter().sum::<usize>().max(1) as f64;
    let described: Vec<String> = parts
        .iter()
        .zip(&pct)
        .map(|((label, n, _), pct)| {
            i.tw(
                "desk.chart_part",
                &[
                    ("label", label),
                    ("n", &n.to_string()),
                    ("pct", &pct.to_string()),
                ],
            )
        })
        .collect();
    let mut x = 0.0;
    let rects = parts
        .iter()
        .filter(|(_, n, _)| *n > 0)
        .map(|(_, n, class)| {
            let (at, width) = (x, *n as f64 * 100.0 / total);
            x += width;
            view! { <rect class=*class x=format!("{at:.2}") y="0" width=format!("{width:.2}") height="10" /> }
        })
        .collect_view();
    let legend = parts
        .iter()
        .zip(&described)
        .map(|((_, _, class), text)| {
            view! {
                <li>
                    <svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect class=*class width="10" height="10" rx="2" /></svg>
                    {text.clone()}
                </li>
            }
        })
        .collect_view();
    view! {
        <figure class="chart" data-testid=testid>
            <figcaption>{title}</figcaption>
            <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label=described.join(", ")>
                <rect class="empty" x="0" y="0" width="100" height="10" />
                {rects}
            </svg>
            <ul class="legend">{legend}</ul>
        </figure>
    }
}

#[component]
pub fn Today() -> impl IntoView {
    let i = use_i18n();
    let desk = expect_context::<DeskState>();
    let summary = Memo::new(move |_| {
        let now = desk.now_ms.get();
        desk.stored.with(|stored| {
            desk.unsaved.with(|unsaved| {
                let all: Vec<_> = stored.iter().chain(unsaved).cloned().collect();
                desk.feedback.with(|f| day::summary(&all, f, now))
            })
        })
    });
    let minutes = move |m: Option<i64>| match m {
        Some(m) => i.duration(m),
        None => i.t("desk.today_no_data"),
    };
    let figure = move |key: &'static str,
                       testid: &'static str,
                       value: Box<dyn Fn(&Summary) -> String + Send + Sync>| {
        view! {
            <div class="figure" data-testid=testid>
                <dt>{i.t(key)}</dt>
                <dd>{move || summary.with(|s| value(s))}</dd>
            </div>
        }
    };
    let charts = move || {
        let s = summary.get();
        let priority = |p: Priority| i.t(&format!("priority.{}", p.code()));
        let priorities = vec![
            (priority(Priority::Time), s.priorities[0], "time"),
            (priority(Priority::Cost), s.priorities[1], "cost"),
            (priority(Priority::Both), s.priorities[2], "both"),
            (priority(Priority::Quality), s.priorities[3], "quality"),
            (i.t("desk.today_not_said"), s.priorities[4], "not-said"),
        ];
        let answers: usize = s.expectations.iter().sum();
        let expectations = vec![
            (i.t("desk.feedback_below"), s.expectations[0], "below"),
            (i.t("desk.feedback_met"), s.expectations[1], "met"),
            (i.t("desk.feedback_beyond"), s.expectations[2], "beyond"),
        ];
        let respected = vec![
            (i.t("desk.feedback_respected"), s.respected[0], "yes"),
            (i.t("desk.feedback_not_respected"), s.respected[1], "no"),
        ];
        view! {
            <Bar title=i.t("desk.today_priorities") parts=priorities testid="chart-priorities" />
            <Bar
                title=i.tw_count("desk.today_feedback", answers as i64, &[("n", &answers.to_string())])
                parts=expectations
                testid="chart-expectations"
            />
            <Bar title=i.t("desk.today_respected") parts=respected testid="chart-respected" />
        }
    };
    view! {
        <div class="today-view">
            <dl class="figures">
                {figure("desk.today_served", "served", Box::new(|s| s.served.to_string()))}
                {figure("desk.today_serving", "serving", Box::new(|s| s.serving.to_string()))}
                {figure("desk.today_waiting", "waiting", Box::new(|s| s.waiting.to_string()))}
                {figure("desk.today_left", "left", Box::new(|s| s.left.to_string()))}
                {figure("desk.today_average_wait", "average-wait", Box::new(move |s| minutes(s.average_wait_min)))}
                {figure("desk.today_longest_wait", "longest-wait", Box::new(move |s| minutes(s.longest_wait_min)))}
                {figure("desk.today_deadlines", "deadlines", Box::new(move |s| match s.deadlines_decided {
                    0 => i.t("desk.today_no_data"),
                    n => i.tw("desk.today_deadlines_value", &[("met", &s.deadlines_met.to_string()), ("n", &n.to_string())]),
                }))}
                {figure("desk.today_promises", "promises", Box::new(move |s| match s.promises_decided {
                    0 => i.t("desk.today_no_data"),
                    n => i.tw("desk.today_deadlines_value", &[("met", &s.promises_kept.to_string()), ("n", &n.to_string())]),
                }))}
                {figure("desk.today_quotes", "quotes", Box::new(move |s| match s.quotes_decided {
                    0 => i.t("desk.today_no_data"),
                    n => i.tw("desk.today_deadlines_value", &[("met", &s.quotes_held.to_string()), ("n", &n.to_string())]),
                }))}
                {figure("desk.today_quoted", "quoted", Box::new(move |s| match (s.quoted_min, s.quoted_waited_min) {
                    (Some(quoted), Some(waited)) => i.tw(
                        "desk.today_quoted_value",
                        // Each wait kept on one line, should the two not fit on one.
                        &[
                            ("quoted", &i.duration(quoted).replace(' ', "\u{a0}")),
                            ("waited", &i.duration(waited).replace(' ', "\u{a0}")),
                        ],
                    ),
                    _ => i.t("desk.today_no_data"),
                }))}
            </dl>
            <div class="charts">{charts}</div>
        </div>
    }
}
