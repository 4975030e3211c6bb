/**
 * Notification templates of the e-mail channel (German and English plain text) and their
 * renderer. The template name is the one a definition passes to `notify.send`.
 */
import { TemplateError } from '../errors';
import { adresseCode } from './adresse-code';
import { hundesteuerEingang } from './hundesteuer-eingang';
import { nachricht } from './nachricht';
import { terminBestaetigung } from './termin-bestaetigung';
import type { NotificationTemplate, RenderedMail, TemplateContext } from './types';
import { untersuchungsberechtigungsschein } from './untersuchungsberechtigungsschein';

export { TemplateError };
export type { NotificationTemplate, RenderedMail, TemplateContext } from './types';
export { formatDate, formatDateTime, formatMoney, type TemplateLocale } from './format';

export const NOTIFICATION_TEMPLATES: Record<string, NotificationTemplate> = {
  termin_bestaetigung: terminBestaetigung,
  hundesteuer_eingang: hundesteuerEingang,
  untersuchungsberechtigungsschein,
  nachricht,
  adresse_code: adresseCode,
};

const FOOTER = {
  de: (address: string) => `Diese E-Mail wurde automatisch vom Bürgerservice versandt. Fragen? Antworten Sie einfach an ${address}.`,
  en: (address: string) => `This e-mail was sent automatically by the citizen service. Questions? Just reply to ${address}.`,
};

/** Renders one notification; throws TemplateError (with a code, no personal data) when it cannot. */
export function renderNotification(template: string, data: Record<string, unknown>, ctx: TemplateContext): RenderedMail {
  const t = NOTIFICATION_TEMPLATES[template];
  if (!t) {
    throw new TemplateError('unknown_template', `No e-mail template "${template}". Known: ${Object.keys(NOTIFICATION_TEMPLATES).join(', ')}. Add it in channels/email/templates/ or fix the template name in the definition's notify.send step.`);
  }
  const missing = t.requires.filter((k) => data[k] === undefined || data[k] === null || data[k] === '');
  if (missing.length) {
    throw new TemplateError('missing_data', `Template "${template}" needs ${missing.join(', ')} in its data. Fix the "data:" expression of the notify.send step.`);
  }
  const mail = t.render(data, ctx);
  return { subject: mail.subject, text: `${mail.text}\n\n-- \n${FOOTER[ctx.locale](ctx.serviceAddress)}\n` };
}
