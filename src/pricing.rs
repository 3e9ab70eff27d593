//! What AWS bills, where bdctl shows or estimates it.

/// Athena: USD 5 per TB scanned, each query rounded up to the megabyte with a 10 MB minimum;
/// DDL statements and failed queries are free.
pub const ATHENA_USD_PER_TB: f64 = 5.0;
pub const ATHENA_MINIMUM_MB: u64 = 10;
const MB: u64 = 1024 * 1024;
const MB_PER_TB: f64 = 1024.0 * 1024.0;

/// The megabytes Athena bills for a query that scanned `bytes`.
pub fn athena_billed_mb(bytes: u64) -> u64 {
    bytes.div_ceil(MB).max(ATHENA_MINIMUM_MB)
}

/// The USD Athena bills for a successful, non-DDL query that scanned `bytes`.
pub fn athena_query_cost(bytes: u64) -> f64 {
    athena_billed_mb(bytes) as f64 * ATHENA_USD_PER_TB / MB_PER_TB
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
