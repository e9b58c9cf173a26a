//! A printed number: the ticket on a slip from the kiosk's receipt printer,
//! with a QR code that opens the way-out questions with the ticket filled in
//! (`/#leaving=B-12`), for a customer who leaves in a hurry.
use super::pairing::QrCode;

/// The address's fragment that opens the way out with a ticket filled in: a
/// fragment, so the ticket is never sent to a server or kept in its logs.
pub const LEAVING_FRAGMENT: &str = "#leaving=";

/// The way-out questions at `origin`, with `ticket` filled in.
pub fn way_out_link(origin: &str, ticket: &str) -> String {
    format!("{origin}/{LEAVING_FRAGMENT}{ticket}")
}

/// The ticket in a way-out link's fragment (`#leaving=B-12`), to fill in: a
/// letter, digits and a dash, at most 8. The way-out question checks it as it
/// checks what is typed; this check is only what the kiosk's start-up can
/// afford (the ticket's own parsing is in a later part of its download).
pub fn ticket_in_fragment(fragment: &str) -> Option<String> {
    let ticket = fragment.strip_prefix(LEAVING_FRAGMENT)?;
    let fits = (1..=8).contains(&ticket.len())
        && ticket
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    fits.then(|| ticket.to_ascii_uppercase())
}

/// `text` as a QR code, rows of `1` (dark) and `0`; `None` when it is too long
/// for one (no way-out link is).
pub fn qr(text: &str) -> Option<QrCode> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    let size = code.width();
    let colors = code.to_colors();
    let rows = colors
        .chunks(size)
        .map(|row| {
            row.iter()
                .map(|c| if *c == qrcode::Color::Dark { '1' } else { '0' })
                .collect()
        })
        .collect();
    Some(QrCode { size, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_way_out_link_gives_back_its_ticket() {
        let link = way_out_link("https://shop.example", "B-12");
        assert_eq!(link, "https://shop.example/#leaving=B-12");
        let fragment = &link[link.find('#').unwrap()..];
        assert_eq!(ticket_in_fragment(fragment).as_deref(), Some("B-12"));
        assert_eq!(ticket_in_fragment("#leaving=7").as_deref(), Some("7"));
        assert_eq!(ticket_in_fragment("#leaving=b12").as_deref(), Some("B12"));
        for not_one in [
            "#leaving=",
            "#leaving=<script>",
            "#leaving=B%2012",
            "#pair=B-12",
            "#leaving=123456789",
        ] {
            assert_eq!(ticket_in_fragment(not_one), None, "{not_one}");
        }
    }

    #[test]
    fn the_qr_code_is_square_with_its_three_finder_patterns() {
        let code = qr(&way_out_link("http://192.168.1.20:8080", "B-123")).unwrap();
        assert_eq!(code.rows.len(), code.size);
        assert!(code.rows.iter().all(|r| r.len() == code.size));
        // Version 3 (29 modules) holds a LAN address and a ticket at level M.
        assert!(code.size <= 33, "{}", code.size);
        // A finder pattern: a dark ring of 7, a light ring, a dark 3x3 core.
        let finder = [
            "1111111", "1000001", "1011101", "1011101", "1011101", "1000001", "1111111",
        ];
        let n = code.size;
        for (x0, y0) in [(0, 0), (n - 7, 0), (0, n - 7)] {
            for (dy, line) in finder.iter().enumerate() {
                assert_eq!(
                    &code.rows[y0 + dy][x0..x0 + 7],
                    *line,
                    "finder at {x0},{y0}"
                );
            }
        }
        assert!(code.svg_path().starts_with("M0 0h7v1H0z"));
    }
}
