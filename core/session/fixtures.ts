/** Test fixtures: a small Personalausweis service that uses every flow construct. */
import { ServiceDefinition, type ServiceDefinitionInput } from '../definition/schema';
import { compileService } from '../compiler';
import type { CompiledService } from './types';

export const AUSWEIS: ServiceDefinitionInput = {
  service: 'personalausweis',
  version: '2026.2',
  title: { de: 'Personalausweis beantragen', en: 'Apply for an ID card' },
  privacy: { purpose: 'Terminvergabe', basis: 'Art. 6 Abs. 1 lit. e DSGVO', retention: 'P30D' },
  settings: { max_attempts: 3, reminder_after: 'PT10M', timeout_after: 'PT30M' },
  slots: {
    anliegen: {
      type: 'enum', ask: { de: 'Was möchten Sie tun: einen neuen Ausweis beantragen oder einen Verlust melden?', en: 'New card or lost card?' },
      values: {
        neu: { label: { de: 'neuer Ausweis', en: 'new card' }, synonyms: { de: ['neu', 'neuen', 'beantragen'] } },
        verloren: { label: { de: 'Verlust', en: 'lost card' }, synonyms: { de: ['verloren', 'verlust', 'gestohlen'] } },
      },
    },
    geburtsdatum: {
      type: 'date', personal: true, purpose: 'Gebühr und Gültigkeit', confirm: true,
      ask: { de: 'Wie lautet Ihr Geburtsdatum?', en: 'What is your date of birth?' },
      valid: 'geburtsdatum < today',
    },
    email: { type: 'email', optional: true, personal: true, purpose: 'Terminbestätigung', ask: { de: 'An welche E-Mail-Adresse dürfen wir die Bestätigung schicken?' } },
    zustimmung: { type: 'boolean', ask: { de: 'Sind beide Sorgeberechtigten einverstanden?' } },
    plz: { type: 'postcode', ask: { de: 'Wie lautet Ihre Postleitzahl?' }, hint: { de: 'Die Postleitzahl hat fünf Ziffern, z. B. 45879.' } },
  },
  values: {
    alter: 'years and months duration(geburtsdatum, today).years',
    gebuehr: {
      legal_basis: '§ 1 PAuswGebV',
      valid_from: {
        '2021-01-01': { table: { hit: 'unique', rows: [{ when: { alter: '< 24' }, then: 22.8 }, { when: { alter: '>= 24' }, then: 37 }] } },
        '2026-02-07': { table: { hit: 'unique', rows: [{ when: { alter: '< 24' }, then: 27.6 }, { when: { alter: '>= 24' }, then: 46 }] } },
      },
    },
  },
  flow: [
    { id: 'angaben', collect: ['anliegen', 'geburtsdatum', 'email'] },
    {
      id: 'minderjaehrig', if: 'alter < 16',
      then: [
        { collect: ['zustimmung'] },
        { if: 'zustimmung = false', then: [{ handoff: { de: 'Ohne Zustimmung beider Eltern geht es nicht online. Eine Mitarbeiterin meldet sich.' } }] },
      ],
      else: [{ say: { de: 'Die Gebühr beträgt {gebuehr} €.', en: 'The fee is {gebuehr} €.' } }],
    },
    { collect: ['plz'] },
    { id: 'pruefen', confirm: 'summary' },
    { id: 'buchen', action: 'calendar.book', with: { anliegen: 'anliegen', plz: 'plz' }, result: 'termin' },
    { if: 'anliegen = "verloren"', then: [{ outcome: 'verlust_bescheid' }] },
    { outcome: 'termin_gebucht' },
  ],
  outcomes: {
    termin_gebucht: {
      kind: 'information', legal_basis: ['§ 9 PAuswG'], values: ['gebuehr', 'alter'],
      say: { de: 'Ihr Termin: {termin.beginn}. Gebühr: {gebuehr} €.', en: 'Your appointment: {termin.beginn}. Fee: {gebuehr} €.' },
    },
    verlust_bescheid: {
      kind: 'administrative_act', legal_basis: ['§ 27 PAuswG'], values: ['anliegen'],
      say: { de: 'Ihr Ausweis ist für ungültig erklärt.' },
    },
  },
};

/** The fixture, parsed and compiled (hash is a fake but stable id). */
export function compiledAusweis(overrides: Partial<ServiceDefinitionInput> = {}, hash = 'fixture-ausweis'): CompiledService {
  const definition = ServiceDefinition.parse({ ...AUSWEIS, ...overrides });
  return compileService(definition, { source: JSON.stringify(definition), hash });
}
