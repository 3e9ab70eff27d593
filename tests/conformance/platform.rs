//! The platform: who bdctl acts as, the state of named resources, whether IAM policies apply
//! (and then access can be checked), and the posture checks.

use bdctl::backend::{CheckStatus, Resource, is_not_found};
use bdctl::error::is_not_supported;

use crate::{Target, supported};

pub async fn conformance(target: &Target) {
    let platform = target.backend.platform.clone();
    let identity = platform.identity().await.unwrap();
    for field in [&identity.principal, &identity.scope, &identity.target, &identity.detail] {
        assert!(!field.is_empty(), "{}: {identity:?}", target.name);
    }
    assert!(!identity.checked.is_empty());

    let missing = Resource::GlueJob("no-such-job".into());
    match platform.describe(&missing).await {
        Err(err) => assert!(is_not_found(&err) || is_not_supported(&err), "{}: {err:#}", target.name),
        Ok(state) => panic!("{}: a job that does not exist is {state:?}", target.name),
    }
    if let Some(job) = &target.glue_job {
        let state = platform.describe(&Resource::GlueJob(job.clone())).await.unwrap();
        assert!(state.usable, "{}: {state:?}", target.name);
    }

    match supported(target, "check_policy_applies", platform.check_policy_applies()) {
        // The emulator cannot simulate policies (`mocked` covers the verdicts).
        Some(()) => {}
        None => {
            let checked = platform.check_access(&identity, &[]).await.map(|_| ());
            assert!(
                supported(target, "check_access", checked).is_none(),
                "{}: no policies, no check",
                target.name
            );
        }
    }
    let buckets = if target.bucket.is_empty() { Vec::new() } else { vec![target.bucket.clone()] };
    let checks = platform.posture(&bdctl::backend::PostureTargets { buckets, ..Default::default() }).await;
    assert!(!checks.is_empty(), "{}: the posture has at least one check", target.name);
    for check in checks {
        assert!(!check.name.is_empty() && !check.target.is_empty(), "{}: {check:?}", target.name);
        assert!(
            check.status == CheckStatus::Ok || !check.detail.is_empty(),
            "{}: a failed check says how to fix it",
            target.name
        );
    }
}
