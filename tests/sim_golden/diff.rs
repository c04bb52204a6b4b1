//! A readable line diff for expected-file mismatches.

use std::fmt::Write as _;

/// A line diff of two texts with three lines of context, at most 80 lines: common prefix and
/// suffix trimmed, then a longest-common-subsequence alignment of the middle when it is small.
pub fn diff(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let prefix = e.iter().zip(&a).take_while(|(x, y)| x == y).count();
    let suffix = e[prefix..].iter().rev().zip(a[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (em, am) = (&e[prefix..e.len() - suffix], &a[prefix..a.len() - suffix]);
    let start = prefix.saturating_sub(3);
    let mut lines: Vec<String> = e[start..prefix].iter().map(|l| format!("  {l}")).collect();
    if em.len().saturating_mul(am.len()) <= 4_000_000 {
        // lcs[i][j]: length of the LCS of em[i..] and am[j..].
        let mut lcs = vec![vec![0u32; am.len() + 1]; em.len() + 1];
        for i in (0..em.len()).rev() {
            for j in (0..am.len()).rev() {
                lcs[i][j] =
                    if em[i] == am[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < em.len() || j < am.len() {
            if i < em.len() && j < am.len() && em[i] == am[j] {
                lines.push(format!("  {}", em[i]));
                (i, j) = (i + 1, j + 1);
            } else if i < em.len() && (j == am.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
                lines.push(format!("- {}", em[i]));
                i += 1;
            } else {
                lines.push(format!("+ {}", am[j]));
                j += 1;
            }
        }
    } else {
        lines.extend(em.iter().map(|l| format!("- {l}")));
        lines.extend(am.iter().map(|l| format!("+ {l}")));
    }
    let tail_end = (e.len() - suffix + 3).min(e.len());
    lines.extend(e[e.len() - suffix..tail_end].iter().map(|l| format!("  {l}")));
    let mut out = format!("@@ line {} @@\n", start + 1);
    let total = lines.len();
    for l in lines.into_iter().take(80) {
        out.push_str(&l);
        out.push('\n');
    }
    if total > 80 {
        let _ = writeln!(out, "  … {} more diff lines", total - 80);
    }
    out
}

#[test]
fn the_diff_shows_only_what_changed() {
    let expected = "a\nb\nc\nd\ne\nf\ng\nh\n";
    let actual = "a\nb\nc\nd\nE\nf\ng\nh\nI\n";
    let text = diff(expected, actual);
    assert!(text.contains("- e\n+ E\n  f\n"), "{text}");
    assert!(text.contains("+ I\n"), "{text}");
    assert!(!text.contains("  a\n"), "context is three lines: {text}");
}
