//! Jobs: where the platform has compute of its own, a started run is found by its id; where it
//! has none, every call says so.

use bytes::Bytes;

use crate::{Target, supported};

pub async fn conformance(target: &Target) {
    let jobs = target.backend.jobs.clone();
    let arguments = [("--date".to_string(), "2024-06-01".to_string())];
    if supported(target, "check_available", jobs.check_available()).is_none() {
        assert!(supported(target, "start_job", jobs.start_job("any", &arguments).await).is_none());
        assert!(supported(target, "job_run", jobs.job_run("any", "run").await).is_none());
        assert!(supported(target, "invoke", jobs.invoke("any", Bytes::from_static(b"{}")).await).is_none());
        return;
    }
    let job = target.glue_job.clone().expect("a Glue job where jobs run");
    let id = jobs.start_job(&job, &arguments).await.unwrap();
    assert!(!id.is_empty());
    let run = jobs.job_run(&job, &id).await.unwrap();
    assert_eq!(run.id, id, "{}", target.name);
    assert!(!run.state.is_empty());
    assert!(!run.finished || run.succeeded || run.error.is_some(), "{}: a failed run says why", target.name);
    assert!(jobs.start_job("no-such-job", &arguments).await.is_err());
}
