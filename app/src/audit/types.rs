use serde::{Deserialize, Serialize};

/// One recorded change, as the audit log page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub details: String,
}

/// What to show: each filter matches when empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub actor: String,
    pub target: String,
    pub action: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub account_name: String,
    pub rows: Vec<AuditRow>,
    pub page: u32,
    /// Whether older events match the filters than this page shows.
    pub has_older: bool,
    /// Every action Roster records, for the filter's dropdown.
    pub actions: Vec<String>,
}

impl AuditPage {
    pub const PAGE_SIZE: u32 = 50;
}

/// Quotes a CSV field when needed, and defuses values a spreadsheet would run as a formula.
pub fn csv_field(value: &str) -> String {
    // The full-width forms count too: spreadsheets read `＝` as `=`.
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// Rows as a CSV file, with a header line.
pub fn csv_of(rows: impl IntoIterator<Item = AuditRow>) -> String {
    let mut csv = String::from("time,actor,action,target,details\r\n");
    for row in rows {
        let fields = [row.at, row.actor, row.action, row.target, row.details];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        csv.push_str(&line.join(","));
        csv.push_str("\r\n");
    }
    csv
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_field("＝HYPERLINK(1)"), "'＝HYPERLINK(1)");
    }
}
