//! Which events are visible, one bit per event: made from the visible indices in one pass,
//! so that a view can walk its own per-dataset lists of events (grouped by date or place)
//! and keep the visible ones, instead of sorting the visible events into groups each time.

pub(crate) struct VisibleMask {
    bits: Vec<u64>,
}

impl VisibleMask {
    /// The mask of `visible` (indices into a dataset of `events` events; others are ignored).
    pub(crate) fn of(visible: &[usize], events: usize) -> VisibleMask {
        let mut bits = vec![0u64; events.div_ceil(64)];
        for &i in visible.iter().filter(|&&i| i < events) {
            bits[i / 64] |= 1u64 << (i % 64);
        }
        VisibleMask { bits }
    }

    pub(crate) fn contains(&self, index: usize) -> bool {
        self.bits
            .get(index / 64)
            .is_some_and(|word| word & (1u64 << (index % 64)) != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mask_holds_exactly_the_visible_events() {
        let visible = [0, 3, 63, 64, 65, 127, 128, 199, 500];
        let mask = VisibleMask::of(&visible, 200);
        for i in 0..260 {
            assert_eq!(mask.contains(i), visible.contains(&i) && i < 200, "{i}");
        }
    }
}
