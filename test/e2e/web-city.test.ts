/**
 * A city's own chat in a real Chromium: the widget embedded in a page of another origin with a
 * strict CSP, a new citizen booking in Turkish, Arabic and Ukrainian with buttons and the keyboard only,
 * the branding file changing name, crest and links without code changes, the server's router
 * behind the landing page, and every locale screenshotted at 390 and 1280 px and scanned by axe.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { mountRouteRoutes } from '../../channels/http/route-routes';
import { UI_LOCALES } from '../../channels/web';
import { createServiceRouter } from '../../llm/routing';
import { axeScan, launchChromium } from './browser';
import { loadAllDefinitions, startStack, type Stack } from './harness';

const OUT = join(__dirname, '..', '..', 'test-output');
const CREST = readFileSync(join(__dirname, '..', '..', 'branding', 'musterstadt-wappen.svg'), 'utf8');
let stack: Stack;
let browser: Browser;
let host: Server;
let hostOrigin: string;
let dir: string;
let brandingFile: string;

function branding(name: string, impressum: string, crest: string, origin: string): string {
  return [
    `name: { de: "${name}", tr: "${name} (TR)", ar: "${name} (AR)" }`,
    `crest: ${crest}`, 'crest_alt: { de: Wappen der Stadt }',
    `links: { impressum: "${impressum}", datenschutz: https://www.example.org/datenschutz }`,
    'opening_hours: { de: Mo–Fr 8–16 Uhr }', 'phone: "+49 209 169-0"',
    `widget_origins: ["${origin}"]`, '',
  ].join('\n');
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'amtsweg-city-'));
  writeFileSync(join(dir, 'wappen.svg'), CREST);
  writeFileSync(join(dir, 'wappen-neu.svg'), CREST.replace(/#0b4dad/g, '#1f5130'));
  // The city's own website, on another origin, allowing exactly the amtsweg origin.
  let amtsweg = '';
  host = createServer((req, res) => {
    const lang = new URL(req.url ?? '/', 'http://x').searchParams.get('lang') ?? 'de';
    res.setHeader('Content-Security-Policy', `default-src 'self'; script-src 'self' ${amtsweg}; style-src 'self' ${amtsweg}; img-src 'self' ${amtsweg}; connect-src 'self' ${amtsweg}`);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Musterstadt</title></head>
<body><header><p>Musterstadt – Startseite</p></header><main><h1>Bürgerservice</h1>
<div id="amtsweg-chat" data-lang="${lang}"></div></main>
<script src="${amtsweg}/assets/widget.js" defer></script></body></html>`);
  });
  await new Promise<void>((r) => host.listen(0, '127.0.0.1', () => r()));
  hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  brandingFile = join(dir, 'branding.yaml');
  writeFileSync(brandingFile, branding('Stadt Musterstadt', 'https://www.example.org/impressum', 'wappen.svg', hostOrigin));
  const services = loadAllDefinitions();
  stack = await startStack({
    services, web: { brandingFile },
    extraMount: (app) => mountRouteRoutes(app, { router: createServiceRouter(services) }),
  });
  amtsweg = stack.url;
  browser = await launchChromium();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await new Promise((r) => host?.close(r));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const serious = (v: Awaited<ReturnType<typeof axeScan>>) => v.filter((x) => x.impact === 'serious' || x.impact === 'critical');
const logText = (page: Page) => page.locator('[data-part=log]').textContent();
const assistantCount = (page: Page) => page.locator('[data-part=log] .msg.assistant').count();
const focused = (page: Page) => page.evaluate(() => ({ tag: document.activeElement?.tagName ?? '', text: document.activeElement?.textContent?.trim() ?? '', part: (document.activeElement as HTMLElement | null)?.dataset.part ?? '', type: (document.activeElement as HTMLInputElement | null)?.type ?? '' }));

/** Presses a key and waits until the assistant has answered. */
async function pressAndWait(page: Page, key: string): Promise<void> {
  const before = await assistantCount(page);
  await page.keyboard.press(key);
  await page.waitForFunction((n) => document.querySelectorAll('[data-part=log] .msg.assistant').length > n, before);
  await page.waitForFunction(() => !/…/.test(document.querySelector('[data-part=status]')?.textContent ?? ''));
}

/** Tabs forward until the focused control shows `text` (or matches `pred`). */
async function tabTo(page: Page, pred: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 40, key = 'Tab'): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (pred(await focused(page))) return;
    await page.keyboard.press(key);
  }
  throw new Error(`not reachable with Tab; focus is on ${JSON.stringify(await focused(page))}`);
}

async function bookInWidget(lang: 'tr' | 'ar' | 'uk', words: { service: RegExp; yes: string; skip: string; name: string; booked: RegExp; email?: string }): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: lang === 'tr' ? 'tr-TR' : 'de-DE' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const violations: string[] = [];
  const consoleLines: string[] = [];
  page.on('console', (m) => { consoleLines.push(m.text()); if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  await page.goto(`${hostOrigin}/?lang=${lang}`);
  await page.waitForSelector('#amtsweg-chat [data-part=services] button');
  expect(await page.getAttribute('#amtsweg-chat', 'dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');

  await tabTo(page, (f) => f.tag === 'BUTTON' && words.service.test(f.text));
  await page.keyboard.press('Enter');
  // The first question offers its choices as buttons; focus lands on the first one.
  await page.waitForFunction(() => (document.activeElement as HTMLElement | null)?.className === 'aw-choice').catch(async (e) => {
    throw new Error(`${(e as Error).message}\nstatus: ${await page.locator('#amtsweg-chat [data-part=status]').textContent()}\nfocus: ${JSON.stringify(await focused(page))}\nconsole: ${consoleLines.join(' | ')}`);
  });
  await pressAndWait(page, 'Enter'); // Anliegen: the first choice
  await page.waitForFunction(() => (document.activeElement as HTMLElement | null)?.className === 'aw-choice');
  await pressAndWait(page, 'Enter'); // Standort: the first choice (Hans-Sachs-Haus)
  // The date: the picker, filled with the keyboard.
  await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.type === 'date');
  // Segment order follows the browser's locale; whatever the keys made, the booking must show it.
  await page.keyboard.type('15122026');
  const iso = await page.evaluate(() => (document.activeElement as HTMLInputElement).value);
  expect(iso).toMatch(/^2026-12-\d\d$/);
  const shown = iso.split('-').reverse().join('.');
  await pressAndWait(page, 'Enter');
  // The time is optional: the skip button.
  await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === words.skip);
  await pressAndWait(page, 'Enter');
  // Name and e-mail are typed into the message field.
  expect((await focused(page)).part).toBe('message');
  await page.keyboard.type(words.name);
  await pressAndWait(page, 'Enter');
  // At most two open appointments per address: each booking here has its own.
  await page.keyboard.type(words.email ?? 'new.citizen@example.org');
  await pressAndWait(page, 'Enter');
  // Read-back of the e-mail (the answer buttons sit above the field: Shift+Tab), then the summary.
  await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === words.yes, 10, 'Shift+Tab');
  await pressAndWait(page, 'Enter');
  await page.waitForFunction((yes) => document.activeElement?.textContent === yes, words.yes);
  await pressAndWait(page, 'Enter');
  const booked = new RegExp(words.booked.source.replace('DATE', shown.replace(/\./g, '\\.')));
  await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('[data-part=log]')?.textContent ?? ''), booked.source)
    .catch(async (e) => { throw new Error(`${(e as Error).message}\nlog: ${(await logText(page))?.slice(-400)}`); });
  await page.waitForSelector('#amtsweg-chat [data-part=restart]:not([hidden])');
  expect(violations).toEqual([]);
  return page;
}

test('a new citizen books in the embedded widget in Turkish, with buttons and the keyboard only', async () => {
  const page = await bookInWidget('tr', { service: /randevu alın/, yes: 'Evet', skip: 'Atla', name: 'Ayşe Yılmaz', booked: /Randevunuz alındı: DATE saat \d\d:\d\d/ });
  const text = await logText(page);
  expect(text).toMatch(/Rezervasyon numaranız: [A-Z0-9-]+/);
  expect(text).not.toMatch(/ um \d\d:\d\d Uhr/);
  expect(await page.locator('#amtsweg-chat [data-part=status]').textContent()).toMatch(/Talebiniz tamamlandı/);
  expect(serious(await axeScan(page))).toEqual([]);
  await page.screenshot({ path: join(OUT, 'widget-tr-booked-390.png') });
  await page.context().close();
}, 90_000);

test('a new citizen books in the embedded widget in Arabic (right to left), with buttons and the keyboard only', async () => {
  const page = await bookInWidget('ar', { service: /حجز موعد/, yes: 'نعم', skip: 'تخطي', name: 'ليلى حسن', booked: /تم حجز موعدك: DATE الساعة \d\d:\d\d/ });
  expect(await page.locator('#amtsweg-chat [data-part=human]').textContent()).toBe('التحدث مع موظف');
  expect(serious(await axeScan(page))).toEqual([]);
  await page.screenshot({ path: join(OUT, 'widget-ar-booked-390.png') });
  await page.context().close();
}, 90_000);

test('a new citizen books in the embedded widget in Ukrainian, with buttons and the keyboard only; every text in Ukrainian', async () => {
  const page = await bookInWidget('uk', { service: /Записатися на прийом/, yes: 'Так', skip: 'Пропустити', name: 'Олена Коваленко', email: 'olena.k@example.org', booked: /Ваш запис заброньовано: DATE о \d\d:\d\d у BÜRGERcenter Hans-Sachs-Haus/ });
  const text = (await logText(page)) ?? '';
  expect(text).toMatch(/Ваш номер бронювання: GE-[A-Z0-9]+/);
  expect(text).toMatch(/У якому BÜRGERcenter ви хочете отримати запис\?/);
  // The service is written in Ukrainian: no notice that it is missing, no German question.
  expect(text).not.toMatch(/ще не підготовлена українською|Wofür brauchen Sie|Ab welchem Tag/);
  expect(serious(await axeScan(page))).toEqual([]);
  await page.screenshot({ path: join(OUT, 'widget-uk-booked-390.png') });
  await page.context().close();
}, 90_000);

test('every locale of the page at 390 and 1280 px: screenshots, no horizontal scroll, no serious axe finding', async () => {
  for (const lang of UI_LOCALES) {
    for (const width of [390, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${stack.url}/?lang=${lang}`);
      await page.waitForSelector('[data-part=services] button');
      expect(await page.getAttribute('html', 'dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      await page.locator('[data-part=services] button').first().click();
      await page.waitForSelector('[data-part=answers]:not([hidden]) button, [data-part=answers]:not([hidden]) input');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      if (width === 390 || lang === 'ar') expect({ lang, width, v: serious(await axeScan(page)) }).toEqual({ lang, width, v: [] });
      // The "talk to a person" button stays in view at the bottom while the log scrolls.
      const human = await page.locator('[data-part=human]').boundingBox();
      expect(human && human.y + human.height).toBeLessThanOrEqual(900);
      await page.screenshot({ path: join(OUT, `web-chat-${lang}-${width}.png`) });
      await context.close();
    }
  }
}, 180_000);

test('the branding file changes name, crest and links without code changes', async () => {
  const page = await browser.newPage();
  await page.goto(`${stack.url}/`);
  expect(await page.locator('[data-part=name]').textContent()).toBe('Stadt Musterstadt');
  expect(await page.title()).toBe('Stadt Musterstadt – Chat');
  expect(await page.locator('footer a', { hasText: 'Impressum' }).getAttribute('href')).toBe('https://www.example.org/impressum');
  const crest1 = await (await fetch(`${stack.url}/assets/crest.svg`)).text();
  expect(await page.locator('[data-part=crest]').getAttribute('alt')).toBe('Wappen der Stadt');

  writeFileSync(brandingFile, branding('Stadt Neuhausen', 'https://www.neuhausen.example/impressum', 'wappen-neu.svg', hostOrigin));
  await page.reload();
  expect(await page.locator('[data-part=name]').textContent()).toBe('Stadt Neuhausen');
  expect(await page.locator('footer a', { hasText: 'Impressum' }).getAttribute('href')).toBe('https://www.neuhausen.example/impressum');
  const crest2 = await (await fetch(`${stack.url}/assets/crest.svg`)).text();
  expect(crest2).not.toBe(crest1);
  expect(crest2).toContain('#1f5130');
  // The Leichte Sprache page and the accessibility statement carry the new name and links too.
  const easy = await (await fetch(`${stack.url}/leichte-sprache`)).text();
  expect(easy).toContain('Stadt Neuhausen');
  expect(easy).toMatch(/Der KI-Assistent ist <strong>kein<\/strong> Mensch/);
  expect(easy).toMatch(/Mit einem Menschen sprechen/);
  const statement = await (await fetch(`${stack.url}/barrierefreiheit`)).text();
  expect(statement).toContain('https://www.neuhausen.example/impressum');
  await page.goto(`${stack.url}/leichte-sprache`);
  expect(serious(await axeScan(page))).toEqual([]);
  await page.screenshot({ path: join(OUT, 'leichte-sprache-1280.png'), fullPage: true });
  writeFileSync(brandingFile, branding('Stadt Musterstadt', 'https://www.example.org/impressum', 'wappen.svg', hostOrigin));
  await page.close();
}, 60_000);

test('a first message goes through the server router; close candidates become buttons', async () => {
  const page = await browser.newPage();
  const routed: string[] = [];
  page.on('request', (r) => { if (r.url().endsWith('/api/route')) routed.push(r.postData() ?? ''); });
  await page.goto(`${stack.url}/`);
  await page.waitForSelector('[data-part=services] button');
  await page.locator('[data-part=message]').fill('Ich brauche einen Termin im Bürgerbüro für den Reisepass');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /BÜRGERcenter/.test(document.querySelector('[data-part=log]')?.textContent ?? ''));
  expect(routed).toHaveLength(1);
  expect(JSON.parse(routed[0])).toEqual({ text: 'Ich brauche einen Termin im Bürgerbüro für den Reisepass', locale: 'de' });
  expect(await page.locator('[data-part=service-title]').textContent()).toBe('Termin im Bürgerbüro vereinbaren');
  await page.close();
});

test('other origins get no CORS access to the citizen API', async () => {
  const ok = await fetch(`${stack.url}/api/services`, { headers: { Origin: hostOrigin } });
  expect(ok.headers.get('access-control-allow-origin')).toBe(hostOrigin);
  const other = await fetch(`${stack.url}/api/services`, { headers: { Origin: 'https://evil.example' } });
  expect(other.headers.get('access-control-allow-origin')).toBeNull();
  const pre = await fetch(`${stack.url}/api/sessions`, { method: 'OPTIONS', headers: { Origin: hostOrigin, 'Access-Control-Request-Method': 'POST' } });
  expect(pre.status).toBe(204);
  expect(pre.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
  const widget = await fetch(`${stack.url}/assets/widget.js`);
  expect(widget.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  expect((await fetch(`${stack.url}/`)).headers.get('cross-origin-resource-policy')).toBe('same-origin');
});
