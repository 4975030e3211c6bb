/**
 * `nachricht`: a message whose words come from the definition itself, for services without a
 * template of their own. Data: { betreff?, text } — both already in the citizen's language,
 * e.g. built in FEEL: `{ betreff: "Ihre Bestellung", text: "Gebühr: " + string(gebuehr) + " €" }`.
 */
import { freeText, plain } from './format';
import type { NotificationTemplate } from './types';

export const nachricht: NotificationTemplate = {
  requires: ['text'],
  render(d, ctx) {
    // A subject carries no link and nothing long: a definition may have built it from what a citizen typed.
    const betreff = freeText(d.betreff, ctx.locale, 120);
    const subject = betreff && !/\[Link|\[link/.test(betreff) ? betreff : (ctx.locale === 'en' ? 'Message from the citizen service' : 'Nachricht vom Bürgerservice');
    const greeting = ctx.locale === 'en' ? 'Hello,' : 'Guten Tag,';
    return { subject, text: [greeting, '', freeText(d.text, ctx.locale, 4000)].join('\n') };
  },
};
