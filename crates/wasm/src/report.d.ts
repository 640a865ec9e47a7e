/** One input file. `bytes` may be a Uint8Array or an ArrayBuffer. */
export interface InputFile { name: string; bytes: Uint8Array | ArrayBuffer; }

export interface AnalyzeOptions {
  /** Report language, "en" (default) or "de". */
  lang?: "en" | "de";
  /** "Now" in Unix seconds for expiry checks (default: the JS clock). */
  nowUnix?: number;
}

export interface AnalyzeProgress {
  file: string; fileIndex: number; fileCount: number; bytesDone: number; bytesTotal: number;
}

export type FileKind =
  | "x509-cert" | "pkcs7-certs" | "pkcs12" | "protocol-log" | "private-key"
  | "not-a-certificate" | "unknown" | "shell-output" | "zip-archive" | "exchange-log";

export type ErrorCode =
  | "wrong-password" | "unsupported-algorithm" | "malformed" | "truncated"
  | "empty" | "not-a-certificate" | "too-large" | "unreadable"
  | "archive-limit" | "archive-encrypted" | "archive-truncated" | "archive-malformed"
  | "archive-unsupported" | "password-budget-exhausted" | (string & {});

export interface ErrorReport { code: ErrorCode; message: string; }

export interface CertificateReport {
  /** SHA-1 of the DER, 40 uppercase hex (Windows Thumbprint). */
  thumbprint: string;
  sha256: string;
  /** .NET X500DistinguishedName.Name form, e.g. "CN=mail.contoso.com, O=Contoso, C=US". */
  subject: string;
  issuer: string;
  subject_rfc4514: string;
  issuer_rfc4514: string;
  serial_number: string;
  not_before: string;
  not_after: string;
  public_key: string;
  signature_algorithm_oid: string;
  dns_names: string[];
  has_private_key: boolean;
  friendly_name: string | null;
  local_key_id: string | null;
  /** "<I>{issuer}<S>{subject}" as Exchange's TlsCertificateName. */
  tls_certificate_name: string;
  version?: number;
  self_signed?: boolean;
  subject_alternative_names?: string[];
  extended_key_usages?: string[];
  key_usages?: string[];
  is_ca?: boolean | null;
  extension_count?: number;
  warnings?: string[];
  /** analyze only: the dropped file holding a matching private key (this file or another). */
  matching_key_file?: string | null;
}

export interface KeyReport {
  type: string;
  matches_thumbprint: string | null;
  friendly_name: string | null;
  local_key_id: string | null;
  csp_name?: string | null;
  match_note?: string | null;
}

export interface Pkcs12Report {
  mac: string;
  mac_iterations: number | null;
  password_form: "given" | "empty-bmpstring" | "absent" | "none" | (string & {});
  encryption: string[];
  trailing_bytes?: number;
}

export interface FileReport {
  path: string;
  kind: FileKind;
  error: ErrorReport | null;
  certificates: CertificateReport[];
  keys: KeyReport[];
  pkcs12: Pkcs12Report | null;
  warnings: string[];
  /** Kind "exchange-log" only: the log's `#Log-type` ("Message Tracking Log"). */
  log_type?: string;
}

export interface LogSummary {
  lines: number;
  sessions: number;
  skipped_lines: number;
  skipped_reasons?: { reason: string; count: number }[];
  tls_failures_total?: number;
  tls_successes?: number;
  sessions_dropped_at_limit?: number;
}

export interface ObservedCertificate {
  role: "sending" | "received" | "remote" | (string & {});
  connector: string;
  session_id: string;
  subject: string | null;
  issuer: string | null;
  serial_number: string | null;
  thumbprint: string | null;
  not_before: string | null;
  not_after: string | null;
  alternate_names: string[];
  path: string;
  line: number;
  date_time?: string | null;
  occurrences?: number;
}

export interface TlsFailure {
  error: string;
  connector: string;
  session_id: string;
  remote_endpoint: string;
  path: string;
  line: number;
  date_time?: string | null;
  certificate_thumbprint?: string | null;
}

export interface Evidence { path: string; line: number; text: string; }
export interface Remediation { steps: string[]; powershell: string; }

export interface Finding {
  /** e.g. `no-credentials`, `ambiguous-tls-certificate-name`, `no-tls-problem-found` (crates/core/src/ids.rs). */
  id: string;
  severity: "error" | "warning" | "info";
  title: string;
  explanation: string;
  evidence: Evidence[];
  thumbprints: string[];
  connectors: string[];
  remediation: Remediation | null;
}

/** The report, in the shape of `tlsdoctor analyze --json`. */
export interface Report {
  tool: "tlsdoctor";
  version: string;
  files: FileReport[];
  log_summary: LogSummary;
  observed_certificates: ObservedCertificate[];
  tls_failures: TlsFailure[];
  findings: Finding[];
  lang?: string;
  verdict?: string;
}
