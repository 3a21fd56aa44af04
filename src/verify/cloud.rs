//! National clouds and their hosts: where tokens come from (the login host) and where Graph answers (the Graph host).
//!
//! Each [`Cloud`] has the hosts of graph.md §3.3. `--authority-host` / `AZURE_AUTHORITY_HOST` and `--graph-host` /
//! `CHECKDOWN_GRAPH_HOST` override them; an override must be `https://`, except on a loopback host (`127.0.0.1`,
//! `localhost`, `[::1]`), where plain `http://` is accepted so tests can run a fake on this machine.

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

use reqwest::Url;
use serde::{Deserialize, Serialize};

/// A Microsoft cloud: each has its own login and Graph hosts, and tokens of one are useless in another.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cloud {
    /// The global service (`graph.microsoft.com`); GCC uses it too.
    #[default]
    Global,
    /// US Government L4, GCC High (`graph.microsoft.us`).
    #[serde(rename = "usgov")]
    UsGov,
    /// US Government L5, DoD (`dod-graph.microsoft.us`).
    #[serde(rename = "usgov-dod")]
    UsGovDod,
    /// China, operated by 21Vianet (`microsoftgraph.chinacloudapi.cn`).
    China,
}

impl Cloud {
    /// Every cloud, in the order `--help` lists them.
    pub const ALL: [Cloud; 4] = [Cloud::Global, Cloud::UsGov, Cloud::UsGovDod, Cloud::China];

    /// The name used on the command line, in reports and in the state file (`usgov-dod`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Global => "global",
            Self::UsGov => "usgov",
            Self::UsGovDod => "usgov-dod",
            Self::China => "china",
        }
    }

    /// The login host (Microsoft identity platform) of this cloud.
    pub fn login_host(self) -> &'static str {
        match self {
            Self::Global => "https://login.microsoftonline.com",
            Self::UsGov | Self::UsGovDod => "https://login.microsoftonline.us",
            Self::China => "https://login.chinacloudapi.cn",
        }
    }

    /// The Microsoft Graph host of this cloud.
    pub fn graph_host(self) -> &'static str {
        match self {
            Self::Global => "https://graph.microsoft.com",
            Self::UsGov => "https://graph.microsoft.us",
            Self::UsGovDod => "https://dod-graph.microsoft.us",
            Self::China => "https://microsoftgraph.chinacloudapi.cn",
        }
    }

    /// The cloud a Learn moniker implies: `o365-21vianet` is the China cloud's variant of an article.
    pub fn for_moniker(moniker: &str) -> Option<Cloud> {
        moniker.eq_ignore_ascii_case("o365-21vianet").then_some(Cloud::China)
    }
}

impl fmt::Display for Cloud {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Cloud {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Cloud::ALL.into_iter().find(|cloud| cloud.as_str().eq_ignore_ascii_case(name.trim())).ok_or_else(|| {
            let names: Vec<_> = Cloud::ALL.iter().map(|cloud| cloud.as_str()).collect();
            format!("unknown cloud '{name}' (expected one of: {})", names.join(", "))
        })
    }
}

/// A validated host base URL: scheme and authority only (`https://graph.microsoft.com`), no path, query or
/// credentials; `https` unless the host is a loopback address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Host(Url);

impl Host {
    /// Whether this is the host `url` names (a cloud's own, as written in [`Cloud`]).
    pub fn is(&self, url: &str) -> bool {
        Host::parse(url, "").is_ok_and(|other| other.as_str() == self.as_str())
    }

    /// Parses and checks a host given by a user or the environment (`what` names the option in errors).
    pub fn parse(text: &str, what: &str) -> Result<Host, String> {
        let url = Url::parse(text.trim())
            .map_err(|error| format!("{what}: '{}' is not a URL ({error})", without_credentials(text)))?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(format!("{what}: a host URL must not carry credentials"));
        }
        if url.query().is_some() || url.fragment().is_some() || !matches!(url.path(), "" | "/") {
            return Err(format!("{what}: give only scheme and host, like https://graph.microsoft.com (got '{text}')"));
        }
        match url.scheme() {
            "https" => {}
            "http" if is_loopback(&url) => {}
            "http" => return Err(format!("{what}: plain http:// is accepted only for loopback hosts (got '{text}')")),
            other => return Err(format!("{what}: unsupported scheme '{other}' (use https://)")),
        }
        if url.host_str().is_none() {
            return Err(format!("{what}: '{text}' has no host"));
        }
        Ok(Host(url))
    }

    /// The base URL without a trailing slash (`https://graph.microsoft.com`).
    pub fn as_str(&self) -> &str {
        self.0.as_str().trim_end_matches('/')
    }

    /// True when the host is this machine (`127.0.0.1`, `localhost`, `[::1]`).
    pub fn is_loopback(&self) -> bool {
        is_loopback(&self.0)
    }

    /// The URL of `path_and_query` (starting with `/`) on this host.
    pub fn join(&self, path_and_query: &str) -> String {
        format!("{}{path_and_query}", self.as_str())
    }

    /// The part of `url` after this host (`/v1.0/users?$top=1`) when `url` is on this host (same scheme, host and
    /// port), else `None`.
    pub fn relative<'a>(&self, url: &'a str) -> Option<&'a str> {
        let rest = url.strip_prefix(self.as_str())?;
        (rest.is_empty() || rest.starts_with('/')).then_some(rest)
    }
}

impl fmt::Display for Host {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `text` as errors may quote it: any `user:password@` before the host replaced by `***@`, since a host given with
/// credentials in it may not even parse as a URL.
fn without_credentials(text: &str) -> String {
    let Some((scheme, rest)) = text.split_once("://") else { return text.to_owned() };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{scheme}://***{}", &rest[at..]),
        None => text.to_owned(),
    }
}

fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost") || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The login and Graph hosts one verification talks to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    /// The cloud the hosts belong to (overrides keep the cloud's name: it keys the seen-alive memory).
    pub cloud: Cloud,
    /// Where tokens are requested and the tenant's discovery document is read.
    pub login: Host,
    /// Where Graph answers.
    pub graph: Host,
}

impl Endpoints {
    /// The cloud's own hosts, each replaced by its override when one is given.
    pub fn new(cloud: Cloud, login: Option<&str>, graph: Option<&str>) -> Result<Endpoints, String> {
        let login = Host::parse(login.unwrap_or(cloud.login_host()), "authority host")?;
        let graph = Host::parse(graph.unwrap_or(cloud.graph_host()), "graph host")?;
        Ok(Endpoints { cloud, login, graph })
    }

    /// Where tenants are seen alive, for the memory of runs: the cloud's name, with the hosts when either is not the
    /// cloud's own, so that a run against a test server teaches nothing about the real cloud's tenants.
    pub fn place(&self) -> String {
        match self.overrides() {
            None => self.cloud.as_str().to_owned(),
            Some(_) => format!("{} at {} and {}", self.cloud.as_str(), self.login.as_str(), self.graph.as_str()),
        }
    }

    /// The login and Graph hosts, when either is not the cloud's own (`--authority-host`, `--graph-host`): a test
    /// server or a proxy answered, which a report must say.
    pub fn overrides(&self) -> Option<String> {
        let both_own = self.login.is(self.cloud.login_host()) && self.graph.is(self.cloud.graph_host());
        (!both_own).then(|| format!("{}, {}", self.login.as_str(), self.graph.as_str()))
    }

    /// The resource tokens are asked for: the cloud's Microsoft Graph, whatever host answers for it (the login host
    /// knows no other resource, so a proxy or test server at `--graph-host` still needs Graph's tokens).
    pub fn graph_resource(&self) -> &'static str {
        self.cloud.graph_host()
    }

    /// The OAuth scope that asks for every application permission granted to the app on the cloud's Graph.
    pub fn default_scope(&self) -> String {
        format!("{}/.default", self.graph_resource())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clouds_have_the_documented_hosts_and_names() {
        assert_eq!("usgov-dod".parse::<Cloud>(), Ok(Cloud::UsGovDod));
        assert_eq!(Cloud::China.login_host(), "https://login.chinacloudapi.cn");
        assert_eq!(Cloud::UsGovDod.graph_host(), "https://dod-graph.microsoft.us");
        assert_eq!(Cloud::for_moniker("o365-21vianet"), Some(Cloud::China));
        assert_eq!(Cloud::for_moniker("o365-worldwide"), None);
        assert!("mars".parse::<Cloud>().unwrap_err().contains("global, usgov, usgov-dod, china"));
    }

    #[test]
    fn plain_http_only_on_loopback() {
        assert_eq!(Endpoints::new(Cloud::China, None, None).unwrap().place(), "china");
        let test_server = Endpoints::new(Cloud::Global, None, Some("http://127.0.0.1:8080")).unwrap();
        assert_eq!(test_server.place(), "global at https://login.microsoftonline.com and http://127.0.0.1:8080");
        assert!(Host::parse("http://127.0.0.1:8080", "graph host").is_ok());
        assert!(Host::parse("http://localhost:1", "graph host").is_ok());
        assert!(Host::parse("http://[::1]:1", "graph host").is_ok());
        assert!(Host::parse("http://graph.example.com", "graph host").unwrap_err().contains("loopback"));
        assert!(Host::parse("https://graph.example.com/v1.0", "graph host").is_err());
        assert!(Host::parse("https://user:pw@graph.example.com", "graph host").is_err());
        let unparsable = Host::parse("https://u:hunter2@lo gin", "authority host").unwrap_err();
        assert!(unparsable.starts_with("authority host: 'https://***@lo gin' is not a URL"), "{unparsable}");
    }

    #[test]
    fn relative_paths_only_on_the_same_host() {
        let host = Host::parse("http://127.0.0.1:8080", "graph host").unwrap();
        assert_eq!(host.relative("http://127.0.0.1:8080/v1.0/users?$top=1"), Some("/v1.0/users?$top=1"));
        assert_eq!(host.relative("http://127.0.0.1:80800/v1.0/users"), None);
        assert_eq!(host.relative("https://evil.example/v1.0/users"), None);
    }
}
