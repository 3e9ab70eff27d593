//! Deterministic synthetic clickstream events with the distributions of the event contract
//! (`shared/schema/clickstream-event.md`): event types, countries, devices, prices, sessions.
//! The same seed always gives the same events, byte for byte.

use chrono::{DateTime, Duration, Utc};
use rand::distr::Distribution;
use rand::distr::weighted::WeightedIndex;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::LogNormal;
use serde::Serialize;
use serde_json::{Value, json};

const EVENT_TYPES: [(&str, f64); 8] = [
    ("page_view", 0.52),
    ("product_view", 0.16),
    ("search", 0.08),
    ("add_to_cart", 0.10),
    ("remove_from_cart", 0.02),
    ("begin_checkout", 0.04),
    ("purchase", 0.03),
    ("click", 0.05),
];
const PRODUCT_EVENTS: [&str; 5] =
    ["product_view", "add_to_cart", "remove_from_cart", "begin_checkout", "purchase"];
const COUNTRIES: [(&str, f64); 13] = [
    ("US", 40.0),
    ("GB", 10.0),
    ("DE", 9.0),
    ("FR", 7.0),
    ("CA", 6.0),
    ("IN", 6.0),
    ("BR", 5.0),
    ("JP", 4.0),
    ("AU", 3.0),
    ("ES", 3.0),
    ("IT", 3.0),
    ("NL", 2.0),
    ("MX", 2.0),
];
const DEVICES: [(&str, f64); 3] = [("mobile", 55.0), ("desktop", 38.0), ("tablet", 7.0)];
const USER_AGENTS: [&str; 4] = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.113 Mobile Safari/537.36",
];
const REFERRERS: [(&str, f64); 6] = [
    ("", 30.0),
    ("https://www.google.com/", 30.0),
    ("https://www.facebook.com/", 6.0),
    ("https://www.bing.com/", 4.0),
    ("https://www.instagram.com/", 4.0),
    ("INTERNAL", 26.0),
];
const CATEGORIES: [&str; 9] =
    ["shoes", "apparel", "electronics", "home", "beauty", "sports", "toys", "books", "garden"];
const SEARCH_TERMS: [&str; 6] =
    ["running+shoes", "wireless+earbuds", "yoga+mat", "coffee+maker", "lego", "backpack"];
const USERS: u32 = 60_000;
const PRODUCTS: u32 = 20_000;
const OPEN_SESSIONS: usize = 300;

/// The kinds of malformed record `--bad-fraction` mixes in, in rotation.
const BAD_KINDS: [&str; 5] =
    ["invalid_json", "missing_event_id", "price_not_a_number", "bad_timestamp", "fractional_quantity"];

#[derive(Debug, Clone)]
pub struct SynthOptions {
    pub count: u64,
    pub start: DateTime<Utc>,
    pub days: u32,
    pub seed: u64,
    /// Share of malformed records, 0.0 to 1.0.
    pub bad_fraction: f64,
}

/// One generated record: its JSON text (no trailing newline), the time it describes, and whether
/// it was made malformed on purpose.
#[derive(Debug, Clone, PartialEq)]
pub struct SynthRecord {
    pub json: String,
    pub time: DateTime<Utc>,
    pub bad: bool,
}

/// One event as a producer sends it. The fields are in the order the JSON has always had them
/// (by name), so a seed still gives the same bytes; a struct serializes without the map of
/// owned keys and values it was built as before, most of the time of generating an event.
#[derive(Serialize)]
struct Event {
    country: &'static str,
    device: &'static str,
    email: String,
    event_id: String,
    event_type: &'static str,
    ip: String,
    page_url: String,
    price: Option<f64>,
    product_id: Option<String>,
    quantity: Option<i32>,
    referrer: String,
    session_id: String,
    timestamp: String,
    user_agent: &'static str,
    user_id: String,
}

struct Session {
    user: u32,
    session_id: String,
    ip: String,
    left: u32,
    last_url: Option<String>,
}

pub struct Synth {
    options: SynthOptions,
    rng: ChaCha8Rng,
    produced: u64,
    bad_produced: u64,
    sessions: Vec<Session>,
    event_types: WeightedIndex<f64>,
    countries: WeightedIndex<f64>,
    devices: WeightedIndex<f64>,
    referrers: WeightedIndex<f64>,
    prices: LogNormal<f64>,
}

fn weights<T>(pairs: &[(T, f64)]) -> WeightedIndex<f64> {
    WeightedIndex::new(pairs.iter().map(|(_, w)| *w)).expect("static weights are valid")
}

impl Synth {
    pub fn new(options: SynthOptions) -> Self {
        Self {
            rng: ChaCha8Rng::seed_from_u64(options.seed),
            options,
            produced: 0,
            bad_produced: 0,
            sessions: Vec::new(),
            event_types: weights(&EVENT_TYPES),
            countries: weights(&COUNTRIES),
            devices: weights(&DEVICES),
            referrers: weights(&REFERRERS),
            prices: LogNormal::new(3.3, 0.9).expect("static parameters are valid"),
        }
    }

    fn uuid(&mut self) -> String {
        let bytes: [u8; 16] = self.rng.random();
        uuid::Builder::from_random_bytes(bytes).into_uuid().to_string()
    }

    fn time_of(&mut self, index: u64) -> DateTime<Utc> {
        let span_ms = i64::from(self.options.days.max(1)) * 86_400_000;
        let base = (span_ms as f64 * index as f64 / self.options.count.max(1) as f64) as i64;
        // Producers' clocks and batching make arrival order only roughly time order.
        let jitter = self.rng.random_range(-2_000..=2_000);
        let offset = (base + jitter).clamp(0, span_ms - 1);
        self.options.start + Duration::milliseconds(offset)
    }

    fn session(&mut self) -> usize {
        if self.sessions.len() < OPEN_SESSIONS || self.rng.random::<f64>() < 0.05 {
            let session = Session {
                user: self.rng.random_range(0..USERS),
                session_id: self.uuid(),
                ip: format!(
                    "{}.{}.{}.{}",
                    self.rng.random_range(1..224),
                    self.rng.random_range(0..256),
                    self.rng.random_range(0..256),
                    self.rng.random_range(1..255)
                ),
                left: self.rng.random_range(1..=40),
                last_url: None,
            };
            self.sessions.push(session);
        }
        self.rng.random_range(0..self.sessions.len())
    }

    fn event(&mut self, time: DateTime<Utc>) -> Event {
        let index = self.session();
        let event_type = EVENT_TYPES[self.event_types.sample(&mut self.rng)].0;
        let category = CATEGORIES[self.rng.random_range(0..CATEGORIES.len())];
        let (mut product_id, mut price, mut quantity) = (None, None, None);
        let url = if PRODUCT_EVENTS.contains(&event_type) {
            let product = self.rng.random_range(0..PRODUCTS);
            let unit = (self.prices.sample(&mut self.rng) * 100.0).round() / 100.0;
            product_id = Some(format!("P{}", 100_000 + product));
            price = Some(unit.clamp(0.99, 2999.0));
            quantity = Some(if self.rng.random::<f64>() < 0.8 { 1 } else { self.rng.random_range(2..=5) });
            match event_type {
                "purchase" => "https://shop.example.com/checkout/confirm".to_string(),
                "begin_checkout" => "https://shop.example.com/checkout".to_string(),
                _ => format!("https://shop.example.com/{category}/p/P{}", 100_000 + product),
            }
        } else if event_type == "search" {
            let term = SEARCH_TERMS[self.rng.random_range(0..SEARCH_TERMS.len())];
            format!("https://shop.example.com/search?q={term}&page={}", self.rng.random_range(1..=3))
        } else {
            format!("https://shop.example.com/{category}")
        };
        let referrer = match REFERRERS[self.referrers.sample(&mut self.rng)].0 {
            "INTERNAL" => {
                self.sessions[index].last_url.clone().unwrap_or_else(|| "https://shop.example.com/".into())
            }
            other => other.to_string(),
        };
        let user = self.sessions[index].user;
        // A user keeps their country, device and browser: derive them from the user number.
        let mut user_rng = ChaCha8Rng::seed_from_u64(self.options.seed ^ (u64::from(user) << 20));
        let country = COUNTRIES[self.countries.sample(&mut user_rng)].0;
        let device = DEVICES[self.devices.sample(&mut user_rng)].0;
        let user_agent = USER_AGENTS[user_rng.random_range(0..USER_AGENTS.len())];
        let event_id = self.uuid();
        let session = &mut self.sessions[index];
        session.last_url = Some(url.clone());
        let event = Event {
            country,
            device,
            email: format!("user{user}@example.com"),
            event_id,
            event_type,
            ip: session.ip.clone(),
            page_url: url,
            price,
            product_id,
            quantity,
            referrer,
            session_id: session.session_id.clone(),
            timestamp: time.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
            user_agent,
            user_id: format!("u_{user:07}"),
        };
        session.left -= 1;
        if session.left == 0 {
            self.sessions.swap_remove(index);
        }
        event
    }

    fn spoil(&mut self, event: &Event) -> String {
        let Ok(Value::Object(mut event)) = serde_json::to_value(event) else {
            unreachable!("an event serializes to an object")
        };
        let kind = BAD_KINDS[(self.bad_produced % BAD_KINDS.len() as u64) as usize];
        self.bad_produced += 1;
        match kind {
            "invalid_json" => {
                let text = Value::Object(event).to_string();
                return text[..text.len() / 2].to_string();
            }
            "missing_event_id" => {
                event.remove("event_id");
            }
            "price_not_a_number" => {
                event.insert("price".into(), json!("abc"));
            }
            "bad_timestamp" => {
                event.insert("timestamp".into(), json!("yesterday at noon"));
            }
            _ => {
                event.insert("quantity".into(), json!(1.5));
            }
        }
        Value::Object(event).to_string()
    }
}

impl Iterator for Synth {
    type Item = SynthRecord;

    fn next(&mut self) -> Option<SynthRecord> {
        if self.produced >= self.options.count {
            return None;
        }
        let time = self.time_of(self.produced);
        self.produced += 1;
        let event = self.event(time);
        let bad = self.options.bad_fraction > 0.0 && self.rng.random::<f64>() < self.options.bad_fraction;
        let json = if bad {
            self.spoil(&event)
        } else {
            serde_json::to_string(&event).expect("an event serializes")
        };
        Some(SynthRecord { json, time, bad })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = (self.options.count - self.produced) as usize;
        (left, Some(left))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn options(count: u64, bad_fraction: f64) -> SynthOptions {
        SynthOptions {
            count,
            start: Utc.with_ymd_and_hms(2024, 6, 1, 0, 0, 0).unwrap(),
            days: 2,
            seed: 7,
            bad_fraction,
        }
    }

    #[test]
    fn same_seed_same_events() {
        let a: Vec<_> = Synth::new(options(500, 0.1)).collect();
        let b: Vec<_> = Synth::new(options(500, 0.1)).collect();
        assert_eq!(a, b);
        let c: Vec<_> = Synth::new(SynthOptions { seed: 8, ..options(500, 0.1) }).collect();
        assert_ne!(a, c);
    }

    #[test]
    fn events_follow_the_contract() {
        let records: Vec<_> = Synth::new(options(5_000, 0.0)).collect();
        assert_eq!(records.len(), 5_000);
        let end = Utc.with_ymd_and_hms(2024, 6, 3, 0, 0, 0).unwrap();
        let mut purchases = 0;
        for record in &records {
            assert!(record.time >= options(1, 0.0).start && record.time < end);
            let event: Value = serde_json::from_str(&record.json).unwrap();
            assert!(event["event_id"].as_str().unwrap().len() == 36);
            assert!(EVENT_TYPES.iter().any(|(t, _)| *t == event["event_type"]));
            assert!(event["timestamp"].as_str().unwrap().ends_with('Z'));
            if event["event_type"] == "purchase" {
                purchases += 1;
                assert!(event["price"].as_f64().unwrap() >= 0.99);
                assert!(event["quantity"].as_i64().unwrap() >= 1);
            }
        }
        // 3 % of events are purchases.
        assert!((100..=200).contains(&purchases), "{purchases}");
        assert!(
            records.iter().any(|r| r.time.date_naive() != records[0].time.date_naive()),
            "spread over days"
        );
    }

    #[test]
    fn bad_fraction_mixes_in_every_kind() {
        let records: Vec<_> = Synth::new(options(2_000, 0.2)).collect();
        let bad: Vec<_> = records.iter().filter(|r| r.bad).collect();
        assert!((300..=500).contains(&bad.len()), "{}", bad.len());
        assert!(bad.iter().any(|r| serde_json::from_str::<Value>(&r.json).is_err()));
        assert!(bad.iter().any(|r| r.json.contains("\"price\":\"abc\"")));
        assert!(bad.iter().any(|r| r.json.contains("\"quantity\":1.5")));
    }
}
