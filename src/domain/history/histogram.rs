//! How long spans took, in fixed bins, so that a percentile needs no list of
//! every span and a database view can sum the bins like any count.
use serde::{Deserialize, Serialize};

use crate::domain::clock::MINUTE_MS;

/// How many minutes spans took, in bins: each minute up to two hours, then five
/// minutes up to four, a quarter of an hour up to eight, each hour up to three
/// days, and one bin beyond. Percentiles read whole minutes where they matter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Histogram(Vec<u32>);

pub(super) const STEPS: [(i64, i64); 4] = [(120, 1), (240, 5), (480, 15), (72 * 60, 60)];
pub const BINS: usize = 120 + 24 + 16 + 64 + 1;

pub(super) fn bin_of(minutes: i64) -> usize {
    let (mut from, mut bin) = (0, 0);
    for (to, step) in STEPS {
        if minutes < to {
            return bin + ((minutes.max(from) - from) / step) as usize;
        }
        bin += ((to - from) / step) as usize;
        from = to;
    }
    bin
}

/// The fewest minutes a bin holds.
pub(super) fn bin_floor(bin: usize) -> i64 {
    let (mut from, mut first) = (0, 0);
    for (to, step) in STEPS {
        let bins = ((to - from) / step) as usize;
        if bin < first + bins {
            return from + (bin - first) as i64 * step;
        }
        first += bins;
        from = to;
    }
    from
}

impl Histogram {
    pub fn add(&mut self, ms: i64) {
        if self.0.len() < BINS {
            self.0.resize(BINS, 0);
        }
        self.0[bin_of(ms.max(0) / MINUTE_MS)] += 1;
    }

    pub(super) fn add_to_bin(&mut self, bin: usize, n: u32) {
        if self.0.len() < BINS {
            self.0.resize(BINS, 0);
        }
        self.0[bin] += n;
    }

    pub fn count(&self) -> u32 {
        self.0.iter().sum()
    }

    pub(super) fn merge(&mut self, other: &Histogram) {
        if self.0.len() < other.0.len() {
            self.0.resize(other.0.len(), 0);
        }
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a += b;
        }
    }

    /// The nearest-rank percentile (`pct` of 100), as the fewest whole minutes of
    /// its bin; `None` when empty.
    pub fn percentile(&self, pct: u32) -> Option<i64> {
        let n = self.count();
        if n == 0 {
            return None;
        }
        let rank = (u64::from(n) * u64::from(pct)).div_ceil(100).max(1);
        let mut seen = 0u64;
        self.0.iter().enumerate().find_map(|(bin, &c)| {
            seen += u64::from(c);
            (seen >= rank).then(|| bin_floor(bin))
        })
    }
}
