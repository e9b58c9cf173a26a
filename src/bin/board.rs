//! The lobby board: a screen in the lobby, at `/board`, a download of its own.
fn main() {
    lobby::start(lobby::BOARD);
}
