//! "Did you mean": the closest known name to a near-miss, case-insensitive match first
//! (`<sip>` → `Sip`, `callerID` → `callerId`), then the smallest edit distance
//! (`statusCallbackEvents` → `statusCallbackEvent`).

/// The best candidate for `name`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // Names longer than this are not typos of RCML names; skip the quadratic distance.
    const MAX_LEN: usize = 64;
    if name.is_empty() || name.len() > MAX_LEN {
        return None;
    }
    let limit = match name.chars().count() {
        0..=3 => 1,
        4..=7 => 2,
        _ => 3,
    };
    let lower = name.to_ascii_lowercase();
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        if candidate.eq_ignore_ascii_case(name) {
            return Some(candidate);
        }
        // The distance is at least the difference in length: most candidates stop here.
        if candidate.len().abs_diff(name.len()) > limit {
            continue;
        }
        let d = distance(&lower, &candidate.to_ascii_lowercase());
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), on bytes.
fn distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let width = b.len() + 1;
    // Three rolling rows: two back (for transpositions), previous, current.
    let mut two_back = vec![0usize; width];
    let mut prev: Vec<usize> = (0..width).collect();
    let mut cur = vec![0usize; width];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..width {
            let (ai, bj) = (a[i - 1], b[j - 1]);
            let cost = usize::from(ai != bj);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && ai == b[j - 2] && a[i - 2] == bj {
                v = v.min(two_back[j - 2] + 1);
            }
            cur[j] = v;
        }
        std::mem::swap(&mut two_back, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_insensitive_match_wins() {
        assert_eq!(did_you_mean("sip", ["Say", "Sip", "Sms"]), Some("Sip"));
        assert_eq!(did_you_mean("callerID", ["callerId", "action"]), Some("callerId"));
    }

    #[test]
    fn small_edits_are_suggested() {
        assert_eq!(
            did_you_mean("statusCallbackEvents", ["statusCallback", "statusCallbackEvent"]),
            Some("statusCallbackEvent")
        );
        assert_eq!(did_you_mean("Dail", ["Dial", "Play"]), Some("Dial"));
        assert_eq!(did_you_mean("answerd", ["answered", "ringing"]), Some("answered"));
    }

    #[test]
    fn far_names_are_not() {
        assert_eq!(did_you_mean("Foo", ["Dial", "Play"]), None);
        assert_eq!(did_you_mean("", ["Dial"]), None);
    }
}
