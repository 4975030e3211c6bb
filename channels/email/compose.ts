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
