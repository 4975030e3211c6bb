/**
 * `untersuchungsberechtigungsschein`: the voucher for the first medical examination under
 * § 32 JArbSchG. Data: { name, beginn: 'YYYY-MM-DD' (start of work) }.
 */
import { formatDate, personName } from './format';
import type { NotificationTemplate } from './types';

export const untersuchungsberechtigungsschein: NotificationTemplate = {
  requires: ['name', 'beginn'],
  render(d, ctx) {
    // The voucher names the young person, but only as a name, on its own line, never in the subject.
    const name = personName(d.name);
    const start = formatDate(d.beginn, ctx.locale);
    if (ctx.locale === 'en') {
      return {
        subject: 'Voucher for the youth employment medical examination',
        text: [
          'Hello,',
          '',
          'this e-mail is the voucher (Untersuchungsberechtigungsschein) for the first medical examination',
          'under § 32 of the Youth Employment Protection Act (JArbSchG).',
          '',
          `Young person:  ${name || '(as given in the application)'}`,
          '',
          `Start of work: ${start}`,
          '',
          'Show this voucher (printed or on your phone) at a doctor\'s practice of your choice. The examination is free of charge.',
          'It must not be more than 14 months old when the work starts. Give the doctor\'s certificate to the employer',
          'before the first day of work; without it, the employer may not employ a young person (§ 32 JArbSchG).',
        ].join('\n'),
      };
    }
    return {
      subject: 'Untersuchungsberechtigungsschein (Jugendarbeitsschutz)',
      text: [
        'Guten Tag,',
        '',
        'diese E-Mail ist der Berechtigungsschein für die Erstuntersuchung',
        'nach § 32 Jugendarbeitsschutzgesetz (JArbSchG).',
        '',
        `Jugendliche Person:   ${name || '(wie im Antrag angegeben)'}`,
        '',
        `Beschäftigungsbeginn: ${start}`,
        '',
        'Legen Sie den Schein (ausgedruckt oder auf dem Handy) in einer Arztpraxis Ihrer Wahl vor. Die Untersuchung ist kostenlos.',
        'Sie darf bei Beschäftigungsbeginn nicht länger als 14 Monate zurückliegen. Die ärztliche Bescheinigung geben Sie',
        'vor dem ersten Arbeitstag beim Arbeitgeber ab; ohne sie darf er Jugendliche nicht beschäftigen (§ 32 JArbSchG).',
      ].join('\n'),
    };
  },
};
