//! A printed number: the ticket on a slip from the kiosk's receipt printer,
//! with a QR code that opens the way-out questions with the ticket filled in
//! (`/#leaving=B-12~<check-in id>`), for a customer who leaves in a hurry. The
//! check-in's id, which only the slip, its kiosk and the desks know, is what
//! lets the shop's server take the answers of a phone with no account.
use super::pairing::QrCode;

/// The address's fragment that opens the way out with a ticket filled in: a
/// fragment, so neither is sent to a server or kept in its logs.
pub const LEAVING_FRAGMENT: &str = "#leaving=";

/// The way-out questions at `origin`, with `ticket` filled in, for the
/// check-in `intake_id`.
pub fn way_out_link(origin: &str, ticket: &str, intake_id: &str) -> String {
    format!("{origin}/{LEAVING_FRAGMENT}{ticket}~{intake_id}")
}

/// The ticket in a way-out link's fragment (`#leaving=B-12~<id>`), to fill in,
/// and the check-in's id when the link has one: letters, digits, `-` and `_`,
/// at most 8 for the ticket and 80 for the id. The way-out question checks the
/// ticket as it checks what is typed; this check is only what the kiosk's
/// start-up can afford (the ticket's own parsing is in a later part).
pub fn ticket_in_fragment(fragment: &str) -> Option<(String, Option<String>)> {
    let rest = fragment.strip_prefix(LEAVING_FRAGMENT)?;
    let (ticket, id) = match rest.split_once('~') {
        Some((ticket, id)) => (ticket, Some(id)),
        None => (rest, None),
    };
    let plain = |s: &str, max: usize| {
        (1..=max).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    let id_fits = id.is_none_or(|id| plain(id, 80));
    (plain(ticket, 8) && id_fits).then(|| (ticket.to_ascii_uppercase(), id.map(str::to_string)))
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
    fn a_way_out_link_gives_back_its_ticket_and_check_in() {
        let link = way_out_link("https://shop.example", "B-12", "3f9a0c1d-77e2");
        assert_eq!(link, "https://shop.example/#leaving=B-12~3f9a0c1d-77e2");
        let fragment = &link[link.find('#').unwrap()..];
        assert_eq!(
            ticket_in_fragment(fragment),
            Some(("B-12".into(), Some("3f9a0c1d-77e2".into())))
        );
        assert_eq!(ticket_in_fragment("#leaving=7"), Some(("7".into(), None)));
        assert_eq!(
            ticket_in_fragment("#leaving=b12"),
            Some(("B12".into(), None))
        );
        for not_one in [
            "#leaving=",
            "#leaving=<script>",
            "#leaving=B%2012",
            "#pair=B-12",
            "#leaving=123456789",
            "#leaving=B-12~",
            "#leaving=B-12~a/b",
            "#leaving=~abc",
        ] {
            assert_eq!(ticket_in_fragment(not_one), None, "{not_one}");
        }
    }

    #[test]
    fn the_qr_code_is_square_with_its_three_finder_patterns() {
        let link = way_out_link(
            "http://192.168.1.20:8080",
            "B-123",
            "0123456789abcdef-0123456789abcdef",
        );
        let code = qr(&link).unwrap();
        assert_eq!(code.rows.len(), code.size);
        assert!(code.rows.iter().all(|r| r.len() == code.size));
        // Version 5 (37 modules) holds a LAN address, a ticket and a check-in's
        // id at level M: small enough to scan off a 58 mm slip.
        assert!(code.size <= 37, "{}", code.size);
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
