//! The desk's chime.

thread_local! {
    /// One audio context for the page: browsers limit how many there may be.
    static AUDIO: std::cell::RefCell<Option<web_sys::AudioContext>> = const { std::cell::RefCell::new(None) };
}

/// A short, soft chime: two notes for a new check-in, three for someone who wants
/// a person. Silent where the browser has no audio.
pub fn chime(urgent: bool) {
    let ctx = AUDIO.with(|a| {
        let mut a = a.borrow_mut();
        if a.is_none() {
            *a = web_sys::AudioContext::new().ok();
        }
        a.clone()
    });
    let Some(ctx) = ctx else { return };
    crate::web::fault::let_settle(ctx.resume());
    let notes: &[f32] = if urgent {
        &[880.0, 660.0, 880.0]
    } else {
        &[660.0, 880.0]
    };
    let t = ctx.current_time();
    for (n, frequency) in notes.iter().enumerate() {
        let start = t + n as f64 * 0.18;
        let play = || -> Result<(), wasm_bindgen::JsValue> {
            let osc = ctx.create_oscillator()?;
            osc.set_type(web_sys::OscillatorType::Sine);
            osc.frequency().set_value(*frequency);
            let gain = ctx.create_gain()?;
            gain.gain().set_value_at_time(0.0001, start)?;
            gain.gain()
                .exponential_ramp_to_value_at_time(0.2, start + 0.02)?;
            gain.gain()
                .exponential_ramp_to_value_at_time(0.0001, start + 0.16)?;
            osc.connect_with_audio_node(&gain)?;
            gain.connect_with_audio_node(&ctx.destination())?;
            osc.start_with_when(start)?;
            osc.stop_with_when(start + 0.17)?;
            Ok(())
        };
        if play().is_err() {
            return;
        }
    }
}
