//! Calendar arithmetic for the virtual clock: reading the scenario's `start` (RFC 3339) and
//! writing `Timestamp` parameters (S4). No system clock is ever read.

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let m = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    (if m <= 2 { yoe + era * 400 + 1 } else { yoe + era * 400 }, m, d)
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `2026-11-29T09:00:00Z`, `2026-11-29T10:00:00.250+01:00` → milliseconds since the epoch.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let s = s.trim();
    let (date, rest) = s.split_at_checked(10)?;
    let mut parts = date.split('-');
    let (y, m, d) = (digits(parts.next()?)?, digits(parts.next()?)?, digits(parts.next()?)?);
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    let (time, zone) = rest.split_at_checked(8)?;
    let mut t = time.split(':');
    let (hh, mm, ss) = (digits(t.next()?)?, digits(t.next()?)?, digits(t.next()?)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    let (millis, zone) = match zone.strip_prefix('.') {
        Some(frac) => {
            let n = frac.bytes().take_while(u8::is_ascii_digit).count();
            let (f, z) = frac.split_at_checked(n)?;
            // The first three digits (zeros after the last one): milliseconds.
            let mut ms = 0i64;
            for i in 0..3 {
                ms = ms * 10 + i64::from(f.as_bytes().get(i).map_or(0, |b| b - b'0'));
            }
            if n == 0 {
                return None;
            }
            (ms, z)
        }
        None => (0, zone),
    };
    let offset_min: i64 = match zone {
        "Z" | "z" => 0,
        z if z.len() == 6 => {
            let sign = match z.as_bytes().first() {
                Some(b'+') => 1,
                Some(b'-') => -1,
                _ => return None,
            };
            let (oh, om) = (digits(z.get(1..3)?)?, digits(z.get(4..6)?)?);
            if z.get(3..4) != Some(":") {
                return None;
            }
            sign * i64::from(oh * 60 + om)
        }
        _ => return None,
    };
    let days = days_from_civil(i64::from(y), m, d);
    let secs = days * 86_400 + i64::from(hh * 3600 + mm * 60 + ss) - offset_min * 60;
    Some(secs * 1000 + millis)
}

const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// `Sun, 29 Nov 2026 09:00:03` followed by `zone` (`+0000` or `UTC`, S4).
pub fn format_http_date(epoch_ms: i64, zone: &str) -> String {
    let secs = epoch_ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let weekday = WEEKDAYS.get(usize::try_from(days.rem_euclid(7)).unwrap_or(0)).copied().unwrap_or("Thu");
    let month = MONTHS.get(m.saturating_sub(1) as usize).copied().unwrap_or("Jan");
    format!(
        "{weekday}, {d:02} {month} {y:04} {:02}:{:02}:{:02} {zone}",
        sod / 3600,
        (sod / 60) % 60,
        sod % 60
    )
}

/// `2026-11-29T09:00:03.000Z` (Restcomm-Connect's `CallTimestamp`).
pub fn format_iso(epoch_ms: i64) -> String {
    let secs = epoch_ms.div_euclid(1000);
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let sod = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        sod / 3600,
        (sod / 60) % 60,
        sod % 60,
        epoch_ms.rem_euclid(1000)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_formats() {
        let t = parse_rfc3339("2026-11-29T09:00:00Z");
        assert_eq!(t, Some(1_795_942_800_000));
        let t = t.unwrap_or(0);
        assert_eq!(format_http_date(t + 3000, "+0000"), "Sun, 29 Nov 2026 09:00:03 +0000");
        assert_eq!(
            format_http_date(parse_rfc3339("2026-11-01T09:00:03Z").unwrap_or(0), "UTC"),
            "Sun, 01 Nov 2026 09:00:03 UTC"
        );
        assert_eq!(parse_rfc3339("2026-11-29T10:00:00.5+01:00"), Some(t + 500));
        assert_eq!(format_iso(t + 1234), "2026-11-29T09:00:01.234Z");
        for bad in
            ["", "2026-13-01T00:00:00Z", "2026-11-29", "2026-11-29T09:00:00", "2026-11-29T09:00:00+0100"]
        {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }
}
