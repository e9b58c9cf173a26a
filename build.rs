//! Finds the translation catalogues: every `locales/<code>.json` is a language of
//! the app, so adding a language is adding its file. Writes to
//! `$OUT_DIR/catalogues.rs` (read by `src/i18n.rs`) the languages, each with its
//! own name and direction, and every catalogue's text. The browser build takes in
//! only the English text and fetches another language's file when it is chosen.
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
    // Each language's own name and direction, read here so that a page can offer
    // every language while building in only the English words.
    let mut languages = String::new();
    let mut entries = String::new();
    let mut english = None;
    for code in &codes {
        let text = fs::read_to_string(dir.join(format!("{code}.json"))).unwrap();
        let words: std::collections::BTreeMap<String, String> = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("locales/{code}.json is not valid JSON: {e}"));
        let name = words
            .get("language.name")
            .unwrap_or_else(|| panic!("locales/{code}.json: language.name is missing"));
        let direction = words.get("language.dir").map(String::as_str);
        assert!(
            matches!(direction, Some("ltr" | "rtl")),
            "locales/{code}.json: language.dir must be ltr or rtl"
        );
        // The locale its times, numbers and plural rules are formatted in: one
        // regional variety and one set of digits for the whole catalogue.
        let locale = words
            .get("language.locale")
            .unwrap_or_else(|| panic!("locales/{code}.json: language.locale is missing"));
        assert!(
            locale == code || locale.starts_with(&format!("{code}-")),
            "locales/{code}.json: language.locale must be {code} or start with {code}-"
        );
        languages.push_str(&format!(
            "    Language {{ code: {code:?}, name: {name:?}, rtl: {}, locale: {locale:?} }},\n",
            direction == Some("rtl")
        ));
        entries.push_str(&format!(
            "    ({code:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/locales/{code}.json\"))),\n"
        ));
        if code == "en" {
            english = Some(words);
        }
    }
    let n = codes.len();
    // English in three parts: what every page shows, and the desk's and the
    // lobby board's own words (`desk.*`, `board.*`), each built into its own
    // program only.
    let out_dir = env::var("OUT_DIR").unwrap();
    type Words = std::collections::BTreeMap<String, String>;
    let (desk, rest): (Words, Words) = english
        .expect("English is first")
        .into_iter()
        .partition(|(k, _)| k.starts_with("desk."));
    let (board, shared): (Words, Words) =
        rest.into_iter().partition(|(k, _)| k.starts_with("board."));
    for (name, part) in [
        ("en-shared.json", &shared),
        ("en-desk.json", &desk),
        ("en-board.json", &board),
    ] {
        fs::write(
            Path::new(&out_dir).join(name),
            serde_json::to_string(part).unwrap(),
        )
        .unwrap();
    }
    // The kiosk's program, when it is to be split (the `split` feature, see
    // scripts/split.mjs), keeps the linker's relocations: wasm_split_cli needs them
    // to cut it. Only that program: the desk and the tests are built as they are.
    if env::var_os("CARGO_FEATURE_SPLIT").is_some()
        && env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32")
    {
        println!("cargo:rustc-link-arg-bin=lobby=--emit-relocs");
    }
    let out = Path::new(&out_dir).join("catalogues.rs");
    fs::write(
        out,
        format!(
            "/// Every language in `locales/`, English first.\n\
             pub const LANGUAGES: [Language; {n}] = [\n{languages}];\n\
             /// English, but the desk's and the board's words: every other language falls back to English.\n\
             pub const ENGLISH: &str = include_str!(concat!(env!(\"OUT_DIR\"), \"/en-shared.json\"));\n\
             /// The desk's English words (`desk.*`).\n\
             pub const ENGLISH_DESK: &str = include_str!(concat!(env!(\"OUT_DIR\"), \"/en-desk.json\"));\n\
             /// The lobby board's English words (`board.*`).\n\
             pub const ENGLISH_BOARD: &str = include_str!(concat!(env!(\"OUT_DIR\"), \"/en-board.json\"));\n\
             /// Every catalogue's text, by code, English first.\n\
             #[cfg_attr(target_arch = \"wasm32\", allow(dead_code))]\n\
             pub const CATALOGUES: [(&str, &str); {n}] = [\n{entries}];\n"
        ),
    )
    .unwrap();
}
