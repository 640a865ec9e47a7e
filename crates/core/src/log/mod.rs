//! Exchange SMTP protocol logs (SmtpSend / SmtpReceive). (Issue 5 fills this module in.)

pub mod sniff;
