/**
 * `adresse_code`: the code that proves a citizen owns the address she typed into a conversation
 * (issue 12). Nothing but the code: no name, no service text, no link.
 */
import type { NotificationTemplate } from './types';

export const adresseCode: NotificationTemplate = {
  requires: ['code'],
  render(d, ctx) {
    const code = String(d.code).replace(/[^\d-]/g, '').slice(0, 12);
    return ctx.locale === 'en'
      ? { subject: 'Your confirmation code', text: ['Hello,', '', `your confirmation code is: ${code}`, '', 'Please type it into the conversation with the citizen service. If you did not ask for it, ignore this e-mail: nothing is booked or sent to you without the code.'].join('\n') }
      : { subject: 'Ihr Bestätigungscode', text: ['Guten Tag,', '', `Ihr Bestätigungscode lautet: ${code}`, '', 'Bitte geben Sie ihn im Gespräch mit dem Bürgerservice ein. Wenn Sie ihn nicht angefordert haben, ignorieren Sie diese E-Mail: Ohne den Code wird nichts für Sie gebucht oder an Sie gesendet.'].join('\n') };
  },
};
