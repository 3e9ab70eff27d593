//! The object store: listing, whole and ranged reads, atomic puts, staged writes from blocking
//! code, deletes, and the URL of a location, both ways.

use std::io::{Read, Write};

use bdctl::backend::is_not_found;
use bdctl::layout::{Area, Location};
use bytes::Bytes;

use crate::Target;

pub async fn conformance(target: &Target) {
    let store = target.backend.objects.clone();
    let bucket = target.bucket.as_str();
    let a = "raw/year=2024/month=01/day=01/a.gz";
    let b = "raw/year=2024/month=01/day=02/b.gz";
    let c = "transformed/year=2024/month=01/day=01/a.parquet";
    store.put(bucket, b, Bytes::from_static(b"bbbb")).await.unwrap();
    store.put(bucket, a, Bytes::from_static(b"aa")).await.unwrap();
    store.put(bucket, c, Bytes::from_static(b"0123456789")).await.unwrap();

    let raw = store.list(bucket, "raw/").await.unwrap();
    let keys: Vec<&str> = raw.iter().map(|o| o.key.as_str()).collect();
    assert_eq!(keys, vec![a, b], "listing is complete and in key order");
    assert_eq!((raw[0].size, raw[1].size), (2, 4));
    assert!(raw[0].last_modified.is_some());
    let partial = store.list(bucket, "raw/year=2024/month=01/day=0").await.unwrap();
    assert_eq!(partial.len(), 2, "a prefix may end inside a name");
    assert!(store.list(bucket, "nothing/").await.unwrap().is_empty());
    assert_eq!(store.list(bucket, "").await.unwrap().len(), 3);

    assert_eq!(store.get(bucket, a).await.unwrap(), Bytes::from_static(b"aa"));
    let missing = store.get(bucket, "raw/missing.gz").await.unwrap_err();
    assert!(is_not_found(&missing), "{missing:#}");
    store.put(bucket, a, Bytes::from_static(b"replaced")).await.unwrap();
    assert_eq!(store.get(bucket, a).await.unwrap(), Bytes::from_static(b"replaced"));

    // Ranged reads: the middle, the tail (a Parquet footer), a missing object.
    assert_eq!(store.get_range(bucket, c, 2..5).await.unwrap(), Bytes::from_static(b"234"));
    assert_eq!(store.get_range(bucket, c, 8..10).await.unwrap(), Bytes::from_static(b"89"));
    let missing = store.get_range(bucket, "transformed/missing.parquet", 0..1).await.unwrap_err();
    assert!(is_not_found(&missing), "{missing:#}");

    // Blocking reads stream the whole object; staged writes show nothing before commit and
    // leave nothing when dropped.
    let (store2, bucket2) = (store.clone(), bucket.to_string());
    let (streamed, listed_before, listed_after, size, dropped) = tokio::task::spawn_blocking(move || {
        let mut streamed = Vec::new();
        store2.open_blocking(&bucket2, c).unwrap().read_to_end(&mut streamed).unwrap();
        let staged_key = "transformed/year=2024/month=01/day=03/staged.parquet";
        let mut staged = store2.create_blocking(&bucket2, staged_key).unwrap();
        staged.write_all(&vec![7u8; 9 * 1024 * 1024]).unwrap();
        let runtime = tokio::runtime::Handle::current();
        let listed = |prefix: &str| runtime.block_on(store2.list(&bucket2, prefix)).unwrap();
        let before = listed("transformed/year=2024/month=01/day=03/");
        let size = staged.commit().unwrap();
        let after = listed("transformed/year=2024/month=01/day=03/");
        let mut abandoned =
            store2.create_blocking(&bucket2, "transformed/year=2024/month=01/day=04/gone").unwrap();
        abandoned.write_all(b"never committed").unwrap();
        drop(abandoned);
        let dropped = listed("transformed/year=2024/month=01/day=04/");
        let missing = store2.open_blocking(&bucket2, "raw/missing.gz").err().expect("missing object");
        assert!(is_not_found(&missing), "{missing:#}");
        (streamed, before, after, size, dropped)
    })
    .await
    .unwrap();
    assert_eq!(streamed, b"0123456789");
    assert!(listed_before.is_empty(), "{}: a staged object is invisible before commit", target.name);
    assert_eq!(size, 9 * 1024 * 1024);
    assert_eq!(listed_after.len(), 1);
    assert_eq!(listed_after[0].size, size, "a staged object larger than one part is whole");
    assert!(dropped.is_empty(), "{}: a dropped staged object leaves nothing", target.name);

    store.delete(bucket, &[a.to_string(), "raw/never-existed".to_string()]).await.unwrap();
    let keys: Vec<String> = store.list(bucket, "raw/").await.unwrap().into_iter().map(|o| o.key).collect();
    assert_eq!(keys, vec![b.to_string()]);
    store.check_bucket(bucket).await.unwrap();

    // A location's URL leads back to the same objects.
    let location = Location { bucket: bucket.to_string(), prefix: "raw/year=2024/".to_string() };
    let url = store.url(&location);
    let back = store.location_of(&url).expect("a URL of this store");
    assert_eq!(store.url(&back), url, "{}: URL -> location -> URL", target.name);
    let through_url: Vec<String> =
        store.list(&back.bucket, &back.prefix).await.unwrap().into_iter().map(|o| o.key).collect();
    assert_eq!(through_url.len(), 1);
    assert!(through_url[0].ends_with("day=02/b.gz"), "{through_url:?}");
    assert!(store.location_of("ftp://elsewhere/x").is_none());
    let (name, address) = store.describe_bucket(Area::Raw, bucket);
    assert!(!name.is_empty() && !address.is_empty());
}
