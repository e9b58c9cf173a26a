//! Prints the `desk_pin_hash` value for kiosk.json: `cargo run --bin pin-hash -- 2468`.
use std::io::Read;

fn main() {
    let pin = std::env::args().nth(1).unwrap_or_default();
    if !lobby::domain::pin::is_valid_pin(&pin) {
        eprintln!("Give the PIN as 4 to 8 digits, e.g.: cargo run --bin pin-hash -- 2468");
        std::process::exit(2);
    }
    let mut salt = [0u8; 16];
    if let Err(e) = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut salt)) {
        eprintln!("Could not read random bytes for the salt: {e}");
        std::process::exit(1);
    }
    println!("{}", lobby::domain::pin::hash_pin(&pin, &salt));
}
