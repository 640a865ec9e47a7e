//! A realistic Exchange SMTP protocol-log set, generated deterministically: the benchmark's
//! input (`crates/cli/examples/genlog.rs`, `bench/log_table.sh`) and the input of the test that
//! compares the log reader with its reference (`super::reference`).
//!
//! Send and Receive files alternate, with interleaved sessions (`open` at a time), the
//! multi-row certificate block on Send logs and the one-row shape on Receive logs, TLS 1.2
//! successes, about 1% `NoCredentials` failures and some AUTH LogonDenied. The row shapes are
//! the ones in `testdata/samples` and `testdata/logs` (see testdata/README.md). With `variety`
//! (tests), some sessions are dropped by the remote right after TLS, some get a `421 4.4.2`
//! reply and some connectors have non-ASCII names. Fixed xorshift seed, no dependencies.

/// Exchange's default log file size.
pub const FILE_BYTES: u64 = 10 * 1024 * 1024;

const HEADER_FIELDS: &str =
    "#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context";

pub struct Rng(u64);
impl Rng {
    /// A generator with this seed (not 0).
    pub fn new(seed: u64) -> Self {
        Rng(seed | 1)
    }

    /// `len` bytes drawn from `alphabet` (none if it is empty): lines for the field splitters'
    /// tests, natively and in wasm.
    pub fn line(&mut self, alphabet: &[u8], len: usize) -> Vec<u8> {
        if alphabet.is_empty() {
            return Vec::new();
        }
        (0..len)
            .map(|_| alphabet[self.below(alphabet.len() as u64) as usize])
            .collect()
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// A number below `n` (not 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// One session's rows, produced lazily in order.
struct Session {
    rows: Vec<String>,
    next: usize,
}

fn send_session(rng: &mut Rng, id: u64, t: &str, variety: bool) -> Session {
    let c = if variety && id.is_multiple_of(11) {
        "Sendeconnector für Übersee"
    } else if id.is_multiple_of(3) {
        "Internet"
    } else {
        "Outbound to Office 365"
    };
    let sid = format!("08DC6A{:010X}", id);
    let local = format!("192.168.0.78:{}", 20000 + rng.below(40000));
    let remote = format!("52.101.{}.{}:25", rng.below(255), rng.below(255));
    let fail = rng.below(100) == 0;
    let mut rows = Vec::new();
    let mut seq = 0;
    let mut row = |ev: &str, data: &str, ctx: &str, local: &str| {
        rows.push(format!(
            "{t},{c},{sid},{seq},{local},{remote},{ev},{data},{ctx}"
        ));
        seq += 1;
    };
    row("*", "SendRoutingHeaders", "Set Session Permissions", "");
    row("*", "", "attempting to connect", "");
    row("+", "", "", &local);
    row("<", "\"220 AM4PEPF00027A5F.mail.protection.outlook.com Microsoft ESMTP MAIL Service ready at Thu, 2 May 2024 06:32:13 +0000\"", "", &local);
    row(">", "EHLO mail.contoso.com", "", &local);
    for ext in [
        "250-AM4PEPF00027A5F.mail.protection.outlook.com Hello [203.0.113.25]",
        "250-SIZE 157286400",
        "250-PIPELINING",
        "250-DSN",
        "250-ENHANCEDSTATUSCODES",
        "250-STARTTLS",
        "250-8BITMIME",
        "250-BINARYMIME",
        "250 CHUNKING",
    ] {
        row("<", ext, "", &local);
    }
    row(">", "STARTTLS", "", &local);
    row("<", "220 2.0.0 SMTP server ready", "", &local);
    row("*", "", "Sending certificate", &local);
    row(
        "*",
        "\"CN=mail.contoso.com, OU=IT, O=Contoso Ltd, L=Redmond, S=WA, C=US\"",
        "Certificate subject",
        &local,
    );
    row(
        "*",
        "\"CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US\"",
        "Certificate issuer name",
        &local,
    );
    row(
        "*",
        "0A1B2C3D4E5F60718293A4B5C6D7E8F9",
        "Certificate serial number",
        &local,
    );
    row(
        "*",
        "9F8E7D6C5B4A39281706F5E4D3C2B1A098765432",
        "Certificate thumbprint",
        &local,
    );
    row(
        "*",
        "mail.contoso.com;autodiscover.contoso.com",
        "Certificate alternate names",
        &local,
    );
    if fail {
        row(
            "*",
            "",
            "TLS negotiation failed with error NoCredentials",
            &local,
        );
        row("-", "", "Local", &local);
    } else if variety && id.is_multiple_of(7) {
        // The remote drops the session right after TLS (FAILURE-MODES #6).
        row("*", "", "\"TLS protocol SP_PROT_TLS1_2_CLIENT negotiation succeeded using bulk encryption algorithm CALG_AES_256 with strength 256 bits\"", &local);
        row("-", "", "Remote(ConnectionReset)", &local);
    } else if variety && id.is_multiple_of(13) {
        row(
            "<",
            "421 4.4.2 Connection dropped due to SocketError",
            "",
            &local,
        );
        row("-", "", "Local", &local);
    } else {
        row("*", "", "\"TLS protocol SP_PROT_TLS1_2_CLIENT negotiation succeeded using bulk encryption algorithm CALG_AES_256 with strength 256 bits, MAC hash algorithm CALG_SHA_384 with strength 0 bits and key exchange algorithm CALG_ECDH_EPHEM with strength 384 bits\"", &local);
        row("*", "", "Received certificate", &local);
        row(
            "*",
            "\"CN=mail.protection.outlook.com, O=Microsoft Corporation, L=Redmond, S=WA, C=US\"",
            "Certificate subject",
            &local,
        );
        row(
            "*",
            "\"CN=DigiCert Cloud Services CA-1, O=DigiCert Inc, C=US\"",
            "Certificate issuer name",
            &local,
        );
        row(
            "*",
            "0F3C0B1F6A7D1C2B3A495867708192A3",
            "Certificate serial number",
            &local,
        );
        row(
            "*",
            "1234567890ABCDEF1234567890ABCDEF12345678",
            "Certificate thumbprint",
            &local,
        );
        row(">", "EHLO mail.contoso.com", "", &local);
        row("<", "250 AM4PEPF00027A5F.mail.protection.outlook.com Hello [203.0.113.25] SIZE 157286400 PIPELINING DSN ENHANCEDSTATUSCODES 8BITMIME BINARYMIME CHUNKING SMTPUTF8", "", &local);
        row(
            "*",
            "",
            "TlsDomainCapabilities='None'; Status='Success'; Domain=''",
            &local,
        );
        row(">", "MAIL FROM:<alice@contoso.com> SIZE=18234", "", &local);
        row(">", "RCPT TO:<bob@fabrikam.com>", "", &local);
        row(">", "BDAT 18234 LAST", "", &local);
        row("<", "250 2.1.0 Sender OK", "", &local);
        row("<", "250 2.1.5 Recipient OK", "", &local);
        row("<", "\"250 2.6.0 <ab12cd34@mail.contoso.com> [InternalId=1234, Hostname=AM4PR01MB1234.eurprd01.prod.outlook.com] 18500 bytes in 0.112, 161,3 KB/sec Queued mail for delivery\"", "", &local);
        row(">", "QUIT", "", &local);
        row(
            "<",
            "221 2.0.0 Service closing transmission channel",
            "",
            &local,
        );
        row("-", "", "Local", &local);
    }
    Session { rows, next: 0 }
}

fn recv_session(rng: &mut Rng, id: u64, t: &str, variety: bool) -> Session {
    let c = if variety && id.is_multiple_of(11) {
        "EXCH01\\Empfangsconnector Übersee"
    } else {
        "EXCH01\\Default Frontend EXCH01"
    };
    let sid = format!("08DC6B{:010X}", id);
    let local = "10.10.10.10:25";
    let remote = format!("198.51.100.{}:{}", rng.below(255), 1024 + rng.below(60000));
    let auth_fail = rng.below(20) == 0;
    let mut rows = Vec::new();
    let mut seq = 0;
    let mut row = |ev: &str, data: &str, ctx: &str| {
        rows.push(format!(
            "{t},{c},{sid},{seq},{local},{remote},{ev},{data},{ctx}"
        ));
        seq += 1;
    };
    row("+", "", "");
    row(">", "\"220 mail.contoso.com Microsoft ESMTP MAIL Service ready at Thu, 2 May 2024 09:59:51 +0200\"", "");
    row("<", "EHLO mx.fabrikam.com", "");
    row(">", "250  mail.contoso.com Hello [198.51.100.33] SIZE 37748736 PIPELINING DSN ENHANCEDSTATUSCODES STARTTLS X-ANONYMOUSTLS AUTH NTLM X-EXPS GSSAPI NTLM 8BITMIME BINARYMIME CHUNKING XRDST", "");
    row("<", "STARTTLS", "");
    row(">", "220 2.0.0 SMTP server ready", "");
    row("*", " CN=mail.contoso.com, OU=IT, O=Contoso Ltd, L=Redmond, S=WA, C=US CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US 0A1B2C3D4E5F60718293A4B5C6D7E8F9 9F8E7D6C5B4A39281706F5E4D3C2B1A098765432 2024-01-17T00:00:00.000Z 2025-02-17T23:59:59.000Z mail.contoso.com;autodiscover.contoso.com", "Sending certificate Subject Issuer name Serial number Thumbprint Not before Not after Subject alternate names");
    row("*", "", "\"TLS protocol SP_PROT_TLS1_2_SERVER negotiation succeeded using bulk encryption algorithm CALG_AES_128 with strength 128 bits, MAC hash algorithm CALG_SHA_256 with strength 0 bits and key exchange algorithm CALG_ECDH_EPHEM with strength 256 bits\"");
    row("<", "EHLO mx.fabrikam.com", "");
    row(
        "*",
        "",
        "Client certificate chain validation status: 'EmptyCertificate'",
    );
    row(
        "*",
        "",
        "TlsDomainCapabilities='None'; Status='NoRemoteCertificate'",
    );
    row(">", "250  mail.contoso.com Hello [198.51.100.33] SIZE 37748736 PIPELINING DSN ENHANCEDSTATUSCODES AUTH NTLM LOGIN X-EXPS GSSAPI NTLM 8BITMIME BINARYMIME CHUNKING XRDST", "");
    if variety && id.is_multiple_of(7) {
        row("-", "", "Remote(ConnectionReset)");
        return Session { rows, next: 0 };
    }
    if auth_fail {
        row("<", "AUTH LOGIN", "");
        row(">", "334 <authentication response>", "");
        row("*", "", "Inbound AUTH LOGIN failed because of LogonDenied");
        row(">", "535 5.7.3 Authentication unsuccessful", "");
    } else {
        row("<", "MAIL FROM:<carol@fabrikam.com> SIZE=5120", "");
        row(
            "*",
            "08DC6B0000000001;2024-05-02T08:00:01.000Z;1",
            "receiving message",
        );
        row(">", "250 2.1.0 Sender OK", "");
        row("<", "RCPT TO:<dave@contoso.com>", "");
        row(">", "250 2.1.5 Recipient OK", "");
        row("<", "BDAT 5120 LAST", "");
        row(">", "\"250 2.6.0 <e6c29c88@mx.fabrikam.com> [InternalId=237172389052427, Hostname=EXCH01.contoso.com] 5230 bytes in 0.012, 425,6 KB/sec Queued mail for delivery\"", "");
        row("<", "QUIT", "");
        row(">", "221 2.0.0 Closing connection.", "");
    }
    row("-", "", "Local");
    Session { rows, next: 0 }
}

/// Generates the set file by file.
pub struct Generator {
    rng: Rng,
    total_bytes: u64,
    file_bytes: u64,
    open_target: usize,
    variety: bool,
    written: u64,
    file_no: u64,
    session_id: u64,
}

impl Generator {
    /// About `total_bytes` in files of about `file_bytes`, `open` sessions interleaved. The
    /// benchmark's set is `Generator::new(mb << 20, FILE_BYTES, 20, false)`.
    pub fn new(total_bytes: u64, file_bytes: u64, open: usize, variety: bool) -> Self {
        Generator {
            rng: Rng(0x9E37_79B9_7F4A_7C15),
            total_bytes,
            file_bytes: file_bytes.max(1),
            open_target: open.max(1),
            variety,
            written: 0,
            file_no: 0,
            session_id: 0,
        }
    }

    /// Sessions started so far.
    pub fn sessions(&self) -> u64 {
        self.session_id
    }

    /// The next file: its name (`SEND20240502-1.LOG`, ...) and bytes; `None` when done.
    pub fn next_file(&mut self) -> Option<(String, Vec<u8>)> {
        if self.written >= self.total_bytes {
            return None;
        }
        self.file_no += 1;
        let send = self.file_no % 2 == 1;
        let name = format!(
            "{}20240502-{}.LOG",
            if send { "SEND" } else { "RECV" },
            self.file_no
        );
        let header = format!(
            "#Software: Microsoft Exchange Server\r\n#Version: 15.0.0.0\r\n#Log-type: SMTP {} Protocol Log\r\n#Date: 2024-05-02T06:00:00.000Z\r\n{HEADER_FIELDS}\r\n",
            if send { "Send" } else { "Receive" }
        );
        let mut out = Vec::with_capacity(self.file_bytes.min(FILE_BYTES) as usize + 4096);
        out.extend_from_slice(header.as_bytes());
        let mut open: Vec<Session> = Vec::new();
        let mut second = 0u64;
        while (out.len() as u64) < self.file_bytes
            && self.written + (out.len() as u64) < self.total_bytes
        {
            while open.len() < self.open_target {
                self.session_id += 1;
                second += 1;
                let t = format!(
                    "2024-05-02T{:02}:{:02}:{:02}.{:03}Z",
                    (second / 3600) % 24,
                    (second / 60) % 60,
                    second % 60,
                    self.rng.below(1000)
                );
                open.push(if send {
                    send_session(&mut self.rng, self.session_id, &t, self.variety)
                } else {
                    recv_session(&mut self.rng, self.session_id, &t, self.variety)
                });
            }
            let i = self.rng.below(open.len() as u64) as usize;
            let Some(s) = open.get_mut(i) else { break };
            if let Some(line) = s.rows.get(s.next) {
                out.extend_from_slice(line.as_bytes());
                out.extend_from_slice(b"\r\n");
            }
            s.next += 1;
            if s.next >= s.rows.len() {
                open.swap_remove(i);
            }
        }
        self.written += out.len() as u64;
        Some((name, out))
    }
}
