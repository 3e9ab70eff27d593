//! Lifecycle: no configuration reads as no rules; bdctl's rules read back as written and are
//! replaced as a set; the store's own rules are bdctl's to manage.

use bdctl::backend::LifecycleRule;

use crate::Target;

fn expiring(id: &str, prefix: &str, days: u32) -> LifecycleRule {
    LifecycleRule {
        id: format!("bdctl-{id}"),
        prefix: prefix.into(),
        enabled: true,
        expiration_days: Some(days),
        transition: None,
        abort_multipart_days: None,
        other_conditions: false,
    }
}

pub async fn conformance(target: &Target) {
    let lifecycle = target.backend.lifecycle.clone();
    let bucket = target.bucket.as_str();
    assert!(lifecycle.rules(bucket).await.unwrap().is_empty(), "{}: no configuration, no rules", target.name);

    let mut first =
        vec![expiring("raw-expiration", "raw/", 30), expiring("results-expiration", "results/", 7)];
    first.extend(lifecycle.store_rules());
    lifecycle.put_managed(bucket, &first).await.unwrap();
    let mut read = lifecycle.rules(bucket).await.unwrap();
    read.sort_by(|a, b| a.id.cmp(&b.id));
    let mut want = first.clone();
    want.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(read, want, "{}: rules read back as written", target.name);

    let second = vec![expiring("raw-expiration", "raw/", 14)];
    lifecycle.put_managed(bucket, &second).await.unwrap();
    assert_eq!(
        lifecycle.rules(bucket).await.unwrap(),
        second,
        "{}: managed rules replaced as a set",
        target.name
    );
    assert!(lifecycle.store_rules().iter().all(LifecycleRule::is_managed));
}
