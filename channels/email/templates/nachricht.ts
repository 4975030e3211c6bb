/**
 * `nachricht`: a message whose words come from the definition itself, for services without a
 * template of their own. Data: { betreff?, text } — both already in the citizen's language,
 * e.g. built in FEEL: `{ betreff: "Ihre Bestellung", text: "Gebühr: " + string(gebuehr) + " €" }`.
 */
import { plain } from './format';
import type { NotificationTemplate } from './types';

export const nachricht: NotificationTemplate = {
  requires: ['text'],
  render(d, ctx) {
    const subject = plain(d.betreff) || (ctx.locale === 'en' ? 'Message from the citizen service' : 'Nachricht vom Bürgerservice');
    const greeting = ctx.locale === 'en' ? 'Hello,' : 'Guten Tag,';
    return { subject, text: [greeting, '', plain(d.text)].join('\n') };
  },
};
