//! Any bytes, under any of the names Dateline recognises, must give an article or a
//! `LoadError`, never a panic; and an article always has text and a title.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

const NAMES: [&str; 5] = ["a.txt", "a.html", "a.md", "a", "a.htm"];

fuzz_target!(|data: &[u8]| {
    // The first byte picks the file name, and with it the format.
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let path = Path::new(NAMES[usize::from(pick) % NAMES.len()]);
    if let Ok(article) = dateline::article::parse(path, bytes) {
        assert!(!article.text.trim().is_empty());
        assert!(!article.title.is_empty());
    }
});
