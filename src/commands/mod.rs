//! One module per subcommand: each takes a validated job from [`cli`](crate::cli) and runs it.

pub mod parse;
pub mod render;
pub mod sync;
pub mod verify;

use std::path::Path;

use anyhow::{Context, bail};

/// Refuses an existing `-o` file unless `replace`: a report never overwrites a user's file by surprise. A device or a
/// pipe (`/dev/null`, `/dev/stdout`) is written to, not replaced, so it needs no `--force`.
pub fn check_output(path: &Path, replace: bool) -> anyhow::Result<()> {
    if path.exists() && !replace && !is_stream(path) {
        bail!("{} already exists; pass --force to replace it, or -o to write elsewhere", path.display());
    }
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file in the same folder, so a failure never leaves half a file, and
/// never replaces an existing file unless `replace` ([`check_output`]). A device or a pipe is written to directly:
/// renaming a file over `/dev/null` would replace the device.
pub fn write_file(path: &Path, bytes: &[u8], replace: bool) -> anyhow::Result<()> {
    check_output(path, replace)?;
    if is_stream(path) {
        return std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()));
    }
    let folder = path.parent().filter(|folder| !folder.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let temporary = folder.join(format!(
        ".{}.checkdown-{}.tmp",
        path.file_name().map(|name| name.to_string_lossy()).unwrap_or_default(),
        std::process::id()
    ));
    std::fs::write(&temporary, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    if let Err(error) = std::fs::rename(&temporary, path) {
        let _ = std::fs::remove_file(&temporary);
        return Err(error).with_context(|| format!("cannot write {}", path.display()));
    }
    Ok(())
}

/// Whether `path` is something other than a file or a folder: a device or a pipe.
fn is_stream(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|metadata| !metadata.is_file() && !metadata.is_dir())
}
