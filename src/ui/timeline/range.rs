//! The timeline's x range: fitting the events, bringing the selection into view, and the
//! mouse wheel (zoom around the pointer); the y range is the lanes, fixed.

use super::marks;
use egui::Vec2;
use egui_plot::PlotUi;

/// Zoom per point of mouse-wheel scrolling.
const WHEEL_ZOOM_SPEED: f64 = 0.004;
/// The narrowest and widest x ranges, in days: two days, and a thousand years.
const MIN_SPAN_DAYS: f64 = 2.0;
const MAX_SPAN_DAYS: f64 = 365.25 * 1000.0;
/// Room "Fit all" leaves around the events: at least this many days, or this share of the range.
const FIT_PAD_DAYS: f64 = 1.5;
const FIT_PAD_SHARE: f64 = 0.05;
/// Room above the first lane and below the last, in lanes.
const LANE_MARGIN: f64 = 0.65;

/// What should happen to the x range this frame, decided before the plot is drawn.
pub(super) struct RangeRequest {
    pub fit: Option<(f64, f64)>,
    /// The fitted range, used when the plot has no valid range yet (first frame, lost memory).
    pub fallback: (f64, f64),
    /// The selected event's x extent, when it was just selected and may be off-screen.
    pub reveal: Option<(f64, f64)>,
    pub lanes: usize,
}

/// The x range showing every dated event (`extent`) with room around it; a month around
/// today when nothing is dated.
pub(super) fn fit_range(extent: Option<(f64, f64)>) -> (f64, f64) {
    let Some((lo, hi)) = extent else {
        let today = super::calendar::day_number(chrono::Local::now().date_naive());
        return (today - 15.0, today + 15.0);
    };
    let pad = ((hi - lo) * FIT_PAD_SHARE).max(FIT_PAD_DAYS);
    clamp_span((lo - pad, hi + pad))
}

/// Keeps the x range between two days and a thousand years wide, around its centre.
fn clamp_span((lo, hi): (f64, f64)) -> (f64, f64) {
    let center = ((lo + hi) / 2.0).clamp(-3.0e7, 3.0e7);
    let width = hi - lo;
    let width = if width.is_finite() {
        width.clamp(MIN_SPAN_DAYS, MAX_SPAN_DAYS)
    } else {
        30.0
    };
    if width == hi - lo && center == (lo + hi) / 2.0 {
        (lo, hi)
    } else {
        (center - width / 2.0, center + width / 2.0)
    }
}

/// Shifts `range` as little as possible so `(start, end)` is inside it, keeping the zoom.
fn reveal_in(range: (f64, f64), (start, end): (f64, f64)) -> (f64, f64) {
    let (lo, hi) = range;
    if start >= lo && end <= hi {
        return range;
    }
    let width = hi - lo;
    let margin = width * 0.1;
    if end - start > width - 2.0 * margin {
        let mid = (start + end) / 2.0;
        (mid - width / 2.0, mid + width / 2.0)
    } else if start < lo {
        (start - margin, start - margin + width)
    } else {
        (end + margin - width, end + margin)
    }
}

/// Sets the plot's bounds: fixed lanes on y; on x a fit, a reveal of the selection, or the
/// mouse wheel (zoom around the pointer; horizontal wheel pans). Dragging and ctrl/pinch
/// zoom are egui_plot's own.
pub(super) fn navigate(plot_ui: &mut PlotUi<'_>, request: &RangeRequest) {
    let bottom = marks::lane_y(request.lanes.max(1) - 1) - LANE_MARGIN;
    plot_ui.set_plot_bounds_y(bottom..=LANE_MARGIN);

    let bounds = plot_ui.plot_bounds();
    let current = (bounds.min()[0], bounds.max()[0]);
    let mut range = match request.fit {
        Some(fit) => fit,
        None if bounds.is_valid_x() => current,
        None => request.fallback,
    };
    if request.fit.is_none()
        && let Some(extent) = request.reveal
    {
        range = reveal_in(range, extent);
    }
    if plot_ui.response().contains_pointer() {
        let scroll = plot_ui.ctx().input(|i| i.smooth_scroll_delta);
        if scroll != Vec2::ZERO {
            if let Some(pointer) = plot_ui.pointer_coordinate() {
                let shrink = (-f64::from(scroll.y) * WHEEL_ZOOM_SPEED).exp();
                range = (
                    pointer.x - (pointer.x - range.0) * shrink,
                    pointer.x + (range.1 - pointer.x) * shrink,
                );
            }
            let days = -f64::from(scroll.x) * plot_ui.transform().dvalue_dpos()[0];
            range = (range.0 + days, range.1 + days);
            // The timeline used the wheel; a surrounding scroll area must not scroll as well.
            plot_ui
                .ctx()
                .input_mut(|i| i.smooth_scroll_delta = Vec2::ZERO);
        }
    }
    let range = clamp_span(range);
    if range != current {
        plot_ui.set_plot_bounds_x(range.0..=range.1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revealing_an_off_screen_event_keeps_the_zoom() {
        let range = (100.0, 110.0);
        assert_eq!(reveal_in(range, (105.0, 105.0)), range);
        let shifted = reveal_in(range, (130.0, 130.0));
        assert!((shifted.1 - shifted.0 - 10.0).abs() < 1e-9);
        assert!(shifted.0 < 130.0 && 130.0 < shifted.1);
    }

    #[test]
    fn the_span_is_clamped_between_two_days_and_a_millennium() {
        let (lo, hi) = clamp_span((10.0, 10.5));
        assert!((hi - lo - MIN_SPAN_DAYS).abs() < 1e-9);
        let (lo, hi) = clamp_span((0.0, 1.0e9));
        assert!((hi - lo - MAX_SPAN_DAYS).abs() < 1e-6);
        assert_eq!(clamp_span((0.0, 30.0)), (0.0, 30.0));
    }
}
