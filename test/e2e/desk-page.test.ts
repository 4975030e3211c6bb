/** The desk page in a real Chromium: login, a handed-off case with its summary, take, answer, close. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { axeScan, launchChromium } from './browser';
import { http, STAFF_USER, startStack, type Stack } from './harness';

let stack: Stack;
let browser: Browser;
beforeAll(async () => { stack = await startStack(); browser = await launchChromium(); }, 300_000);
afterAll(async () => { await browser?.close(); await stack?.stop(); });

test('a case worker logs in, opens a handed-off case, answers and closes it', async () => {
  const created = await http(`${stack.url}/api/sessions`, 'POST', { service: 'terminvereinbarung', channel: 'web' });
  const citizen = { Authorization: `Bearer ${created.body.token}` };
  await http(`${stack.url}/api/sessions/${created.body.id}/messages`, 'POST', { text: 'Führungszeugnis' }, citizen);
  await http(`${stack.url}/api/sessions/${created.body.id}/messages`, 'POST', { text: 'Ich möchte mit einem Menschen sprechen' }, citizen);

  const page = await browser.newPage();
  await page.goto(`${stack.url}/desk`);
  expect(await page.locator('#cases').isHidden()).toBe(true);
  await page.fill('#user', STAFF_USER.user);
  await page.fill('#secret', 'falsch-falsch');
  await page.press('#secret', 'Enter');
  await page.waitForFunction(() => (document.getElementById('login-error')?.textContent ?? '') !== '');
  expect(await page.locator('#cases').isHidden()).toBe(true);

  await page.fill('#secret', STAFF_USER.password);
  await page.press('#secret', 'Enter');
  await page.waitForSelector('#case-rows button');
  expect(await page.locator('#who').textContent()).toContain('erika');
  await page.locator('#case-rows button').first().click();
  await page.waitForSelector('#detail:not([hidden])');
  const detail = await page.locator('#detail-body').textContent();
  expect(detail).toMatch(/fuehrungszeugnis/);
  expect(detail).toMatch(/Führungszeugnis/);
  expect(detail).toMatch(/Offene Fragen/);
  expect((await axeScan(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

  await page.click('#take');
  await page.waitForFunction(() => /übernommen/.test(document.getElementById('detail-status')?.textContent ?? ''));
  await page.fill('#answer', 'Sie können das Führungszeugnis auch online beantragen.');
  await page.click('#answer-form button[type=submit]');
  await page.waitForFunction(() => /gesendet/.test(document.getElementById('detail-status')?.textContent ?? ''));
  const view = await http(`${stack.url}/api/sessions/${created.body.id}`, 'GET', undefined, citizen);
  expect(view.body.transcript).toContainEqual(expect.objectContaining({ role: 'staff', text: 'Sie können das Führungszeugnis auch online beantragen.' }));
  await page.click('#close');
  await page.waitForFunction(() => /abgeschlossen/.test(document.getElementById('detail-status')?.textContent ?? ''));
  mkdirSync(join(__dirname, '..', '..', 'test-output'), { recursive: true });
  await page.screenshot({ path: join(__dirname, '..', '..', 'test-output', 'desk.png'), fullPage: true });
  await page.close();
});
