/**
 * `hundesteuer_eingang`: receipt of a dog-tax registration. The assessment itself is a case
 * worker's decision (§ 35a VwVfG), so the mail names the expected rate, not a decision.
 * Data: { name?, steuersatz: euros per year }.
 */
import { formatMoney, plain } from './format';
import type { NotificationTemplate } from './types';

export const hundesteuerEingang: NotificationTemplate = {
  requires: ['steuersatz'],
  render(d, ctx) {
    const rate = formatMoney(d.steuersatz, ctx.locale);
    if (ctx.locale === 'en') {
      return {
        subject: 'Your dog tax registration has been received',
        text: [
          'Hello,',
          '',
          'we have received your registration of a dog for dog tax (Hundesteuersatzung der Stadt Gelsenkirchen).',
          '',
          `Expected yearly tax for this dog: ${rate}`,
          '',
          'This is not yet a tax assessment. A member of staff checks your details and sends you the assessment',
          '(Steuerbescheid) with the tax tag. If something is missing, we will contact you.',
          'If your details have changed, reply to this e-mail with the word "human".',
        ].join('\n'),
      };
    }
    return {
      subject: 'Eingangsbestätigung: Anmeldung zur Hundesteuer',
      text: [
        'Guten Tag,',
        '',
        'Ihre Anmeldung eines Hundes zur Hundesteuer (Hundesteuersatzung der Stadt Gelsenkirchen) ist bei uns eingegangen.',
        '',
        `Voraussichtliche Jahressteuer für diesen Hund: ${rate}`,
        '',
        'Dies ist noch kein Steuerbescheid. Eine Mitarbeiterin oder ein Mitarbeiter prüft Ihre Angaben und sendet Ihnen',
        'den Steuerbescheid mit der Hundesteuermarke zu. Falls etwas fehlt, melden wir uns bei Ihnen.',
        'Haben sich Ihre Angaben geändert, antworten Sie auf diese E-Mail mit dem Wort „Mensch“.',
      ].join('\n'),
    };
  },
};
