//! PDF: the printable HTML printed by a Chromium-family browser already on the machine, headless, with a fresh
//! profile and no network.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use thiserror::Error;

/// The browsers looked for on `PATH`, in order.
pub const BROWSERS: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "microsoft-edge",
    "microsoft-edge-stable",
];

/// How long printing may take before the browser is stopped.
pub const TIMEOUT: Duration = Duration::from_secs(90);

/// Printing failed.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum PdfError {
    /// No browser was found.
    #[error(
        "PDF output needs a Chromium-family browser and none was found on PATH (looked for {}); install one \
         (Debian/Ubuntu: `apt-get install chromium`) or pass --browser PATH",
        BROWSERS.join(", ")
    )]
    NoBrowser,
    /// `--browser` names no executable file.
    #[error("--browser {0}: no such executable")]
    NotExecutable(PathBuf),
    /// The browser could not be started.
    #[error("cannot start {browser}")]
    Spawn {
        /// The browser.
        browser: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The browser ran but wrote no PDF.
    #[error("{browser} did not print the PDF ({status}){details}")]
    Failed {
        /// The browser.
        browser: PathBuf,
        /// Its exit status.
        status: String,
        /// The end of what it printed on stderr.
        details: String,
    },
    /// The browser did not finish in time and was stopped.
    #[error("{browser} did not finish printing within {} s and was stopped", TIMEOUT.as_secs())]
    Timeout {
        /// The browser.
        browser: PathBuf,
    },
    /// A temporary file could not be written or read.
    #[error("cannot use the temporary folder {path}")]
    Temp {
        /// The folder.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
}

/// The browser to print with: `explicit`, else the first of [`BROWSERS`] on `PATH`.
pub fn find_browser(explicit: Option<&Path>) -> Result<PathBuf, PdfError> {
    if let Some(browser) = explicit {
        return if browser.is_file() {
            Ok(browser.to_owned())
        } else {
            Err(PdfError::NotExecutable(browser.to_owned()))
        };
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    BROWSERS
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
        .ok_or(PdfError::NoBrowser)
}

/// Prints `html` to PDF bytes with `browser`. The page size comes from the HTML's `@page` rule.
pub fn print(browser: &Path, html: &str) -> Result<Vec<u8>, PdfError> {
    let work = TempDir::new()?;
    let page = work.path.join("checklist.html");
    let pdf = work.path.join("checklist.pdf");
    let temp = |source| PdfError::Temp { path: work.path.clone(), source };
    std::fs::write(&page, html).map_err(temp)?;
    // A file, not a pipe: a chatty browser could fill a pipe nobody reads while we wait, and hang.
    let log = work.path.join("stderr.log");
    let log_file = std::fs::File::create(&log).map_err(temp)?;
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-sync",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-default-apps",
            "--disable-quic",
            // Any request the page might make goes to a closed local port: printing never reaches the network.
            "--proxy-server=http://127.0.0.1:9",
            "--proxy-bypass-list=<-loopback>",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", work.path.join("profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log_file)
        .spawn()
        .map_err(|source| PdfError::Spawn { browser: browser.to_owned(), source })?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(PdfError::Timeout { browser: browser.to_owned() });
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(source) => return Err(PdfError::Spawn { browser: browser.to_owned(), source }),
        }
    };
    match std::fs::read(&pdf) {
        Ok(bytes) if bytes.starts_with(b"%PDF") => Ok(bytes),
        _ => {
            let stderr = std::fs::read_to_string(&log).unwrap_or_default();
            let tail: Vec<&str> = stderr.lines().rev().take(5).collect();
            let details = if tail.is_empty() {
                String::new()
            } else {
                format!(": {}", tail.into_iter().rev().collect::<Vec<_>>().join(" | "))
            };
            Err(PdfError::Failed { browser: browser.to_owned(), status: status.to_string(), details })
        }
    }
}

/// The characters of `html` that no font on this machine has, one for each script or block that lacks one, as
/// fontconfig (which Chromium finds its fonts with) tells: the PDF would print them as empty boxes. `None` when
/// fontconfig's `fc-list` cannot be run to ask about characters beyond Latin.
pub fn without_font(html: &str) -> Option<Vec<char>> {
    let mut missing = Vec::new();
    for c in representatives(html) {
        let fonts = Command::new("fc-list").arg(format!(":charset={:x}", u32::from(c))).arg("family").output().ok()?;
        if fonts.status.success() && fonts.stdout.trim_ascii().is_empty() {
            missing.push(c);
        }
    }
    Some(missing)
}

/// The first character of each script or Unicode block of `text` that Latin fonts may not have: one to ask
/// fontconfig about, as a font with one of them has the others. Latin, its accents and general punctuation are
/// in every font; CJK ideographs and Hangul syllables count as one block each.
fn representatives(text: &str) -> Vec<char> {
    let mut seen = std::collections::BTreeMap::new();
    for c in text.chars().filter(|c| u32::from(*c) >= 0x370) {
        let block = match c {
            '\u{2000}'..='\u{206f}' => continue,
            '\u{4e00}'..='\u{9fff}' => 0x4e,
            '\u{ac00}'..='\u{d7af}' => 0xac,
            _ => u32::from(c) >> 8,
        };
        if seen.len() == MAX_BLOCKS && !seen.contains_key(&block) {
            break;
        }
        seen.entry(block).or_insert(c);
    }
    seen.into_values().collect()
}

/// The most blocks asked about for one checklist: one `fc-list` each.
const MAX_BLOCKS: usize = 16;

/// The Debian package that has a font for `c`, for the warning's advice.
pub fn font_package(c: char) -> &'static str {
    match c {
        '\u{2e80}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}' | '\u{1100}'..='\u{11ff}' | '\u{f900}'..='\u{faff}' => {
            "fonts-noto-cjk"
        }
        '\u{2600}'..='\u{27bf}' | '\u{1f300}'..='\u{1faff}' => "fonts-noto-color-emoji",
        _ => "fonts-noto",
    }
}

/// A private temporary folder, removed when dropped.
struct TempDir {
    path: PathBuf,
}

impl TempDir {
    fn new() -> Result<Self, PdfError> {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos();
        let path = std::env::temp_dir().join(format!("checkdown-pdf-{}-{nanos}", std::process::id()));
        std::fs::create_dir(&path).map_err(|source| PdfError::Temp { path: path.clone(), source })?;
        Ok(Self { path })
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_character_of_each_script_is_asked_about() {
        let text = "Close – “your” account: étape, Ελλάδα, Москва, 日本語の文書、東京, 한국어 문서 ✅";
        assert_eq!(representatives(text), ['Ε', 'М', '✅', 'の', '日', '한']);
        assert!(representatives("Plain English, French (é) and punctuation — “quoted” … ’").is_empty());
        assert_eq!(font_package('の'), "fonts-noto-cjk");
        assert_eq!(font_package('✅'), "fonts-noto-color-emoji");
        assert_eq!(font_package('Ε'), "fonts-noto");
    }
}
