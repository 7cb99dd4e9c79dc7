//! The colour of each event type, shared by every view and legend.

use crate::model::EventType;
use egui::Color32;

/// A colour that reads on both light and dark backgrounds.
pub fn type_color(event_type: EventType) -> Color32 {
    match event_type {
        EventType::Protest => Color32::from_rgb(0x3b, 0x82, 0xf6),
        EventType::Riot => Color32::from_rgb(0xf5, 0x9e, 0x0b),
        EventType::Attack => Color32::from_rgb(0xdc, 0x26, 0x26),
        EventType::AirStrike => Color32::from_rgb(0x9d, 0x17, 0x4d),
        EventType::ShellingMissile => Color32::from_rgb(0xea, 0x58, 0x0c),
        EventType::ArmedClash => Color32::from_rgb(0xb9, 0x1c, 0x1c),
        EventType::Killing => Color32::from_rgb(0x7f, 0x1d, 0x1d),
        EventType::Evacuation => Color32::from_rgb(0x10, 0xb9, 0x81),
        EventType::Statement => Color32::from_rgb(0x64, 0x74, 0x8b),
        EventType::Arrest => Color32::from_rgb(0x8b, 0x5c, 0xf6),
        EventType::Disaster => Color32::from_rgb(0x0e, 0x74, 0x90),
        EventType::Election => Color32::from_rgb(0x65, 0xa3, 0x0d),
        EventType::Agreement => Color32::from_rgb(0x14, 0xb8, 0xa6),
        EventType::Other => Color32::from_rgb(0xa8, 0xa2, 0x9e),
    }
}
