//! The kiosk: the customer's page, at `/`.
fn main() {
    lobby::start(lobby::KIOSK);
}
