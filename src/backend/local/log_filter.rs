//! CloudWatch Logs filter patterns, for the local log: the same `--filter` text selects the same
//! lines on both backends. Term patterns (`ERROR`, `"two words"`, `?A ?B`, `-excluded`), regular
//! expressions (`%ERROR|WARN%`) and JSON patterns (`{ $.level = "ERROR" && $.events > 10 }`) are
//! understood; space-delimited patterns (`[ip, user, …]`) are refused with one line.

use anyhow::Result;
use regex::Regex;
use serde_json::Value;

use crate::error::usage;

#[derive(Debug)]
pub struct FilterPattern {
    pattern: Pattern,
}

#[derive(Debug)]
enum Pattern {
    All,
    Terms { all: Vec<String>, any: Vec<String>, none: Vec<String> },
    Regex(Regex),
    Json(Expr),
}

#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Key(String),
    Index(usize),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Debug, Clone, PartialEq)]
enum Literal {
    Text(String),
    Number(f64),
}

#[derive(Debug)]
enum Expr {
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Compare(Vec<Segment>, Op, Literal),
    IsNull(Vec<Segment>),
    IsBool(Vec<Segment>, bool),
    NotExists(Vec<Segment>),
}

fn refuse(pattern: &str, why: impl std::fmt::Display) -> anyhow::Error {
    usage(format!("--filter `{pattern}`: {why}"))
}

impl FilterPattern {
    pub fn parse(text: &str) -> Result<Self> {
        let trimmed = text.trim();
        let pattern = if trimmed.is_empty() || trimmed == "\"\"" {
            Pattern::All
        } else if trimmed.starts_with('{') {
            Pattern::Json(JsonParser::new(text, trimmed)?.parse()?)
        } else if trimmed.starts_with('[') {
            return Err(refuse(
                text,
                "space-delimited patterns are read by CloudWatch Logs only; the local log is JSON: use a JSON pattern such as { $.level = \"ERROR\" }",
            ));
        } else if trimmed.len() >= 2 && trimmed.starts_with('%') && trimmed.ends_with('%') {
            let regex = Regex::new(&trimmed[1..trimmed.len() - 1]).map_err(|err| refuse(text, err))?;
            Pattern::Regex(regex)
        } else {
            parse_terms(text, trimmed)?
        };
        Ok(Self { pattern })
    }

    pub fn matches(&self, message: &str) -> bool {
        match &self.pattern {
            Pattern::All => true,
            Pattern::Terms { all, any, none } => {
                all.iter().all(|t| message.contains(t.as_str()))
                    && (any.is_empty() || any.iter().any(|t| message.contains(t.as_str())))
                    && !none.iter().any(|t| message.contains(t.as_str()))
            }
            Pattern::Regex(regex) => regex.is_match(message),
            Pattern::Json(expr) => match serde_json::from_str::<Value>(message) {
                Ok(value @ (Value::Object(_) | Value::Array(_))) => evaluate(expr, &value),
                _ => false,
            },
        }
    }
}

fn parse_terms(text: &str, trimmed: &str) -> Result<Pattern> {
    let (mut all, mut any, mut none) = (Vec::new(), Vec::new(), Vec::new());
    let mut chars = trimmed.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let Some(&first) = chars.peek() else { break };
        let bucket = match first {
            '?' => {
                chars.next();
                &mut any
            }
            '-' => {
                chars.next();
                &mut none
            }
            _ => &mut all,
        };
        let mut term = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            let mut closed = false;
            while let Some(c) = chars.next() {
                match c {
                    '\\' => term.extend(chars.next()),
                    '"' => {
                        closed = true;
                        break;
                    }
                    _ => term.push(c),
                }
            }
            if !closed {
                return Err(refuse(text, "a quoted term is not closed"));
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                term.push(c);
                chars.next();
            }
        }
        if term.is_empty() {
            return Err(refuse(text, "a `?` or `-` needs a term after it"));
        }
        bucket.push(term);
    }
    Ok(Pattern::Terms { all, any, none })
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Open,
    Close,
    And,
    Or,
    Op(Op),
    Path(Vec<Segment>),
    Text(String),
    Number(f64),
    Word(String),
}

struct JsonParser<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    at: usize,
}

impl<'a> JsonParser<'a> {
    fn new(text: &'a str, trimmed: &str) -> Result<Self> {
        let Some(inner) = trimmed.strip_prefix('{').and_then(|t| t.strip_suffix('}')) else {
            return Err(refuse(text, "a JSON pattern is enclosed in { }"));
        };
        Ok(Self { text, tokens: tokenize(text, inner)?, at: 0 })
    }

    fn parse(mut self) -> Result<Expr> {
        let expr = self.or()?;
        if self.at != self.tokens.len() {
            return Err(refuse(self.text, format!("unexpected {:?}", self.tokens[self.at])));
        }
        Ok(expr)
    }

    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.at).cloned();
        self.at += 1;
        token
    }

    fn or(&mut self) -> Result<Expr> {
        let mut left = self.and()?;
        while self.peek() == Some(&Token::Or) {
            self.at += 1;
            left = Expr::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr> {
        let mut left = self.primary()?;
        while self.peek() == Some(&Token::And) {
            self.at += 1;
            left = Expr::And(Box::new(left), Box::new(self.primary()?));
        }
        Ok(left)
    }

    fn primary(&mut self) -> Result<Expr> {
        match self.next() {
            Some(Token::Open) => {
                let expr = self.or()?;
                match self.next() {
                    Some(Token::Close) => Ok(expr),
                    _ => Err(refuse(self.text, "a `(` is not closed")),
                }
            }
            Some(Token::Path(path)) => self.condition(path),
            other => Err(refuse(self.text, format!("expected a selector such as $.level, found {other:?}"))),
        }
    }

    fn condition(&mut self, path: Vec<Segment>) -> Result<Expr> {
        match self.next() {
            Some(Token::Op(op)) => {
                let literal = match self.next() {
                    Some(Token::Text(text)) | Some(Token::Word(text)) => Literal::Text(text),
                    Some(Token::Number(n)) => Literal::Number(n),
                    other => return Err(refuse(self.text, format!("expected a value, found {other:?}"))),
                };
                if matches!(literal, Literal::Text(_)) && !matches!(op, Op::Eq | Op::Ne) {
                    return Err(refuse(self.text, "<, <=, > and >= compare numbers"));
                }
                Ok(Expr::Compare(path, op, literal))
            }
            Some(Token::Word(word)) if word.eq_ignore_ascii_case("IS") => match self.next() {
                Some(Token::Word(w)) if w.eq_ignore_ascii_case("NULL") => Ok(Expr::IsNull(path)),
                Some(Token::Word(w)) if w.eq_ignore_ascii_case("TRUE") => Ok(Expr::IsBool(path, true)),
                Some(Token::Word(w)) if w.eq_ignore_ascii_case("FALSE") => Ok(Expr::IsBool(path, false)),
                other => {
                    Err(refuse(self.text, format!("expected NULL, TRUE or FALSE after IS, found {other:?}")))
                }
            },
            Some(Token::Word(word)) if word.eq_ignore_ascii_case("NOT") => match self.next() {
                Some(Token::Word(w)) if w.eq_ignore_ascii_case("EXISTS") => Ok(Expr::NotExists(path)),
                other => Err(refuse(self.text, format!("expected EXISTS after NOT, found {other:?}"))),
            },
            other => {
                Err(refuse(self.text, format!("expected =, !=, <, >, IS or NOT EXISTS, found {other:?}")))
            }
        }
    }
}

fn tokenize(text: &str, inner: &str) -> Result<Vec<Token>> {
    let chars: Vec<char> = inner.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let pair = |second: char| chars.get(i + 1) == Some(&second);
        match c {
            _ if c.is_whitespace() => i += 1,
            '(' => {
                tokens.push(Token::Open);
                i += 1;
            }
            ')' => {
                tokens.push(Token::Close);
                i += 1;
            }
            '&' if pair('&') => {
                tokens.push(Token::And);
                i += 2;
            }
            '|' if pair('|') => {
                tokens.push(Token::Or);
                i += 2;
            }
            '!' if pair('=') => {
                tokens.push(Token::Op(Op::Ne));
                i += 2;
            }
            '<' | '>' => {
                let with_eq = pair('=');
                tokens.push(Token::Op(match (c, with_eq) {
                    ('<', false) => Op::Lt,
                    ('<', true) => Op::Le,
                    ('>', false) => Op::Gt,
                    _ => Op::Ge,
                }));
                i += 1 + usize::from(with_eq);
            }
            '=' => {
                tokens.push(Token::Op(Op::Eq));
                i += 1;
            }
            '"' => {
                let mut value = String::new();
                i += 1;
                loop {
                    match chars.get(i) {
                        None => return Err(refuse(text, "a quoted value is not closed")),
                        Some('"') => break,
                        Some('\\') => {
                            value.extend(chars.get(i + 1));
                            i += 2;
                        }
                        Some(&other) => {
                            value.push(other);
                            i += 1;
                        }
                    }
                }
                i += 1;
                tokens.push(Token::Text(value));
            }
            '$' => {
                let start = i;
                while i < chars.len() && !chars[i].is_whitespace() && !"()=!<>&|".contains(chars[i]) {
                    i += 1;
                }
                let selector: String = chars[start..i].iter().collect();
                tokens.push(Token::Path(parse_selector(text, &selector)?));
            }
            _ => {
                let start = i;
                while i < chars.len() && !chars[i].is_whitespace() && !"()=!<>&|\"".contains(chars[i]) {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                match word.parse::<f64>() {
                    Ok(n) if word.chars().next().is_some_and(|c| c.is_ascii_digit() || c == '-') => {
                        tokens.push(Token::Number(n))
                    }
                    _ => tokens.push(Token::Word(word)),
                }
            }
        }
    }
    Ok(tokens)
}

fn parse_selector(text: &str, selector: &str) -> Result<Vec<Segment>> {
    let rest = selector.strip_prefix('$').unwrap_or(selector);
    let mut segments = Vec::new();
    for part in rest.split('.').skip(usize::from(rest.starts_with('.'))) {
        let (key, mut indices) = match part.find('[') {
            Some(at) => (&part[..at], &part[at..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            segments.push(Segment::Key(key.to_string()));
        }
        while let Some(open) = indices.strip_prefix('[') {
            let Some((index, after)) = open.split_once(']') else {
                return Err(refuse(text, format!("selector {selector}: a `[` is not closed")));
            };
            let index = index
                .parse()
                .map_err(|_| refuse(text, format!("selector {selector}: `{index}` is not an array index")))?;
            segments.push(Segment::Index(index));
            indices = after;
        }
    }
    if segments.is_empty() {
        return Err(refuse(text, format!("selector {selector} names no field")));
    }
    Ok(segments)
}

fn select<'v>(value: &'v Value, path: &[Segment]) -> Option<&'v Value> {
    path.iter().try_fold(value, |value, segment| match segment {
        Segment::Key(key) => value.get(key.as_str()),
        Segment::Index(index) => value.get(*index),
    })
}

/// `*` matches any run of characters, as in CloudWatch's JSON patterns.
fn wildcard_match(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let mut rest = text;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            let Some(after) = rest.strip_prefix(part) else { return false };
            rest = after;
        } else if i == parts.len() - 1 {
            return rest.ends_with(part);
        } else {
            let Some(at) = rest.find(part) else { return false };
            rest = &rest[at + part.len()..];
        }
    }
    true
}

fn evaluate(expr: &Expr, value: &Value) -> bool {
    match expr {
        Expr::And(a, b) => evaluate(a, value) && evaluate(b, value),
        Expr::Or(a, b) => evaluate(a, value) || evaluate(b, value),
        Expr::IsNull(path) => select(value, path).is_some_and(Value::is_null),
        Expr::IsBool(path, wanted) => select(value, path).and_then(Value::as_bool) == Some(*wanted),
        Expr::NotExists(path) => select(value, path).is_none(),
        Expr::Compare(path, op, literal) => {
            let Some(found) = select(value, path) else { return false };
            match literal {
                Literal::Number(n) => {
                    let Some(actual) = found.as_f64() else { return false };
                    match op {
                        Op::Eq => actual == *n,
                        Op::Ne => actual != *n,
                        Op::Lt => actual < *n,
                        Op::Le => actual <= *n,
                        Op::Gt => actual > *n,
                        Op::Ge => actual >= *n,
                    }
                }
                Literal::Text(pattern) => {
                    let actual = match found {
                        Value::String(text) => text.clone(),
                        Value::Number(n) => n.to_string(),
                        Value::Bool(b) => b.to_string(),
                        _ => return false,
                    };
                    let equal = wildcard_match(pattern, &actual);
                    if *op == Op::Eq { equal } else { !equal }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, message: &str) -> bool {
        FilterPattern::parse(pattern).unwrap().matches(message)
    }

    #[test]
    fn terms_must_all_appear_alternatives_one_and_exclusions_none() {
        assert!(matches("", "anything"));
        assert!(matches("ERROR", "[ERROR] disk full"));
        assert!(!matches("error", "[ERROR] disk full"), "terms are case-sensitive");
        assert!(matches("ERROR disk", "[ERROR] disk full"));
        assert!(!matches("ERROR memory", "[ERROR] disk full"));
        assert!(matches("\"disk full\"", "[ERROR] disk full"));
        assert!(!matches("\"full disk\"", "[ERROR] disk full"));
        assert!(matches("?WARN ?ERROR", "[ERROR] disk full"));
        assert!(!matches("?WARN ?FATAL", "[ERROR] disk full"));
        assert!(matches("ERROR -timeout", "[ERROR] disk full"));
        assert!(!matches("ERROR -disk", "[ERROR] disk full"));
    }

    #[test]
    fn regular_expressions_between_percent_signs() {
        assert!(matches("%ERR(OR)?%", "ERR 1"));
        assert!(!matches("%^WARN%", "ERROR"));
    }

    #[test]
    fn json_patterns_compare_fields() {
        let line =
            r#"{"level":"ERROR","events":12,"key":"raw/a.gz","nested":{"ok":true,"list":[1,2]},"gone":null}"#;
        assert!(matches(r#"{ $.level = "ERROR" }"#, line));
        assert!(matches("{ $.level = ERROR }", line));
        assert!(!matches(r#"{ $.level = "INFO" }"#, line));
        assert!(matches(r#"{ $.level != "INFO" }"#, line));
        assert!(matches("{ $.events > 10 && $.events <= 12 }", line));
        assert!(!matches("{ $.events < 10 }", line));
        assert!(matches(r#"{ ($.events < 10) || ($.key = "raw/*.gz") }"#, line));
        assert!(matches("{ $.nested.ok IS TRUE }", line));
        assert!(matches("{ $.nested.list[1] = 2 }", line));
        assert!(matches("{ $.gone IS NULL }", line));
        assert!(matches("{ $.missing NOT EXISTS }", line));
        assert!(!matches("{ $.level NOT EXISTS }", line));
        assert!(!matches(r#"{ $.level = "ERROR" }"#, "ERROR but not JSON"));
    }

    #[test]
    fn unreadable_patterns_are_refused_with_the_pattern() {
        for bad in ["[ip, user]", "{ $.level = }", "{ $.level = \"x\"", "\"open", "{ $.a > \"text\" }", "%(%"]
        {
            let err = FilterPattern::parse(bad).unwrap_err().to_string();
            assert!(err.starts_with("--filter `"), "{bad}: {err}");
        }
    }
}
