//! Benchmark: verify "Close your account" against a simulated tenant of 100,000 users whose every answer takes
//! 50 ms (the fake identity platform and Graph of the integration tests, on loopback).
//!
//! Run with `cargo bench --bench verify`. Prints the wall time, the GETs the report counts and every request the
//! fake received (token POSTs included). The target is under 2 s and a request count that does not grow with the
//! tenant: the checks count users with `$count`, read one page of the listing, and sample per-user MFA up to the
//! limit (100) instead of listing 100,000 users.

#[path = "../tests/integration/support/fake_graph.rs"]
mod fake_graph;

use std::sync::Arc;
use std::time::{Duration, Instant};

use checkdown::verify::{self, Environment, StepRef, VerifyArgs, VerifyOptions};
use fake_graph::{FakeGraph, FakeTenant};

fn main() {
    let users = 100_000;
    let mut tenant = FakeTenant::closed_down();
    for n in 1..users {
        tenant.add_user(&format!("user{n}@contoso.onmicrosoft.com"), "disabled");
    }
    tenant.latency = Duration::from_millis(50);
    let (client_id, secret) = (tenant.client_id.clone(), tenant.client_secret.clone());
    let fake = FakeGraph::start(tenant);
    let state = tempfile::tempdir().expect("a temporary state directory");

    let steps: Vec<StepRef> = [
        "step-1-delete-users",
        "step-2-cancel-all-active-subscriptions",
        "step-3-delete-all-disabled-subscriptions",
        "step-4-disable-multi-factor-authentication",
        "step-5-delete-the-directory-in-azure-active-directory",
    ]
    .into_iter()
    .zip(1..)
    .map(|(id, number)| StepRef { id: id.into(), number, title: id.into() })
    .collect();
    let args = VerifyArgs {
        article: "close-your-account".into(),
        locale: "en-US".into(),
        tenant: Some("contoso.onmicrosoft.com".into()),
        authority_host: Some(fake.login_url().into()),
        graph_host: Some(fake.graph_url().into()),
        state_dir: Some(state.path().into()),
        ..VerifyArgs::default()
    };
    let env = Environment::from_pairs([("AZURE_CLIENT_ID", client_id), ("AZURE_CLIENT_SECRET", secret)]);

    let start = Instant::now();
    let options = VerifyOptions::new(args, &env).expect("valid options").with_log(Arc::new(|_: &str| {}));
    let report = verify::verify(&steps, &options).expect("the verification runs");
    let wall = start.elapsed();

    fake.assert_read_only();
    let received = fake.seen().len();
    println!("tenant: {users} users, 50 ms per answer");
    println!("wall time: {:.0} ms", wall.as_secs_f64() * 1000.0);
    println!("GETs in the report: {}; requests the fake received: {received}", report.requests);
    for step in &report.steps {
        println!("  {} {}: {}", step.number, step.status.as_str(), step.evidence.join("; "));
    }
    println!("{}", if wall < Duration::from_secs(2) { "under 2 s: ok" } else { "OVER 2 s" });
}
