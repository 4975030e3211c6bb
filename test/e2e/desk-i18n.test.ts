/**
 * The desk in the languages of the city, in a real Chromium: staff choose the language
 * (`?lang=`), the pages, the queue's reason sentences, the case view and the slot labels follow
 * it, Arabic is laid out right to left; axe finds nothing serious or critical in German, Arabic
 * and Ukrainian; screenshots at 390 and 1280 px go to test-output/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DESK_LOCALES, DESK_TEXTS, deskText, type DeskLocale } from '../../channels/desk/i18n';
import { axeScan, launchChromium } from './browser';
import { http, STAFF_USER, startStack, type Stack } from './harness';

let stack: Stack;
let browser: Browser;
const OUT = join(__dirname, '..', '..', 'test-output');

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  stack = await startStack();
  browser = await launchChromium();
  // A case on the desk: three answers the assistant cannot read.
  const created = await http(`${stack.url}/api/sessions`, 'POST', { service: 'terminvereinbarung', channel: 'web' });
  const auth = { Authorization: `Bearer ${created.body.token}` };
  for (const text of ['Personalausweis', 'blau', 'grün', 'gelb']) await http(`${stack.url}/api/sessions/${created.body.id}/messages`, 'POST', { text }, auth);
}, 300_000);
afterAll(async () => { await browser?.close(); await stack?.stop(); });

const serious = (v: Awaited<ReturnType<typeof axeScan>>) => v.filter((x) => x.impact === 'serious' || x.impact === 'critical');

async function signIn(page: Page, lang: DeskLocale): Promise<void> {
  await page.goto(`${stack.url}/desk?lang=${lang}`);
  await page.fill('#user', STAFF_USER.user);
  await page.fill('#secret', STAFF_USER.password);
  await page.press('#secret', 'Enter');
  await page.waitForSelector('#case-rows button');
}

test.each(['de', 'ar', 'uk'] as const)('%s: queue and case view in the chosen language, axe clean, screenshots', async (lang) => {
  for (const width of [1280, 390]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, lang);
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    expect(await page.getAttribute('html', 'dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
    expect(await page.locator('#cases-h').textContent()).toBe(DESK_TEXTS[lang].queue_h);
    const row = (await page.locator('#case-rows tr').first().textContent()) ?? '';
    expect(row).toContain(deskText(lang, 'reason_too_many_attempts'));
    expect(row).toContain(deskText(lang, 'channel_web'));
    expect(row).not.toContain('too_many_attempts');
    expect(await page.locator('#cases-count').textContent()).toBe(deskText(lang, 'cases_count', { n: 1 }));
    // The filter menu's reasons are in the language too.
    expect(await page.locator('#f-reason option').allTextContents()).toContain(deskText(lang, 'family_too_many_attempts'));
    expect(serious(await axeScan(page))).toEqual([]);
    await page.screenshot({ path: join(OUT, `desk-${lang}-queue-${width}.png`), fullPage: true });

    await page.locator('#case-rows button').first().press('Enter');
    await page.waitForFunction(() => !(document.getElementById('detail') as HTMLElement).hidden);
    const detail = (await page.locator('#detail').textContent()) ?? '';
    expect(detail).toContain(deskText(lang, 'sec_open'));
    expect(detail).toContain(deskText(lang, 'take'));
    // Slot labels come from the definition in the desk's language (the definition has all seven).
    const standort = { de: 'BÜRGERcenter', ar: 'مكتب خدمة المواطنين', uk: 'BÜRGERcenter' }[lang];
    const anliegen = { de: 'Anliegen', ar: 'الغرض', uk: 'Питання' }[lang];
    expect(detail).toContain(standort);
    expect(detail).toContain(anliegen);
    expect(serious(await axeScan(page))).toEqual([]);
    await page.screenshot({ path: join(OUT, `desk-${lang}-case-${width}.png`), fullPage: true });
    await context.close();
  }
}, 180_000);

test('the insight page and an unknown language: German, and every desk locale is offered by its own name', async () => {
  const page = await browser.newPage();
  await page.goto(`${stack.url}/desk/insight?lang=ar`);
  expect(await page.getAttribute('html', 'dir')).toBe('rtl');
  expect(await page.locator('#insight-h').textContent()).toBe(DESK_TEXTS.ar.i_h);
  await page.goto(`${stack.url}/desk?lang=xx`);
  expect(await page.getAttribute('html', 'lang')).toBe('de');
  expect(await page.locator('#desk-lang option').allTextContents()).toEqual(DESK_LOCALES.map((l) => DESK_TEXTS[l].lang_name));
  await page.close();
}, 60_000);
