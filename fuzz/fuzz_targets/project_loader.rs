//! Any bytes given as a project file must load or give a `ProjectError`, never panic; a
//! project that loads must save and load back identical, and its history must undo and
//! redo without panicking (it may refuse with an error).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(mut project) = dateline::project::parse(Path::new("fuzz.dateline"), data) else {
        return;
    };
    if let Ok(bytes) = dateline::project::to_bytes(&project) {
        let again = dateline::project::parse(Path::new("again.dateline"), &bytes);
        assert_eq!(again.ok().as_ref(), Some(&project));
    }
    while project.history.undo(&mut project.dataset).is_ok() {}
    while project.history.redo(&mut project.dataset).is_ok() {}
});
