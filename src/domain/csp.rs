//! Reading a Content-Security-Policy: may the page connect to an origin?
//! (Sync checks before it starts, so a build that does not allow the database
//! says so plainly instead of failing every request.)

/// Whether `policy` lets the page fetch from `origin` (`scheme://host[:port]`).
pub fn allows_connecting_to(policy: &str, origin: &str) -> bool {
    allows_page_connecting_to(policy, "", origin)
}

/// Whether `policy`, on a page served from `page` (its origin), lets it fetch
/// from `origin`: `'self'` is the page's own (a paired device's shop's server).
pub fn allows_page_connecting_to(policy: &str, page: &str, origin: &str) -> bool {
    let directive = |name: &str| {
        policy
            .split(';')
            .map(str::trim)
            .find_map(|d| {
                d.strip_prefix(name)
                    .filter(|rest| rest.starts_with(' ') || rest.is_empty())
            })
            .map(|rest| rest.split_whitespace().collect::<Vec<_>>())
    };
    let Some(sources) = directive("connect-src").or_else(|| directive("default-src")) else {
        return true;
    };
    let same = |a: &str, b: &str| {
        a.trim_end_matches('/')
            .eq_ignore_ascii_case(b.trim_end_matches('/'))
    };
    sources.iter().any(|s| {
        (*s == "'self'" && !page.is_empty() && same(page, origin))
            || *s == "*"
            || s.trim_end_matches('/')
                .eq_ignore_ascii_case(origin.trim_end_matches('/'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn self_is_the_pages_own_origin() {
        let policy = "default-src 'none'; connect-src 'self'";
        let page = "http://192.168.1.20:8080";
        assert!(allows_page_connecting_to(
            policy,
            page,
            "http://192.168.1.20:8080"
        ));
        assert!(!allows_page_connecting_to(
            policy,
            page,
            "http://192.168.1.21:8080"
        ));
        assert!(!allows_page_connecting_to(
            policy,
            page,
            "http://192.168.1.20:5984"
        ));
        assert!(!allows_connecting_to(policy, page));
    }

    const POLICY: &str = "default-src 'none'; script-src 'self'; connect-src 'self' https://couch.example.com:6984; style-src 'self'";

    #[test]
    fn the_named_origin_is_allowed_and_no_other() {
        assert!(allows_connecting_to(
            POLICY,
            "https://couch.example.com:6984"
        ));
        assert!(!allows_connecting_to(POLICY, "https://couch.example.com"));
        assert!(!allows_connecting_to(POLICY, "http://127.0.0.1:5984"));
    }

    #[test]
    fn default_src_applies_without_connect_src() {
        assert!(!allows_connecting_to(
            "default-src 'self'",
            "https://x.example"
        ));
        assert!(allows_connecting_to("default-src *", "https://x.example"));
        assert!(allows_connecting_to(
            "script-src 'self'",
            "https://x.example"
        ));
    }
}
