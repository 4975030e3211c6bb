/**
 * Understanding in the city's other languages, on the example definitions: authored answers
 * matched by Turkish, Russian, Ukrainian, Arabic and Polish keywords and said in that language,
 * first messages routed by their words, enum choices typed inside a sentence in Cyrillic or
 * Arabic, and verify naming what a language lacks.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { verifySource } from '../../audit/verify';
import { loadCatalog, loadRoutingCatalogue } from '../../catalog';
import { compileService } from '../../core/compiler';
import { loadDefinition, type Locale } from '../../core/definition';
import { Conversation } from '../../core/session/test-helpers';
import { createServiceRouter } from '../../llm/routing';

const DIR = resolve(__dirname, '..', '..', 'definitions');
const source = (name: string): string => readFileSync(join(DIR, `${name}.yaml`), 'utf8');
const compiled = (name: string, text = source(name)) => {
  const { definition } = loadDefinition(text, `${name}.yaml`);
  if (!definition) throw new Error(`${name} does not load`);
  return compileService(definition, { source: text, hash: `lang-${name}` });
};

function conversation(name: string, locale: Locale): Conversation {
  const c = new Conversation(compiled(name), '2026-11-20');
  c.send({ type: 'start', sessionId: 'S1', referenceDate: '2026-11-20', locale, channel: 'web' });
  return c;
}

describe('authored answers in the city\'s languages', () => {
  it('a Turkish "ne kadar?" gets the dog tax from the rules in Turkish, then the pending question again', () => {
    const c = conversation('hundesteuer', 'tr');
    c.say('1');
    c.say('hayır');
    const text = c.say('ne kadar?');
    expect(text).toContain('Yönetmeliğe göre bu köpek için köpek vergisi yılda muhtemelen 129,00 € olacaktır.');
    expect(text).toContain('Köpek ne zamandan beri sizde?');
    expect(c.last.trail).toContainEqual({ type: 'answer', answer: 'kosten' });
    expect(c.s.attempts.erwerbsdatum).toBeUndefined();
  });

  it('a Russian "сколько стоит?" gets the ID card fee for this citizen in Russian', () => {
    const c = conversation('personalausweis', 'ru');
    c.say('Срок действия старого истекает');
    c.say('13.05.1990');
    c.say('да');
    expect(c.say('сколько стоит?')).toContain('Удостоверение личности стоит для вас 46,00 €.');
  });

  it.each([
    ['personalausweis', 'uk', 'Скільки коштує?', 'Збір залежить від віку'],
    ['personalausweis', 'ar', 'كم التكلفة؟', 'تعتمد الرسوم على العمر'],
    ['personalausweis', 'pl', 'Ile kosztuje', 'Opłata zależy od wieku'],
    ['wohnsitz-anmeldung', 'ru', 'Какие документы нужны?', 'возьмите с собой удостоверение личности или паспорт'],
    ['fuehrungszeugnis', 'tr', 'Ne kadar sürer?', 'bir ila iki hafta sürer'],
  ] as const)('%s in %s: "%s"', (service, locale, question, answer) => {
    const c = conversation(service, locale);
    expect(c.say(question)).toContain(answer);
  });

  it('Turkish and Polish question words count only in a session of that language ("ne" is German for "nein")', () => {
    const de = conversation('personalausweis', 'de');
    de.say('ne, keinen Ausweis');
    expect(de.last.trail.filter((e) => e.type === 'answer')).toEqual([]);
  });
});

describe('first messages and choices in other scripts', () => {
  const catalog = loadCatalog(DIR);
  const router = createServiceRouter(catalog.services, null, loadRoutingCatalogue(DIR).catalogue);

  it.each([
    ['tr', 'Köpeğimi kaydettirmek istiyorum', 'hundesteuer'],
    ['tr', 'Yeni bir eve taşındım, adres kaydı yapmam lazım', 'wohnsitz-anmeldung'],
    ['ru', 'Мне нужна справка о несудимости', 'fuehrungszeugnis'],
    ['uk', 'Я переїхала, потрібна реєстрація місця проживання', 'wohnsitz-anmeldung'],
    ['ar', 'أريد تسجيل كلبي', 'hundesteuer'],
    ['pl', 'Chcę odwołać termin', 'termin-absagen'],
  ] as const)('%s "%s" routes to %s', async (locale, text, service) => {
    expect(await router.route(text, locale)).toMatchObject({ service });
  });

  it('what the assistant does not handle is said in the citizen\'s language, with where to turn and the word for a person', async () => {
    const tr = await router.route('Pasaport başvurusu yapmak istiyorum', 'tr');
    expect(tr).toMatchObject({ none: true, reason: 'not_offered', referral: 'reisepass' });
    expect((tr as { message: string }).message).toContain('vatandaşlık bürosunda (BÜRGERcenter) şahsen');
    expect((tr as { message: string }).message).toContain('“personel” yazın');
    const ru = await router.route('Где получить налоговый номер?', 'ru');
    expect((ru as { message: string }).message).toContain('Центральное федеральное налоговое ведомство');
  });

  it('a Turkish first message of a new session is routed and its facts are kept', async () => {
    expect(await router.route('Kimliğimi kaybettim, yeni kimlik kartı lazım', 'tr')).toMatchObject({ service: 'personalausweis' });
    const c = conversation('personalausweis', 'tr');
    c.say('Kimliğimi kaybettim, yeni kimlik kartı lazım');
    expect(c.value('anlass')).toBe('verlust');
  });

  it('enum values typed inside a Russian, Ukrainian or Arabic sentence, by the synonyms declared for that language', () => {
    const office = conversation('terminvereinbarung', 'ru');
    office.say('Заграничный паспорт');
    office.say('Лучше в Буере, пожалуйста');
    expect(office.value('standort')).toBe('buer');

    const dog = conversation('hundesteuer', 'uk');
    for (const answer of ['1', 'ні', '01.11.2026', '3']) dog.say(answer);
    dog.say('Ми взяли його з притулку');
    expect(dog.value('herkunft')).toBe('tierheim');

    const photo = conversation('personalausweis', 'ar');
    photo.say('فقدت بطاقتي');
    expect(photo.value('anlass')).toBe('verlust');
  });

  it('a negated choice in Russian does not count ("не из приюта")', () => {
    const dog = conversation('hundesteuer', 'ru');
    for (const answer of ['1', 'нет', '01.11.2026', '3']) dog.say(answer);
    dog.say('Не из приюта, от заводчика');
    expect(dog.value('herkunft')).toBe('zuechter');
  });
});

describe('a first message that only names the service, in the city\'s languages', () => {
  it.each([
    ['hundesteuer', 'tr', 'Köpeğimi kaydettirmek istiyorum'],
    ['hundesteuer', 'ru', 'Хочу зарегистрировать собаку'],
    ['hundesteuer', 'pl', 'Chcę zgłosić psa'],
  ] as const)('%s in %s: "%s" is acknowledged, not a failed answer to the first question', (service, locale, text) => {
    const c = conversation(service, locale);
    c.say(text);
    expect(Object.keys(c.s.attempts)).toEqual([]);
    expect(c.s.slots).toEqual({});
  });
});

describe('verify names what a language lacks in answers and keywords', () => {
  it('an answer without its Turkish keywords and text, and routing without Polish words, are reported', () => {
    let text = source('wohnsitz-anmeldung');
    const lines = text.split('\n');
    const costAt = lines.findIndex((l) => l.startsWith('  kosten:'));
    const trKeywords = lines.findIndex((l, i) => i > costAt && l.startsWith('      tr: [ ne kadar'));
    const trSay = lines.findIndex((l, i) => i > costAt && l.startsWith('      tr: Kayıt ve kayıt belgesi'));
    const plRouting = lines.findIndex((l) => l.startsWith('    pl: [ zameldowanie'));
    expect([trKeywords, trSay, plRouting].every((i) => i > 0)).toBe(true);
    text = lines.filter((_, i) => ![trKeywords, trSay, plRouting].includes(i)).join('\n');
    const messages = verifySource(text, 'wa.yaml').problems.filter((p) => p.code === 'missing_translation').map((p) => p.message);
    expect(messages).toEqual(expect.arrayContaining([
      'answers.kosten.keywords has no tr words (locales: de, en, tr, ar, uk, ru, pl)',
      'answers.kosten.say has no tr text (locales: de, en, tr, ar, uk, ru, pl)',
      'routing.keywords has no pl words (locales: de, en, tr, ar, uk, ru, pl)',
    ]));
    expect(verifySource(source('wohnsitz-anmeldung'), 'wa.yaml').problems.filter((p) => p.code === 'missing_translation')).toEqual([]);
  });
});
