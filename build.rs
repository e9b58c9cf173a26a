//! Finds the translation catalogues: every `locales/<code>.json` is a language of
//! the app, so adding a language is adding its file. Writes the list, with each
//! file built in, to `$OUT_DIR/catalogues.rs` (read by `src/i18n.rs`).
use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=locales");
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("locales");
    let mut codes: Vec<String> = fs::read_dir(&dir)
        .expect("the locales folder")
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            (path.extension()? == "json").then(|| path.file_stem()?.to_str().map(str::to_string))?
        })
        .collect();
    for code in &codes {
        println!("cargo:rerun-if-changed=locales/{code}.json");
        assert!(
            (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase()),
            "locales/{code}.json: a catalogue is named by its language code, like es.json"
        );
    }
    // English first (the catalogue every other is checked against), then by code.
    codes.sort_by_key(|c| (c != "en", c.clone()));
    assert!(
        codes.first().map(String::as_str) == Some("en"),
        "locales/en.json is required"
    );
    let entries: String = codes
        .iter()
        .map(|c| format!("    (\"{c}\", include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/locales/{c}.json\"))),\n"))
        .collect();
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("catalogues.rs");
    fs::write(
        out,
        format!("/// Every catalogue in `locales/`: code and text, English first.\npub const CATALOGUES: [(&str, &str); {}] = [\n{entries}];\n", codes.len()),
    )
    .unwrap();
}
