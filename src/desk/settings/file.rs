//! The settings as a kiosk.json file: saved from the form, to keep or to start
//! another shop with; and opened into the form, checked by the same rules, to
//! look over and save (nothing is saved by opening it).
use leptos::prelude::*;

use super::form::Part;
use super::state::SettingsState;
use crate::domain::config::Config;
use crate::ui::use_i18n;
use crate::web;

/// The most a configuration file may be: a shop's is a few kilobytes.
const MAX_FILE: usize = 64 * 1024;

#[component]
pub fn FilePart() -> impl IntoView {
    let i = use_i18n();
    let state = expect_context::<SettingsState>();
    // What opening a file came to: the file's fault, or its name once in the form.
    let opened = RwSignal::new(None::<Result<String, String>>);
    let pending = RwSignal::new(None::<(String, Config)>);
    let chooser = NodeRef::<leptos::html::Input>::new();
    let export = move |_| {
        if let Some(config) = state.draft.get_untracked() {
            let name = crate::configuration::CONFIG_PATH.trim_start_matches('/');
            web::download::download(name, "application/json", &config.to_json());
        }
    };
    let picked = move |ev: leptos::ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&ev);
        leptos::task::spawn_local(async move {
            let read = web::download::picked_text(&input).await;
            // The same file may be picked again after it is mended.
            input.set_value("");
            let answer = match read {
                None => Err(i.t("desk.settings_file_unreadable")),
                Some((_, text)) if text.len() > MAX_FILE => Err(i.t("desk.settings_file_too_big")),
                Some((name, text)) => match Config::from_json(&text) {
                    Ok(mut config) => {
                        // A file may hold a device's account or a PIN's hash: neither
                        // is a setting of the shop's, and neither is taken from it.
                        config.sync = None;
                        config.desk_pin_hash = state
                            .draft
                            .with_untracked(|d| d.as_ref().map(|c| c.desk_pin_hash.clone()))
                            .unwrap_or_default();
                        pending.set(Some((name, config)));
                        web::document::focus_when_drawn("file-keep".into());
                        return;
                    }
                    Err(e) => Err(crate::config_fault_words(i, &e)),
                },
            };
            opened.set(Some(answer));
        });
    };
    let confirm = move || {
        pending.get().map(|(name, config)| {
            let take = move |_| {
                let (name, config) = (name.clone(), config.clone());
                state.edit(move |c| *c = config);
                pending.set(None);
                opened.set(Some(Ok(name)));
            };
            view! {
                <div class="confirm" role="alertdialog" aria-labelledby="file-confirm-title"
                    on:keydown=move |ev| if ev.key() == "Escape" { pending.set(None); web::document::focus_when_drawn("settings-import".into()); }>
                    <h3 id="file-confirm-title">{i.t("desk.settings_file_confirm_title")}</h3>
                    <p>{i.t("desk.settings_file_confirm_body")}</p>
                    <div class="actions">
                        <button type="button" class="danger" on:click=take>{i.t("desk.settings_file_confirm")}</button>
                        <button type="button" class="secondary" id="file-keep" on:click=move |_| {
                            pending.set(None);
                            web::document::focus_when_drawn("settings-import".into());
                        }>
                            {i.t("desk.cancel")}
                        </button>
                    </div>
                </div>
            }
        })
    };
    view! {
        <Part id="settings-file" title="desk.settings_file" hint="desk.settings_file_hint">
            <div class="actions">
                <button type="button" class="secondary" on:click=export>{i.t("desk.settings_export")}</button>
                <button type="button" class="secondary" id="settings-import" on:click=move |_| {
                    if let Some(input) = chooser.get() {
                        input.click();
                    }
                }>
                    {i.t("desk.settings_import")}
                </button>
                // The browser's own file chooser, opened by the button above.
                <input type="file" accept=".json,application/json" class="visually-hidden" tabindex="-1" aria-hidden="true"
                    node_ref=chooser on:change=picked data-testid="settings-file-input" />
            </div>
            {confirm}
            <p role="status" class:error=move || matches!(opened.get(), Some(Err(_))) data-testid="file-said">
                {move || opened.get().map(|answer| match answer {
                    Ok(name) => i.tw("desk.settings_file_opened", &[("file", &name)]),
                    Err(fault) => i.tw("desk.settings_file_fault", &[("detail", &fault)]),
                })}
            </p>
        </Part>
    }
}
