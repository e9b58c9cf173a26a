//! Today's figures at a glance, under the queue: counts, waits, deadlines met, and
//! three small bar charts. The weeks behind them are on the Figures screen.
use leptos::prelude::*;

use super::charts::{Charts, FigureList};
use crate::desk::state::DeskState;
use crate::domain::history;

#[component]
pub fn Today() -> impl IntoView {
    let desk = expect_context::<DeskState>();
    let figures = Memo::new(move |_| {
        let today = desk.now_day();
        history::figures(&desk.tallies(&[today]))
    });
    view! {
        <div class="today-view">
            <FigureList figures today=true />
            <div class="charts"><Charts figures /></div>
        </div>
    }
}
