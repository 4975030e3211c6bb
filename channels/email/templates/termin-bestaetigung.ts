/**
 * `termin_bestaetigung`: booking confirmation of `terminvereinbarung` (booking number, date and
 * time, place, how to cancel). Data: { booking, beginn: 'YYYY-MM-DDTHH:MM', ort, name? }. The name is not printed: a
 * confirmation needs none, and whoever books may type anything there (issue 12).
 */
import { formatDateTime, plain } from './format';
import type { NotificationTemplate } from './types';

export const terminBestaetigung: NotificationTemplate = {
  requires: ['booking', 'beginn', 'ort'],
  render(d, ctx) {
    const booking = plain(d.booking);
    const when = formatDateTime(d.beginn, ctx.locale);
    const where = plain(d.ort);
    if (ctx.locale === 'en') {
      return {
        subject: `Your appointment ${booking} – ${when}`,
        text: [
          'Hello,',
          '',
          'your appointment at the citizens\' office is booked.',
          '',
          `Booking number: ${booking}`,
          `Date and time:  ${when}`,
          `Place:          BÜRGERcenter ${where}`,
          '',
          'Please be there a few minutes early and bring an official photo ID and the documents for your request.',
          '',
          'Cancelling: if you cannot come, please cancel at least 24 hours before the appointment so that',
          `someone else can have it: in the chat on our website choose "Cancel an appointment" and give your`,
          `booking number ${booking}. Or reply to this e-mail with the word "human" and a member of staff will help.`,
        ].join('\n'),
      };
    }
    return {
      subject: `Ihr Termin ${booking} – ${when}`,
      text: [
        'Guten Tag,',
        '',
        'Ihr Termin im Bürgerbüro ist gebucht.',
        '',
        `Buchungsnummer:   ${booking}`,
        `Datum und Uhrzeit: ${when}`,
        `Ort:              BÜRGERcenter ${where}`,
        '',
        'Bitte kommen Sie einige Minuten vorher und bringen Sie einen amtlichen Lichtbildausweis und die Unterlagen für Ihr Anliegen mit.',
        '',
        'Absagen: Wenn Sie den Termin nicht wahrnehmen können, sagen Sie ihn bitte spätestens 24 Stunden vorher ab,',
        `damit ihn jemand anderes nutzen kann: im Chat auf unserer Website „Termin absagen“ wählen und die`,
        `Buchungsnummer ${booking} angeben. Oder antworten Sie auf diese E-Mail mit dem Wort „Mensch“, dann hilft Ihnen jemand.`,
      ].join('\n'),
    };
  },
};
