//! Stable sorts through one instance of the standard library's sort.
//!
//! Each `sort_by_key` on a new element type instantiates the whole stable sort again (about
//! 3 KB of wasm each, a dozen of them in the npm package's `.wasm`). These helpers sort the
//! indices (`usize`, one instance) with a `dyn` comparison, then swap the items into that
//! order (one instance too, with a `dyn` swap): the same result as `slice::sort_by`, ties
//! kept in their original order.

use std::cmp::Ordering;

/// `items.sort_by(cmp)`, stable.
pub(crate) fn sort_by<T>(items: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    // Zero or one item: already sorted, and no index or slot vectors to allocate.
    if items.len() < 2 {
        return;
    }
    let order = {
        let items = &*items;
        order_of(items.len(), &|a, b| match (items.get(a), items.get(b)) {
            (Some(x), Some(y)) => cmp(x, y),
            _ => Ordering::Equal,
        })
    };
    permute(order, &mut |a, b| items.swap(a, b));
}

/// Moves item `order[k]` to position `k` for every `k` by swaps along the permutation's
/// cycles (not generic: each element type only adds its one-line `swap`).
fn permute(mut order: Vec<usize>, swap: &mut dyn FnMut(usize, usize)) {
    for start in 0..order.len() {
        let mut at = start;
        // Each visited slot is marked done (`order[at] == at`); a cycle ends back at `start`.
        while let Some(slot) = order.get_mut(at) {
            let from = std::mem::replace(slot, at);
            if from == start || from == at {
                break;
            }
            swap(at, from);
            at = from;
        }
    }
}

/// `items.sort_by_key(key)`, stable.
pub(crate) fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// `items.sort()`, stable.
pub(crate) fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
}

/// The indices `0..len` in the order of `cmp`, ties in index order (not generic: the one
/// instance of the standard library's sort).
pub(crate) fn order_of(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn same_order_as_the_standard_stable_sort(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..80)) {
            let mut expected = v.clone();
            expected.sort_by_key(|p| p.0);
            let mut got = v.clone();
            super::sort_by_key(&mut got, |p| p.0);
            prop_assert_eq!(&got, &expected);
            let mut expected = v.clone();
            expected.sort();
            let mut got = v;
            super::sort(&mut got);
            prop_assert_eq!(got, expected);
        }
    }
}
