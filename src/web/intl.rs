//! Times, counts and amounts as the language writes them, by the browser's Intl.

/// The time format and plural rules, made once per language: making them is slow
/// (a desk draws dozens of times and counts at once).
struct Formats {
    lang: String,
    time: js_sys::Intl::DateTimeFormat,
    plural: js_sys::Intl::PluralRules,
}

thread_local! {
    /// The formats of the language last asked for.
    static INTL: std::cell::RefCell<Option<Formats>> = const { std::cell::RefCell::new(None) };
    /// The number format of the language last asked for: apart, as only the
    /// screens after Welcome and the desk show amounts.
    static NUMBER: std::cell::RefCell<Option<(String, js_sys::Intl::NumberFormat)>> =
        const { std::cell::RefCell::new(None) };
}

/// The locales argument of every `Intl` format of `lang`: its catalogue's locale
/// (`es-US`, `ar-u-nu-latn`), so one language reads one way everywhere.
fn locales(lang: &str) -> js_sys::Array {
    js_sys::Array::of1(&crate::i18n::locale(lang).into())
}

fn with_formats<T>(lang: &str, f: impl FnOnce(&Formats) -> T) -> T {
    INTL.with(|cell| {
        let mut cell = cell.borrow_mut();
        if let Some(formats) = cell.as_ref().filter(|f| f.lang == lang) {
            return f(formats);
        }
        let locales = locales(lang);
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"hour".into(), &"numeric".into());
        let _ = js_sys::Reflect::set(&options, &"minute".into(), &"2-digit".into());
        let formats = Formats {
            lang: lang.to_string(),
            time: js_sys::Intl::DateTimeFormat::new(&locales, &options),
            plural: js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new()),
        };
        let out = f(&formats);
        *cell = Some(formats);
        out
    })
}

fn call_format(format: js_sys::Function, value: &wasm_bindgen::JsValue) -> String {
    format
        .call1(&wasm_bindgen::JsValue::UNDEFINED, value)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// A moment as the customer's clock shows it, e.g. "12:30 PM" in English.
pub fn local_time(lang: &str, ms: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    with_formats(lang, |f| call_format(f.time.format(), &date))
}

/// The plural category (`one`, `other`, ...) of `n` in `lang`, by the browser's rules.
pub fn plural_category(lang: &str, n: i64) -> String {
    with_formats(lang, |f| {
        f.plural
            .select(n as f64)
            .as_string()
            .unwrap_or_else(|| "other".into())
    })
}

/// An amount with the configured currency symbol, its digits grouped as `lang`
/// groups them: "$1,000" in English, "$10.000" in Spanish.
pub fn money(lang: &str, symbol: &str, amount: u32) -> String {
    let digits = NUMBER.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.as_ref().is_none_or(|(l, _)| l != lang) {
            let options = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&options, &"maximumFractionDigits".into(), &0.into());
            let locales = locales(lang);
            *cell = Some((
                lang.to_string(),
                js_sys::Intl::NumberFormat::new(&locales, &options),
            ));
        }
        let (_, number) = cell.as_ref().expect("made above");
        call_format(number.format(), &wasm_bindgen::JsValue::from(amount))
    });
    if digits.is_empty() {
        format!("{symbol}{amount}")
    } else {
        format!("{symbol}{digits}")
    }
}

/// Makes `lang`'s formats ahead of need: the browser's first formats of a page are
/// the slowest to make (tens of milliseconds on a slow PC), and the desk makes
/// them while its PIN is typed rather than as it unlocks.
pub fn warm(lang: &str) {
    with_formats(lang, |_| ());
    money(lang, "", 0);
}

/// A country's name in `lang` (`US`: "United States"), by the browser's
/// `Intl.DisplayNames`; the code itself where the browser has none.
pub fn region_name(lang: &str, code: &str) -> String {
    use js_sys::{Array, Function, Object, Reflect};
    use wasm_bindgen::JsCast;
    let name = (|| {
        let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
        let names: Function = Reflect::get(&intl, &"DisplayNames".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let options = Object::new();
        Reflect::set(&options, &"type".into(), &"region".into()).ok()?;
        let args = Array::of2(&locales(lang), &options);
        let names = Reflect::construct(&names, &args).ok()?;
        let of: Function = Reflect::get(&names, &"of".into()).ok()?.dyn_into().ok()?;
        of.call1(&names, &code.into()).ok()?.as_string()
    })();
    name.unwrap_or_else(|| code.to_string())
}

/// A moment read on the UTC clock in `lang`'s words, by `Intl.DateTimeFormat` with
/// `options` (`[("weekday", "short")]`): names of days and hours, dates of a range.
pub fn utc_words(lang: &str, options: &[(&str, &str)], ms: i64) -> String {
    let locales = locales(lang);
    let o = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&o, &"timeZone".into(), &"UTC".into());
    for (k, v) in options {
        let _ = js_sys::Reflect::set(&o, &(*k).into(), &(*v).into());
    }
    let format = js_sys::Intl::DateTimeFormat::new(&locales, &o);
    call_format(format.format(), &js_sys::Date::new(&(ms as f64).into()))
}
