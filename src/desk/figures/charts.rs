//! The pieces every range of figures is drawn with: the list of figures, stacked
//! bars, and the arrivals heatmap, all SVG drawn from Rust (no chart library: a
//! few rectangles need none), each with its numbers in words for a screen reader.
use leptos::prelude::*;

use crate::domain::clock::DAY_MS;
use crate::domain::history::{self, Figures, HOUR_MS};
use crate::domain::intake::Priority;
use crate::ui::{use_i18n, I18n};

/// One stacked bar and its legend; the legend carries the numbers in words, and
/// the bar says the same to a screen reader.
#[component]
pub fn Bar(
    title: String,
    parts: Vec<(String, usize, &'static str)>,
    testid: &'static str,
) -> impl IntoView {
    let i = use_i18n();
    let counts: Vec<usize> = parts.iter().map(|p| p.1).collect();
    let pct = history::percents(&counts);
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
            <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label=i.list(&described)>
                <rect class="empty" x="0" y="0" width="100" height="10" />
                {rects}
            </svg>
            <ul class="legend">{legend}</ul>
        </figure>
    }
}

fn priority_label(i: I18n, index: usize) -> String {
    match Priority::ALL.get(index) {
        Some(p) => i.t(&format!("priority.{}", p.code())),
        None => i.t("desk.today_not_said"),
    }
}

const PRIORITY_CLASSES: [&str; 5] = ["time", "cost", "both", "quality", "not-said"];

/// What mattered most, what they said of their visit, and whether we respected it.
#[component]
pub fn Charts(figures: Memo<Figures>) -> impl IntoView {
    let i = use_i18n();
    move || {
        let t = figures.with(|f| f.total.clone());
        let priorities = (0..5)
            .map(|p| {
                (
                    priority_label(i, p),
                    t.priorities[p] as usize,
                    PRIORITY_CLASSES[p],
                )
            })
            .collect();
        let answers: u32 = t.expectations.iter().sum();
        let expectations = vec![
            (
                i.t("desk.feedback_below"),
                t.expectations[0] as usize,
                "below",
            ),
            (i.t("desk.feedback_met"), t.expectations[1] as usize, "met"),
            (
                i.t("desk.feedback_beyond"),
                t.expectations[2] as usize,
                "beyond",
            ),
        ];
        let (yes, no) = t
            .respected
            .iter()
            .fold((0, 0), |(y, n), r| (y + r[0] as usize, n + r[1] as usize));
        let respected = vec![
            (i.t("desk.feedback_respected"), yes, "yes"),
            (i.t("desk.feedback_not_respected"), no, "no"),
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
    }
}

/// "Time first: 68% said we respected it", for each priority anyone answered for:
/// whom the business fails, and on what.
#[component]
pub fn RespectedBy(figures: Memo<Figures>) -> impl IntoView {
    let i = use_i18n();
    let lines = move || {
        let by = figures.with(|f| f.total.respected);
        (0..5)
            .filter(|&p| by[p][0] + by[p][1] > 0)
            .map(|p| {
                let [yes, no] = by[p];
                let pct = history::percents(&[yes as usize, no as usize])[0];
                let label = priority_label(i, p);
                let parts = vec![
                    (i.t("desk.feedback_respected"), yes as usize, "yes"),
                    (i.t("desk.feedback_not_respected"), no as usize, "no"),
                ];
                let title = i.tw(
                    "desk.figures_respected_by",
                    &[("priority", &label), ("pct", &pct.to_string())],
                );
                view! { <Bar title parts testid=PRIORITY_CLASSES[p] /> }
            })
            .collect_view()
    };
    view! {
        <section class="by-priority" data-testid="respected-by" aria-labelledby="respected-by-title">
            <h3 id="respected-by-title">{i.t("desk.figures_respected_by_title")}</h3>
            <Show
                when=move || figures.with(|f| f.total.respected.iter().flatten().sum::<u32>() > 0)
                fallback=move || view! { <p class="hint">{i.t("desk.today_no_data")}</p> }
            >
                <div class="charts">{lines}</div>
            </Show>
        </section>
    }
}

/// One term and its value, kept up to date.
fn figure(
    figures: Memo<Figures>,
    key: &'static str,
    testid: &'static str,
    value: Box<dyn Fn(&Figures) -> String + Send + Sync>,
) -> impl IntoView {
    let i = use_i18n();
    view! {
        <div class="figure" data-testid=testid>
            <dt>{i.t(key)}</dt>
            <dd>{move || figures.with(|f| value(f))}</dd>
        </div>
    }
}

/// A figure as "{met} of {n}", or "None yet" before anything is decided.
fn of(i: I18n, met: u32, n: u32) -> String {
    match n {
        0 => i.t("desk.today_no_data"),
        n => i.tw(
            "desk.today_deadlines_value",
            &[("met", &met.to_string()), ("n", &n.to_string())],
        ),
    }
}

/// The figures of a range as terms and values. `today` adds who is being served
/// and who waits now; other ranges count arrivals instead.
#[component]
pub fn FigureList(figures: Memo<Figures>, today: bool) -> impl IntoView {
    let i = use_i18n();
    let minutes = move |m: Option<i64>| match m {
        Some(m) => i.duration(m),
        None => i.t("desk.today_no_data"),
    };
    let figure = move |key, testid, value| figure(figures, key, testid, value);
    let now = today.then(|| {
        view! {
            {figure("desk.today_serving", "serving", Box::new(|f| f.total.serving.to_string()))}
            {figure("desk.today_waiting", "waiting", Box::new(|f| f.total.waiting.to_string()))}
        }
    });
    let arrivals = (!today).then(|| {
        figure(
            "desk.figures_arrivals",
            "arrivals",
            Box::new(|f| f.total.arrivals.to_string()),
        )
    });
    view! {
        <dl class="figures">
            {arrivals}
            {figure("desk.today_served", "served", Box::new(|f| f.total.served.to_string()))}
            {now}
            {figure("desk.today_left", "left", Box::new(|f| f.walkouts().to_string()))}
            {figure("desk.today_average_wait", "average-wait", Box::new(move |f| minutes(f.average_wait_min)))}
            {figure("desk.figures_nine_in_ten", "p90-wait", Box::new(move |f| minutes(f.p90_wait_min)))}
            {today.then(|| figure("desk.today_longest_wait", "longest-wait", Box::new(move |f| minutes(f.longest_wait_min))))}
            {figure("desk.today_deadlines", "deadlines", Box::new(move |f| of(i, f.total.deadlines_met, f.total.deadlines_decided)))}
            {figure("desk.today_promises", "promises", Box::new(move |f| of(i, f.total.promises_kept, f.total.promises_decided)))}
            {figure("desk.today_quotes", "quotes", Box::new(move |f| of(i, f.total.quotes_held, f.total.quotes_decided)))}
            {figure("desk.today_quoted", "quoted", Box::new(move |f| match (f.quoted_min, f.quoted_waited_min) {
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
    }
}

/// Follow-ups of the range: how many, how many handled within 48 hours, how long
/// handling took, and how many are still to do.
#[component]
pub fn FollowUpFigures(figures: Memo<Figures>) -> impl IntoView {
    let i = use_i18n();
    let figure = move |key, testid, value| figure(figures, key, testid, value);
    view! {
        <section class="follow-up-figures" aria-labelledby="follow-up-figures-title">
            <h3 id="follow-up-figures-title">{i.t("desk.figures_follow_ups")}</h3>
            <dl class="figures">
                {figure("desk.figures_follow_ups_raised", "follow-ups", Box::new(|f| f.total.follow_ups.to_string()))}
                {figure("desk.figures_follow_ups_in_time", "follow-ups-in-time", Box::new(move |f| {
                    let t = &f.total;
                    match t.follow_ups_decided {
                        0 => i.t("desk.today_no_data"),
                        n => i.tw(
                            "desk.figures_share_value",
                            &[
                                ("met", &t.follow_ups_in_time.to_string()),
                                ("n", &n.to_string()),
                                ("pct", &history::percents(&[t.follow_ups_in_time as usize, (n - t.follow_ups_in_time) as usize])[0].to_string()),
                            ],
                        ),
                    }
                }))}
                {figure("desk.figures_handle_median", "handle-median", Box::new(move |f| match f.median_handle_min {
                    Some(m) => i.duration(m),
                    None => i.t("desk.today_no_data"),
                }))}
                {figure("desk.figures_follow_ups_open", "follow-ups-open", Box::new(|f| f.total.follow_ups_open.to_string()))}
            </dl>
        </section>
    }
}

/// Monday 9 November 2026, 00:00 UTC: weekday names are read from its week.
const A_MONDAY_MS: i64 = 1_794_182_400_000;

/// Arrivals by weekday and hour as a grid of shaded squares, the count in each,
/// and the same numbers as a table for a screen reader.
#[component]
pub fn Heatmap(figures: Memo<Figures>) -> impl IntoView {
    let i = use_i18n();
    move || {
        let lang = i.lang.get();
        let grid = figures.with(|f| f.heatmap);
        let busy: Vec<usize> = (0..24).filter(|&h| grid.iter().any(|d| d[h] > 0)).collect();
        // Opening hours at least; any hour anyone came, whatever it was.
        let first = busy.first().copied().unwrap_or(8).min(8);
        let last = busy.last().copied().unwrap_or(17).max(17);
        let hours: Vec<usize> = (first..=last).collect();
        let most = grid.iter().flatten().copied().max().unwrap_or(0).max(1);
        let days: Vec<String> = (0..7)
            .map(|d| web_words(lang, "weekday", "short", A_MONDAY_MS + d * DAY_MS))
            .collect();
        let day_names: Vec<String> = (0..7)
            .map(|d| web_words(lang, "weekday", "long", A_MONDAY_MS + d * DAY_MS))
            .collect();
        let hour_names: Vec<String> = hours
            .iter()
            .map(|&h| web_words(lang, "hour", "numeric", h as i64 * HOUR_MS))
            .collect();
        const CELL: usize = 56;
        const ROW: usize = 34;
        const LABEL: usize = 60;
        const HEAD: usize = 24;
        let width = LABEL + hours.len() * CELL;
        let height = HEAD + 7 * ROW;
        // Drawn left to right, mirrored for a language written right to left: the
        // day's name first, then the hours in the order the language reads.
        let rtl = crate::i18n::direction(lang) == "rtl";
        let x_of = |left: usize, w: usize| if rtl { width - left - w } else { left };
        let (name_x, name_anchor) = if rtl {
            (width - LABEL + 8, "start")
        } else {
            (LABEL - 8, "end")
        };
        let head = hours
            .iter()
            .zip(&hour_names)
            .enumerate()
            .map(|(col, (_, name))| {
                let x = x_of(LABEL + col * CELL, CELL) + CELL / 2;
                view! { <text class="hour" x=x y="16" text-anchor="middle">{name.clone()}</text> }
            })
            .collect_view();
        let rows = (0..7)
            .map(|d| {
                let y = HEAD + d * ROW;
                let cells = hours
                    .iter()
                    .enumerate()
                    .map(|(col, &h)| {
                        let n = grid[d][h];
                        // Five shades: none, then quarters of the busiest hour.
                        let level = if n == 0 { 0 } else { 1 + (n * 4 - 1) / most };
                        let x = x_of(LABEL + col * CELL, CELL);
                        view! {
                            <rect class=format!("level-{level}") x=x + 1 y=y + 1 width=CELL - 2 height=ROW - 2 rx="4" />
                            {(n > 0).then(|| view! {
                                <text class=format!("count level-{level}") x=x + CELL / 2 y=y + ROW / 2 + 5 text-anchor="middle">{n}</text>
                            })}
                        }
                    })
                    .collect_view();
                view! {
                    <text class="day" x=name_x y=y + ROW / 2 + 5 text-anchor=name_anchor>{days[d].clone()}</text>
                    {cells}
                }
            })
            .collect_view();
        let table_rows = (0..7)
            .map(|d| {
                let cells = hours
                    .iter()
                    .map(|&h| view! { <td>{grid[d][h]}</td> })
                    .collect_view();
                view! { <tr><th scope="row">{day_names[d].clone()}</th>{cells}</tr> }
            })
            .collect_view();
        let table_head = hour_names
            .iter()
            .map(|name| view! { <th scope="col">{name.clone()}</th> })
            .collect_view();
        view! {
            <figure class="heatmap" data-testid="heatmap">
                <figcaption id="heatmap-title">{i.t("desk.figures_heatmap")}</figcaption>
                <svg viewBox=format!("0 0 {width} {height}") aria-hidden="true">
                    {head}
                    {rows}
                </svg>
                <p class="hint">{i.t("desk.figures_heatmap_hint")}</p>
                <table class="visually-hidden" aria-labelledby="heatmap-title">
                    <thead><tr><td></td>{table_head}</tr></thead>
                    <tbody>{table_rows}</tbody>
                </table>
            </figure>
        }
    }
}

fn web_words(lang: &str, field: &str, style: &str, ms: i64) -> String {
    crate::web::intl::utc_words(lang, &[(field, style)], ms)
}
