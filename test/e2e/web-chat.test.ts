/**
 * The citizen web chat in a real Chromium against the real server: a booking by keyboard only
 * with a reload in the middle, the "Mit einem Menschen sprechen" button and a desk answer arriving
 * in the page, markup shown as text, language switch, 200 % zoom and an axe-core scan.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { mountRouteRoutes } from '../../channels/http/route-routes';
import { createServiceRouter } from '../../llm/routing';
import { axeScan, launchChromium } from './browser';
import { http, loadAllDefinitions, STAFF_TOKEN, startStack, type Stack } from './harness';

const OUT = join(__dirname, '..', '..', 'test-output');
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  // The whole example catalogue, as `npm start` serves it.
  const services = loadAllDefinitions();
  stack = await startStack({ services, extraMount: (app) => mountRouteRoutes(app, { router: createServiceRouter(services) }) });
  browser = await launchChromium();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function openPage(): Promise<{ page: Page; requests: string[]; dialogs: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  await page.goto(stack.url + '/');
  await page.waitForSelector('#services button');
  return { page, requests, dialogs };
}

const assistantCount = (page: Page) => page.locator('#log .msg.assistant').count();

async function sayByKeyboard(page: Page, text: string): Promise<void> {
  const before = await assistantCount(page);
  // Answer buttons take the focus after a button answer; typing goes to the message field.
  if (await page.evaluate(() => document.activeElement?.id) !== 'message') await tabTo(page, (i) => i.id === 'message');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('#log .msg.assistant').length > n, before);
}

async function tabTo(page: Page, pred: (info: { id: string; text: string }) => boolean, max = 30): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => ({ id: document.activeElement?.id ?? '', text: document.activeElement?.textContent?.trim() ?? '' }));
    if (pred(info)) return;
  }
  throw new Error('element not reachable with Tab');
}

function serious(violations: Awaited<ReturnType<typeof axeScan>>) {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

test('a complete appointment booking by keyboard only, surviving a reload', async () => {
  const { page, requests, dialogs } = await openPage();
  expect(await page.getAttribute('html', 'lang')).toBe('de');
  await expect(page.locator('#disclosure').textContent()).resolves.toMatch(/KI-Assistent/);
  expect(await page.locator('#human').textContent()).toBe('Mit einem Menschen sprechen');
  expect(await page.locator('#log').getAttribute('aria-live')).toBe('polite');
  expect(serious(await axeScan(page))).toEqual([]);

  // The skip link comes first, then the controls; the service is picked with Tab and Enter.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.className)).toBe('aw-skip');
  await tabTo(page, (i) => i.text === 'Termin im Bürgerbüro vereinbaren');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('#log .msg.assistant').length >= 2);
  // The first question offers its choices as buttons, and the focus is on the first of them.
  await page.waitForFunction(() => document.activeElement?.className === 'aw-choice');
  expect(await page.locator('#log').textContent()).toMatch(/KI-Assistent.*Wofür brauchen Sie den Termin/s);

  await sayByKeyboard(page, 'Ich brauche einen Termin für meinen Personalausweis');
  await sayByKeyboard(page, 'Buer');
  const beforeReload = await page.locator('#log .msg').allTextContents();

  await page.reload();
  await page.waitForFunction((n) => document.querySelectorAll('#log .msg').length >= n, beforeReload.length);
  expect(await page.locator('#log .msg').allTextContents()).toEqual(beforeReload);
  expect(await page.locator('#choose').isHidden()).toBe(true);
  // Keyboard again after the reload: Tab until the message field.
  await tabTo(page, (i) => i.id === 'message');

  for (const answer of ['morgen', 'ab 10 Uhr', 'Erika Mustermann', 'erika.mustermann@example.org', 'ja']) await sayByKeyboard(page, answer);
  expect(await page.locator('#log').textContent()).toMatch(/Stimmt alles\?/);
  expect(serious(await axeScan(page))).toEqual([]);
  await sayByKeyboard(page, 'ja');
  await page.waitForFunction(() => /Ihr Termin ist gebucht/.test(document.getElementById('log')?.textContent ?? '')).catch(async (e) => {
    throw new Error(`${(e as Error).message}\nstatus: ${await page.locator('#status').textContent()}\nlog: ${(await page.locator('#log').textContent())?.slice(-300)}`);
  });
  await page.waitForSelector('#restart:not([hidden])');
  expect(await page.locator('#message').isDisabled()).toBe(true);

  await page.screenshot({ path: join(OUT, 'web-chat-booking.png'), fullPage: true });
  expect(serious(await axeScan(page))).toEqual([]);
  // Nothing was loaded from anywhere but the server itself.
  expect(requests.filter((u) => !u.startsWith(stack.url))).toEqual([]);
  expect(dialogs).toEqual([]);
  await page.context().close();
});

test('"Mit einem Menschen sprechen" hands off; the desk answer appears in the page', async () => {
  const { page } = await openPage();
  await page.locator('#services button', { hasText: 'Termin im Bürgerbüro' }).click();
  await page.waitForFunction(() => document.activeElement?.className === 'aw-choice');
  await sayByKeyboard(page, 'Reisepass');
  await page.locator('#human').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /Mitarbeiter/.test(document.getElementById('status')?.textContent ?? ''));
  expect(await page.locator('#human').isDisabled()).toBe(true);

  const stored = JSON.parse((await page.evaluate(() => sessionStorage.getItem('amtsweg.chat.session'))) ?? '{}') as { id: string; token: string };
  expect(stored.id).toMatch(/^s_/);
  const auth = { Authorization: `Bearer ${STAFF_TOKEN}` };
  expect((await http(`${stack.url}/desk/api/cases/${stored.id}`, 'GET', undefined, auth)).body.status).toBe('handoff');
  await http(`${stack.url}/desk/api/cases/${stored.id}/take`, 'POST', {}, auth);
  await http(`${stack.url}/desk/api/cases/${stored.id}/answer`, 'POST', { text: 'Hallo, hier ist Frau Berger vom Bürgerservice.' }, auth);
  await page.waitForSelector('#log .msg.staff', { timeout: 15_000 });
  expect(await page.locator('#log .msg.staff').textContent()).toMatch(/Frau Berger/);
  // Polling appends only what is new: the page shows the transcript once, without duplicates.
  const view = await http(`${stack.url}/api/sessions/${stored.id}`, 'GET', undefined, { Authorization: `Bearer ${stored.token}` });
  expect(await page.locator('#log .msg').count()).toBe(view.body.transcript.length);
  await page.reload();
  await page.waitForSelector('#log .msg.staff');
  expect(await page.locator('#log .msg').count()).toBe(view.body.transcript.length);
  await page.context().close();
});

test('just writing, without picking a service, starts the service the server\'s router picks', async () => {
  const { page } = await openPage();
  await tabTo(page, (i) => i.id === 'message');
  await page.keyboard.type('Ich brauche einen Termin im Bürgerbüro für den Reisepass');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /BÜRGERcenter/.test(document.getElementById('log')?.textContent ?? ''));
  expect(await page.locator('#choose').isHidden()).toBe(true);
  const stored = JSON.parse((await page.evaluate(() => sessionStorage.getItem('amtsweg.chat.session'))) ?? '{}') as { id: string };
  expect((await stack.engine.view(stored.id)).slots.anliegen?.value).toBe('reisepass');
  await page.context().close();
});

test('the human button works before any service was chosen', async () => {
  const { page } = await openPage();
  await page.locator('#human').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /Mitarbeiter/.test(document.getElementById('status')?.textContent ?? ''));
  const stored = JSON.parse((await page.evaluate(() => sessionStorage.getItem('amtsweg.chat.session'))) ?? '{}') as { id: string };
  expect((await stack.engine.view(stored.id)).status).toBe('handoff');
  await page.context().close();
});

test('markup in a message is shown as text, never run', async () => {
  const { page, dialogs } = await openPage();
  await page.locator('#services button', { hasText: 'Termin im Bürgerbüro' }).click();
  await page.waitForFunction(() => document.activeElement?.className === 'aw-choice');
  await sayByKeyboard(page, '<img src=x onerror="alert(1)"><script>alert(2)</script>');
  expect(await page.locator('#log img, #log script').count()).toBe(0);
  expect(await page.locator('#log .msg.citizen').last().textContent()).toContain('<img src=x onerror="alert(1)">');
  expect(dialogs).toEqual([]);
  await page.context().close();
});

test('English, and 200 % zoom without horizontal scrolling', async () => {
  const context = await browser.newContext({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await page.goto(stack.url + '/');
  await page.waitForSelector('#services button');
  await page.locator('#lang').focus();
  await page.keyboard.press('ArrowDown'); // Deutsch → English in the language list
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  expect(await page.locator('#human').textContent()).toBe('Talk to a person');
  expect(await page.locator('label[for=message]').textContent()).toBe('Your message');
  await page.waitForFunction(() => /appointment/i.test(document.getElementById('services')?.textContent ?? ''));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(serious(await axeScan(page))).toEqual([]);
  await page.screenshot({ path: join(OUT, 'web-chat-en-200.png'), fullPage: true });
  await context.close();
});

test('the page and its script come with a CSP without inline scripts', async () => {
  const res = await fetch(stack.url + '/');
  const html = await res.text();
  expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  expect(html).not.toMatch(/\son[a-z]+=|\sstyle=/);
  expect(html).toMatch(/<html lang="de" dir="ltr">/);
  const js = await fetch(stack.url + '/assets/chat.js');
  expect(js.headers.get('content-type')).toMatch(/javascript/);
  expect((await js.text()).length).toBeGreaterThan(1000);
});
