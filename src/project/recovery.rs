//! The recovery copy: the project as it was a moment ago, kept in the user's data folder
//! while there are unsaved changes, so that a crash never loses work.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{Project, ProjectError, load, save};

/// Overrides the folder of the recovery file (tests, portable installs).
pub const RECOVERY_DIR_ENV: &str = "DATELINE_RECOVERY_DIR";
/// The recovery file's name inside its folder.
pub const RECOVERY_FILE: &str = "recovery.dateline";

/// Where the recovery copy lives: `$DATELINE_RECOVERY_DIR/recovery.dateline` if set, else
/// the user's data folder (`$XDG_DATA_HOME` or `~/.local/share` on Linux,
/// `~/Library/Application Support` on macOS, `%APPDATA%` on Windows) + `dateline/`.
pub fn recovery_path() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(RECOVERY_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir).join(RECOVERY_FILE));
    }
    Some(data_dir()?.join("dateline").join(RECOVERY_FILE))
}

fn data_dir() -> Option<PathBuf> {
    let env_dir = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    if cfg!(windows) {
        env_dir("APPDATA")
    } else if cfg!(target_os = "macos") {
        Some(env_dir("HOME")?.join("Library/Application Support"))
    } else {
        env_dir("XDG_DATA_HOME").or_else(|| Some(env_dir("HOME")?.join(".local/share")))
    }
}

/// Writes the recovery copy (atomically, like [`save`]).
pub fn write_recovery(project: &Project) -> Result<(), ProjectError> {
    Recovery::default_location()?.write(project)
}

/// The project in the recovery copy, if there is a readable one (see [`Recovery::take`]).
pub fn take_recovery() -> Option<Project> {
    Recovery::default_location().ok()?.take()
}

/// Removes the recovery copy, e.g. after a save or when the person declines to restore.
pub fn discard_recovery() -> Result<(), ProjectError> {
    Recovery::default_location()?.discard()
}

/// A recovery file at a chosen place; the free functions use [`recovery_path`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recovery {
    path: PathBuf,
}

impl Recovery {
    pub fn at(path: impl Into<PathBuf>) -> Self {
        Recovery { path: path.into() }
    }

    /// The recovery file at [`recovery_path`].
    pub fn default_location() -> Result<Self, ProjectError> {
        recovery_path()
            .map(Recovery::at)
            .ok_or_else(|| ProjectError::Write {
                path: PathBuf::from(RECOVERY_FILE),
                step: "finding the user's data folder",
                source: io::Error::new(
                    io::ErrorKind::NotFound,
                    "neither HOME nor XDG_DATA_HOME (APPDATA on Windows) is set",
                ),
            })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn write(&self, project: &Project) -> Result<(), ProjectError> {
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir).map_err(|source| ProjectError::Write {
                path: self.path.clone(),
                step: "creating the recovery folder",
                source,
            })?;
        }
        save(&self.path, project)
    }

    /// The recovered project, if the file exists and reads. The file stays until
    /// [`Recovery::discard`], so a crash while the person decides loses nothing. A damaged
    /// recovery file is moved aside to `….damaged` (kept for inspection, never offered
    /// again); one from a newer Dateline is left alone.
    pub fn take(&self) -> Option<Project> {
        match load(&self.path) {
            Ok(project) => Some(project),
            Err(
                ProjectError::Corrupt { .. }
                | ProjectError::Invalid { .. }
                | ProjectError::NotAProject { .. },
            ) => {
                let mut aside = self.path.clone().into_os_string();
                aside.push(".damaged");
                let _ = fs::rename(&self.path, aside);
                None
            }
            Err(_) => None,
        }
    }

    pub fn discard(&self) -> Result<(), ProjectError> {
        match fs::remove_file(&self.path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(ProjectError::Write {
                path: self.path.clone(),
                step: "removing the recovery file",
                source: e,
            }),
            _ => Ok(()),
        }
    }
}
