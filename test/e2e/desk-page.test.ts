/**
 * The desk page in a real Chromium, keyboard only: login, the queue with labels and reason texts,
 * an answer refused before taking, take, correct a value, answer, hand back, and on a second case
 * close with a message. The citizen sees each step (over real HTTP); axe finds nothing serious.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { axeScan, launchChromium } from './browser';
import { http, STAFF_USER, startStack, type Stack } from './harness';

let stack: Stack;
let browser: Browser;
beforeAll(async () => { stack = await startStack(); browser = await launchChromium(); }, 300_000);
afterAll(async () => { await browser?.close(); await stack?.stop(); });

const OUT = join(__dirname, '..', '..', 'test-output');

/** Presses Tab until the element matching `selector` has the focus (fails if it is not reachable). */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} is not reachable with the Tab key`);
}

async function status(page: Page, re: RegExp): Promise<string> {
  await page.waitForFunction((src) => new RegExp(src).test(document.getElementById('detail-status')?.textContent ?? ''), re.source);
  return (await page.locator('#detail-status').textContent()) ?? '';
}

async function citizen(messages: string[]) {
  const created = await http(`${stack.url}/api/sessions`, 'POST', { service: 'terminvereinbarung', channel: 'web' });
  const auth = { Authorization: `Bearer ${created.body.token}` };
  for (const text of messages) await http(`${stack.url}/api/sessions/${created.body.id}/messages`, 'POST', { text }, auth);
  return {
    id: created.body.id as string,
    say: async (text: string) => (await http(`${stack.url}/api/sessions/${created.body.id}/messages`, 'POST', { text }, auth)).body,
    transcript: async () => (await http(`${stack.url}/api/sessions/${created.body.id}`, 'GET', undefined, auth)).body.transcript as { role: string; text: string }[],
  };
}

test('a case worker works a case with the keyboard only, and the citizen sees each step', async () => {
  const c = await citizen(['Ich brauche einen Termin für meinen Personalausweis', 'blau', 'grün', 'gelb']);
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${stack.url}/desk`);
  await tabTo(page, '#user');
  await page.keyboard.type(STAFF_USER.user);
  await tabTo(page, '#secret');
  await page.keyboard.type(STAFF_USER.password);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#case-rows button');

  const row = await page.locator('#case-rows tr').first().textContent();
  expect(row).toContain('Termin im Bürgerbüro vereinbaren');
  expect(row).toContain('Der Assistent hat eine Antwort mehrmals nicht verstanden');
  expect(row).toContain('Web-Chat');
  expect(row).not.toContain('too_many_attempts');
  expect(row).toMatch(/Min\.|unter 1 Min/);

  await tabTo(page, '#case-rows button');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#detail:not([hidden])');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('detail-h');
  const detail = (await page.locator('#detail-body').textContent()) ?? '';
  expect(detail).toContain('Anliegen');
  expect(detail).toContain('Personalausweis');
  expect(detail).toMatch(/Offene Fragen.*BÜRGERcenter/s);
  expect(detail).not.toMatch(/\bstandort\b|\bwunschdatum\b/);
  expect((await axeScan(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

  // An answer before taking the case is refused with a clear message.
  await tabTo(page, '#answer');
  await page.keyboard.type('Hallo');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  expect(await status(page, /Fehler/)).toMatch(/übernehmen Sie den Fall zuerst/);
  expect((await c.transcript()).some((t) => t.role === 'staff')).toBe(false);

  await tabTo(page, '#take');
  await page.keyboard.press('Enter');
  await status(page, /übernommen/);

  await tabTo(page, '#c-slot');
  await page.keyboard.press('ArrowDown'); // Anliegen → BÜRGERcenter
  await page.waitForFunction(() => !(document.getElementById('c-option')?.parentElement?.hidden ?? true));
  await tabTo(page, '#c-option');
  await page.keyboard.press('ArrowDown'); // Hans-Sachs-Haus → Buer
  await tabTo(page, '#c-reason');
  await page.keyboard.type('Telefonisch genannt');
  await page.keyboard.press('Enter');
  expect(await status(page, /korrigiert|Fehler/)).toMatch(/korrigiert/);
  expect(await page.locator('#detail-body').textContent()).toMatch(/BÜRGERcenterBuerTelefonisch genanntSachbearbeitung/);

  await tabTo(page, '#answer');
  await page.keyboard.press('Control+A'); // the refused "Hallo" was kept, nothing is lost
  await page.keyboard.type('Ich habe Buer eingetragen; der Assistent fragt Sie gleich nach dem Tag.');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await status(page, /gesendet/);

  await tabTo(page, '#handback-form button');
  await page.keyboard.press('Enter');
  await status(page, /zurückgegeben/);
  await page.screenshot({ path: join(OUT, 'desk-1280.png'), fullPage: true });

  const seen = await c.transcript();
  expect(seen).toContainEqual({ role: 'staff', text: expect.stringMatching(/„BÜRGERcenter“ geändert auf: Buer\. Grund: Telefonisch genannt/), at: expect.any(String) });
  expect(seen).toContainEqual(expect.objectContaining({ role: 'staff', text: 'Ich habe Buer eingetragen; der Assistent fragt Sie gleich nach dem Tag.' }));
  expect(seen.at(-1)?.text).toMatch(/mache jetzt mit Ihnen weiter.*Ab welchem Tag/);
  await page.close();
});

test('closing with a message at 390 px; the citizen gets it and can still write back', async () => {
  mkdirSync(OUT, { recursive: true });
  const c = await citizen(['Führungszeugnis', 'Ich möchte mit einem Menschen sprechen']);
  const page = await browser.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${stack.url}/desk`);
  await page.fill('#user', STAFF_USER.user);
  await page.fill('#secret', STAFF_USER.password);
  await page.press('#secret', 'Enter');
  await page.waitForSelector('#case-rows button');
  await page.selectOption('#f-reason', 'citizen_request');
  await page.press('#f-reason', 'Enter');
  await page.waitForFunction(() => /1 Fall angezeigt/.test(document.getElementById('cases-count')?.textContent ?? ''));
  await page.locator('#case-rows button').first().press('Enter');
  await page.waitForSelector('#detail:not([hidden])');
  await page.locator('#take').press('Enter');
  await status(page, /übernommen/);
  await page.fill('#close-note', 'Sie können das Führungszeugnis auch online beim Bundesamt für Justiz beantragen.');
  await page.locator('#close-form button').press('Enter');
  await status(page, /abgeschlossen/);
  const wide = await page.evaluate(() => Array.from(document.querySelectorAll('body *'))
    .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.scroll'))
    .map((e) => `${e.tagName}#${e.id}.${e.className}`).slice(0, 5));
  expect(wide).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  expect((await axeScan(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  await page.screenshot({ path: join(OUT, 'desk-390.png'), fullPage: true });
  const last = (await c.transcript()).at(-1);
  expect(last).toMatchObject({ role: 'staff', text: expect.stringMatching(/online beim Bundesamt für Justiz beantragen\.\n\nIhr Anliegen ist von der Sachbearbeitung abgeschlossen/) });
  const follow = await c.say('Danke! Geht das auch per Post?');
  expect(follow.status).toBe('handoff');
  await page.selectOption('#f-reason', 'follow_up');
  await page.locator('#reload').press('Enter');
  await page.waitForFunction(() => /Rückfrage/.test(document.getElementById('case-rows')?.textContent ?? ''));
  await page.close();
});
