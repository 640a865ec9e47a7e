#!/usr/bin/env python3
"""Writes a synthetic Exchange SMTP Send protocol log of about SIZE_MB megabytes (benchmark input).

Sessions are complete (connect ... disconnect), each with STARTTLS and a certificate block
(the KB 4495258 shape), one in twenty failing with NoCredentials; session ids are unique, so
memory must stay flat however big the file is. Usage: gen_log.py OUT SIZE_MB
"""
import sys

out, size_mb = sys.argv[1], int(sys.argv[2])
HEADER = (
    "#Software: Microsoft Exchange Server\r\n#Version: 15.0.0.0\r\n#Log-type: SMTP Send Protocol Log\r\n"
    "#Date: 2024-01-01T00:00:00.000Z\r\n"
    "#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\r\n"
)
OK = [
    "+,,",
    '<,"220 mx.fabrikam.com Microsoft ESMTP MAIL Service ready at Mon, 1 Jan 2024 00:00:00 +0000",',
    ">,EHLO mail.contoso.com,",
    "<,250-mx.fabrikam.com Hello [10.0.0.1] SIZE 37748736 PIPELINING DSN ENHANCEDSTATUSCODES STARTTLS 8BITMIME BINARYMIME CHUNKING,",
    ">,STARTTLS,",
    "<,220 2.0.0 SMTP server ready,",
    "*,,Sending certificate",
    '*,"CN=mail.contoso.com, O=Contoso, C=US",Certificate subject',
    '*,"CN=Contoso CA, DC=contoso, DC=com",Certificate issuer name',
    "*,54000000320F036BF59292AA2F000000000032,Certificate serial number",
    "*,3D68C9DB575E6FDB56A81AE43B014E129349E024,Certificate thumbprint",
    "*,mail.contoso.com;autodiscover.contoso.com,Certificate alternate names",
    "*,,TLS protocol SP_PROT_TLS1_2_CLIENT negotiation succeeded using bulk encryption algorithm CALG_AES_256 with strength 256 bits, MAC hash algorithm CALG_SHA_384 with strength 0 bits and key exchange algorithm CALG_ECDH_EPHEM with strength 384 bits",
    ">,EHLO mail.contoso.com,",
    "<,250 mx.fabrikam.com Hello [10.0.0.1] SIZE 37748736 PIPELINING DSN ENHANCEDSTATUSCODES AUTH LOGIN 8BITMIME BINARYMIME CHUNKING,",
    ">,MAIL FROM:<alice@contoso.com> SIZE=12345,",
    ">,RCPT TO:<bob@fabrikam.com>,",
    "<,250 2.1.0 Sender OK,",
    "<,250 2.1.5 Recipient OK,",
    ">,BDAT 12345 LAST,",
    "<,250 2.6.0 Queued mail for delivery,",
    ">,QUIT,",
    "<,221 2.0.0 Service closing transmission channel,",
    "-,,Local",
]
FAIL = OK[:12] + ["*,,TLS negotiation failed with error NoCredentials", "-,,Local"]

with open(out, "w", newline="") as f:
    f.write(HEADER)
    written, session = len(HEADER), 0
    target = size_mb * 1024 * 1024
    while written < target:
        session += 1
        sid = f"08DC{session:012X}"
        rows = FAIL if session % 20 == 0 else OK
        second, ms = divmod(session, 1000)
        stamp = f"2024-01-01T{(second // 3600) % 24:02d}:{(second // 60) % 60:02d}:{second % 60:02d}.{ms:03d}Z"
        block = "".join(
            f"{stamp},Outbound to Fabrikam,{sid},{i},10.0.0.1:{20000 + session % 40000},10.1.0.25:25,{row}\r\n"
            for i, row in enumerate(rows)
        )
        f.write(block)
        written += len(block)
print(f"{out}: {written / 1048576:.0f} MiB, {session} sessions")
