import { randomUUID } from 'node:crypto';
import type { SessionStatus } from '../../core/session/types';

/** A reply ready for nodemailer. Plain text only: amtsweg never sends HTML to citizens. */
export interface OutgoingMail {
  from: string; to: string; subject: string; text: string;
  messageId: string; inReplyTo?: string; references?: string[];
  headers: Record<string, string>;
}

const FOOTER: Record<string, string> = {
  de: 'Diese Nachricht wurde von einem KI-Assistenten des Bürgerservice erstellt. Antworten Sie einfach auf diese E-Mail; mit "Mensch" im Text erreichen Sie eine Mitarbeiterin oder einen Mitarbeiter.',
  en: 'This message was written by the citizen service\'s AI assistant. Just reply to this e-mail; write "human" to reach a member of staff.',
};

/** Subject of a reply: one "Re: " in front, never stacked. */
export function replySubject(subject: string): string {
  const base = subject.replace(/^\s*((re|aw|antw|fwd?|wg)\s*:\s*)+/i, '').trim() || 'Ihr Anliegen';
  return `Re: ${base}`;
}

/** A new Message-ID in the service's domain. */
export function newMessageId(address: string): string {
  const domain = address.split('@')[1] || 'amtsweg.localhost';
  return `<${randomUUID()}@${domain}>`;
}

/** Builds the reply to a thread from the session's messages. */
export function composeReply(input: {
  from: string; to: string; subject: string; messages: string[]; status: SessionStatus; locale: string;
  inReplyTo?: string; references: string[]; notes?: string[];
}): OutgoingMail {
  const parts = [...(input.notes ?? []), ...input.messages];
  const text = `${parts.join('\n\n')}\n\n-- \n${FOOTER[input.locale] ?? FOOTER.de}\n`;
  return {
    from: input.from, to: input.to, subject: replySubject(input.subject), text,
    messageId: newMessageId(input.from),
    inReplyTo: input.inReplyTo,
    references: input.references.length ? input.references : undefined,
    // Stops auto-responders answering us and our answering them (RFC 3834).
    headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' },
  };
}

const CONFIRM: Record<string, { subject: string; body: (code: string) => string }> = {
  de: {
    subject: 'Bitte bestätigen Sie Ihre E-Mail-Adresse',
    body: (code) => 'Guten Tag,\n\nder Bürgerservice hat eine Nachricht von dieser E-Mail-Adresse erhalten. Bevor wir sie bearbeiten, '
      + 'bestätigen Sie bitte, dass die Adresse Ihnen gehört: Antworten Sie einfach auf diese E-Mail (der Text ist gleich), '
      + `oder schreiben Sie uns den Code ${code}.\n\nWenn Sie uns nicht geschrieben haben, ignorieren Sie diese E-Mail bitte; dann geschieht nichts.`,
  },
  en: {
    subject: 'Please confirm your e-mail address',
    body: (code) => 'Hello,\n\nthe citizen service received a message from this e-mail address. Before we handle it, please confirm '
      + `that the address is yours: just reply to this e-mail (any text), or send us the code ${code}.\n\n`
      + 'If you did not write to us, please ignore this e-mail; nothing will happen.',
  },
};

/**
 * The mail asking an address to confirm itself. It quotes nothing of the mail it answers (not even
 * the subject): whoever forged the sender cannot make the city send their words to someone else.
 */
export function composeConfirmation(input: { from: string; to: string; code: string; locale: string; inReplyTo?: string; messageId?: string }): OutgoingMail {
  const t = CONFIRM[input.locale] ?? CONFIRM.de;
  return {
    from: input.from, to: input.to, subject: t.subject,
    text: `${t.body(input.code)}\n\n-- \n${FOOTER[input.locale] ?? FOOTER.de}\n`,
    messageId: input.messageId ?? newMessageId(input.from),
    inReplyTo: input.inReplyTo,
    references: input.inReplyTo ? [input.inReplyTo] : undefined,
    headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' },
  };
}
