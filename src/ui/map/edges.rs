//! Arrows on the map's edge pointing at events outside the view ("Washington ▸"),
//! so nothing is silently off-screen. Clicking one pans there.

use super::markers::Offscreen;
use egui::epaint::PathShape;
use egui::{Align2, Color32, FontId, Painter, Rect, Stroke, vec2};

/// At most this many arrows, the places with most events first.
const MAX_ARROWS: usize = 8;

/// A drawn arrow and the place it points at (an index into the off-screen places).
pub(super) struct Arrow {
    pub rect: Rect,
    pub target: usize,
}

/// Draws an arrow with the place name for each place outside `rect`, skipping ones that
/// would cover labels or each other. Returns them for hovering and clicking.
pub(super) fn paint(
    painter: &Painter,
    rect: Rect,
    places: &[Offscreen],
    backdrop: Color32,
    text_color: Color32,
    taken: &[Rect],
) -> Vec<Arrow> {
    let inner = rect.shrink(16.0);
    let center = rect.center();
    let font = FontId::proportional(11.0);
    let mut arrows: Vec<Arrow> = Vec::new();
    let mut names: Vec<&str> = Vec::new();
    // `places` come busiest first.
    for (target, place) in places.iter().enumerate() {
        if arrows.len() >= MAX_ARROWS {
            break;
        }
        if names.contains(&place.name.as_str()) || !place.anchor.is_finite() {
            continue;
        }
        let offset = place.anchor - center;
        if offset.length() < 1.0 {
            continue;
        }
        // Where the line from the centre to the place leaves the (shrunk) view.
        let t =
            ((inner.width() / 2.0) / offset.x.abs()).min((inner.height() / 2.0) / offset.y.abs());
        let at = center + offset * t;
        let dir = offset.normalized();

        let (anchor, text_pos) = if (at.x - inner.left()).abs() < 0.5 {
            (Align2::LEFT_CENTER, at + vec2(10.0, 0.0))
        } else if (at.x - inner.right()).abs() < 0.5 {
            (Align2::RIGHT_CENTER, at - vec2(10.0, 0.0))
        } else if (at.y - inner.top()).abs() < 0.5 {
            (Align2::CENTER_TOP, at + vec2(0.0, 10.0))
        } else {
            (Align2::CENTER_BOTTOM, at - vec2(0.0, 10.0))
        };
        let galley = painter.layout_no_wrap(place.name.clone(), font.clone(), text_color);
        let mut label = anchor.anchor_size(text_pos, galley.size());
        // Keep the name inside the map even near corners.
        label = label.translate(vec2(
            (rect.left() + 2.0 - label.left()).max(0.0)
                - (label.right() - rect.right() + 2.0).max(0.0),
            (rect.top() + 2.0 - label.top()).max(0.0)
                - (label.bottom() - rect.bottom() + 2.0).max(0.0),
        ));
        let hit_rect = label.union(Rect::from_center_size(at, egui::Vec2::splat(16.0)));
        if taken
            .iter()
            .chain(arrows.iter().map(|a| &a.rect))
            .any(|r| r.intersects(hit_rect))
        {
            continue;
        }

        let color = place.color;
        // A long, narrow triangle, so its direction reads at a glance.
        let tip = at + dir * 9.0;
        let base = at - dir * 3.0;
        let side = dir.rot90() * 3.5;
        painter.add(PathShape::convex_polygon(
            vec![tip, base + side, base - side],
            color,
            Stroke::new(1.0, backdrop),
        ));
        painter.rect_filled(label.expand(2.0), 3.0, backdrop.gamma_multiply(0.85));
        painter.galley(label.min, galley, text_color);

        names.push(place.name.as_str());
        arrows.push(Arrow {
            rect: hit_rect,
            target,
        });
    }
    arrows
}
