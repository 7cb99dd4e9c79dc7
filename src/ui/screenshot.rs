//! PNG screenshots of the window or one panel, through egui's `ViewportCommand::Screenshot`,
//! for the Export menu and for `dateline --screenshot` (which writes one and closes).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

use egui::{ColorImage, Rect};

use crate::ui::app::{Level, Message};

/// What to capture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Window,
    Map,
    Timeline,
}

/// A screenshot the command line asked for; `result` is read after the window closes.
#[derive(Clone, Debug)]
pub struct ScreenshotJob {
    pub path: PathBuf,
    pub result: Arc<Mutex<Option<Result<(), String>>>>,
}

impl ScreenshotJob {
    pub fn new(path: PathBuf) -> Self {
        ScreenshotJob {
            path,
            result: Arc::new(Mutex::new(None)),
        }
    }

    fn finish(&self, result: Result<(), String>) {
        if let Ok(mut slot) = self.result.lock() {
            *slot = Some(result);
        }
    }
}

/// Frames to wait before a command-line screenshot, so fits and layouts have settled.
const SETTLE_FRAMES: u64 = 12;
/// Give up on a command-line screenshot after this long.
const TIMEOUT_SECONDS: f64 = 30.0;

pub struct Screenshots {
    job: Option<ScreenshotJob>,
    job_requested: bool,
    frames: u64,
    pending: Vec<(Target, PathBuf)>,
    sender: Sender<Arc<ColorImage>>,
    receiver: Receiver<Arc<ColorImage>>,
}

impl Screenshots {
    pub fn new(job: Option<ScreenshotJob>) -> Self {
        let (sender, receiver) = channel();
        Screenshots {
            job,
            job_requested: false,
            frames: 0,
            pending: Vec::new(),
            sender,
            receiver,
        }
    }

    /// Asks where to save, then captures the next frame.
    pub fn ask_and_capture(&mut self, ctx: &egui::Context, target: Target) {
        let name = match target {
            Target::Window => "dateline.png",
            Target::Map => "dateline-map.png",
            Target::Timeline => "dateline-timeline.png",
        };
        let Some(path) = rfd::FileDialog::new()
            .set_title("Save screenshot")
            .set_file_name(name)
            .add_filter("PNG image", &["png"])
            .save_file()
        else {
            return;
        };
        self.capture(ctx, target, path);
    }

    fn capture(&mut self, ctx: &egui::Context, target: Target, path: PathBuf) {
        self.pending.push((target, path));
        let sender = self.sender.clone();
        let repaint = ctx.clone();
        ctx.request_screenshot(move |image| {
            let _ = sender.send(image);
            repaint.request_repaint();
        });
    }

    /// Call once a frame after the panels are drawn: drives the command-line screenshot and
    /// saves captured images. Returns a message for the status bar when one was saved.
    pub fn update(
        &mut self,
        ctx: &egui::Context,
        regions: &[(Target, Option<Rect>)],
    ) -> Option<Message> {
        self.frames += 1;
        if let Some(job) = &self.job {
            if !self.job_requested {
                if self.frames >= SETTLE_FRAMES {
                    self.job_requested = true;
                    let path = job.path.clone();
                    self.capture(ctx, Target::Window, path);
                }
                ctx.request_repaint();
            } else if ctx.input(|i| i.time) > TIMEOUT_SECONDS {
                job.finish(Err(
                    "no frame was captured in time (is a display available?)".into(),
                ));
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
        let mut message = None;
        while let Ok(image) = self.receiver.try_recv() {
            if self.pending.is_empty() {
                break;
            }
            let (target, path) = self.pending.remove(0);
            let region = regions
                .iter()
                .find(|(t, _)| *t == target)
                .and_then(|(_, r)| *r);
            let result = save_png(&image, crop_rect(&image, ctx, target, region), &path);
            if let Some(job) = &self.job
                && job.path == path
            {
                job.finish(result.clone());
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            message = Some(match result {
                Ok(()) => Message {
                    level: Level::Info,
                    text: format!("Saved screenshot {}", path.display()),
                },
                Err(e) => Message {
                    level: Level::Error,
                    text: e,
                },
            });
        }
        message
    }
}

/// The pixel rectangle of a panel (points × pixels per point), or the whole image.
fn crop_rect(
    image: &ColorImage,
    ctx: &egui::Context,
    target: Target,
    region: Option<Rect>,
) -> [usize; 4] {
    let full = [0, 0, image.size[0], image.size[1]];
    let (Target::Map | Target::Timeline, Some(rect)) = (target, region) else {
        return full;
    };
    let screen = ctx.content_rect();
    let scale = image.size[0] as f32 / screen.width().max(1.0);
    let x0 = (rect.min.x * scale).max(0.0) as usize;
    let y0 = (rect.min.y * scale).max(0.0) as usize;
    let x1 = ((rect.max.x * scale) as usize).min(image.size[0]);
    let y1 = ((rect.max.y * scale) as usize).min(image.size[1]);
    if x1 <= x0 + 1 || y1 <= y0 + 1 {
        return full;
    }
    [x0, y0, x1 - x0, y1 - y0]
}

/// Writes the `[x, y, w, h]` part of an image as PNG.
pub fn save_png(image: &ColorImage, [x, y, w, h]: [usize; 4], path: &Path) -> Result<(), String> {
    let mut rgba = Vec::with_capacity(w * h * 4);
    for row in y..y + h {
        for col in x..x + w {
            let pixel = image.pixels[row * image.size[0] + col];
            rgba.extend_from_slice(&pixel.to_srgba_unmultiplied());
        }
    }
    let buffer = image::RgbaImage::from_raw(w as u32, h as u32, rgba)
        .ok_or_else(|| "screenshot has an unexpected size".to_owned())?;
    buffer
        .save_with_format(path, image::ImageFormat::Png)
        .map_err(|e| format!("cannot write screenshot {}: {e}", path.display()))
}
