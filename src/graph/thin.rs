//! Thinning to the pixels drawn: a class of marks with more members than
//! the plot has pixel columns becomes one mark per column (a bar spanning
//! what the column's bars spanned; a point keeping the column's largest
//! value); a line keeps at most its first, lowest, highest and last vertex
//! per column. Below that threshold nothing is merged, so a small
//! connection shows every segment.

/// A vertical bar at `x` from `lo` to `hi`.
#[derive(Clone, Copy, Debug)]
pub struct Bar {
    pub x: f64,
    pub lo: f64,
    pub hi: f64,
}

fn column(x: f64, x0: f64, x1: f64, cols: usize) -> usize {
    let span = (x1 - x0).max(f64::MIN_POSITIVE);
    let c = ((x - x0) / span * cols as f64).floor();
    if c.is_nan() || c < 0.0 {
        0
    } else {
        (c as usize).min(cols.saturating_sub(1))
    }
}

/// Bars, one per column when there are more than `cols`; returns whether
/// they were thinned.
pub fn bars(v: &mut Vec<Bar>, x0: f64, x1: f64, cols: usize) -> bool {
    if v.len() <= cols {
        return false;
    }
    let mut out: Vec<Option<Bar>> = vec![None; cols];
    for b in v.iter() {
        if let Some(slot) = out.get_mut(column(b.x, x0, x1, cols)) {
            match slot {
                None => *slot = Some(*b),
                Some(m) => {
                    m.lo = m.lo.min(b.lo);
                    m.hi = m.hi.max(b.hi);
                }
            }
        }
    }
    *v = out.into_iter().flatten().collect();
    true
}

/// Points, one per column (the largest value) when there are more than
/// `cols`; returns whether they were thinned.
pub fn points(v: &mut Vec<(f64, f64)>, x0: f64, x1: f64, cols: usize) -> bool {
    if v.len() <= cols {
        return false;
    }
    let mut out: Vec<Option<(f64, f64)>> = vec![None; cols];
    for &(x, y) in v.iter() {
        if let Some(slot) = out.get_mut(column(x, x0, x1, cols)) {
            match slot {
                Some((_, m)) if *m >= y => {}
                _ => *slot = Some((x, y)),
            }
        }
    }
    *v = out.into_iter().flatten().collect();
    true
}

/// A polyline in x order: at most four vertices per column (first, lowest,
/// highest, last, in x order) when it has more than four per column.
pub fn line(v: &mut Vec<(f64, f64)>, x0: f64, x1: f64, cols: usize) {
    if v.len() <= 4 * cols {
        return;
    }
    let mut out = Vec::with_capacity(4 * cols);
    let mut i = 0;
    while i < v.len() {
        let c = column(v[i].0, x0, x1, cols);
        let mut j = i;
        let (mut lo, mut hi) = (i, i);
        while j < v.len() && column(v[j].0, x0, x1, cols) == c {
            if v[j].1 < v[lo].1 {
                lo = j;
            }
            if v[j].1 > v[hi].1 {
                hi = j;
            }
            j += 1;
        }
        let mut keep = [i, lo, hi, j - 1];
        keep.sort_unstable();
        let mut last = usize::MAX;
        for k in keep {
            if k != last {
                out.push(v[k]);
                last = k;
            }
        }
        i = j;
    }
    *v = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn few_bars_are_kept_many_are_one_per_column() {
        let mut v: Vec<Bar> = (0..10)
            .map(|i| Bar {
                x: f64::from(i) * 0.01,
                lo: f64::from(i),
                hi: f64::from(i) + 1.0,
            })
            .collect();
        assert!(!bars(&mut v, 0.0, 1.0, 100));
        assert_eq!(v.len(), 10);
        let mut v: Vec<Bar> = (0..100_000)
            .map(|i| Bar {
                x: f64::from(i) / 100_000.0,
                lo: f64::from(i),
                hi: f64::from(i) + 1.0,
            })
            .collect();
        assert!(bars(&mut v, 0.0, 1.0, 100));
        assert_eq!(v.len(), 100);
        assert_eq!(v[0].lo, 0.0);
        assert_eq!(v[0].hi, 1000.0);
        assert_eq!(v[99].hi, 100_000.0);
    }

    #[test]
    fn lines_keep_extremes() {
        let mut v: Vec<(f64, f64)> = (0..10_000)
            .map(|i| (f64::from(i) / 10_000.0, f64::from(i % 7)))
            .collect();
        line(&mut v, 0.0, 1.0, 10);
        assert!(v.len() <= 40);
        assert!(v.iter().any(|p| p.1 == 6.0));
        assert!(v.iter().any(|p| p.1 == 0.0));
    }
}
