//! What AWS bills, where bdctl shows or estimates it. Every price comes from one [`Prices`]
//! value, built from the `price_*` settings.

use crate::settings::Settings;

/// Athena bills each query rounded up to the megabyte, with a 10 MB minimum; DDL statements and
/// failed queries are free.
pub const ATHENA_MINIMUM_MB: u64 = 10;
const MB: u64 = 1024 * 1024;
const MB_PER_TB: f64 = 1024.0 * 1024.0;

/// The unit prices bdctl estimates with (USD).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prices {
    pub athena_tb: f64,
    pub s3_gb_month: f64,
    pub firehose_gb: f64,
    pub glue_dpu_hour: f64,
    pub lambda_gb_second: f64,
    pub lambda_million_requests: f64,
    pub emr_vcpu_hour: f64,
    pub emr_gb_hour: f64,
}

impl Prices {
    /// AWS's list prices in us-east-1, as the settings default them, for tests.
    #[cfg(test)]
    pub(crate) const LIST: Prices = Prices {
        athena_tb: 5.0,
        s3_gb_month: 0.023,
        firehose_gb: 0.029,
        glue_dpu_hour: 0.44,
        lambda_gb_second: 0.000_016_666_7,
        lambda_million_requests: 0.2,
        emr_vcpu_hour: 0.052_624,
        emr_gb_hour: 0.005_778_5,
    };

    pub fn from_settings(settings: &Settings) -> Self {
        Self {
            athena_tb: settings.price_athena_tb.value,
            s3_gb_month: settings.price_s3_gb_month.value,
            firehose_gb: settings.price_firehose_gb.value,
            glue_dpu_hour: settings.price_glue_dpu_hour.value,
            lambda_gb_second: settings.price_lambda_gb_second.value,
            lambda_million_requests: settings.price_lambda_million_requests.value,
            emr_vcpu_hour: settings.price_emr_vcpu_hour.value,
            emr_gb_hour: settings.price_emr_gb_hour.value,
        }
    }

    /// The USD Athena bills for a successful, non-DDL query that scanned `bytes`.
    pub fn athena_query(&self, bytes: u64) -> f64 {
        athena_billed_mb(bytes) as f64 * self.athena_tb / MB_PER_TB
    }
}

/// The megabytes Athena bills for a query that scanned `bytes`.
pub fn athena_billed_mb(bytes: u64) -> u64 {
    bytes.div_ceil(MB).max(ATHENA_MINIMUM_MB)
}

/// Bytes in a human unit: 1.5 MB, 12 GB.
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 6] = ["B", "KB", "MB", "GB", "TB", "PB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 { format!("{bytes} B") } else { format!("{value:.1} {}", UNITS[unit]) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST_PRICES: Prices = Prices::LIST;

    fn athena_query_cost(bytes: u64) -> f64 {
        LIST_PRICES.athena_query(bytes)
    }

    #[test]
    fn a_changed_price_changes_the_cost() {
        let doubled = Prices { athena_tb: 10.0, ..LIST_PRICES };
        assert_eq!(doubled.athena_query(1024 * 1024 * MB), 2.0 * LIST_PRICES.athena_query(1024 * 1024 * MB));
    }

    #[test]
    fn athena_cost_to_the_cent() {
        // Under the minimum: billed as 10 MB.
        assert_eq!(athena_billed_mb(0), 10);
        assert_eq!(athena_billed_mb(1), 10);
        assert_eq!(athena_billed_mb(10 * MB), 10);
        // Rounded up to the next MB.
        assert_eq!(athena_billed_mb(10 * MB + 1), 11);
        // 1 TB costs 5 USD; 200 GB costs 0.98 USD (rounded to the cent: 0.98).
        assert_eq!((athena_query_cost(1024 * 1024 * MB) * 100.0).round() / 100.0, 5.0);
        assert_eq!((athena_query_cost(200 * 1024 * MB) * 100.0).round() / 100.0, 0.98);
        // The 10 MB minimum is USD 0.0000477.
        assert!((athena_query_cost(1) - 0.000_047_683_7).abs() < 1e-9);
    }

    #[test]
    fn human_units() {
        assert_eq!(human_bytes(512), "512 B");
        assert_eq!(human_bytes(1536), "1.5 KB");
        assert_eq!(human_bytes(5 * MB), "5.0 MB");
    }
}
