//! When a customer walks away mid-way: ask, count down, then wipe.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Idle {
    /// Someone touched or typed recently.
    Active,
    /// "Are you still there?", with the seconds left before the answers are wiped.
    Asking { seconds_left: u32 },
    /// Nobody answered: wipe and return to Welcome.
    Expired,
}

/// What to do after `idle_ms` without a touch or a key.
pub fn idle(idle_ms: i64, idle_seconds: u32, countdown_seconds: u32) -> Idle {
    let asked_at = idle_seconds as i64 * 1000;
    let wiped_at = asked_at + countdown_seconds as i64 * 1000;
    if idle_ms < asked_at {
        Idle::Active
    } else if idle_ms < wiped_at {
        // Round up: the overlay never shows "0" while there is still time.
        let left = (wiped_at - idle_ms + 999) / 1000;
        Idle::Asking {
            seconds_left: left as u32,
        }
    } else {
        Idle::Expired
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asks_then_counts_down_then_wipes() {
        assert_eq!(idle(0, 60, 15), Idle::Active);
        assert_eq!(idle(59_999, 60, 15), Idle::Active);
        assert_eq!(idle(60_000, 60, 15), Idle::Asking { seconds_left: 15 });
        assert_eq!(idle(60_001, 60, 15), Idle::Asking { seconds_left: 15 });
        assert_eq!(idle(74_000, 60, 15), Idle::Asking { seconds_left: 1 });
        assert_eq!(idle(74_999, 60, 15), Idle::Asking { seconds_left: 1 });
        assert_eq!(idle(75_000, 60, 15), Idle::Expired);
        assert_eq!(idle(10_000_000, 60, 15), Idle::Expired);
    }

    #[test]
    fn a_clock_that_went_back_counts_as_active() {
        assert_eq!(idle(-5_000, 60, 15), Idle::Active);
    }
}
