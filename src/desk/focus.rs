//! Where keyboard focus goes on the desk when a change redraws what had it.

/// The queue's heading: focus goes there when the control that had it is gone.
pub const HEADING_ID: &str = "desk-heading";

/// Runs `change` (a staff member's change to an intake or feedback) and, if the
/// redraw drops focus (a card that moves is drawn anew), gives it back to the
/// control that had it, or to the queue's heading if that control is gone.
pub fn keeping_focus(change: impl FnOnce()) {
    crate::web::document::keeping_focus(HEADING_ID, change);
}
