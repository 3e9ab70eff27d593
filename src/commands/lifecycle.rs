//! `bdctl lifecycle plan|apply|show`: storage rules, merged with the ones bdctl does not own.

use std::collections::BTreeMap;

use anyhow::{Result, anyhow};
use chrono::{Duration, Utc};
use serde_json::Value;

use super::Context;
use crate::backend::{Backend, Enforcement, LifecycleRule, MANAGED_RULE_PREFIX, ObjectInfo};
use crate::cli::{LifecycleArgs, LifecycleCommand};
use crate::layout::{Area, area_location};
use crate::output::Table;
use crate::pipeline::RawArea;
use crate::settings::Settings;

/// S3 bills transitioned objects as at least 128 KB, plus a request per object.
const MIN_TRANSITION_BYTES: u64 = 128 * 1024;

fn rule(id: &str, prefix: &str) -> LifecycleRule {
    LifecycleRule {
        id: format!("{MANAGED_RULE_PREFIX}{id}"),
        prefix: prefix.to_string(),
        enabled: true,
        expiration_days: None,
        transition: None,
        abort_multipart_days: None,
        other_conditions: false,
    }
}

/// The managed rules of every bucket the environment names, with the rules the store itself
/// needs on each.
pub fn desired(
    settings: &Settings,
    store_rules: &[LifecycleRule],
) -> Result<BTreeMap<String, Vec<LifecycleRule>>> {
    let mut buckets: BTreeMap<String, Vec<LifecycleRule>> = BTreeMap::new();
    let raw = area_location(settings, Area::Raw)?;
    buckets.entry(raw.bucket.clone()).or_default().push(LifecycleRule {
        expiration_days: Some(settings.raw_retention_days.value),
        ..rule("raw-expiration", &raw.prefix)
    });
    let results = area_location(settings, Area::Results)?;
    buckets.entry(results.bucket.clone()).or_default().push(LifecycleRule {
        expiration_days: Some(settings.results_retention_days.value),
        ..rule("results-expiration", &results.prefix)
    });
    let transformed = area_location(settings, Area::Transformed)?;
    if let Some(days) = settings.transformed_transition_days.value {
        buckets.entry(transformed.bucket.clone()).or_default().push(LifecycleRule {
            transition: Some((days, settings.transformed_storage_class.value.clone())),
            ..rule("transformed-transition", &transformed.prefix)
        });
    } else {
        buckets.entry(transformed.bucket.clone()).or_default();
    }
    for rules in buckets.values_mut() {
        rules.extend(store_rules.iter().cloned());
    }
    Ok(buckets)
}

fn describe(rule: &LifecycleRule) -> String {
    let mut parts = vec![format!("prefix `{}`", rule.prefix)];
    if let Some(days) = rule.expiration_days {
        parts.push(format!("expire after {days} days"));
    }
    if let Some((days, class)) = &rule.transition {
        parts.push(format!("to {class} after {days} days"));
    }
    if let Some(days) = rule.abort_multipart_days {
        parts.push(format!("abort incomplete uploads after {days} days"));
    }
    if !rule.enabled {
        parts.push("disabled".into());
    }
    if rule.other_conditions {
        parts.push("with conditions bdctl does not model".into());
    }
    parts.join(", ")
}

fn differences(live: &LifecycleRule, want: &LifecycleRule) -> String {
    let mut out = Vec::new();
    let show = |v: Option<u32>| v.map_or("none".to_string(), |d| format!("{d} days"));
    if live.prefix != want.prefix {
        out.push(format!("prefix `{}` -> `{}`", live.prefix, want.prefix));
    }
    if live.expiration_days != want.expiration_days {
        out.push(format!("expiration {} -> {}", show(live.expiration_days), show(want.expiration_days)));
    }
    if live.transition != want.transition {
        let t = |t: &Option<(u32, String)>| {
            t.as_ref().map_or("none".to_string(), |(d, c)| format!("{c} after {d} days"))
        };
        out.push(format!("transition {} -> {}", t(&live.transition), t(&want.transition)));
    }
    if live.abort_multipart_days != want.abort_multipart_days {
        out.push(format!(
            "abort uploads {} -> {}",
            show(live.abort_multipart_days),
            show(want.abort_multipart_days)
        ));
    }
    if live.enabled != want.enabled {
        out.push(format!("enabled {} -> {}", live.enabled, want.enabled));
    }
    out.join("; ")
}

/// The objects a rule would act on today. On local, raw data ages by its partition date.
fn affected<'a>(
    rule: &LifecycleRule,
    objects: &'a [ObjectInfo],
    raw: Option<&RawArea>,
) -> Vec<&'a ObjectInfo> {
    let Some(days) = rule.expiration_days.or(rule.transition.as_ref().map(|t| t.0)) else {
        return Vec::new();
    };
    let cutoff = Utc::now() - Duration::days(i64::from(days));
    objects
        .iter()
        .filter(|o| o.key.starts_with(&rule.prefix))
        .filter(|o| {
            let by_partition =
                raw.and_then(|r| r.location.prefix.eq(&rule.prefix).then(|| r.raw_day(&o.key)).flatten());
            match by_partition {
                Some(day) => day < cutoff.date_naive(),
                None => o.last_modified.is_some_and(|t| t < cutoff),
            }
        })
        .collect()
}

struct Planned {
    bucket: String,
    live: Vec<LifecycleRule>,
    want: Vec<LifecycleRule>,
}

async fn plan(
    ctx: &Context,
    settings: &Settings,
    backend: &Backend,
) -> Result<(Vec<Planned>, Table, Vec<(String, Vec<String>)>)> {
    let raw = RawArea::from_settings(settings)?;
    let mut table = Table::new(["bucket", "rule", "action", "detail", "objects_now", "bytes_now"]);
    let mut planned = Vec::new();
    let mut deletions: Vec<(String, Vec<String>)> = Vec::new();
    let by_partition = backend.lifecycle.enforcement() == Enforcement::OnApply;
    for (bucket, want) in desired(settings, &backend.lifecycle.store_rules())? {
        let live = backend.lifecycle.rules(&bucket).await?;
        let shown_bucket =
            if bucket.is_empty() { settings.data_dir.value.display().to_string() } else { bucket.clone() };
        let needs_objects = want.iter().any(|r| r.expiration_days.is_some() || r.transition.is_some());
        let objects = if needs_objects { backend.objects.list(&bucket, "").await? } else { Vec::new() };
        let raw_area = (by_partition && raw.location.bucket == bucket).then_some(&raw);
        let mut doomed = Vec::new();
        for rule in &want {
            let action_detail = match live.iter().find(|l| l.id == rule.id) {
                None => ("add", describe(rule)),
                Some(current) if current == rule => ("keep", describe(rule)),
                Some(current) => ("change", differences(current, rule)),
            };
            let hit = affected(rule, &objects, raw_area);
            let bytes: u64 = hit.iter().map(|o| o.size).sum();
            if rule.transition.is_some() {
                let small = hit.iter().filter(|o| o.size < MIN_TRANSITION_BYTES).count();
                if small > 0 {
                    ctx.printer.warn(format_args!(
                        "{shown_bucket}: {small} of {} objects under `{}` are smaller than 128 KB; moving them costs more than it saves (128 KB minimum billable size, a request fee each)",
                        hit.len(),
                        rule.prefix
                    ));
                }
            }
            if rule.expiration_days.is_some() {
                doomed.extend(hit.iter().map(|o| o.key.clone()));
            }
            table.push(vec![
                shown_bucket.clone().into(),
                rule.id.clone().into(),
                action_detail.0.into(),
                action_detail.1.into(),
                (hit.len() as u64).into(),
                bytes.into(),
            ]);
        }
        for current in live.iter().filter(|l| !want.iter().any(|w| w.id == l.id)) {
            let action = if current.is_managed() { "remove" } else { "keep (not bdctl's)" };
            table.push(vec![
                shown_bucket.clone().into(),
                current.id.clone().into(),
                action.into(),
                describe(current).into(),
                Value::Null,
                Value::Null,
            ]);
        }
        deletions.push((bucket.clone(), doomed));
        planned.push(Planned { bucket, live, want });
    }
    Ok((planned, table, deletions))
}

pub async fn run(ctx: &Context, args: LifecycleArgs) -> Result<()> {
    let settings = ctx.settings()?;
    let backend = ctx.backend(&settings).await?;
    match args.command {
        LifecycleCommand::Show => {
            let mut table = Table::new(["bucket", "rule", "managed", "detail"]);
            for bucket in desired(&settings, &backend.lifecycle.store_rules())?.keys() {
                let shown = if bucket.is_empty() {
                    settings.data_dir.value.display().to_string()
                } else {
                    bucket.clone()
                };
                for rule in backend.lifecycle.rules(bucket).await? {
                    table.push(vec![
                        shown.clone().into(),
                        rule.id.clone().into(),
                        rule.is_managed().into(),
                        describe(&rule).into(),
                    ]);
                }
            }
            ctx.printer.print_table(&table)?;
        }
        LifecycleCommand::Plan => {
            let (_, table, _) = plan(ctx, &settings, &backend).await?;
            ctx.printer.print_table(&table)?;
        }
        LifecycleCommand::Apply => {
            let (planned, table, deletions) = plan(ctx, &settings, &backend).await?;
            ctx.printer.print_table(&table)?;
            let enforced_now = backend.lifecycle.enforcement() == Enforcement::OnApply;
            let local_deletions: usize =
                if enforced_now { deletions.iter().map(|(_, k)| k.len()).sum() } else { 0 };
            let question = if local_deletions > 0 {
                format!("write the managed lifecycle rules and delete {local_deletions} expired objects now")
            } else {
                "write the managed lifecycle rules".to_string()
            };
            if !ctx.printer.confirm(&question)? {
                return Err(anyhow!("cancelled: nothing was changed"));
            }
            for planned in &planned {
                if planned.live.iter().filter(|r| r.is_managed()).cloned().collect::<Vec<_>>() != planned.want
                {
                    backend.lifecycle.put_managed(&planned.bucket, &planned.want).await?;
                }
                let now = backend.lifecycle.rules(&planned.bucket).await?;
                let managed: Vec<LifecycleRule> = now.iter().filter(|r| r.is_managed()).cloned().collect();
                let kept = planned.live.iter().filter(|r| !r.is_managed()).all(|r| now.contains(r));
                if managed.len() != planned.want.len()
                    || !planned.want.iter().all(|w| managed.contains(w))
                    || !kept
                {
                    return Err(anyhow!(
                        "the lifecycle rules read back from {} differ from what was written",
                        planned.bucket
                    ));
                }
            }
            if enforced_now {
                for (bucket, keys) in &deletions {
                    backend.objects.delete(bucket, keys).await?;
                }
            }
            ctx.printer.notice(format_args!(
                "lifecycle rules written and verified{}",
                if local_deletions > 0 {
                    format!("; {local_deletions} expired objects deleted")
                } else {
                    String::new()
                }
            ));
        }
    }
    Ok(())
}
