//! The desk: the staff's page, at `/desk`, a download of its own.
fn main() {
    lobby::start(lobby::DESK);
}
