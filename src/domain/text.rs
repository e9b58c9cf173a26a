//! Free text a customer types: limits counted in characters a person sees.
pub const NAME_MAX: usize = 40;
pub const NOTE_MAX: usize = 280;

/// Characters as a person counts them: "é" typed as e + accent is one, so is 👍🏽.
#[cfg(not(target_arch = "wasm32"))]
pub fn visible_len(s: &str) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    s.graphemes(true).count()
}

/// In the browser, the browser's own `Intl.Segmenter` counts, by the same Unicode
/// rules: its tables are already on the tablet, and built in they would add 11 KB
/// to the download. A browser without it counts code points, which only ever
/// counts more (an accent typed apart, a skin tone).
#[cfg(target_arch = "wasm32")]
pub fn visible_len(s: &str) -> usize {
    use wasm_bindgen::JsValue;
    let has_segmenter = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("Intl"))
        .and_then(|intl| js_sys::Reflect::has(&intl, &JsValue::from_str("Segmenter")))
        .unwrap_or(false);
    if !has_segmenter {
        return s.chars().count();
    }
    let segmenter = js_sys::Intl::Segmenter::new(&js_sys::Array::new(), &js_sys::Object::new());
    match js_sys::try_iter(&segmenter.segment(s)) {
        Ok(Some(segments)) => segments.count(),
        _ => s.chars().count(),
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextError {
    TooLong { max: usize, len: usize },
}

/// Trims, drops control characters (keeping line breaks where allowed) and refuses
/// text over `max` visible characters instead of cutting it silently.
pub fn clean(input: &str, max: usize, multiline: bool) -> Result<String, TextError> {
    let trimmed = tidy(input, multiline);
    let len = visible_len(&trimmed);
    if len > max {
        return Err(TextError::TooLong { max, len });
    }
    Ok(trimmed)
}

/// Like [`clean`], but text over `max` is cut to fit, with "…" to show it was:
/// for when refusing would stop a customer who asked for a person.
pub fn cut_to_fit(input: &str, max: usize, multiline: bool) -> String {
    let trimmed = tidy(input, multiline);
    if visible_len(&trimmed) <= max {
        return trimmed;
    }
    // Never more visible characters than chars: max - 1 chars and the "…" fit.
    let kept: String = trimmed.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// Tabs (and line breaks where not allowed) become spaces, other control
/// characters go, and the ends are trimmed.
fn tidy(input: &str, multiline: bool) -> String {
    let kept: String = input
        .chars()
        .map(|c| {
            if c == '\t' || (!multiline && (c == '\n' || c == '\r')) {
                ' '
            } else {
                c
            }
        })
        .filter(|c| !c.is_control() || (multiline && *c == '\n'))
        .collect();
    kept.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_what_a_person_sees() {
        assert_eq!(visible_len("José"), 4);
        assert_eq!(
            visible_len("Jose\u{301}"),
            4,
            "combining accent is part of its letter"
        );
        assert_eq!(visible_len("👍🏽👨‍👩‍👧"), 2);
        assert_eq!(visible_len("مرحبا"), 5);
    }

    #[test]
    fn cut_to_fit_keeps_what_fits_and_shows_the_cut() {
        assert_eq!(cut_to_fit("  fine\t", NOTE_MAX, true), "fine");
        let long = format!("{}b", "a".repeat(NOTE_MAX));
        let cut = cut_to_fit(&long, NOTE_MAX, true);
        assert_eq!(visible_len(&cut), NOTE_MAX);
        assert!(cut.ends_with("a…"));
        assert_eq!(clean(&cut, NOTE_MAX, true), Ok(cut.clone()));
        let emoji = "👍🏽".repeat(NOTE_MAX + 5);
        assert!(visible_len(&cut_to_fit(&emoji, NOTE_MAX, true)) <= NOTE_MAX);
    }

    #[test]
    fn refuses_instead_of_cutting() {
        let forty = "a".repeat(NAME_MAX);
        assert_eq!(clean(&forty, NAME_MAX, false), Ok(forty.clone()));
        assert_eq!(
            clean(&format!("{forty}b"), NAME_MAX, false),
            Err(TextError::TooLong {
                max: NAME_MAX,
                len: 41
            })
        );
        let block = "x".repeat(10_000);
        assert!(matches!(
            clean(&block, NOTE_MAX, true),
            Err(TextError::TooLong { len: 10_000, .. })
        ));
        // Forty emoji with skin tones are forty characters, not 160 bytes.
        assert!(clean(&"👍🏽".repeat(NAME_MAX), NAME_MAX, false).is_ok());
    }

    #[test]
    fn trims_and_drops_control_characters() {
        assert_eq!(clean("  Ana\u{0}\u{7}  ", NAME_MAX, false).unwrap(), "Ana");
        assert_eq!(clean("Ana\nMaria", NAME_MAX, false).unwrap(), "Ana Maria");
        assert_eq!(
            clean("line one\nline two\r", NOTE_MAX, true).unwrap(),
            "line one\nline two"
        );
        assert_eq!(
            clean("<script>alert(1)</script>", NOTE_MAX, true).unwrap(),
            "<script>alert(1)</script>"
        );
    }
}
