//! What verification remembers between runs: the tenants it has seen alive, per cloud.
//!
//! A deleted tenant and a mistyped one both answer AADSTS90002, so "deleted" is only claimed for a tenant this tool
//! saw alive before, on the same cloud. The memory is `tenants.json` in the state directory (`--state-dir`, default
//! `$XDG_STATE_HOME/checkdown`, else `~/.local/state/checkdown`): tenant names and ids with the time they last
//! answered, and the tenant id each name led to, so a name that stops resolving (a removed domain) can be checked
//! again by its id before the tenant is called gone. Nothing else, and never a secret.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// The file name inside the state directory.
pub const FILE: &str = "tenants.json";

/// The file locked while the memory is read and written again.
const LOCK: &str = ".tenants.lock";

/// The default state directory: `$XDG_STATE_HOME/checkdown`, else `$HOME/.local/state/checkdown`.
pub fn default_dir(xdg_state_home: Option<&str>, home: Option<&str>) -> Option<PathBuf> {
    match (xdg_state_home.filter(|dir| Path::new(dir).is_absolute()), home.filter(|dir| !dir.is_empty())) {
        (Some(state), _) => Some(Path::new(state).join("checkdown")),
        (None, Some(home)) => Some(Path::new(home).join(".local/state/checkdown")),
        (None, None) => None,
    }
}

/// The remembered tenants: cloud name (with the hosts when they are not the cloud's, [`super::cloud::Endpoints::place`]) → tenant (lower-cased name or id) → when it last answered (RFC 3339).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeenAlive {
    /// Per cloud (`global`, `china`…).
    pub seen_alive: BTreeMap<String, BTreeMap<String, String>>,
    /// Per cloud: tenant name as given (lower-cased) → the tenant id its discovery document named. Absent from the
    /// files of checkdown versions before it; a name without an id cannot be called gone (see `verify::tenant`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tenant_ids: BTreeMap<String, BTreeMap<String, String>>,
}

impl SeenAlive {
    /// Reads the memory in `dir`; a missing file is an empty memory.
    pub fn load(dir: &Path) -> io::Result<SeenAlive> {
        match fs::read_to_string(dir.join(FILE)) {
            Ok(text) => serde_json::from_str(&text).map_err(|error| {
                io::Error::new(io::ErrorKind::InvalidData, format!("{}: {error}", dir.join(FILE).display()))
            }),
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(SeenAlive::default()),
            Err(error) => Err(error),
        }
    }

    /// True when any of `names` (the tenant as given, its id) was seen alive at `place` ([`super::cloud::Endpoints::place`]).
    pub fn contains(&self, place: &str, names: &[&str]) -> bool {
        self.seen_alive
            .get(place)
            .is_some_and(|tenants| names.iter().any(|name| tenants.contains_key(&name.to_lowercase())))
    }

    /// The tenant id `tenant` led to when it last answered at `place`.
    pub fn tenant_id(&self, place: &str, tenant: &str) -> Option<&str> {
        self.tenant_ids.get(place)?.get(&tenant.to_lowercase()).map(String::as_str)
    }

    /// Notes in the memory in `dir` that `tenant`, and the tenant `id` its discovery document named, answered at
    /// `place` at `when`. The memory is read again under a lock, so that runs side by side (a provider's, one per
    /// tenant) each add theirs rather than keep the last one's alone. A memory that is not JSON is started afresh,
    /// as the warning of [`SeenAlive::load`]'s caller says.
    pub fn remember(dir: &Path, place: &str, tenant: &str, id: Option<&str>, when: &str) -> io::Result<()> {
        fs::create_dir_all(dir)?;
        let lock = fs::OpenOptions::new().create(true).truncate(false).write(true).open(dir.join(LOCK))?;
        // Released when `lock` is dropped, once the memory is saved.
        lock.lock()?;
        let mut memory = match SeenAlive::load(dir) {
            Err(error) if error.kind() == io::ErrorKind::InvalidData => SeenAlive::default(),
            read => read?,
        };
        memory.insert(place, tenant, id, when);
        memory.save(dir)
    }

    /// Notes that `tenant`, and the tenant `id` its discovery document named, answered at `place` at `when`.
    fn insert(&mut self, place: &str, tenant: &str, id: Option<&str>, when: &str) {
        let tenants = self.seen_alive.entry(place.to_owned()).or_default();
        for name in [Some(tenant), id].into_iter().flatten().filter(|name| !name.is_empty()) {
            tenants.insert(name.to_lowercase(), when.to_owned());
        }
        if let Some(id) = id {
            let ids = self.tenant_ids.entry(place.to_owned()).or_default();
            ids.insert(tenant.to_lowercase(), id.to_lowercase());
            ids.insert(id.to_lowercase(), id.to_lowercase());
        }
    }

    /// Writes the memory to `dir` (created if needed), atomically: a temporary file, then a rename.
    fn save(&self, dir: &Path) -> io::Result<()> {
        fs::create_dir_all(dir)?;
        let temporary = dir.join(format!(".{FILE}.{}", std::process::id()));
        let text = serde_json::to_string_pretty(self).map_err(io::Error::other)?;
        fs::write(&temporary, text + "\n")?;
        fs::rename(&temporary, dir.join(FILE))
    }
}

/// `time` as RFC 3339 in UTC, to the second (`2025-01-31T09:05:00Z`).
pub fn rfc3339(time: SystemTime) -> String {
    let seconds = time.duration_since(UNIX_EPOCH).map_or(0, |since| since.as_secs());
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    // Howard Hinnant's civil_from_days.
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rest / 3600, rest % 3600 / 60, rest % 60)
}

/// Whether `text` is an RFC 3339 time as records keep them: `2025-01-31T09:05:00Z`, with optional fractions of a
/// second and a `Z` or `+01:00` offset.
pub fn is_rfc3339(text: &str) -> bool {
    let digits =
        |range: std::ops::Range<usize>| text.get(range).is_some_and(|part| part.bytes().all(|b| b.is_ascii_digit()));
    let at = |index: usize, expected: u8| text.as_bytes().get(index) == Some(&expected);
    let date_and_time = digits(0..4)
        && at(4, b'-')
        && digits(5..7)
        && at(7, b'-')
        && digits(8..10)
        && (at(10, b'T') || at(10, b't'))
        && digits(11..13)
        && at(13, b':')
        && digits(14..16)
        && at(16, b':')
        && digits(17..19);
    let Some(rest) = text.get(19..).filter(|_| date_and_time) else { return false };
    let rest =
        rest.strip_prefix('.').map_or(rest, |fraction| fraction.trim_start_matches(|c: char| c.is_ascii_digit()));
    let offset = rest.as_bytes();
    matches!(rest, "Z" | "z")
        || (offset.len() == 6
            && matches!(offset[0], b'+' | b'-')
            && offset[1..3].iter().all(u8::is_ascii_digit)
            && offset[3] == b':'
            && offset[4..6].iter().all(u8::is_ascii_digit))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn rfc3339_times_are_told_from_other_text() {
        for time in ["2025-01-31T09:05:00Z", "2025-01-31T09:05:00.123Z", "2025-01-31T10:05:00+01:00"] {
            assert!(is_rfc3339(time), "{time}");
        }
        for text in ["yesterday", "2025-01-31", "2025-01-31T09:05:00", "2025-01-31 09:05:00Z", "2025-01-31T09:05:00Zx"]
        {
            assert!(!is_rfc3339(text), "{text}");
        }
        assert!(is_rfc3339(&rfc3339(SystemTime::now())));
    }

    #[test]
    fn dates_in_rfc3339() {
        assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(UNIX_EPOCH + Duration::from_secs(951_782_400)), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(UNIX_EPOCH + Duration::from_secs(1_738_314_300)), "2025-01-31T09:05:00Z");
    }

    #[test]
    fn default_dir_prefers_xdg_state_home() {
        assert_eq!(default_dir(Some("/x"), Some("/home/a")), Some(PathBuf::from("/x/checkdown")));
        assert_eq!(
            default_dir(Some("relative"), Some("/home/a")),
            Some(PathBuf::from("/home/a/.local/state/checkdown"))
        );
        assert_eq!(default_dir(None, None), None);
    }

    #[test]
    fn a_memory_written_before_tenant_ids_were_kept_still_loads() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(FILE), r#"{"seen_alive": {"global": {"contoso.com": "t"}}}"#).unwrap();
        let old = SeenAlive::load(dir.path()).unwrap();
        assert!(old.contains("global", &["contoso.com"]));
        assert_eq!(old.tenant_id("global", "contoso.com"), None);
    }

    #[test]
    fn memory_is_per_cloud_and_survives_a_save() {
        let dir = tempfile::tempdir().unwrap();
        let id = "84841066-274d-4ec0-a5c1-276be684bdd3";
        SeenAlive::remember(dir.path(), "global", "Contoso.onmicrosoft.com", Some(id), "t").unwrap();
        let again = SeenAlive::load(dir.path()).unwrap();
        assert!(again.contains("global", &["contoso.onmicrosoft.com"]));
        assert!(again.contains("global", &[id]));
        assert_eq!(again.tenant_id("global", "CONTOSO.onmicrosoft.com"), Some(id));
        assert!(!again.contains("china", &["contoso.onmicrosoft.com"]));
        assert_eq!(again.tenant_id("china", "contoso.onmicrosoft.com"), None);
    }

    #[test]
    fn runs_side_by_side_each_add_their_tenant() {
        let dir = tempfile::tempdir().unwrap();
        let tenants: Vec<String> = (0..8).map(|number| format!("tenant{number}.onmicrosoft.com")).collect();
        std::thread::scope(|scope| {
            for tenant in &tenants {
                let dir = dir.path();
                scope.spawn(move || SeenAlive::remember(dir, "global", tenant, None, "t").unwrap());
            }
        });
        let memory = SeenAlive::load(dir.path()).unwrap();
        for tenant in &tenants {
            assert!(memory.contains("global", &[tenant]), "{tenant}");
        }
    }
}
