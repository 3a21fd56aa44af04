//! `checkdown verify` against a fake identity platform and Graph on loopback (`support/fake_graph.rs`).
//!
//! Each test builds a tenant, runs the library entry point the CLI calls, and looks at what a user would see: step
//! statuses, evidence and reasons, exit codes, records. Every run asserts the fake received nothing but GETs on Graph
//! and token POSTs (and the discovery GET) on the login host.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use checkdown::verify::{
    self, AuthMode, Cloud, Environment, Identity, IdentityKind, RetryPolicy, Status, StepRef, StepReport, VerifyArgs,
    VerifyError, VerifyOptions, VerifyReport,
};
use serde_json::{Value, json};
use tempfile::TempDir;

use crate::support::fake_graph::{
    FakeGraph, FakeTenant, Fault, GRAPH_RESOURCE, NO_ANSWER, REDIRECT_LOCATION, Side, subscribed_sku, subscription,
};

/// The steps of the bundled English article, as the parser gives them.
fn steps() -> Vec<StepRef> {
    [
        ("step-1-delete-users", "Delete users"),
        ("step-2-cancel-all-active-subscriptions", "Cancel all active subscriptions"),
        ("step-3-delete-all-disabled-subscriptions", "Delete all disabled subscriptions"),
        ("step-4-disable-multi-factor-authentication", "Disable multi-factor authentication"),
        ("step-5-delete-the-directory-in-azure-active-directory", "Delete the directory in Azure Active Directory"),
    ]
    .into_iter()
    .zip(1..)
    .map(|((id, title), number)| StepRef { id: id.into(), number, title: title.into() })
    .collect()
}

/// Small limits so failures end quickly; nothing here measures time.
fn fast() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 3,
        max_elapsed: Duration::from_secs(10),
        timeout: Duration::from_secs(10),
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
    }
}

struct Harness {
    fake: FakeGraph,
    dir: TempDir,
    log: Arc<Mutex<Vec<String>>>,
    secret: String,
    client_id: String,
}

impl Harness {
    fn new(tenant: FakeTenant) -> Harness {
        let (secret, client_id) = (tenant.client_secret.clone(), tenant.client_id.clone());
        Harness {
            fake: FakeGraph::start(tenant),
            dir: tempfile::tempdir().unwrap(),
            log: Arc::default(),
            secret,
            client_id,
        }
    }

    fn args(&self) -> VerifyArgs {
        VerifyArgs {
            article: "close-your-account".into(),
            locale: "en-US".into(),
            tenant: Some("contoso.onmicrosoft.com".into()),
            authority_host: Some(self.fake.login_url().into()),
            graph_host: Some(self.fake.graph_url().into()),
            state_dir: Some(self.dir.path().join("state")),
            retry: fast(),
            ..VerifyArgs::default()
        }
    }

    /// The azure-identity variables of the app registration.
    fn env(&self) -> Environment {
        Environment::from_pairs([
            ("AZURE_CLIENT_ID", self.client_id.clone()),
            ("AZURE_CLIENT_SECRET", self.secret.clone()),
        ])
    }

    fn try_run(&self, args: VerifyArgs, env: &Environment) -> Result<VerifyReport, VerifyError> {
        let log = self.log.clone();
        let result = VerifyOptions::new(args, env)
            .map(|options| options.with_log(Arc::new(move |line: &str| log.lock().unwrap().push(line.to_owned()))))
            .and_then(|options| verify::verify(&steps(), &options));
        self.fake.assert_read_only();
        result
    }

    fn run_with(&self, args: VerifyArgs) -> VerifyReport {
        self.try_run(args, &self.env()).expect("the verification runs")
    }

    fn run(&self) -> VerifyReport {
        self.run_with(self.args())
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().join("\n")
    }

    fn count(&self, path: &str) -> usize {
        self.fake.seen().iter().filter(|seen| seen.url.starts_with(path)).count()
    }
}

fn step(report: &VerifyReport, number: u32) -> &StepReport {
    report.steps.iter().find(|step| step.number == number).unwrap()
}

fn evidence(report: &VerifyReport, number: u32) -> String {
    step(report, number).evidence.join("\n")
}

fn statuses(report: &VerifyReport) -> Vec<Status> {
    report.steps.iter().map(|step| step.status).collect()
}

/// The subscriptions request as messages name it.
const SUBSCRIPTIONS: &str = "GET /v1.0/directory/subscriptions?$select=id,skuPartNumber,status,nextLifecycleDateTime";

/// `/v1.0/directory/subscriptions` answers `status` for the whole run (403 refused, 404 absent in this cloud).
fn subscriptions_answer(status: u16) -> Fault {
    Fault::always("/v1.0/directory/subscriptions", status)
}

/// Half way through closing: two users left (one synced), sync on, one subscription suspended, one user with
/// per-user MFA enforced, two app registrations.
fn halfway() -> FakeTenant {
    let mut tenant = FakeTenant::closed_down();
    tenant.add_user("bob@contoso.onmicrosoft.com", "disabled");
    tenant.add_user("carol@contoso.onmicrosoft.com", "enforced");
    tenant.users[2]["onPremisesSyncEnabled"] = json!(true);
    tenant.organization["onPremisesSyncEnabled"] = json!(true);
    tenant.subscriptions = vec![subscription("O365_BUSINESS_PREMIUM", "Suspended"), subscription("EMS", "Deleted")];
    tenant.applications = 2;
    tenant
}

#[test]
fn a_tenant_closed_down_to_its_last_step_reads_done_for_steps_1_to_4() {
    let harness = Harness::new(FakeTenant::closed_down());
    let report = harness.run();
    use Status::*;
    assert_eq!(statuses(&report), [Done, Done, Done, Done, NotDone]);
    assert_eq!(evidence(&report, 1), "Only admin@contoso.onmicrosoft.com is left, a Global Administrator");
    assert_eq!(
        evidence(&report, 4),
        "No user other than the Global Administrator who stays needs checking for per-user MFA"
    );
    assert_eq!(evidence(&report, 5), "Tenant contoso.onmicrosoft.com still exists");
    assert_eq!(report.exit_code(false), 0);
    assert_eq!(report.exit_code(true), 1, "--fail-unless-done: step 5 is not done");
}

/// The line under the heading that names who signed in.
fn signed_in_line(report: &VerifyReport) -> String {
    report.to_text(false).lines().nth(1).unwrap_or_default().to_owned()
}

#[test]
fn the_report_names_the_application_or_the_user_that_signed_in() {
    let harness = Harness::new(FakeTenant::closed_down());
    let tenant_id = "84841066-274d-4ec0-a5c1-276be684bdd3";
    let report = harness.run();
    let application = Identity {
        kind: IdentityKind::Application,
        name: Some("checkdown-verify".into()),
        id: Some(harness.client_id.clone()),
        tenant_id: Some(tenant_id.into()),
    };
    assert_eq!(report.signed_in.as_ref(), Some(&application));
    assert_eq!(
        signed_in_line(&report),
        format!("Signed in as application checkdown-verify ({}) in tenant {tenant_id}", harness.client_id)
    );
    let json: Value = serde_json::from_str(&report.to_json()).unwrap();
    assert_eq!(
        json["signed_in"],
        json!({"kind": "application", "name": "checkdown-verify", "id": harness.client_id, "tenant_id": tenant_id})
    );
    let french = harness.run_with(VerifyArgs { locale: "fr-FR".into(), ..harness.args() });
    assert_eq!(
        signed_in_line(&french),
        format!(
            "Connexion en tant qu’application checkdown-verify ({}) dans le locataire {tenant_id}",
            harness.client_id
        )
    );

    // A person's token, given as is (what `az account get-access-token` prints, or a token file holds).
    let env = Environment::from_pairs([("CHECKDOWN_ACCESS_TOKEN", harness.fake.mint_token())]);
    let delegated = harness.try_run(VerifyArgs { auth: AuthMode::Token, ..harness.args() }, &env).unwrap();
    assert_eq!(statuses(&delegated), statuses(&report));
    let admin = "admin@contoso.onmicrosoft.com (ace08ec9-aa11-4ada-9145-addf0398233e)";
    assert_eq!(signed_in_line(&delegated), format!("Signed in as user {admin} in tenant {tenant_id}"));
    let french = harness.try_run(VerifyArgs { auth: AuthMode::Token, locale: "fr-FR".into(), ..harness.args() }, &env);
    assert_eq!(
        signed_in_line(&french.unwrap()),
        format!("Connexion en tant qu’utilisateur {admin} dans le locataire {tenant_id}")
    );
}

/// Graph answers for the tenant a token was issued in, whatever tenant is named: a token given as is that another
/// tenant issued is refused before any check, rather than ticking steps off with that tenant's evidence.
#[test]
fn a_token_from_another_tenant_is_refused_before_any_check() {
    let harness = Harness::new(FakeTenant::closed_down());
    let env = Environment::from_pairs([("CHECKDOWN_ACCESS_TOKEN", harness.fake.mint_token())]);
    let contoso_id = FakeTenant::closed_down().id;
    let other = "22222222-2222-4222-8222-222222222222";
    harness.fake.update(|tenant| tenant.id = other.to_owned());
    let error = harness.try_run(VerifyArgs { auth: AuthMode::Token, ..harness.args() }, &env).unwrap_err();
    assert_eq!(error.exit_code(), 3);
    assert_eq!(
        format!("{:#}", anyhow::Error::from(error)),
        format!(
            "authentication failed: the access token was issued in tenant {contoso_id}, not in \
             contoso.onmicrosoft.com ({other}); Graph would answer for the other tenant: sign in to \
             contoso.onmicrosoft.com"
        )
    );
    let graph_requests = harness.fake.seen().into_iter().filter(|seen| seen.side == Side::Graph).count();
    assert_eq!(graph_requests, 0, "Graph is not read");

    // When the login host cannot say the tenant's id, the id remembered for it from an earlier run still tells.
    let harness = Harness::new(FakeTenant::closed_down());
    harness.run();
    harness.fake.update(|tenant| tenant.id = other.to_owned());
    let env = Environment::from_pairs([("CHECKDOWN_ACCESS_TOKEN", harness.fake.mint_token())]);
    let discovery = "/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration";
    harness.fake.update(|tenant| {
        tenant.id = contoso_id.clone();
        tenant.faults = vec![Fault::always(discovery, 503)];
    });
    let error = harness.try_run(VerifyArgs { auth: AuthMode::Token, ..harness.args() }, &env).unwrap_err();
    assert!(
        format!("{:#}", anyhow::Error::from(error))
            .contains(&format!("issued in tenant {other}, not in contoso.onmicrosoft.com ({contoso_id})")),
    );
}

#[test]
fn an_opaque_token_signs_in_and_the_report_says_who_could_not_be_told() {
    let harness = Harness::new(FakeTenant::closed_down());
    let env = Environment::from_pairs([("CHECKDOWN_ACCESS_TOKEN", harness.fake.mint_opaque_token())]);
    let report = harness.try_run(VerifyArgs { auth: AuthMode::Token, ..harness.args() }, &env).unwrap();
    use Status::*;
    assert_eq!(statuses(&report), [Done, Done, Done, Done, NotDone], "the checks read Graph all the same");
    assert_eq!(report.signed_in, Some(Identity::unknown()));
    assert_eq!(signed_in_line(&report), "Signed in, but checkdown could not tell as whom");
    let json: Value = serde_json::from_str(&report.to_json()).unwrap();
    assert_eq!(json["signed_in"], json!({"kind": "unknown", "name": null, "id": null, "tenant_id": null}));
    let french = harness.try_run(VerifyArgs { auth: AuthMode::Token, locale: "fr-FR".into(), ..harness.args() }, &env);
    assert_eq!(
        signed_in_line(&french.unwrap()),
        "Connexion établie, mais checkdown n’a pas pu déterminer sous quelle identité"
    );

    // Nobody signs in to a tenant that is not found: the report names no one, in JSON and in text.
    harness.fake.update(|tenant| tenant.deleted = true);
    let gone = harness.run();
    assert_eq!(gone.signed_in, None);
    let json: Value = serde_json::from_str(&gone.to_json()).unwrap();
    assert_eq!(json["signed_in"], Value::Null);
    assert!(!gone.to_text(false).contains("Signed in"), "{}", gone.to_text(false));
}

#[test]
fn step_1_names_the_users_left_and_flags_synced_users_and_directory_sync() {
    let harness = Harness::new(halfway());
    let report = harness.run();
    assert_eq!(step(&report, 1).status, Status::NotDone);
    assert_eq!(
        evidence(&report, 1),
        "3 users left, where only one Global Administrator should remain; the others: bob@contoso.onmicrosoft.com, \
         carol@contoso.onmicrosoft.com\n\
         1 user is synchronized from on-premises (delete on-premises, or turn off sync first): \
         carol@contoso.onmicrosoft.com\n\
         Directory synchronization is still on: turn it off first"
    );
}

#[test]
fn a_last_user_who_is_not_a_global_administrator_or_no_user_left_is_not_done() {
    let mut not_admin = FakeTenant::closed_down();
    not_admin.add_user("bob@contoso.onmicrosoft.com", "disabled");
    not_admin.users.remove(0);
    let harness = Harness::new(not_admin);
    let report = harness.run();
    assert_eq!(step(&report, 1).status, Status::NotDone, "{}", report.to_text(false));
    assert_eq!(step(&report, 1).checks[0].reason, None, "the listing was complete: nothing is undecided");
    assert_eq!(
        evidence(&report, 1),
        "Only bob@contoso.onmicrosoft.com is left, and is not a Global Administrator: the article keeps one Global \
         Administrator to finish closing the account"
    );
    let french = harness.run_with(VerifyArgs { locale: "fr-FR".into(), ..harness.args() });
    assert_eq!(
        evidence(&french, 1),
        "Il ne reste que l’utilisateur bob@contoso.onmicrosoft.com, qui n’est pas administrateur général\u{a0}: \
         l’article demande de conserver un administrateur général pour terminer la fermeture du compte"
    );

    let mut nobody = FakeTenant::closed_down();
    nobody.users.clear();
    let report = Harness::new(nobody).run();
    assert_eq!(step(&report, 1).status, Status::NotDone, "{}", report.to_text(false));
    assert_eq!(
        evidence(&report, 1),
        "No user is left, not even the Global Administrator the article keeps to finish closing the account"
    );
}

#[test]
fn a_missing_permission_is_unknown_and_named() {
    let harness = Harness::new(halfway().without("User.Read.All"));
    let report = harness.run();
    for number in [1, 4] {
        assert_eq!(step(&report, number).status, Status::Unknown);
        let reason = step(&report, number).checks[0].reason.clone().unwrap();
        assert!(reason.contains("the app lacks the User.Read.All permission"), "{reason}");
        assert!(reason.starts_with("GET /v1.0/users"), "{reason}");
    }
    // Step 5 still says the tenant exists, and which of its blockers it could not read.
    assert_eq!(step(&report, 5).status, Status::NotDone);
    assert!(evidence(&report, 5).contains("the app lacks the User.Read.All permission"));
}

#[test]
fn the_user_count_lags_the_listing_and_never_decides_alone() {
    let mut lagging = FakeTenant::closed_down();
    lagging.count_lag = 2; // Two users just deleted: the count index still has them.
    lagging.count_bom = true;
    let report = Harness::new(lagging).run();
    assert_eq!(step(&report, 1).status, Status::Done, "{}", report.to_text(false));
    assert!(
        evidence(&report, 1).contains("The user count still says 3 while the listing has 1 (the count index lags)")
    );

    let mut behind = FakeTenant::closed_down();
    behind.add_user("new@contoso.onmicrosoft.com", "disabled");
    behind.count_lag = -1; // A user just created: the count does not show it yet.
    let report = Harness::new(behind).run();
    assert_eq!(step(&report, 1).status, Status::NotDone);
    assert!(
        evidence(&report, 1)
            .starts_with("2 users left, where only one Global Administrator should remain; the others: new@")
    );
}

#[test]
fn a_user_only_on_page_3_is_found() {
    let mut tenant = halfway();
    tenant.page_cap = Some(1); // One user per page: carol is on page 3.
    let harness = Harness::new(tenant);
    let report = harness.run();
    assert!(evidence(&report, 1).contains("carol@contoso.onmicrosoft.com"));
    assert_eq!(step(&report, 4).status, Status::NotDone);
    assert_eq!(evidence(&report, 4), "Per-user MFA is still on for 1 user: carol@contoso.onmicrosoft.com");
    assert!(harness.fake.seen().iter().any(|seen| seen.url.contains("$skiptoken=RFNwdAIAAQAAAD2")));
}

#[test]
fn subscriptions_decide_steps_2_and_3() {
    let cases = [
        (vec![("E5", "Enabled"), ("EMS", "Suspended")], [Status::NotDone, Status::NotDone]),
        (vec![("E5", "Warning")], [Status::NotDone, Status::NotDone]),
        (vec![("E5", "LockedOut"), ("EMS", "Deleted")], [Status::Done, Status::NotDone]),
        (vec![("E5", "Deleted"), ("EMS", "Deleted")], [Status::Done, Status::Done]),
        (vec![], [Status::Done, Status::Done]),
        (vec![("E5", "Hibernating"), ("EMS", "Deleted")], [Status::Unknown, Status::Unknown]),
    ];
    for (subscriptions, expected) in cases {
        let mut tenant = FakeTenant::closed_down();
        tenant.subscriptions = subscriptions.iter().map(|(sku, status)| subscription(sku, status)).collect();
        let report = Harness::new(tenant).run();
        assert_eq!(
            [step(&report, 2).status, step(&report, 3).status],
            expected,
            "{subscriptions:?} {}",
            report.to_text(false)
        );
    }
    let mut tenant = FakeTenant::closed_down();
    tenant.subscriptions = vec![subscription("E5", "Enabled"), subscription("EMS", "Suspended")];
    let report = Harness::new(tenant).run();
    assert_eq!(evidence(&report, 2), "1 subscription is still active: E5");
    assert_eq!(
        evidence(&report, 3),
        "2 subscriptions are not deleted yet: E5, EMS\nMicrosoft deletes the disabled subscription on its next \
         lifecycle date (February 1, 2025); a subscription deleted in the last 72 hours still shows as disabled"
    );
    // The earliest lifecycle date of the disabled subscriptions that have one; none, and the line is not there.
    let mut tenant = FakeTenant::closed_down();
    let dated = |sku: &str, status: &str, date: Value| {
        let mut subscription = subscription(sku, status);
        subscription["nextLifecycleDateTime"] = date;
        subscription
    };
    tenant.subscriptions = vec![
        dated("E5", "LockedOut", json!("2026-12-24T08:00:00Z")),
        dated("EMS", "Suspended", json!("2026-12-03T08:00:00Z")),
        dated("E3", "Suspended", Value::Null),
        dated("F1", "Enabled", json!("2026-11-30T08:00:00Z")),
    ];
    assert!(evidence(&Harness::new(tenant.clone()).run(), 3).ends_with(
        "Microsoft deletes the 2 disabled subscriptions on their next lifecycle dates (the first on December 3, 2026); a \
         subscription deleted in the last 72 hours still shows as disabled"
    ));
    tenant.subscriptions = vec![dated("E5", "Suspended", Value::Null)];
    assert_eq!(evidence(&Harness::new(tenant).run(), 3), "1 subscription is not deleted yet: E5");

    // Statuses Graph does not document are named, and never read as done nor as a blocker.
    let mut tenant = FakeTenant::closed_down();
    tenant.subscriptions =
        vec![subscription("E5", "deleted"), subscription("X", "Expired"), subscription("E3", "Deleted")];
    let harness = Harness::new(tenant);
    let report = harness.run();
    assert_eq!([step(&report, 2).status, step(&report, 3).status], [Status::Unknown, Status::Unknown]);
    let unknown_status = "2 subscriptions have a status Microsoft Graph does not document (deleted, Expired), so \
                          whether they are active or deleted is unknown: E5, X";
    for number in [2, 3] {
        assert_eq!(
            evidence(&report, number),
            format!(
                "The subscriptions could not all be read, or one has a status this tool does not know\n{unknown_status}"
            )
        );
    }
    assert_eq!(evidence(&report, 5), format!("Tenant contoso.onmicrosoft.com still exists\n{unknown_status}"));
    let french = harness.run_with(VerifyArgs { locale: "fr-FR".into(), ..harness.args() });
    assert_eq!(
        evidence(&french, 2).lines().last(),
        Some(
            "2 abonnements ont un état que Microsoft Graph ne documente pas (deleted, Expired), on ne peut donc pas savoir \
         s’ils sont actifs ou supprimés\u{a0}: E5, X"
        )
    );

    // A subscription that has no status at all is said to have none.
    let mut tenant = FakeTenant::closed_down();
    let mut without = subscription("E1", "");
    without.as_object_mut().unwrap().remove("status");
    tenant.subscriptions = vec![without, subscription("E3", "Deleted")];
    let report = Harness::new(tenant).run();
    assert_eq!([step(&report, 2).status, step(&report, 3).status], [Status::Unknown, Status::Unknown]);
    assert_eq!(
        evidence(&report, 3).lines().last(),
        Some("1 subscription has no status, so whether it is active or deleted is unknown: E1")
    );

    let report = Harness::new(FakeTenant::closed_down().without("Organization.Read.All")).run();
    for number in [2, 3] {
        assert_eq!(step(&report, number).status, Status::Unknown);
        assert!(evidence(&report, number).contains("GET /v1.0/directory/subscriptions"));
        assert!(evidence(&report, number).contains("Organization.Read.All"));
        assert!(evidence(&report, number).contains("the fallback failed too: GET /v1.0/subscribedSkus was refused"));
    }
}

/// A person signed in without a directory role that reads the directory is refused for the person's role, not for
/// a permission the app lacks: the reason says which to fix.
#[test]
fn a_refusal_for_the_signed_in_user_s_role_names_the_role() {
    let mut tenant = FakeTenant::closed_down();
    tenant.user_without_role = true;
    let harness = Harness::new(tenant);
    let env = Environment::from_pairs([("CHECKDOWN_ACCESS_TOKEN", harness.fake.mint_token())]);
    let report = harness.try_run(VerifyArgs { auth: AuthMode::Token, ..harness.args() }, &env).unwrap();
    assert_eq!(step(&report, 2).status, Status::Unknown);
    let reason = step(&report, 2).checks[0].reason.clone().unwrap();
    assert!(
        reason.starts_with(
            "GET /v1.0/directory/subscriptions?$select=id,skuPartNumber,status,nextLifecycleDateTime was refused \
             (Authentication_RequestFromUnsupportedUserRole): the signed-in user's directory role does not allow it"
        ),
        "{reason}"
    );
    assert!(!reason.contains("the app lacks"), "{reason}");
}

#[test]
fn subscribed_skus_answer_when_the_subscriptions_endpoint_is_refused_or_absent() {
    for status in [404, 403] {
        let mut tenant = FakeTenant::closed_down();
        // Only subscribedSkus knows these SKUs: steps decided from them were read from the fallback.
        tenant.subscriptions.clear();
        tenant.subscribed_skus = vec![subscribed_sku("E5", "Enabled"), subscribed_sku("EMS", "Suspended")];
        tenant.faults = vec![subscriptions_answer(status)];
        let harness = Harness::new(tenant);
        let report = harness.run();
        let steps = [step(&report, 2).status, step(&report, 3).status];
        assert_eq!(steps, [Status::NotDone, Status::NotDone], "{status}: {}", report.to_text(false));
        let source = format!("Read from GET /v1.0/subscribedSkus because {SUBSCRIPTIONS} answered {status}");
        assert_eq!(evidence(&report, 2), format!("1 subscription is still active: E5\n{source}"));
        assert_eq!(evidence(&report, 3), format!("2 subscriptions are not deleted yet: E5, EMS\n{source}"));
        assert_eq!(
            evidence(&report, 5),
            format!("Tenant contoso.onmicrosoft.com still exists\nBlocker: 2 subscriptions are not deleted\n{source}")
        );
        let gets = (harness.count("/v1.0/directory/subscriptions"), harness.count("/v1.0/subscribedSkus"));
        assert_eq!(gets, (1, 1), "{status}: each GET once per run, shared by steps 2, 3 and 5");
    }

    let mut tenant = FakeTenant::closed_down();
    tenant.subscribed_skus = vec![subscribed_sku("E5", "Deleted")];
    tenant.faults = vec![subscriptions_answer(404)];
    let harness = Harness::new(tenant);
    let french = harness.run_with(VerifyArgs { locale: "fr-FR".into(), ..harness.args() });
    assert_eq!([step(&french, 2).status, step(&french, 3).status], [Status::Done, Status::Done]);
    assert_eq!(
        evidence(&french, 3),
        format!(
            "Le seul abonnement est supprimé\n\
             Données lues depuis GET /v1.0/subscribedSkus, car {SUBSCRIPTIONS} a répondu 404"
        )
    );
}

#[test]
fn a_proxy_page_in_front_of_graph_is_named_as_such_not_read_as_graph() {
    let mut tenant = FakeTenant::closed_down();
    let page = Some("502 Bad Gateway");
    tenant.faults = vec![Fault { page, status: 502, ..subscriptions_answer(502) }];
    let harness = Harness::new(tenant);
    let report = harness.run();
    let french = harness.run_with(VerifyArgs { locale: "fr-FR".into(), ..harness.args() });
    assert_eq!((step(&report, 2).status, step(&french, 2).status), (Status::Unknown, Status::Unknown));
    assert_eq!(
        evidence(&report, 2),
        format!(
            "{SUBSCRIPTIONS} answered 502 with text/html \"502 Bad Gateway\", which is not Microsoft's answer: a proxy \
             or gateway in between may have answered instead"
        )
    );
    assert_eq!(
        evidence(&french, 2),
        format!(
            "{SUBSCRIPTIONS} a répondu 502 avec text/html «\u{a0}502 Bad Gateway\u{a0}», ce qui n’est pas une réponse de \
             Microsoft\u{a0}: un proxy ou une passerelle intermédiaire a peut-être répondu à sa place"
        )
    );
}

#[test]
fn when_the_fallback_fails_too_steps_2_and_3_are_unknown_naming_both_failures() {
    let mut tenant = FakeTenant::closed_down();
    tenant.faults = vec![
        subscriptions_answer(404),
        Fault { retry_after: Some("0.01".into()), ..Fault::always("/v1.0/subscribedSkus", 503) },
    ];
    let harness = Harness::new(tenant);
    let report = harness.run();
    let french = harness.run_with(VerifyArgs { locale: "fr-FR".into(), ..harness.args() });
    let absent = "404 Request_ResourceNotFound Resource 'subscriptions' does not exist or one of its queried \
                  reference-property objects are not present.";
    for number in [2, 3] {
        assert_eq!((step(&report, number).status, step(&french, number).status), (Status::Unknown, Status::Unknown));
        assert_eq!(
            step(&report, number).checks[0].reason.as_deref(),
            Some(
                format!(
                    "{SUBSCRIPTIONS} failed: {absent}; the fallback failed too: GET /v1.0/subscribedSkus still \
                     answered 503 after 3 attempts; try again later"
                )
                .as_str()
            )
        );
        assert_eq!(
            step(&french, number).checks[0].reason.as_deref(),
            Some(
                format!(
                    "{SUBSCRIPTIONS} a échoué\u{a0}: {absent}\u{202f}; la source de repli a échoué aussi\u{a0}: \
                     GET /v1.0/subscribedSkus répond toujours 503 après 3 tentatives\u{202f}; réessayez plus tard"
                )
                .as_str()
            )
        );
    }
    assert!(evidence(&report, 5).contains("the fallback failed too: GET /v1.0/subscribedSkus still answered 503"));
    assert_eq!(
        harness.count("/v1.0/subscribedSkus"),
        6,
        "two runs, each one GET shared by steps 2, 3 and 5, 3 attempts"
    );
}

#[test]
fn per_user_mfa_is_done_not_done_or_unknown() {
    let mut disabled = FakeTenant::closed_down();
    disabled.add_user("bob@contoso.onmicrosoft.com", "disabled");
    let report = Harness::new(disabled.clone()).run();
    assert_eq!(step(&report, 4).status, Status::Done);
    assert_eq!(evidence(&report, 4), "Per-user MFA is disabled for the 1 user checked");

    let mut enabled = disabled.clone();
    enabled.add_user("dave@contoso.onmicrosoft.com", "enabled");
    let report = Harness::new(enabled).run();
    assert_eq!(step(&report, 4).status, Status::NotDone);
    assert_eq!(evidence(&report, 4), "Per-user MFA is still on for 1 user: dave@contoso.onmicrosoft.com");

    let report = Harness::new(disabled.clone().without("Policy.Read.All")).run();
    assert_eq!(step(&report, 4).status, Status::Unknown);
    assert!(evidence(&report, 4).contains("the app lacks the Policy.Read.All permission"));

    let mut failing = disabled;
    let bob = failing.users[1]["id"].as_str().unwrap().to_owned();
    failing.faults.push(Fault { times: 1, ..Fault::always(format!("/beta/users/{bob}"), 500) });
    let report = Harness::new(failing).run();
    assert_eq!(step(&report, 4).status, Status::Unknown, "an error for any user is never done");
    assert!(evidence(&report, 4).contains(&format!("GET /beta/users/{bob}/authentication/requirements failed: 500")));
    assert!(evidence(&report, 4).contains("The 1 item checked could not be read"));
}

#[test]
fn counts_of_zero_and_one_read_as_such_in_both_locales() {
    let french = |harness: &Harness, args: VerifyArgs| harness.run_with(VerifyArgs { locale: "fr-FR".into(), ..args });

    let harness = Harness::new(FakeTenant::closed_down());
    let (english, french_report) = (harness.run(), french(&harness, harness.args()));
    assert_eq!(evidence(&english, 3), "The only subscription is deleted");
    assert_eq!(evidence(&french_report, 3), "Le seul abonnement est supprimé");
    assert_eq!(
        evidence(&french_report, 4),
        "Aucun utilisateur à vérifier pour l’authentification multifacteur par utilisateur, hormis l’administrateur \
         général qui reste"
    );

    let mut no_subscription = FakeTenant::closed_down();
    no_subscription.subscriptions.clear();
    let harness = Harness::new(no_subscription);
    let (english, french_report) = (harness.run(), french(&harness, harness.args()));
    for number in [2, 3] {
        assert_eq!(evidence(&english, number), "No subscription at all");
        assert_eq!(evidence(&french_report, number), "Aucun abonnement");
    }

    let mut one_user = FakeTenant::closed_down();
    one_user.add_user("bob@contoso.onmicrosoft.com", "disabled");
    let harness = Harness::new(one_user.clone());
    assert_eq!(
        evidence(&french(&harness, harness.args()), 4),
        "L’authentification multifacteur par utilisateur est désactivée pour l’utilisateur vérifié"
    );
    let bob = one_user.users[1]["id"].as_str().unwrap().to_owned();
    one_user.faults.push(Fault { times: 1, ..Fault::always(format!("/beta/users/{bob}"), 500) });
    let harness = Harness::new(one_user);
    assert!(evidence(&french(&harness, harness.args()), 4).ends_with("L’élément vérifié n’a pas pu être lu"));

    let mut two_users = FakeTenant::closed_down();
    two_users.add_user("bob@contoso.onmicrosoft.com", "disabled");
    two_users.add_user("carol@contoso.onmicrosoft.com", "disabled");
    let harness = Harness::new(two_users);
    let one_checked = VerifyArgs { sample_limit: Some(1), ..harness.args() };
    let reason = |report: &VerifyReport| step(report, 4).checks[0].reason.clone().unwrap();
    assert_eq!(reason(&harness.run_with(one_checked.clone())), "1 of 3 users checked; finish step 1 first");
    assert_eq!(
        reason(&french(&harness, one_checked)),
        "1 utilisateur sur 3 vérifié\u{202f}; terminez d’abord l’étape 1"
    );
}

#[test]
fn per_user_mfa_sampling_is_bounded_and_says_so() {
    let mut tenant = FakeTenant::closed_down();
    for n in 0..100_000 {
        tenant.add_user(&format!("user{n}@contoso.onmicrosoft.com"), "disabled");
    }
    let harness = Harness::new(tenant);
    let report = harness.run();
    assert_eq!(step(&report, 4).status, Status::Unknown);
    assert_eq!(step(&report, 4).checks[0].reason.as_deref(), Some("100 of 100,001 users checked; finish step 1 first"));
    assert_eq!(harness.count("/beta/users/"), 100);
    assert!(report.requests < 120, "{} requests", report.requests);
    // Step 1 names the users of the listing's first page, and counts the others.
    assert!(
        evidence(&report, 1).ends_with("user8@contoso.onmicrosoft.com and 99,991 more"),
        "{}",
        evidence(&report, 1)
    );

    // A smaller limit, and an enabled user inside the sample: not done, whatever the rest holds.
    let mut tenant = FakeTenant::closed_down();
    tenant.add_user("on@contoso.onmicrosoft.com", "enforced");
    for n in 0..5 {
        tenant.add_user(&format!("user{n}@contoso.onmicrosoft.com"), "disabled");
    }
    let harness = Harness::new(tenant);
    let report = harness.run_with(VerifyArgs { sample_limit: Some(2), ..harness.args() });
    assert_eq!(step(&report, 4).status, Status::NotDone);
    assert_eq!(harness.count("/beta/users/"), 2);
    // The count is of a sample, and says so.
    assert_eq!(
        evidence(&report, 4),
        "Per-user MFA is still on for 1 user of the 2 checked (a sample: others may have it too): \
         on@contoso.onmicrosoft.com"
    );
}

#[test]
fn step_5_is_done_only_for_a_tenant_seen_alive_before_on_the_same_cloud() {
    let harness = Harness::new(halfway());
    let alive = harness.run();
    assert_eq!(step(&alive, 5).status, Status::NotDone);
    assert_eq!(
        evidence(&alive, 5),
        "Tenant contoso.onmicrosoft.com still exists\nBlocker: 3 users remain\nBlocker: 1 subscription is not deleted\n\
         Blocker: 2 applications are registered"
    );
    let remembered = std::fs::read_to_string(harness.dir.path().join("state/tenants.json")).unwrap();
    assert!(
        remembered.contains("contoso.onmicrosoft.com") && remembered.contains("84841066-274d-4ec0-a5c1-276be684bdd3")
    );

    harness.fake.update(|tenant| tenant.deleted = true);
    let posts_before = harness.fake.seen().iter().filter(|seen| seen.method == "POST").count();
    let gone = harness.run();
    use Status::*;
    // What steps 1 to 4 check went with the tenant: the closure is done, and the evidence says why.
    assert_eq!(statuses(&gone), [Done, Done, Done, Done, Done]);
    assert_eq!(
        evidence(&gone, 5),
        "Tenant contoso.onmicrosoft.com is gone (AADSTS90002) and was seen alive before on the global cloud\n\
         Its tenant id 84841066-274d-4ec0-a5c1-276be684bdd3 is not found either"
    );
    assert_eq!(
        evidence(&gone, 1),
        "Tenant contoso.onmicrosoft.com is deleted (AADSTS90002, and seen alive before): nothing of it is left"
    );
    let posts_after = harness.fake.seen().iter().filter(|seen| seen.method == "POST").count();
    assert_eq!(posts_before, posts_after, "no sign-in is attempted for a tenant that is gone");

    // The same tenant on another cloud was never seen alive.
    let other_cloud = harness.run_with(VerifyArgs { cloud: Some(Cloud::China), ..harness.args() });
    assert_eq!(step(&other_cloud, 5).status, Status::Unknown);
}

#[test]
fn a_name_that_stops_resolving_is_rechecked_by_the_remembered_tenant_id() {
    let harness = Harness::new(halfway());
    assert_eq!(step(&harness.run(), 5).status, Status::NotDone);
    // The domain is removed: the name answers AADSTS90002, the tenant id still answers.
    harness.fake.update(|tenant| tenant.domain = "contoso-old.onmicrosoft.com".into());
    let report = harness.run();
    assert_eq!(step(&report, 5).status, Status::NotDone, "{}", report.to_text(false));
    assert_eq!(
        evidence(&report, 5),
        "Tenant contoso.onmicrosoft.com no longer resolves (AADSTS90002), but its tenant id \
         84841066-274d-4ec0-a5c1-276be684bdd3 still answers: the tenant exists (a removed domain name no longer leads \
         to it)\nBlocker: 3 users remain\nBlocker: 1 subscription is not deleted\nBlocker: 2 applications are registered"
    );
    // The tenant is alive, so the other steps are read from it, signed in by its id.
    assert_eq!(step(&report, 1).status, Status::NotDone);
    let id_discovery = "/84841066-274d-4ec0-a5c1-276be684bdd3/v2.0/.well-known/openid-configuration";
    assert_eq!(harness.count(id_discovery), 1);
    assert_eq!(harness.count("/84841066-274d-4ec0-a5c1-276be684bdd3/oauth2/v2.0/token"), 1);

    // A memory without the tenant id (written by an older checkdown) cannot confirm a domain is gone.
    let state = harness.dir.path().join("state/tenants.json");
    let mut memory: Value = serde_json::from_str(&std::fs::read_to_string(&state).unwrap()).unwrap();
    memory.as_object_mut().unwrap().remove("tenant_ids");
    std::fs::write(&state, memory.to_string()).unwrap();
    let report = harness.run();
    assert_eq!(step(&report, 5).status, Status::Unknown);
    assert!(
        evidence(&report, 5).contains("does not remember its tenant id to confirm the tenant is gone"),
        "{}",
        evidence(&report, 5)
    );
}

#[test]
fn discovery_and_token_endpoint_disagreeing_is_unknown() {
    let harness = Harness::new(halfway());
    assert_eq!(step(&harness.run(), 5).status, Status::NotDone);
    harness.fake.update(|tenant| tenant.token_tenant_not_found = true);
    let report = harness.run();
    use Status::*;
    assert_eq!(statuses(&report), [Unknown, Unknown, Unknown, Unknown, Unknown], "{}", report.to_text(false));
    let reason = "The login host's discovery document says tenant contoso.onmicrosoft.com exists, but its token \
                  endpoint answers AADSTS90002 (tenant not found): cannot tell whether the tenant is deleted";
    for number in 1..=5 {
        assert_eq!(step(&report, number).checks[0].reason.as_deref(), Some(reason));
    }
}

#[test]
fn a_deleted_tenant_never_seen_alive_is_unknown() {
    let mut tenant = FakeTenant::closed_down();
    tenant.deleted = true;
    let harness = Harness::new(tenant);
    let report = harness.run();
    assert_eq!(step(&report, 5).status, Status::Unknown);
    assert_eq!(
        step(&report, 5).checks[0].reason.as_deref(),
        Some(
            "Tenant contoso.onmicrosoft.com was not found (AADSTS90002) on the global cloud, but this tool never saw \
             it alive: a mistyped tenant or the wrong cloud look the same"
        )
    );
    assert!(!harness.dir.path().join("state/tenants.json").exists(), "a tenant not found is not remembered");
}

/// A sample whose requests go unanswered stops asking: Graph is not answering, and asking every user would only wait
/// as long again for each. The step is unknown, naming the failure.
#[test]
fn a_sample_stops_asking_once_graph_does_not_answer() {
    let mut tenant = FakeTenant::closed_down();
    for number in 0..40 {
        tenant.add_user(&format!("user{number}@contoso.onmicrosoft.com"), "disabled");
    }
    tenant.faults = vec![Fault::always("/beta/users/", NO_ANSWER)];
    let harness = Harness::new(tenant);
    let report = harness.run_with(VerifyArgs { concurrency: Some(4), ..harness.args() });
    assert_eq!(step(&report, 4).status, Status::Unknown);
    let reason = step(&report, 4).checks[0].reason.clone().unwrap();
    assert!(reason.contains("no answer"), "{reason}");
    let asked = harness.fake.seen().into_iter().filter(|seen| seen.url.starts_with("/beta/users/")).count();
    // At most the 4 requests under way when the first went unanswered, each with its 3 attempts.
    assert!(asked <= 4 * 3, "{asked} requests for 41 users");
    // What was found is of the users asked, not of all 40 to check.
    assert!(evidence(&report, 4).ends_with("\n4 of the 4 items checked could not be read"), "{}", evidence(&report, 4));
}

/// Only the login host's discovery document says a tenant lives: a proxy's page answered 200 for it is no such
/// document, so the tenant is not remembered as seen alive, and a later "not found" cannot pass for its deletion.
#[test]
fn a_page_that_is_no_discovery_document_does_not_make_a_tenant_alive() {
    let discovery = "/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration";
    let not_found = "The token endpoint answers AADSTS90002 (tenant contoso.onmicrosoft.com not found), but the \
                     discovery document could not confirm it: GET /contoso.onmicrosoft.com/v2.0/.well-known/\
                     openid-configuration";
    let json_without_issuer = "gave an unexpected answer: not an OpenID discovery document naming the tenant's id in \
                               its issuer";
    let portal = "answered 200 with text/html \"Sign in to Contoso Wi-Fi\", which is not Microsoft's answer: a proxy \
                  or gateway in between may have answered instead";
    for (page, why) in [(None, json_without_issuer), (Some("Sign in to Contoso Wi-Fi"), portal)] {
        let mut tenant = FakeTenant::closed_down();
        tenant.deleted = true;
        tenant.faults = vec![Fault { page, ..Fault::always(discovery, 200) }];
        let harness = Harness::new(tenant);
        let report = harness.run();
        assert!(!harness.dir.path().join("state/tenants.json").exists(), "the tenant is not remembered");
        assert_eq!(step(&report, 5).status, Status::Unknown);
        assert_eq!(step(&report, 5).checks[0].reason, Some(format!("{not_found} {why}")));
    }
}

#[test]
fn throttling_and_outages_are_retried_honouring_retry_after() {
    let mut tenant = FakeTenant::closed_down();
    tenant.faults = vec![
        Fault { retry_after: Some("0.05".into()), times: 2, ..Fault::always("/v1.0/directory/subscriptions", 429) },
        Fault { times: 1, ..Fault::always("/v1.0/users/$count", 503) },
        Fault { retry_after: Some("0".into()), times: 1, ..Fault::always("/v1.0/organization", 504) },
    ];
    let harness = Harness::new(tenant);
    let report = harness.run();
    use Status::*;
    assert_eq!(statuses(&report), [Done, Done, Done, Done, NotDone], "{}", report.to_text(false));
    assert_eq!(harness.count("/v1.0/directory/subscriptions"), 3);
    assert_eq!(harness.count("/v1.0/users/$count"), 2);
    assert!(harness.log().contains("GET /v1.0/directory/subscriptions?$select=id,skuPartNumber,status,nextLifecycleDateTime: 429; retrying in 0.1 s (attempt 2 of 3)"), "{}", harness.log());
}

/// A wait longer than the request may take is not waited out: the request gives up at once, and says what Graph asked.
#[test]
fn a_retry_after_past_the_time_budget_gives_up_and_says_so() {
    let mut tenant = FakeTenant::closed_down();
    let path = "/v1.0/organization";
    tenant.faults = vec![Fault { retry_after: Some("3600".into()), ..Fault::always(path, 429) }];
    let harness = Harness::new(tenant);
    let report = harness.run();
    assert_eq!(harness.count(path), 1);
    assert!(
        harness.log().contains(
            "GET /v1.0/organization?$select=id,onPremisesSyncEnabled: asked to retry after 3600 s, past the 10 s this \
             request may take; giving up"
        ),
        "{}",
        harness.log()
    );
    assert!(evidence(&report, 1).contains("still answered 429 after 1 attempt"), "{}", evidence(&report, 1));
}

#[test]
fn a_redirect_is_not_followed_and_names_only_the_host_it_points_to() {
    let mut tenant = FakeTenant::closed_down();
    tenant.faults = vec![Fault::always("/v1.0/users", 302)];
    let harness = Harness::new(tenant);
    let report = harness.run();
    assert_eq!(step(&report, 1).status, Status::Unknown);
    assert_eq!(
        step(&report, 1).checks[0].reason.as_deref(),
        Some(
            "GET /v1.0/users?$select=id,displayName,userPrincipalName,userType,onPremisesSyncEnabled&$top=999 was \
             redirected (302) to redirect.example: Microsoft Graph answers reads itself, so checkdown does not follow \
             redirects and read nothing"
        )
    );
    let french = harness.run_with(VerifyArgs { locale: "fr-FR".into(), ..harness.args() });
    let reason = step(&french, 1).checks[0].reason.clone().unwrap();
    assert!(
        reason.ends_with(
            " a été redirigée (302) vers redirect.example\u{a0}: Microsoft Graph répond lui-même aux lectures, donc \
             checkdown ne suit pas les redirections et n’a rien lu"
        ),
        "{reason}"
    );
    let token = REDIRECT_LOCATION.split_once('?').unwrap().1;
    for shown in [report.to_text(false), serde_json::to_string(&report).unwrap(), french.to_text(false)] {
        assert!(!shown.contains(token) && !shown.contains("/next"), "{shown}");
    }
}

#[test]
fn a_service_that_stays_down_ends_unknown_after_bounded_attempts() {
    let mut tenant = FakeTenant::closed_down();
    tenant.faults =
        vec![Fault { retry_after: Some("0.01".into()), ..Fault::always("/v1.0/directory/subscriptions", 503) }];
    let harness = Harness::new(tenant);
    let report = harness.run();
    for number in [2, 3] {
        assert_eq!(step(&report, number).status, Status::Unknown);
        assert_eq!(
            step(&report, number).checks[0].reason.as_deref(),
            Some(
                "GET /v1.0/directory/subscriptions?$select=id,skuPartNumber,status,nextLifecycleDateTime still \
                 answered 503 after 3 attempts; try again later"
            )
        );
    }
    assert_eq!(harness.count("/v1.0/directory/subscriptions"), 3, "one GET shared by steps 2 and 3, 3 attempts");
    assert_eq!(harness.count("/v1.0/subscribedSkus"), 0, "a service that is down is not absent: no fallback");

    // No Graph at all: a closed port (signed in with a token, as the login host only mints tokens for its Graph).
    let harness = Harness::new(FakeTenant::closed_down());
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let env = Environment::from_pairs([("CHECKDOWN_ACCESS_TOKEN", harness.fake.mint_token())]);
    let args = VerifyArgs { auth: AuthMode::Token, graph_host: Some(format!("http://{closed}")), ..harness.args() };
    let report = harness.try_run(args, &env).unwrap();
    assert_eq!(step(&report, 2).status, Status::Unknown);
    assert!(evidence(&report, 2).contains("got no answer: could not connect"), "{}", evidence(&report, 2));
}

#[test]
fn an_expired_token_is_renewed_once() {
    let mut tenant = FakeTenant::closed_down();
    tenant.expire_tokens_after = Some(2);
    let harness = Harness::new(tenant);
    let report = harness.run();
    assert_eq!(step(&report, 1).status, Status::Done);
    assert_eq!(harness.fake.issued_tokens().len(), 2);
    assert!(harness.log().contains("token expired, signed in again"), "{}", harness.log());

    // A token given as is cannot be renewed: Graph's refusal is the reason, not a lost answer.
    let mut tenant = FakeTenant::closed_down();
    tenant.expire_tokens_after = Some(0);
    let harness = Harness::new(tenant);
    let env = Environment::from_pairs([("CHECKDOWN_ACCESS_TOKEN", harness.fake.mint_token())]);
    let report = harness.try_run(VerifyArgs { auth: AuthMode::Token, ..harness.args() }, &env).unwrap();
    let reason = step(&report, 2).checks[0].reason.clone().unwrap();
    assert!(reason.contains("failed: 401 InvalidAuthenticationToken"), "{reason}");
    assert!(!harness.log().contains("signed in again"), "{}", harness.log());
}

#[test]
fn sign_in_and_configuration_errors_have_their_exit_codes() {
    let harness = Harness::new(FakeTenant::closed_down());
    let wrong =
        Environment::from_pairs([("AZURE_CLIENT_ID", harness.client_id.as_str()), ("AZURE_CLIENT_SECRET", "nope")]);
    let error = harness.try_run(harness.args(), &wrong).unwrap_err();
    assert_eq!(error.exit_code(), 3);
    let message = chain(&error);
    assert!(message.starts_with("authentication failed: "), "{message}");
    assert!(message.contains("AADSTS7000215: Invalid client secret provided"), "{message}");
    assert!(message.contains("/contoso.onmicrosoft.com/oauth2/v2.0/token"), "{message}");

    let unknown_app = Environment::from_pairs([
        ("AZURE_CLIENT_ID", "22222222-0000-0000-0000-000000000000"),
        ("AZURE_CLIENT_SECRET", "x"),
    ]);
    assert!(chain(&harness.try_run(harness.args(), &unknown_app).unwrap_err()).contains("AADSTS700016"));

    let no_tenant = harness.try_run(VerifyArgs { tenant: None, ..harness.args() }, &harness.env()).unwrap_err();
    assert_eq!((no_tenant.exit_code(), no_tenant.to_string().contains("AZURE_TENANT_ID")), (2, true));
    let plain_http = VerifyArgs { graph_host: Some("http://graph.example.com".into()), ..harness.args() };
    assert!(harness.try_run(plain_http, &harness.env()).unwrap_err().to_string().contains("loopback"));
    let both = VerifyArgs { record: Some("a".into()), replay: Some("b".into()), ..harness.args() };
    assert_eq!(harness.try_run(both, &harness.env()).unwrap_err().exit_code(), 2);
    let moniker = VerifyArgs { moniker: Some("o365-21vianet".into()), cloud: Some(Cloud::UsGov), ..harness.args() };
    assert!(harness.try_run(moniker, &harness.env()).unwrap_err().to_string().contains("--cloud china"));
    let nothing = VerifyArgs { azure_cli: Some("/nonexistent/az".into()), ..harness.args() };
    let requests_before = harness.fake.seen().len();
    let error = harness.try_run(nothing, &Environment::default()).unwrap_err();
    assert_eq!(error.exit_code(), 2);
    assert!(chain(&error).contains("Azure CLI: '/nonexistent/az' is not installed"), "{error}");
    assert_eq!(harness.fake.seen().len(), requests_before, "known before the tenant is looked up");
    let missing_cli =
        VerifyArgs { auth: AuthMode::AzureCli, azure_cli: Some("/nonexistent/az".into()), ..harness.args() };
    let error = harness.try_run(missing_cli, &Environment::default()).unwrap_err();
    assert_eq!(error.exit_code(), 2, "{error}");
    assert!(chain(&error).contains("azure-cli needs the Azure CLI, and '/nonexistent/az' is not installed"), "{error}");
    assert_eq!(harness.fake.seen().len(), requests_before, "known before the tenant is looked up");
}

#[test]
fn a_missing_credential_is_reported_before_any_request_and_an_unreachable_login_host_exits_2() {
    let harness = Harness::new(FakeTenant::closed_down());
    let error = harness.try_run(VerifyArgs { auth: AuthMode::Token, ..harness.args() }, &harness.env()).unwrap_err();
    assert_eq!(
        (error.exit_code(), chain(&error)),
        (2, "authentication failed: no credentials: token needs CHECKDOWN_ACCESS_TOKEN or a token file".into())
    );
    let no_secret = Environment::from_pairs([("AZURE_CLIENT_ID", harness.client_id.as_str())]);
    let error = harness.try_run(VerifyArgs { auth: AuthMode::ClientSecret, ..harness.args() }, &no_secret).unwrap_err();
    assert_eq!(error.exit_code(), 2);
    assert!(harness.fake.seen().is_empty(), "nothing was asked of the login host or Graph");

    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let args = VerifyArgs { authority_host: Some(format!("http://{closed}")), ..harness.args() };
    let error = harness.try_run(args, &harness.env()).unwrap_err();
    assert_eq!(error.exit_code(), 2, "not a refused sign-in: {}", chain(&error));
    assert!(chain(&error).contains("could not reach the login host"), "{}", chain(&error));
}

#[test]
fn a_throttled_token_endpoint_is_retried_honouring_retry_after() {
    let token = "/contoso.onmicrosoft.com/oauth2/v2.0/token";
    let mut tenant = FakeTenant::closed_down();
    tenant.faults = vec![Fault { retry_after: Some("0.01".into()), times: 2, ..Fault::always(token, 429) }];
    let harness = Harness::new(tenant);
    let report = harness.run();
    assert_eq!(step(&report, 1).status, Status::Done);
    assert_eq!(harness.count(token), 3, "two 429s, then the token");
    assert!(
        harness
            .log()
            .contains(&format!("POST {}{token}: 429; retrying in 0.0 s (attempt 2 of 3)", harness.fake.login_url())),
        "{}",
        harness.log()
    );

    // An endpoint that stays unavailable ends after the policy's attempts, as a refusal naming the status.
    let mut tenant = FakeTenant::closed_down();
    tenant.faults = vec![Fault::always(token, 503)];
    let harness = Harness::new(tenant);
    let error = harness.try_run(harness.args(), &harness.env()).unwrap_err();
    assert_eq!(harness.count(token), 3);
    assert!(
        chain(&error).contains("refused to sign in: 503 temporarily_unavailable: AADSTS50196"),
        "{}",
        chain(&error)
    );
}

#[test]
fn a_proxy_page_in_front_of_the_token_endpoint_is_named_as_such() {
    let token = "/contoso.onmicrosoft.com/oauth2/v2.0/token";
    let mut tenant = FakeTenant::closed_down();
    let page = Some("Sign in to Contoso Wi-Fi");
    tenant.faults = vec![Fault { page, ..Fault::always(token, 200) }];
    let harness = Harness::new(tenant);
    let error = harness.try_run(harness.args(), &harness.env()).unwrap_err();
    assert_eq!(error.exit_code(), 2, "a host to fix, not a refusal");
    assert_eq!(
        chain(&error),
        format!(
            "authentication failed: {}{token}: answered 200 with text/html \"Sign in to Contoso Wi-Fi\", which is not Microsoft's answer: a \
             proxy or gateway in between may have answered instead",
            harness.fake.login_url()
        )
    );
}

/// An error and its sources, as `checkdown` prints them.
fn chain(error: &dyn std::error::Error) -> String {
    let causes: Vec<String> =
        std::iter::successors(Some(error), |cause| cause.source()).map(|c| c.to_string()).collect();
    causes.join(": ")
}

#[test]
fn device_code_prints_the_message_and_polls() {
    let harness = Harness::new(FakeTenant::closed_down());
    let report = harness.run_with(VerifyArgs { auth: AuthMode::DeviceCode, ..harness.args() });
    assert_eq!(step(&report, 1).status, Status::Done);
    assert!(harness.log().contains("enter the code ABCD-EFGH to authenticate"));
    let polls = harness.fake.seen().iter().filter(|seen| seen.body.contains("grant_type=urn")).count();
    assert_eq!(polls, 2, "one authorization_pending, then the token");
    let start = harness.fake.seen().into_iter().find(|seen| seen.url.ends_with("/devicecode")).unwrap();
    assert!(start.body.contains("User.Read.All") && !start.body.contains("client_secret"));
    let user = report.signed_in.unwrap();
    assert_eq!((user.kind, user.name.as_deref()), (IdentityKind::User, Some("admin@contoso.onmicrosoft.com")));
}

#[test]
fn the_azure_cli_token_and_a_raw_token_are_used_as_given() {
    let harness = Harness::new(FakeTenant::closed_down());
    let token = harness.fake.mint_token();
    let script = harness.dir.path().join("az");
    let arguments = harness.dir.path().join("az-arguments");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho \"$@\" > '{}'\necho '{{\"accessToken\": \"{token}\", \"expires_on\": 4102444800, \"tokenType\": \"Bearer\"}}'\n",
            arguments.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let args = VerifyArgs { auth: AuthMode::Auto, azure_cli: Some(script), ..harness.args() };
    let report = harness.try_run(args, &Environment::default()).unwrap();
    assert_eq!(step(&report, 1).status, Status::Done);
    let user = report.signed_in.unwrap();
    assert_eq!((user.kind, user.name.as_deref()), (IdentityKind::User, Some("admin@contoso.onmicrosoft.com")));
    let asked = std::fs::read_to_string(arguments).unwrap();
    assert_eq!(
        asked.trim(),
        format!("account get-access-token --resource {GRAPH_RESOURCE} --tenant contoso.onmicrosoft.com --output json")
    );

    let token_file = harness.dir.path().join("token");
    std::fs::write(&token_file, format!("{}\n", harness.fake.mint_token())).unwrap();
    let args = VerifyArgs { auth: AuthMode::Token, token_file: Some(token_file), ..harness.args() };
    assert_eq!(step(&harness.try_run(args, &Environment::default()).unwrap(), 1).status, Status::Done);
    let no_post = harness.fake.seen().iter().all(|seen| seen.method == "GET");
    assert!(no_post, "neither the Azure CLI nor a raw token needs the token endpoint");
}

#[test]
fn secrets_and_tokens_never_reach_output_records_logs_state_or_errors() {
    let mut tenant = halfway();
    tenant.expire_tokens_after = Some(3);
    tenant.faults = vec![Fault { retry_after: Some("0".into()), times: 1, ..Fault::always("/v1.0/organization", 429) }];
    let harness = Harness::new(tenant);
    let record = harness.dir.path().join("record.json");
    let secret_file = harness.dir.path().join("secret");
    std::fs::write(&secret_file, &harness.secret).unwrap();
    let env = Environment::from_pairs([("AZURE_CLIENT_ID", harness.client_id.as_str())]);
    let args = VerifyArgs {
        auth: AuthMode::ClientSecret,
        client_secret_file: Some(secret_file.clone()),
        record: Some(record.clone()),
        ..harness.args()
    };
    let options_debug = format!("{:?}", VerifyOptions::new(args.clone(), &env).unwrap());
    let report = harness.try_run(args, &env).unwrap();
    let wrong = Environment::from_pairs([("AZURE_CLIENT_ID", "x"), ("AZURE_CLIENT_SECRET", harness.secret.as_str())]);
    let error = harness.try_run(harness.args(), &wrong).unwrap_err();

    let mut everything = vec![
        report.to_json(),
        report.to_text(true),
        std::fs::read_to_string(&record).unwrap(),
        std::fs::read_to_string(harness.dir.path().join("state/tenants.json")).unwrap(),
        harness.log(),
        options_debug,
        format!("{error} {error:?}"),
        format!("{:?}", harness.env()),
    ];
    everything.extend(
        std::fs::read_dir(harness.dir.path().join("state"))
            .unwrap()
            .map(|entry| entry.unwrap().path().display().to_string()),
    );
    let tokens = harness.fake.issued_tokens();
    assert!(tokens.len() >= 2, "the run renewed its token");
    for text in &everything {
        assert!(!text.contains(&harness.secret), "the client secret leaked into: {text}");
        for token in &tokens {
            assert!(!text.contains(token.as_str()), "a bearer token leaked into: {text}");
            assert!(!text.contains("c2lnbmF0dXJl"), "a token's signature leaked into: {text}");
        }
        assert!(!text.contains("Bearer "), "an Authorization header leaked into: {text}");
    }
}

#[test]
fn record_then_replay_gives_the_same_report_offline() {
    let harness = Harness::new(halfway());
    let record = harness.dir.path().join("record.json");
    let live = harness.run_with(VerifyArgs { record: Some(record.clone()), ..harness.args() });
    let seen = harness.fake.seen().len();
    let replayed = harness.run_with(VerifyArgs { replay: Some(record.clone()), tenant: None, ..harness.args() });
    // The fake answered, not Microsoft's hosts: the report says so, and its replay too.
    let fake_hosts = format!("{}, {}", harness.fake.login_url(), harness.fake.graph_url());
    assert_eq!(live.hosts.as_deref(), Some(fake_hosts.as_str()));
    // The same report: who signed in included, from the record.
    assert_eq!(replayed, as_replayed(live, &record));
    assert_eq!(replayed.signed_in.as_ref().map(|identity| identity.kind), Some(IdentityKind::Application));
    assert_eq!(harness.fake.seen().len(), seen, "replay is offline");
    // The replayed report says so, in JSON and in text, under the line naming who signed in then.
    let json: Value = serde_json::from_str(&replayed.to_json()).unwrap();
    assert_eq!(json["replayed_from"], json!(record.display().to_string()));
    let text = replayed.to_text(false);
    assert!(signed_in_line(&replayed).starts_with("Signed in as application checkdown-verify"), "{text}");
    assert_eq!(
        text.lines().nth(2).unwrap(),
        format!(
            "Replayed from {}, recorded on {}: nothing was read from the tenant now",
            record.display(),
            checkdown::i18n::Strings::load("en-US").unwrap().timestamp(&replayed.checked_at)
        )
    );

    // A record of a deleted tenant replays to the same verdict, whatever the local state says.
    harness.fake.update(|tenant| tenant.deleted = true);
    let gone = harness.run_with(VerifyArgs { record: Some(record.clone()), replace_record: true, ..harness.args() });
    std::fs::remove_dir_all(harness.dir.path().join("state")).unwrap();
    let replayed = harness.run_with(VerifyArgs { replay: Some(record.clone()), ..harness.args() });
    assert_eq!(replayed, as_replayed(gone, &record));
    assert_eq!(step(&replayed, 5).status, Status::Done);
}

/// `live` as its replay from `record` reports it: the same, and saying where it came from.
fn as_replayed(live: VerifyReport, record: &std::path::Path) -> VerifyReport {
    assert_eq!(live.replayed_from, None, "a live report is not a replay");
    VerifyReport { replayed_from: Some(record.display().to_string()), ..live }
}

#[test]
fn a_replay_weighs_the_recorded_sign_in_outcome() {
    // The token endpoint's AADSTS90002 decided the live verdict: the record keeps it, so the replay agrees.
    let harness = Harness::new(halfway());
    harness.run();
    harness.fake.update(|tenant| tenant.token_tenant_not_found = true);
    let record = harness.dir.path().join("record.json");
    let live = harness.run_with(VerifyArgs { record: Some(record.clone()), ..harness.args() });
    assert_eq!(step(&live, 5).status, Status::Unknown);
    let recorded: Value = serde_json::from_str(&std::fs::read_to_string(&record).unwrap()).unwrap();
    assert_eq!(
        (&recorded["format"], &recorded["sign_in"]),
        (&json!("checkdown-verify-record/2"), &json!("tenant-not-found"))
    );
    let replayed = harness.run_with(VerifyArgs { replay: Some(record), ..harness.args() });
    assert_eq!(replayed, as_replayed(live, &harness.dir.path().join("record.json")));
}

#[test]
fn a_record_older_than_the_identity_still_replays_and_says_who_could_not_be_told() {
    let harness = Harness::new(FakeTenant::closed_down());
    let record = harness.dir.path().join("record.json");
    let live = harness.run_with(VerifyArgs { record: Some(record.clone()), ..harness.args() });
    let mut recorded: Value = serde_json::from_str(&std::fs::read_to_string(&record).unwrap()).unwrap();
    assert_eq!(recorded["signed_in"]["name"], "checkdown-verify", "the record keeps who signed in");
    recorded.as_object_mut().unwrap().remove("signed_in");
    std::fs::write(&record, recorded.to_string()).unwrap();
    let replayed = harness.run_with(VerifyArgs { replay: Some(record.clone()), ..harness.args() });
    assert_eq!(replayed, VerifyReport { signed_in: Some(Identity::unknown()), ..as_replayed(live, &record) });
    assert_eq!(signed_in_line(&replayed), "Signed in, but checkdown could not tell as whom");

    // Nobody signed in for the run an older record kept (the token endpoint did not know the tenant): no one is named.
    recorded["sign_in"] = json!("tenant-not-found");
    std::fs::write(&record, recorded.to_string()).unwrap();
    let replayed = harness.run_with(VerifyArgs { replay: Some(record), ..harness.args() });
    assert_eq!(replayed.signed_in, None);
}

#[test]
fn a_replay_is_refused_for_another_article_tenant_or_cloud_an_edited_time_and_an_older_format() {
    let harness = Harness::new(FakeTenant::closed_down());
    let record = harness.dir.path().join("record.json");
    harness.run_with(VerifyArgs { record: Some(record.clone()), ..harness.args() });
    let replay = |args: VerifyArgs| {
        let error = harness.try_run(VerifyArgs { replay: Some(record.clone()), ..args }, &harness.env()).unwrap_err();
        (error.exit_code(), error.to_string())
    };
    let file = record.display();
    assert_eq!(
        replay(VerifyArgs { tenant: Some("fabrikam.onmicrosoft.com".into()), ..harness.args() }),
        (
            2,
            format!(
                "--replay {file}: the record is of tenant contoso.onmicrosoft.com, not of --tenant \
                 fabrikam.onmicrosoft.com"
            )
        )
    );
    assert_eq!(
        replay(VerifyArgs { cloud: Some(Cloud::China), ..harness.args() }),
        (2, format!("--replay {file}: the record is of the global cloud, not of --cloud china"))
    );
    let same =
        VerifyArgs { tenant: Some("CONTOSO.onmicrosoft.com".into()), cloud: Some(Cloud::Global), ..harness.args() };
    assert!(harness.try_run(VerifyArgs { replay: Some(record.clone()), ..same }, &harness.env()).is_ok());
    assert_eq!(
        replay(VerifyArgs { article: "an-article-without-checks".into(), ..harness.args() }),
        (
            2,
            format!(
                "--replay {file}: the record is of article 'close-your-account', not of 'an-article-without-checks'"
            )
        )
    );
    // The time a record was made is printed as the evidence's: edited to something else, the record is refused.
    let recorded = std::fs::read_to_string(&record).unwrap();
    let mut edited: Value = serde_json::from_str(&recorded).unwrap();
    edited["checked_at"] = json!("yesterday");
    std::fs::write(&record, edited.to_string()).unwrap();
    assert_eq!(
        replay(harness.args()).1,
        format!("record: {file}: checked_at 'yesterday' is not an RFC 3339 time (2025-01-31T09:05:00Z)")
    );
    std::fs::write(&record, recorded).unwrap();

    let text =
        std::fs::read_to_string(&record).unwrap().replace("checkdown-verify-record/2", "checkdown-verify-record/1");
    std::fs::write(&record, text).unwrap();
    let (code, message) = replay(harness.args());
    assert_eq!(code, 2);
    assert!(message.contains("a record of an older checkdown (format 'checkdown-verify-record/1')"), "{message}");
}

#[test]
fn a_record_file_is_checked_before_the_tenant_is_read() {
    let harness = Harness::new(FakeTenant::closed_down());
    let existing = harness.dir.path().join("existing.json");
    std::fs::write(&existing, "keep me").unwrap();
    let refused = |record: std::path::PathBuf| {
        let error = harness.try_run(VerifyArgs { record: Some(record), ..harness.args() }, &harness.env()).unwrap_err();
        (error.exit_code(), error.to_string())
    };
    assert_eq!(
        refused(existing.clone()),
        (
            2,
            format!(
                "{} already exists; pass --force to replace it, or --record to write elsewhere",
                existing.display()
            )
        )
    );
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "keep me");
    let missing = harness.dir.path().join("nodir/record.json");
    assert_eq!(
        refused(missing.clone()),
        (
            2,
            format!(
                "--record {}: the folder {} does not exist",
                missing.display(),
                missing.parent().unwrap().display()
            )
        )
    );
    assert!(harness.fake.seen().is_empty(), "nothing was asked of the tenant");

    let replaced =
        harness.run_with(VerifyArgs { record: Some(existing.clone()), replace_record: true, ..harness.args() });
    assert_eq!(step(&replaced, 1).status, Status::Done);
    assert!(std::fs::read_to_string(&existing).unwrap().contains("checkdown-verify-record/2"));
}

#[test]
fn record_then_replay_with_a_fallback_gives_the_same_report() {
    let mut tenant = halfway();
    tenant.subscribed_skus =
        vec![subscribed_sku("O365_BUSINESS_PREMIUM", "Suspended"), subscribed_sku("EMS", "Deleted")];
    tenant.faults = vec![subscriptions_answer(404)];
    let harness = Harness::new(tenant);
    let record = harness.dir.path().join("record.json");
    let live = harness.run_with(VerifyArgs { record: Some(record.clone()), ..harness.args() });
    assert!(evidence(&live, 3).ends_with("answered 404"), "{}", evidence(&live, 3));

    let recorded: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&record).unwrap()).unwrap();
    let subscriptions: Vec<(&str, u64)> = recorded["exchanges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|exchange| exchange["request"].as_str().unwrap().contains("ubscri"))
        .map(|exchange| (exchange["request"].as_str().unwrap(), exchange["exchange"]["status"].as_u64().unwrap()))
        .collect();
    assert_eq!(subscriptions, [(&SUBSCRIPTIONS["GET ".len()..], 404), ("/v1.0/subscribedSkus", 200)]);

    let seen = harness.fake.seen().len();
    let replayed = harness.run_with(VerifyArgs { replay: Some(record.clone()), tenant: None, ..harness.args() });
    assert_eq!(replayed, as_replayed(live, &record));
    assert_eq!(harness.fake.seen().len(), seen, "replay is offline");
}

#[test]
fn bindings_must_fit_the_article_and_unbound_steps_are_manual() {
    let harness = Harness::new(FakeTenant::closed_down());
    let options = VerifyOptions::new(harness.args(), &harness.env()).unwrap();
    let error = verify::verify(&steps()[..4], &options).unwrap_err();
    assert_eq!(error.exit_code(), 2);
    assert!(error.to_string().contains("step 'step-5-delete-the-directory-in-azure-active-directory'"), "{error}");

    let mut more = steps();
    more.push(StepRef { id: "step-6-celebrate".into(), number: 6, title: "Celebrate".into() });
    let report = verify::verify(&more, &options).unwrap();
    harness.fake.assert_read_only();
    let sixth = step(&report, 6);
    assert_eq!((sixth.status, sixth.checks.len()), (Status::Manual, 0));
    assert_eq!(sixth.evidence, ["No check is bound to this step: check it by hand."]);

    let bindings = harness.dir.path().join("checks.yaml");
    std::fs::write(&bindings, "requests: {}\nsteps:\n  step-1-delete-users:\n    - {kind: expect, name: x, reads: [], done: 'true', not-done: 'false', undecided: nope}\n").unwrap();
    let error =
        VerifyOptions::new(VerifyArgs { checks: Some(bindings), ..harness.args() }, &harness.env()).unwrap_err();
    assert!(error.to_string().contains("checks.yaml: message 'nope' is neither in"), "{error}");
    let error = VerifyOptions::new(VerifyArgs { locale: "tlh".into(), ..harness.args() }, &harness.env()).unwrap_err();
    assert!(error.to_string().contains("available: de-DE, en-US, es-ES, fr-FR"), "{error}");
}

/// A `--moniker` that no zone names but one nearly does is warned of, as `render` warns of it: the steps verified are
/// the whole article's, not the variant meant.
#[test]
fn a_misspelt_moniker_is_warned_of() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("zoned.md");
    let text = "# Zoned\n\n::: moniker range=\"o365-21vianet\"\n\nOperated by 21Vianet.\n\n::: moniker-end\n\n\
                ## Step 1: Sign in\n\n1. Sign in.\n";
    std::fs::write(&article, text).unwrap();
    let run = crate::support::checkdown()
        .args([
            "verify",
            article.to_str().unwrap(),
            "--moniker",
            "o365-21vianett",
            "--tenant",
            "contoso.onmicrosoft.com",
        ])
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("did you mean `o365-21vianet`"), "{}", run.stderr);
    assert!(run.stdout.contains("[-] 1. Sign in"), "{}", run.stdout);
}

/// An article nobody wrote checks for: every step is manual, said once on stderr, and the tenant is never contacted
/// (nothing it answers could change a status), so there is nothing to record either.
#[test]
fn an_article_without_checks_is_all_manual_and_reads_nothing() {
    let harness = Harness::new(FakeTenant::closed_down());
    let report = harness.run_with(VerifyArgs { article: "an-article-without-checks".into(), ..harness.args() });
    assert_eq!(statuses(&report), [Status::Manual; 5]);
    assert_eq!(evidence(&report, 2), "No check is bound to this step: check it by hand.");
    assert_eq!((report.requests, report.tenant.as_str()), (0, "contoso.onmicrosoft.com"));
    assert!(harness.fake.seen().is_empty(), "{:?}", harness.fake.seen());
    assert!(harness.log().contains("no check is bound to a step of 'an-article-without-checks'"), "{}", harness.log());
    // Nothing is read, so nothing needs signing in: no credentials are asked for.
    let args = VerifyArgs { article: "an-article-without-checks".into(), ..harness.args() };
    let report = harness.try_run(args, &Environment::default()).expect("no sign-in needed");
    assert_eq!(statuses(&report), [Status::Manual; 5]);

    // Without a tenant, there is nothing to verify: said as such, not as a missing --tenant.
    let args = VerifyArgs { article: "an-article-without-checks".into(), tenant: None, ..harness.args() };
    let error = VerifyOptions::new(args, &harness.env()).unwrap_err();
    assert_eq!(error.exit_code(), 2);
    assert!(error.to_string().contains("there is nothing to read in a tenant; check its steps by hand"), "{error}");

    let record = harness.dir.path().join("record.json");
    let args =
        VerifyArgs { article: "an-article-without-checks".into(), record: Some(record.clone()), ..harness.args() };
    let error = VerifyOptions::new(args, &harness.env()).unwrap_err();
    assert_eq!(error.exit_code(), 2);
    assert!(error.to_string().contains("nothing would be read to record"), "{error}");
    assert!(!record.exists());
}

/// Checks for another article: a bindings file brings its own evidence messages, in the locales checkdown has.
#[test]
fn a_bindings_file_brings_its_own_messages() {
    const BINDINGS: &str = r#"
requests:
  user_count: {get: /v1.0/users/$count, consistency: eventual, permission: User.Read.All}
steps:
  step-1-remove-guests:
    - kind: expect
      name: users-counted
      reads: [user_count]
      done: user_count == 1
      not-done: user_count > 1
      undecided: audit-undecided
      evidence:
        - {message: audit-users, args: {count: user_count}}
messages:
  en-US: |
    audit-undecided = Cannot tell how many users there are
    audit-users = { $count ->
        [one] One user
       *[other] { $count } users
    } in the tenant
  fr-FR: |
    audit-users = { $count } utilisateur dans le locataire
"#;
    let harness = Harness::new(FakeTenant::closed_down());
    let bindings = harness.dir.path().join("audit.yaml");
    let with = |text: &str| {
        std::fs::write(&bindings, text).unwrap();
        VerifyArgs { article: "audit-guests".into(), checks: Some(bindings.clone()), ..harness.args() }
    };
    let steps = [StepRef { id: "step-1-remove-guests".into(), number: 1, title: "Remove guests".into() }];
    let report = |args: VerifyArgs| verify::verify(&steps, &VerifyOptions::new(args, &harness.env()).unwrap()).unwrap();

    let english = report(with(BINDINGS));
    assert_eq!(english.steps[0].status, Status::Done);
    assert_eq!(english.steps[0].evidence, ["One user in the tenant"]);
    let french = report(VerifyArgs { locale: "fr-FR".into(), ..with(BINDINGS) });
    assert_eq!(french.steps[0].evidence, ["1 utilisateur dans le locataire"]);
    harness.fake.assert_read_only();

    let refused = |text: String| match VerifyOptions::new(with(&text), &harness.env()) {
        Ok(_) => panic!("accepted: {text}"),
        Err(error) => error.to_string(),
    };
    let error = refused(BINDINGS.replace("audit-users = { $count ->", "audit-users = { $count"));
    assert!(error.contains("audit.yaml: messages.en-US, line 3: Expected a token starting with"), "{error}");
    let error = refused(BINDINGS.replace("audit-undecided =", "verify-no-check ="));
    assert!(error.contains("messages.en-US defines 'verify-no-check', which checkdown's own"), "{error}");
    let error = refused(BINDINGS.replace("  fr-FR: |", "  ja-JP: |"));
    assert!(error.contains("messages for 'ja-JP', a locale checkdown has no verify messages in"), "{error}");
    let error = refused(BINDINGS.replace("  en-US: |", "  fr-CA: |"));
    assert!(error.contains("messages for 'fr-CA'"), "{error}");
    let error = refused(BINDINGS.replace("audit-users = { $count ->", "other = { $count ->"));
    assert!(error.contains("audit.yaml: message 'audit-users' is neither in"), "{error}");
}

#[test]
fn the_fake_speaks_graphs_rules() {
    let harness = Harness::new(FakeTenant::closed_down());
    let http = reqwest::blocking::Client::builder().no_proxy().build().unwrap();
    let token = harness.fake.mint_token();
    let get = |path: &str, eventual: bool| {
        let mut request = http.get(format!("{}{path}", harness.fake.graph_url())).bearer_auth(&token);
        if eventual {
            request = request.header("ConsistencyLevel", "eventual");
        }
        let response = request.send().unwrap();
        (response.status().as_u16(), response.text().unwrap())
    };
    let (status, body) = get("/v1.0/users/$count", false);
    assert_eq!(status, 400);
    assert!(body.contains("\"Request_BadRequest\"") && body.contains("$count is not currently supported."));
    assert_eq!(get("/v1.0/users/$count", true), (200, "1".into()));
    let (status, body) = get("/v1.0/users?$top=1000", false);
    assert_eq!(status, 400);
    assert!(body.contains("Invalid page size specified: '1000'. Must be between 1 and 999 inclusive."));
    let anonymous = http.get(format!("{}/v1.0/organization", harness.fake.graph_url())).send().unwrap();
    assert_eq!(anonymous.status().as_u16(), 401);
    assert!(anonymous.text().unwrap().contains("InvalidAuthenticationToken"));
    harness.fake.assert_read_only();
}

#[test]
fn report_snapshots_json_and_text_in_both_locales() {
    let harness = Harness::new(halfway());
    let report = harness.run();
    insta::assert_json_snapshot!(
        "halfway_report",
        report,
        { ".checked_at" => "[checked_at]", ".checkdown_version" => "[version]", ".hosts" => "[the fake's hosts]" }
    );
    assert_eq!(report.checkdown_version, env!("CARGO_PKG_VERSION"), "the evidence names the version that made it");
    // The text says when, in its language's words: at a fixed time, to compare.
    // And the fake's hosts, which change from run to run, at fixed ports.
    let at_a_known_time = |report: VerifyReport| VerifyReport {
        checked_at: "2026-11-20T09:05:00Z".into(),
        hosts: Some("http://127.0.0.1:8001, http://127.0.0.1:8002".into()),
        ..report
    };
    let report = at_a_known_time(report);
    insta::assert_snapshot!("halfway_text", report.to_text(false));
    let french = at_a_known_time(harness.run_with(VerifyArgs { locale: "fr-FR".into(), ..harness.args() }));
    insta::assert_snapshot!("halfway_text_fr", french.to_text(false));
    let coloured = report.to_text(true);
    assert!(coloured.contains("\u{1b}[31m[ ]\u{1b}[0m 1. Delete users"));
}

/// A record made by another run lacks some answers: the replay says so of each request, in the report's language, and
/// reads nothing.
#[test]
fn a_request_the_record_lacks_is_said_to_be_missing_from_it() {
    let example = crate::support::crate_root().join("content/examples/close-your-account.verify-record.json");
    let mut record: Value = serde_json::from_str(&std::fs::read_to_string(example).unwrap()).unwrap();
    record["exchanges"]
        .as_array_mut()
        .unwrap()
        .retain(|exchange| !exchange["request"].as_str().unwrap().starts_with("/v1.0/directory/subscriptions"));
    let dir = tempfile::tempdir().unwrap();
    let partial = dir.path().join("partial.json");
    std::fs::write(&partial, record.to_string()).unwrap();
    let missing = "GET /v1.0/directory/subscriptions?$select=id,skuPartNumber,status,nextLifecycleDateTime";
    for (locale, said) in [
        ("en-US", format!("{missing} is not in the record being replayed: nothing was read for it")),
        ("fr-FR", format!("{missing} est absente de l’enregistrement rejoué\u{a0}: rien n’a été lu pour elle")),
    ] {
        let run =
            crate::support::checkdown().args(["verify", "--lang", locale, "--replay", partial.to_str().unwrap()]).run();
        assert!(run.stdout.contains(&said), "{locale}: {}", run.stdout);
    }
}

/// The `checkdown verify` and `render --verify` commands, through the real binary, against the fake.
mod command {
    use super::*;
    use crate::support::checkdown;

    fn run(fake: &FakeGraph, tenant: &FakeTenant, state: &std::path::Path, args: &[&str]) -> crate::support::Run {
        let run = checkdown()
            .args(args)
            .args(["--tenant", &tenant.id, "--auth", "client-secret", "--authority-host", fake.login_url()])
            .args(["--graph-host", fake.graph_url(), "--state-dir", state.to_str().unwrap()])
            .env("AZURE_CLIENT_ID", &tenant.client_id)
            .env("AZURE_CLIENT_SECRET", &tenant.client_secret)
            .run();
        fake.assert_read_only();
        for output in [&run.stdout, &run.stderr] {
            assert!(!output.contains(&tenant.client_secret), "the client secret leaked");
            for token in fake.issued_tokens() {
                assert!(!output.contains(&token), "a bearer token leaked");
            }
        }
        run
    }

    #[test]
    fn verify_prints_json_render_reads_and_the_exit_codes_follow_the_steps() {
        let mut tenant = FakeTenant::closed_down();
        tenant.subscriptions.push(subscription("SPE_E3", "Enabled"));
        let fake = FakeGraph::start(tenant.clone());
        let state = tempfile::tempdir().unwrap();

        let json = run(&fake, &tenant, state.path(), &["verify", "--format", "json"]);
        assert_eq!(json.code, 0, "{}", json.stderr);
        let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
        let statuses: Vec<&str> =
            report["steps"].as_array().unwrap().iter().map(|s| s["status"].as_str().unwrap()).collect();
        assert_eq!(statuses[0], "done", "one user, a Global Administrator");
        assert_eq!(statuses[1], "not-done", "an Enabled subscription");
        assert_eq!(statuses[4], "not-done", "the tenant still answers");
        assert_eq!(report["signed_in"]["id"], tenant.client_id.as_str(), "the report names the app that signed in");

        let strict = run(&fake, &tenant, state.path(), &["verify", "--fail-unless-done"]);
        assert_eq!(strict.code, 1, "{}", strict.stderr);
        assert!(strict.stdout.contains("Delete users"), "{}", strict.stdout);

        let checklist = run(&fake, &tenant, state.path(), &["render", "--verify", "--format", "txt"]);
        assert_eq!(checklist.code, 0, "{}", checklist.stderr);
        let app = format!("as application checkdown-verify ({})", tenant.client_id);
        // The header is wrapped at 80 columns: read as words.
        let words = checklist.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(words.contains(&format!("against tenant {} {app}", tenant.id)), "{}", checklist.stdout);
        assert!(checklist.stdout.contains("[x] Step 1: Delete users (Done)"), "{}", checklist.stdout);
        assert!(
            checklist.stdout.contains("[ ] Step 2: Cancel all active subscriptions (Not done)"),
            "{}",
            checklist.stdout
        );

        // A checklist ticked from a replayed record says so where it says when and where it was checked.
        let record = state.path().join("record.json");
        let recorded = run(&fake, &tenant, state.path(), &["verify", "--record", record.to_str().unwrap()]);
        assert_eq!(recorded.code, 0, "{}", recorded.stderr);
        let replayed = run(
            &fake,
            &tenant,
            state.path(),
            &["render", "--verify", "--replay", record.to_str().unwrap(), "--format", "txt"],
        );
        assert_eq!(replayed.code, 0, "{}", replayed.stderr);
        let header = format!("against tenant {} {app}, replayed from the record {}", tenant.id, record.display());
        let words = replayed.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(words.contains(&header), "{}", replayed.stdout);
    }

    /// A check thread that retries logs to stderr while the command runs: it must not wait on the main thread.
    #[test]
    fn a_retried_request_is_logged_and_the_run_finishes() {
        let mut tenant = FakeTenant::closed_down();
        tenant.faults = vec![Fault {
            retry_after: Some("0".into()),
            times: 1,
            ..Fault::always("/v1.0/directory/subscriptions", 429)
        }];
        let state = tempfile::tempdir().unwrap();
        for command in [&["verify"][..], &["render", "--verify", "--format", "txt"]] {
            let fake = FakeGraph::start(tenant.clone());
            let run = run(&fake, &tenant, state.path(), command);
            assert_eq!(run.code, 0, "{command:?}: {}", run.stderr);
            assert!(run.stderr.contains(": 429; retrying in 0.0 s (attempt 2 of 5)"), "{command:?}: {}", run.stderr);
        }
    }

    #[test]
    fn a_secret_echoed_by_the_login_host_is_redacted_and_a_host_with_credentials_is_not_quoted() {
        let mut tenant = FakeTenant::closed_down();
        tenant.echo_secret = true;
        let fake = FakeGraph::start(tenant.clone());
        let state = tempfile::tempdir().unwrap();
        let mut wrong = tenant.clone();
        wrong.client_secret = "not-the-secret-Zq8~but-still-secret".into();
        // `run` asserts the secret given is nowhere in stdout or stderr.
        let refused = run(&fake, &wrong, state.path(), &["verify"]);
        assert_eq!(refused.code, 3, "{}", refused.stderr);
        assert!(refused.stderr.contains("Invalid client secret provided: '[redacted]'."), "{}", refused.stderr);

        let malformed =
            checkdown().args(["verify", "--tenant", &tenant.id, "--authority-host", "https://u:hunter2@lo gin"]).run();
        assert_eq!(malformed.code, 2);
        assert!(!malformed.stderr.contains("hunter2"), "{}", malformed.stderr);
        assert!(malformed.stderr.contains("'https://***@lo gin' is not a URL"), "{}", malformed.stderr);
    }

    #[test]
    fn a_huge_sample_limit_is_capped_not_overflowed() {
        let tenant = FakeTenant::closed_down();
        let fake = FakeGraph::start(tenant.clone());
        let state = tempfile::tempdir().unwrap();
        let huge = run(&fake, &tenant, state.path(), &["verify", "--sample-limit", &usize::MAX.to_string()]);
        assert_eq!(huge.code, 0, "{}", huge.stderr);
        assert!(huge.stdout.contains("[x] 4. Disable multi-factor authentication"), "{}", huge.stdout);
    }

    #[test]
    fn the_moniker_chooses_the_steps_verified_and_rendered_alike() {
        let tenant = FakeTenant::closed_down();
        let fake = FakeGraph::start(tenant.clone());
        let state = tempfile::tempdir().unwrap();
        let article = state.path().join("retire.md");
        std::fs::write(
            &article,
            "---\ntitle: Retire a tenant\n---\n# Retire a tenant\n\n## Step 1: Remove the users\n\n1. Open the admin \
             center.\n2. Delete the users.\n\n::: moniker range=\"o365-21vianet\"\n\n## Step 2: Call the partner\n\n\
             1. Call 21Vianet.\n\n::: moniker-end\n",
        )
        .unwrap();
        let file = article.to_str().unwrap();

        let worldwide = ["--moniker", "o365-worldwide"];
        let json = run(&fake, &tenant, state.path(), &[&["verify", file, "--format", "json"][..], &worldwide].concat());
        assert_eq!(json.code, 0, "{}", json.stderr);
        let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
        let titles: Vec<&str> =
            report["steps"].as_array().unwrap().iter().map(|step| step["title"].as_str().unwrap()).collect();
        assert_eq!(titles, ["Remove the users"]);
        assert_eq!(report["moniker"], "o365-worldwide", "the report names the variant it verified");

        let checklist = run(
            &fake,
            &tenant,
            state.path(),
            &[&["render", file, "--verify", "--format", "txt"][..], &worldwide].concat(),
        );
        assert_eq!(checklist.code, 0, "{}", checklist.stderr);
        assert!(checklist.stdout.contains("Step 1: Remove the users"), "{}", checklist.stdout);
        assert!(!checklist.stdout.contains("Call the partner"), "{}", checklist.stdout);
    }

    #[test]
    fn a_refused_sign_in_exits_3_and_a_missing_tenant_exits_2() {
        let tenant = FakeTenant::closed_down();
        let fake = FakeGraph::start(tenant.clone());
        let state = tempfile::tempdir().unwrap();
        let mut wrong = tenant.clone();
        wrong.client_secret = "not-the-secret".into();
        let refused = run(&fake, &wrong, state.path(), &["verify"]);
        assert_eq!(refused.code, 3, "{}", refused.stderr);
        let (_, cause) = refused.stderr.split_once("error: authentication failed: ").expect(&refused.stderr);
        // The cause is printed once: the error chain, not the error and its source both quoting it.
        let start: String = cause.chars().take(30).collect();
        assert_eq!(refused.stderr.matches(&start).count(), 1, "{}", refused.stderr);

        let missing = checkdown().args(["verify", "missing.md", "--tenant", &tenant.id]).run();
        assert_eq!(missing.code, 2);
        assert!(missing.stderr.contains("missing.md: no such file"), "{}", missing.stderr);

        let no_tenant = checkdown().args(["verify"]).run();
        assert_eq!(no_tenant.code, 2);
        assert!(no_tenant.stderr.contains("no tenant: pass --tenant or set AZURE_TENANT_ID"), "{}", no_tenant.stderr);
    }
}

/// The example record README offers to try verification without a tenant replays, as README says, to a tenant closed
/// halfway, and ticks a checklist.
#[test]
fn the_example_record_replays_to_a_tenant_closed_halfway() {
    let record = "content/examples/close-your-account.verify-record.json";
    let run = crate::support::checkdown().args(["verify", "--replay", record, "--format", "json"]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let statuses: Vec<&str> =
        report["steps"].as_array().unwrap().iter().map(|step| step["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["done", "not-done", "not-done", "done", "not-done"]);
    assert_eq!(report["signed_in"]["name"], "checkdown-verify");
    let checklist =
        crate::support::checkdown().args(["render", "--verify", "--replay", record, "--format", "txt"]).run();
    assert_eq!(checklist.code, 0, "{}", checklist.stderr);
    assert!(checklist.stdout.contains("[x] Step 1: Delete users"), "{}", checklist.stdout);
    assert!(checklist.stdout.contains("[ ] Step 2: Cancel all active subscriptions"), "{}", checklist.stdout);

    // `-o evidence.json` writes the JSON `render --results` reads, without --format; a contradicting one is refused.
    let folder = tempfile::tempdir().unwrap();
    let evidence = folder.path().join("evidence.json");
    let saved = crate::support::checkdown().args(["verify", "--replay", record, "-o"]).args([&evidence]).run();
    assert_eq!(saved.code, 0, "{}", saved.stderr);
    let results = crate::support::checkdown().args(["render", "--format", "txt", "--results"]).args([&evidence]).run();
    assert!(results.stdout.contains("[x] Step 1: Delete users"), "{}{}", results.stdout, results.stderr);
    let text = folder.path().join("evidence.txt");
    let refused =
        crate::support::checkdown().args(["verify", "--replay", record, "--format", "json", "-o"]).args([&text]).run();
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("names a .txt file but --format is json"), "{}", refused.stderr);
    assert!(!text.exists());
}
