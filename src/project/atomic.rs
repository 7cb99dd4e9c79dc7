//! Replacing a file so that, killed at any moment, it is either the whole old file or the
//! whole new one: write a temporary file beside it, flush it, rename it over the target,
//! flush the folder.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use super::{ProjectError, SaveProgress};

/// Bytes written between progress reports.
pub(super) const CHUNK: usize = 64 * 1024;
/// Temporary files of saves killed midway are removed by a later save once this old
/// (younger ones may belong to a save still running in another window).
pub(super) const STALE_TEMP_AGE: Duration = Duration::from_secs(10 * 60);
pub(super) const TEMP_SUFFIX: &str = ".dateline-tmp";

/// Writes `bytes` to `path` atomically, reporting progress.
pub(super) fn write(
    path: &Path,
    bytes: &[u8],
    progress: &mut dyn FnMut(SaveProgress),
) -> Result<(), ProjectError> {
    let write_error = |step: &'static str| {
        move |source| ProjectError::Write {
            path: path.to_owned(),
            step,
            source,
        }
    };
    // Saving through a symbolic link replaces the file it points to, not the link.
    let target = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(path).map_err(write_error("following the link"))?
        }
        _ => path.to_owned(),
    };
    let name = target.file_name().ok_or_else(|| {
        write_error("choosing the file name")(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the path does not end in a file name",
        ))
    })?;
    let name = name.to_string_lossy().into_owned();
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let (temp, mut file) =
        create_temp(&dir, &name).map_err(write_error("creating a temporary file"))?;

    let written = (|| -> Result<(), (&'static str, io::Error)> {
        if let Ok(old) = fs::metadata(&target) {
            // Keep the old file's permissions (e.g. not world-readable).
            let _ = fs::set_permissions(&temp, old.permissions());
        }
        let total = bytes.len() as u64;
        let mut done = 0u64;
        for chunk in bytes.chunks(CHUNK) {
            file.write_all(chunk).map_err(|e| ("writing", e))?;
            done += chunk.len() as u64;
            progress(SaveProgress::Written {
                written: done,
                total,
            });
        }
        file.sync_all().map_err(|e| ("flushing to disk", e))?;
        progress(SaveProgress::Synced);
        drop(file);
        fs::rename(&temp, &target).map_err(|e| ("replacing the old file", e))?;
        Ok(())
    })();
    if let Err((step, source)) = written {
        let _ = fs::remove_file(&temp);
        return Err(write_error(step)(source));
    }
    progress(SaveProgress::Renamed);
    // The new file is in place; a folder that cannot be flushed (some network file
    // systems) only weakens durability on power loss, so it is not reported as a failure.
    let _ = sync_dir(&dir);
    remove_stale_temps(&dir, &name);
    Ok(())
}

fn temp_prefix(name: &str) -> String {
    format!(".{name}.")
}

fn create_temp(dir: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(
            "{}{}-{n}{TEMP_SUFFIX}",
            temp_prefix(name),
            std::process::id()
        ));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    // Windows cannot open folders as files; its rename is durable once it returns.
    Ok(())
}

/// Removes temporary files left by saves of the same target that were killed midway.
fn remove_stale_temps(dir: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let prefix = temp_prefix(name);
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        if !(file_name.starts_with(&prefix) && file_name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let old_enough = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|modified| now.duration_since(modified).ok())
            .is_some_and(|age| age >= STALE_TEMP_AGE);
        if old_enough {
            let _ = fs::remove_file(entry.path());
        }
    }
}
