//! A test-only model of PowerShell's tokenizer: enough to tell, for a script tlsdoctor
//! generates, which bare words run as commands and whether a value stayed inside one string
//! literal or one comment. It models the rules below and nothing else (no numbers, operators or
//! parser beyond "which word starts a pipeline element").
//!
//! Every rule is taken from the PowerShell repository (github.com/PowerShell/PowerShell, commit
//! 929903692e550140efb5042ed05d65bfd21ccb5f), `src/System.Management.Automation/engine/parser/`:
//!
//! - `CharTraits.cs`, `IsSingleQuote`: `'` U+2018 U+2019 U+201A U+201B. `IsDoubleQuote`: `"`
//!   U+201C U+201D U+201E.
//! - `CharTraits.cs`, `s_traits`: only 0x0A and 0x0D carry `CharTraits.Newline`.
//!   `IsWhitespace`: tab, VT, FF, space; NBSP U+00A0 and NEL U+0085; above U+0100
//!   `char.IsSeparator` (Zs, and U+2028 / U+2029). So NEL, LS and PS separate words but never
//!   end a statement or a comment.
//! - `CharTraits.cs`, `ForceStartNewToken`: NUL, whitespace, CR, LF, `&`, `(`, `)`, `,`, `;`,
//!   `{`, `|`, `}` end a bare word (`a#b` is one word, `a{` two).
//! - `tokenizer.cs`, `NextToken`: the five single quotes start `ScanStringLiteral`, the four
//!   double quotes `ScanStringExpandable`; `#` starts a line comment (`ScanLineComment`), `<#` a
//!   block comment; `@'` / `@"` here-strings; `$(` a sub-expression (`DollarParen`); `@(` and
//!   `@{`; `;` (`Semi`), `\n` and `\r` (CRLF normalised, `NewLine`); a backtick before CR/LF is a
//!   line continuation, before other whitespace it is skipped, otherwise it escapes the next
//!   character of a bare word (`Backtick`); NUL not at the end starts a bare word; anything
//!   else starts `ScanGenericToken` (here: a bare word).
//! - `tokenizer.cs`, `ScanStringLiteral`: a character of the single-quote family followed by
//!   another one is an escaped quote (the second is kept); otherwise it ends the string. End of
//!   input first: "TerminatorExpectedAtEndOfString".
//! - `tokenizer.cs`, `ScanStringExpandable`: the same doubling for the double-quote family; a
//!   backtick takes the next character (`Backtick`: `` `n `` is LF, ...); `$` starts a variable
//!   or, before `(`, a sub-expression whose tokens are code (`ScanDollarInStringExpandable`).
//! - `tokenizer.cs`, `ScanToEndOfCommentLine`: a line comment ends at CR, LF or the end only.
//! - `tokenizer.cs`, `ScanBlockComment`: runs to `#>`.
//! - `tokenizer.cs`, `ScanHereStringLiteral`: after `@'` only whitespace up to the line end; the
//!   string ends at a line that starts with a single quote and `@`.
//! - `tokenizer.cs`, `ScanGenericToken`: a bare word runs to the next `ForceStartNewToken`
//!   character; quotes inside it are scanned as strings and joined into the word, a backtick
//!   escapes, `$(` nests code.
//!
//! Command position (the part of `parser.cs` that matters here, simplified the safe way): the
//! first bare word of a statement (start, after `;`, a newline, `|`, `&`, an assignment `=`, an
//! opening `(`, `{`, `$(` or `@(`) is a command unless it starts like an expression (`$`, a
//! dash, `[`, a digit); inside a hash literal `@{ }` nothing is. A string right after `&` is a
//! command too (the call operator).

/// Which string literal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StrKind {
    Single,
    Double,
    HereSingle,
    HereDouble,
}

/// One token. `text` is the decoded content (quotes undoubled, escapes applied).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// A bare word in command position: what runs.
    Command { text: String, code: Vec<Token> },
    /// A bare word elsewhere (parameter, argument, variable, operator).
    Word { text: String, code: Vec<Token> },
    /// A string literal; `code` holds the tokens of `$(...)` and variables expanded in it.
    Str {
        kind: StrKind,
        text: String,
        code: Vec<Token>,
    },
    /// `#...` up to the line end (without the `#`).
    LineComment(String),
    /// `<#...#>` (without the markers).
    BlockComment(String),
    /// `;`, `|`, `&` or a newline (`'\n'`).
    Separator(char),
    /// `(`, `{`, `$(`, `@(`, `@{`.
    Open(&'static str),
    /// `)` or `}`.
    Close(char),
    /// `,`, `<`, `>` at the start of a token.
    Operator(char),
    /// Something PowerShell reports as an error (unterminated string or comment, unmatched
    /// bracket, bad here-string header).
    Error(&'static str),
}

pub fn is_single_quote(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}')
}

pub fn is_double_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201C}' | '\u{201D}' | '\u{201E}')
}

/// `CharExtensions.IsWhitespace` (newlines are not whitespace).
pub fn is_whitespace(c: char) -> bool {
    match u32::from(c) {
        0..=127 => matches!(c, ' ' | '\t' | '\u{0B}' | '\u{0C}'),
        128..=256 => matches!(c, '\u{A0}' | '\u{85}'),
        // char.IsSeparator: Zs, Zl, Zp.
        _ => matches!(
            c,
            '\u{1680}' | '\u{2000}'
                ..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
        ),
    }
}

/// `CharExtensions.ForceStartNewToken`.
pub fn force_start_new_token(c: char) -> bool {
    if u32::from(c) < 128 {
        matches!(
            c,
            '\0' | '\t'
                | '\n'
                | '\u{0B}'
                | '\u{0C}'
                | '\r'
                | ' '
                | '&'
                | '('
                | ')'
                | ','
                | ';'
                | '{'
                | '|'
                | '}'
        )
    } else {
        is_whitespace(c)
    }
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2013}' | '\u{2014}' | '\u{2015}')
}

fn is_variable_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '?' | '^' | '$' | ':')
}

/// `Tokenizer.Backtick`.
fn backtick(c: char) -> char {
    match c {
        '0' => '\0',
        'a' => '\u{07}',
        'b' => '\u{08}',
        'e' => '\u{1B}',
        'f' => '\u{0C}',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'v' => '\u{0B}',
        other => other,
    }
}

struct Tokenizer {
    chars: Vec<char>,
    pos: usize,
    errors: Vec<&'static str>,
}

/// The tokens of `script`; errors (unterminated strings and the like) come last as
/// [`Token::Error`].
pub fn tokenize(script: &str) -> Vec<Token> {
    let mut t = Tokenizer {
        chars: script.chars().collect(),
        pos: 0,
        errors: Vec::new(),
    };
    let mut tokens = t.code(false);
    tokens.extend(t.errors.into_iter().map(Token::Error));
    tokens
}

impl Tokenizer {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.chars.get(self.pos + n).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        Some(c)
    }

    /// Consumes a newline at the current position (CRLF counts once).
    fn newline(&mut self) -> bool {
        match self.peek() {
            Some('\r') => {
                self.pos += 1;
                if self.peek() == Some('\n') {
                    self.pos += 1;
                }
                true
            }
            Some('\n') => {
                self.pos += 1;
                true
            }
            _ => false,
        }
    }

    /// Tokens up to the end or, when `nested`, up to the `)` that closes a `$(`.
    fn code(&mut self, nested: bool) -> Vec<Token> {
        let mut out: Vec<Token> = Vec::new();
        let mut open: Vec<&'static str> = Vec::new();
        let mut at_start = true;
        loop {
            let Some(c) = self.peek() else {
                if nested {
                    self.errors.push("missing ) of $(");
                }
                if !open.is_empty() {
                    self.errors.push("missing closing bracket");
                }
                return out;
            };
            let in_hash = open.last() == Some(&"@{");
            let command_position = at_start && !in_hash;
            if is_whitespace(c) {
                self.pos += 1;
                continue;
            }
            match c {
                '\r' | '\n' => {
                    self.newline();
                    out.push(Token::Separator('\n'));
                    at_start = true;
                }
                '#' => {
                    self.pos += 1;
                    let mut text = String::new();
                    while let Some(c) = self.peek() {
                        if c == '\r' || c == '\n' {
                            break;
                        }
                        text.push(c);
                        self.pos += 1;
                    }
                    out.push(Token::LineComment(text));
                }
                '<' if self.peek_at(1) == Some('#') => {
                    self.pos += 2;
                    let mut text = String::new();
                    loop {
                        match self.bump() {
                            None => {
                                self.errors.push("missing #> of a block comment");
                                break;
                            }
                            Some('#') if self.peek() == Some('>') => {
                                self.pos += 1;
                                break;
                            }
                            Some(c) => text.push(c),
                        }
                    }
                    out.push(Token::BlockComment(text));
                }
                c if is_single_quote(c) || is_double_quote(c) => {
                    self.pos += 1;
                    let (kind, text, code) = if is_single_quote(c) {
                        (StrKind::Single, self.single_quoted(), Vec::new())
                    } else {
                        let (text, code) = self.double_quoted();
                        (StrKind::Double, text, code)
                    };
                    // `& 'x'` and `. 'x'` run the string as a command.
                    let called = match out.last() {
                        Some(Token::Separator('&')) => true,
                        Some(Token::Command { text, .. }) => text == ".",
                        _ => false,
                    };
                    out.push(if called {
                        Token::Command { text, code }
                    } else {
                        Token::Str { kind, text, code }
                    });
                    at_start = false;
                }
                '@' if self
                    .peek_at(1)
                    .is_some_and(|q| is_single_quote(q) || is_double_quote(q)) =>
                {
                    let double = self.peek_at(1).is_some_and(is_double_quote);
                    self.pos += 2;
                    let (text, code) = self.here_string(double);
                    out.push(Token::Str {
                        kind: if double {
                            StrKind::HereDouble
                        } else {
                            StrKind::HereSingle
                        },
                        text,
                        code,
                    });
                    at_start = false;
                }
                '@' if matches!(self.peek_at(1), Some('(' | '{')) => {
                    let kind = if self.peek_at(1) == Some('(') {
                        "@("
                    } else {
                        "@{"
                    };
                    self.pos += 2;
                    open.push(kind);
                    out.push(Token::Open(kind));
                    at_start = kind == "@(";
                }
                '$' if self.peek_at(1) == Some('(') => {
                    self.pos += 2;
                    open.push("$(");
                    out.push(Token::Open("$("));
                    at_start = true;
                }
                '(' | '{' => {
                    self.pos += 1;
                    let kind = if c == '(' { "(" } else { "{" };
                    open.push(kind);
                    out.push(Token::Open(kind));
                    at_start = true;
                }
                ')' | '}' => {
                    self.pos += 1;
                    if open.pop().is_none() {
                        if nested && c == ')' {
                            return out;
                        }
                        self.errors.push("unmatched closing bracket");
                    }
                    out.push(Token::Close(c));
                    at_start = false;
                }
                ';' | '|' | '&' => {
                    self.pos += 1;
                    out.push(Token::Separator(c));
                    at_start = true;
                }
                ',' | '<' | '>' => {
                    self.pos += 1;
                    out.push(Token::Operator(c));
                    at_start = false;
                }
                '`' if matches!(self.peek_at(1), Some('\r' | '\n')) => {
                    // Line continuation: the newline does not end the statement.
                    self.pos += 1;
                    self.newline();
                }
                '`' if self.peek_at(1).is_some_and(char::is_whitespace) => {
                    self.pos += 2;
                }
                _ => {
                    let (text, code) = self.word();
                    // A number is an expression; `7z` is a command (`ScanNumber` falls back to a
                    // generic token).
                    let number = text.starts_with(|f: char| f.is_ascii_digit())
                        && text
                            .chars()
                            .all(|c| c.is_ascii_hexdigit() || matches!(c, '.' | 'x' | 'X'));
                    let expression_start = number
                        || text
                            .chars()
                            .next()
                            .is_none_or(|f| f == '$' || f == '[' || is_dash(f));
                    let assignment =
                        matches!(text.as_str(), "=" | "+=" | "-=" | "*=" | "/=" | "%=");
                    out.push(if command_position && !expression_start {
                        Token::Command { text, code }
                    } else {
                        Token::Word { text, code }
                    });
                    at_start = assignment;
                }
            }
        }
    }

    /// After the opening quote: the decoded content up to the closing one.
    fn single_quoted(&mut self) -> String {
        let mut text = String::new();
        loop {
            match self.bump() {
                None => {
                    self.errors.push("missing closing single quote");
                    return text;
                }
                Some(c) if is_single_quote(c) => {
                    match self.peek() {
                        Some(next) if is_single_quote(next) => {
                            // Two in a row: an escaped quote, the second one is kept.
                            self.pos += 1;
                            text.push(next);
                        }
                        _ => return text,
                    }
                }
                Some(c) => text.push(c),
            }
        }
    }

    /// `$` inside an expandable string or word (the `$` consumed): a sub-expression, a variable
    /// or a plain dollar.
    fn dollar(&mut self, text: &mut String, code: &mut Vec<Token>) {
        match self.peek() {
            Some('(') => {
                self.pos += 1;
                let inner = self.code(true);
                text.push_str("$(…)");
                code.push(Token::Open("$("));
                code.extend(inner);
                code.push(Token::Close(')'));
            }
            Some('{') => {
                let mut name = String::from("${");
                self.pos += 1;
                while let Some(c) = self.bump() {
                    name.push(c);
                    if c == '}' {
                        break;
                    }
                }
                text.push_str(&name);
                code.push(Token::Word {
                    text: name,
                    code: Vec::new(),
                });
            }
            Some(c) if is_variable_char(c) => {
                let mut name = String::from("$");
                while let Some(c) = self.peek().filter(|&c| is_variable_char(c)) {
                    name.push(c);
                    self.pos += 1;
                }
                text.push_str(&name);
                code.push(Token::Word {
                    text: name,
                    code: Vec::new(),
                });
            }
            _ => text.push('$'),
        }
    }

    /// After the opening quote: the decoded content and the code expanded in it.
    fn double_quoted(&mut self) -> (String, Vec<Token>) {
        let mut text = String::new();
        let mut code = Vec::new();
        loop {
            match self.bump() {
                None => {
                    self.errors.push("missing closing double quote");
                    return (text, code);
                }
                Some(c) if is_double_quote(c) => match self.peek() {
                    Some(next) if is_double_quote(next) => {
                        self.pos += 1;
                        text.push(next);
                    }
                    _ => return (text, code),
                },
                Some('`') => match self.bump() {
                    Some(next) => text.push(backtick(next)),
                    None => text.push('`'),
                },
                Some('$') => self.dollar(&mut text, &mut code),
                Some(c) => text.push(c),
            }
        }
    }

    /// After `@'` or `@"`: only whitespace may follow on that line; the content runs to a line
    /// that starts with a quote of the family and `@`.
    fn here_string(&mut self, double: bool) -> (String, Vec<Token>) {
        let mut text = String::new();
        let mut code = Vec::new();
        while self.peek().is_some_and(is_whitespace) {
            self.pos += 1;
        }
        if !self.newline() {
            self.errors
                .push("here-string header not followed by a line end");
            return (text, code);
        }
        let closes = |t: &Self| {
            t.peek().is_some_and(|q| {
                if double {
                    is_double_quote(q)
                } else {
                    is_single_quote(q)
                }
            }) && t.peek_at(1) == Some('@')
        };
        let mut line_start = true;
        loop {
            if line_start && closes(self) {
                self.pos += 2;
                if text.ends_with('\n') {
                    text.pop();
                    if text.ends_with('\r') {
                        text.pop();
                    }
                }
                return (text, code);
            }
            match self.bump() {
                None => {
                    self.errors.push("missing end of a here-string");
                    return (text, code);
                }
                Some('$') if double => {
                    line_start = false;
                    self.dollar(&mut text, &mut code);
                }
                Some('`') if double => {
                    line_start = false;
                    match self.bump() {
                        Some(next) => text.push(backtick(next)),
                        None => text.push('`'),
                    }
                }
                Some(c) => {
                    line_start = c == '\n' || c == '\r';
                    text.push(c);
                }
            }
        }
    }

    /// A bare word (`ScanGenericToken`): its decoded text and any code expanded in it.
    fn word(&mut self) -> (String, Vec<Token>) {
        let mut text = String::new();
        let mut code = Vec::new();
        let mut first = true;
        while let Some(c) = self.peek() {
            if !first && force_start_new_token(c) {
                break;
            }
            first = false;
            self.pos += 1;
            match c {
                '`' => match self.bump() {
                    Some(next) => text.push(backtick(next)),
                    None => text.push('`'),
                },
                q if is_single_quote(q) => {
                    let inner = self.single_quoted();
                    text.push_str(&inner);
                }
                q if is_double_quote(q) => {
                    let (inner, inner_code) = self.double_quoted();
                    text.push_str(&inner);
                    code.extend(inner_code);
                }
                '$' => self.dollar(&mut text, &mut code),
                c => text.push(c),
            }
        }
        (text, code)
    }
}

/// Every command name in `tokens`, nested code included, in order.
pub fn commands(tokens: &[Token]) -> Vec<String> {
    let mut out = Vec::new();
    collect_commands(tokens, &mut out);
    out
}

fn collect_commands(tokens: &[Token], out: &mut Vec<String>) {
    for t in tokens {
        match t {
            Token::Command { text, code } => {
                out.push(text.clone());
                collect_commands(code, out);
            }
            Token::Word { code, .. } | Token::Str { code, .. } => collect_commands(code, out),
            _ => {}
        }
    }
}

/// The errors in `tokens`.
pub fn errors(tokens: &[Token]) -> Vec<&'static str> {
    tokens
        .iter()
        .filter_map(|t| match t {
            Token::Error(e) => Some(*e),
            _ => None,
        })
        .collect()
}

/// `tokens` with `from` replaced by `to` in every decoded text (strings, words, commands,
/// comments), nested code included.
pub fn replace_text(tokens: &[Token], from: &str, to: &str) -> Vec<Token> {
    tokens
        .iter()
        .map(|t| match t {
            Token::Command { text, code } => Token::Command {
                text: text.replace(from, to),
                code: replace_text(code, from, to),
            },
            Token::Word { text, code } => Token::Word {
                text: text.replace(from, to),
                code: replace_text(code, from, to),
            },
            Token::Str { kind, text, code } => Token::Str {
                kind: *kind,
                text: text.replace(from, to),
                code: replace_text(code, from, to),
            },
            Token::LineComment(text) => Token::LineComment(text.replace(from, to)),
            Token::BlockComment(text) => Token::BlockComment(text.replace(from, to)),
            other => other.clone(),
        })
        .collect()
}

/// Whether every token is a comment or a newline (a line PowerShell skips).
pub fn only_comments(tokens: &[Token]) -> bool {
    tokens.iter().all(|t| {
        matches!(
            t,
            Token::LineComment(_) | Token::BlockComment(_) | Token::Separator('\n')
        )
    })
}

/// The string literals (single- or double-quoted, here-strings) whose decoded text contains
/// `needle`, nested code included.
pub fn literals_containing<'t>(tokens: &'t [Token], needle: &str) -> Vec<&'t Token> {
    let mut out = Vec::new();
    for t in tokens {
        match t {
            Token::Str { text, code, .. } => {
                if text.contains(needle) {
                    out.push(t);
                }
                out.extend(literals_containing(code, needle));
            }
            Token::Command { code, .. } | Token::Word { code, .. } => {
                out.extend(literals_containing(code, needle))
            }
            _ => {}
        }
    }
    out
}

/// Self-checks of the model against PowerShell's documented behaviour.
#[cfg(test)]
mod model_checks {
    use super::*;

    fn cmds(s: &str) -> Vec<String> {
        commands(&tokenize(s))
    }

    #[test]
    fn statements_and_commands() {
        assert_eq!(
            cmds("Set-SendConnector 'a' -ProtocolLoggingLevel Verbose"),
            ["Set-SendConnector"]
        );
        assert_eq!(
            cmds("Set-SendConnector 'Y’; Start-Process calc; ’' -X"),
            ["Set-SendConnector", "Start-Process"],
            "U+2019 ends the single-quoted string"
        );
        assert_eq!(
            cmds("Set-SendConnector 'Y’’; Start-Process calc; ’’' -X"),
            ["Set-SendConnector"]
        );
        assert_eq!(
            cmds("$c = Get-ExchangeCertificate | Where-Object {$_.Thumbprint -eq 'x'} | Select-Object -First 1"),
            ["Get-ExchangeCertificate", "Where-Object", "Select-Object"]
        );
        assert_eq!(
            cmds("Import-ExchangeCertificate -FileData ([System.IO.File]::ReadAllBytes('C:\\a.pfx')) -Password (Read-Host -AsSecureString -Prompt 'PFX password')"),
            ["Import-ExchangeCertificate", "Read-Host"]
        );
        assert_eq!(cmds("a; b\nc | d & e"), ["a", "b", "c", "d", "e"]);
        assert_eq!(
            cmds("Get-WinEvent -FilterHashtable @{LogName='Application'; Id=1}"),
            ["Get-WinEvent"]
        );
        assert_eq!(cmds("& 'calc'"), ["calc"]);
        assert_eq!(cmds(". 'x.ps1'"), [".", "x.ps1"]);
        assert_eq!(cmds("7z a b; 12014"), ["7z"]);
        assert_eq!(cmds("x -a \u{2013}b"), ["x"]);
    }

    #[test]
    fn comments_end_at_cr_or_lf_only() {
        assert_eq!(cmds("# a\u{2028}b\u{85}c\u{2029}d"), Vec::<String>::new());
        assert_eq!(cmds("# a\rStart-Process calc"), ["Start-Process"]);
        assert_eq!(cmds("# a\nStart-Process calc"), ["Start-Process"]);
        assert_eq!(cmds("<# a\nStart-Process calc #> b"), ["b"]);
        assert_eq!(cmds("a#b c"), ["a#b"]);
    }

    #[test]
    fn double_quotes_expand_and_backticks_escape() {
        let t = tokenize("Write-Host \"a$(Start-Process calc)b\"");
        assert_eq!(commands(&t), ["Write-Host", "Start-Process"]);
        let t = tokenize("Write-Host \"a`$(Start-Process calc)b\u{201D}");
        assert_eq!(commands(&t), ["Write-Host"]);
        assert_eq!(
            t[1],
            Token::Str {
                kind: StrKind::Double,
                text: "a$(Start-Process calc)b".into(),
                code: Vec::new()
            }
        );
        assert_eq!(cmds("a `\nb"), ["a"], "a line continuation");
    }

    #[test]
    fn unterminated_strings_are_errors() {
        assert_eq!(errors(&tokenize("a 'b")), ["missing closing single quote"]);
        assert_eq!(errors(&tokenize("a \"b")), ["missing closing double quote"]);
        assert!(errors(&tokenize("a 'b''c'")).is_empty());
        let t = tokenize("@'\nx'y\n'@");
        assert_eq!(
            t,
            [Token::Str {
                kind: StrKind::HereSingle,
                text: "x'y".into(),
                code: Vec::new()
            }]
        );
    }
}
