/**
 * Who wrote a mail, as far as the channel can know: the From address (never Reply-To, which anyone
 * can set), and what the receiving mail server found (Authentication-Results, RFC 8601: DKIM, SPF,
 * DMARC). A thread belongs to the address that started it; these checks run at the top of the one
 * inbound pipeline that SMTP and IMAP mails both pass.
 */
import type { ParsedMail } from 'mailparser';

/** The receiving server's verdict on the From domain. */
export type AuthVerdict = 'pass' | 'fail' | 'none';

export interface SenderIdentity {
  /** Lower-cased From address ('' when there is none). */
  address: string;
  /** Its domain ('' when there is none). */
  domain: string;
  /** pass: DMARC pass, or DKIM/SPF pass aligned with the From domain; fail: DMARC fail, or every aligned method failed; none: nothing to go by. */
  auth: AuthVerdict;
}

const ADDRESS = /^[^@\s<>"]+@[^@\s<>"]+\.[^@\s<>"]+$/;

/** The From address of a parsed mail (exactly one, or none). */
export function fromAddress(mail: ParsedMail): string {
  const values = mail.from?.value ?? [];
  if (values.length !== 1) return '';
  const addr = (values[0].address ?? '').trim().toLowerCase();
  return ADDRESS.test(addr) ? addr : '';
}

/** True when `domain` equals `from` or one is a subdomain of the other (relaxed DMARC alignment). */
function aligned(domain: string, from: string): boolean {
  const d = domain.toLowerCase().replace(/\.$/, '');
  return d === from || d.endsWith(`.${from}`) || from.endsWith(`.${d}`);
}

interface MethodResult { method: string; result: string; props: Record<string, string> }

/** Parses one Authentication-Results header value into its authserv-id and method results. */
export function parseAuthenticationResults(value: string): { authservId: string; results: MethodResult[] } {
  const clean = value.replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim();
  const parts = clean.split(';').map((p) => p.trim()).filter(Boolean);
  const authservId = (parts.shift() ?? '').split(' ')[0].toLowerCase();
  const results: MethodResult[] = [];
  for (const part of parts) {
    const tokens = part.split(' ').filter(Boolean);
    const m = /^([a-z0-9-]+)=([a-z]+)$/i.exec(tokens[0] ?? '');
    if (!m) continue;
    const props: Record<string, string> = {};
    for (const t of tokens.slice(1)) {
      const at = t.indexOf('=');
      if (at > 0) props[t.slice(0, at).toLowerCase()] = t.slice(at + 1).replace(/^"|"$/g, '').toLowerCase();
    }
    results.push({ method: m[1].toLowerCase(), result: m[2].toLowerCase(), props });
  }
  return { authservId, results };
}

/** The raw Authentication-Results header values of a mail (mailparser keeps repeated headers in headerLines). */
export function authenticationResultsOf(mail: ParsedMail): string[] {
  return (mail.headerLines ?? [])
    .filter((h) => h.key === 'authentication-results')
    .map((h) => h.line.slice(h.line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim());
}

/**
 * The verdict for the From domain. Only headers of `trustedAuthservIds` count when given (a sender
 * can add its own Authentication-Results; the receiving server's id is what makes one trustworthy).
 */
export function authVerdict(headers: string[], fromDomain: string, trustedAuthservIds: string[] = []): AuthVerdict {
  if (!fromDomain) return 'none';
  const trusted = trustedAuthservIds.map((s) => s.toLowerCase());
  let pass = false;
  let fail = false;
  let dmarcFail = false;
  for (const h of headers) {
    const { authservId, results } = parseAuthenticationResults(h);
    if (trusted.length && !trusted.includes(authservId)) continue;
    for (const r of results) {
      const d = r.method === 'dmarc' ? r.props['header.from'] ?? fromDomain
        : r.method === 'dkim' ? r.props['header.d'] ?? r.props['header.i']?.split('@').pop() ?? ''
          : r.method === 'spf' ? (r.props['smtp.mailfrom'] ?? '').split('@').pop() ?? '' : '';
      if (!d || !aligned(d, fromDomain)) continue;
      if (r.result === 'pass') pass = true;
      else if (r.result === 'fail' || (r.method === 'dkim' && r.result === 'permerror')) {
        fail = true;
        if (r.method === 'dmarc') dmarcFail = true;
      }
    }
  }
  // DMARC's own failure is final; otherwise one aligned pass is enough.
  return dmarcFail ? 'fail' : pass ? 'pass' : fail ? 'fail' : 'none';
}

/** The identity of a mail's sender. */
export function senderIdentity(mail: ParsedMail, trustedAuthservIds: string[] = []): SenderIdentity {
  const address = fromAddress(mail);
  const domain = address.split('@')[1] ?? '';
  return { address, domain, auth: authVerdict(authenticationResultsOf(mail), domain, trustedAuthservIds) };
}
