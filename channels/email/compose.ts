import { randomUUID } from 'node:crypto';
import type { SessionStatus } from '../../core/session/types';

/** A reply ready for nodemailer. Plain text only: amtsweg never sends HTML to citizens. */
export interface OutgoingMail {
  from: string; to: string; subject: string; text: string;
  messageId: string; inReplyTo?: string; references?: string[];
  headers: Record<string, string>;
}

/**
 * What the footer tells the citizen to write. Every word named here is a command the core
 * recognises as the whole reply (tested in footer.test.ts against core/extract/commands.ts).
 */
export const FOOTER_WORDS: Record<string, { handoff: string[]; cancel: string[] }> = {
  de: { handoff: ['Mensch', 'Mitarbeiter'], cancel: ['abbrechen'] },
  en: { handoff: ['human', 'staff'], cancel: ['cancel'] },
};

const HOW_TO: Record<string, string> = {
  de: 'Antworten Sie einfach auf diese E-Mail. Mit der Antwort „Mensch“ oder „Mitarbeiter“ erreichen Sie eine Mitarbeiterin oder einen Mitarbeiter, mit „abbrechen“ beenden Sie die Anfrage.',
  en: 'Just reply to this e-mail. Reply "human" or "staff" to reach a member of staff, or "cancel" to end the request.',
};

/** Who wrote a reply: the AI assistant, a case worker, or both (a staff message and the assistant's next question). */
export type Authorship = 'assistant' | 'staff' | 'mixed';

const WHO: Record<string, Record<Authorship, string>> = {
  de: {
    assistant: 'Diese Nachricht wurde von einem KI-Assistenten des Bürgerservice erstellt.',
    staff: 'Diese Nachricht hat eine Mitarbeiterin oder ein Mitarbeiter des Bürgerservice geschrieben.',
    mixed: 'Die mit „Ihr Bürgerservice“ unterzeichneten Teile hat eine Mitarbeiterin oder ein Mitarbeiter geschrieben, die übrigen der KI-Assistent des Bürgerservice.',
  },
  en: {
    assistant: 'This message was written by the citizen service\'s AI assistant.',
    staff: 'This message was written by a member of staff of the citizen service.',
    mixed: 'The parts signed "Your citizen service" were written by a member of staff, the rest by the citizen service\'s AI assistant.',
  },
};

const SIGNATURE: Record<string, (office: string) => string> = {
  de: (office) => `Mit freundlichen Grüßen\nIhr ${office}`,
  en: (office) => `Kind regards\nYour ${office === 'Bürgerservice' ? 'citizen service' : office}`,
};

/** The footer of a reply: who wrote it, and the words that work. */
export function footer(locale: string, by: Authorship = 'assistant'): string {
  const l = WHO[locale] ? locale : 'de';
  return `${WHO[l][by]} ${HOW_TO[l]}`;
}

const FOOTER: Record<string, string> = { de: footer('de'), en: footer('en') };

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
  /** Who wrote each message (parallel to `messages`; default all assistant). Staff messages are signed by the office. */
  roles?: ('assistant' | 'staff')[];
  /** The office's name in the signature (default "Bürgerservice"). */
  office?: string;
}): OutgoingMail {
  const roles = input.messages.map((_, i) => input.roles?.[i] ?? 'assistant');
  const sign = SIGNATURE[input.locale] ?? SIGNATURE.de;
  const body = input.messages.map((m, i) => (roles[i] === 'staff' ? `${m}\n\n${sign(input.office ?? 'Bürgerservice')}` : m));
  const staff = roles.filter((r) => r === 'staff').length;
  const by: Authorship = staff === 0 ? 'assistant' : staff === roles.length ? 'staff' : 'mixed';
  const parts = [...(input.notes ?? []), ...body];
  const text = `${parts.join('\n\n')}\n\n-- \n${footer(input.locale, by)}\n`;
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
