/**
 * The insight page over real HTTP and in Chromium: a seeded set of conversations (four fail at the
 * office question, two give up at the date, one books, three ask a question nothing answers)
 * shows its failure hot spot, its rates and the unanswered question — and no personal data.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { axeScan, launchChromium } from './browser';
import { http, STAFF_TOKEN, STAFF_TOKENS, startStack, type Stack } from './harness';

let stack: Stack;
let browser: Browser;
const ana = { Authorization: `Bearer ${STAFF_TOKENS.ana}` };
const ids: string[] = [];

async function conversation(messages: string[]): Promise<void> {
  const created = await http(`${stack.url}/api/sessions`, 'POST', { service: 'terminvereinbarung', channel: 'web' });
  ids.push(created.body.id);
  for (const text of messages) {
    await http(`${stack.url}/api/sessions/${created.body.id}/messages`, 'POST', { text }, { Authorization: `Bearer ${created.body.token}` });
  }
}

beforeAll(async () => {
  stack = await startStack();
  browser = await launchChromium();
  for (let i = 0; i < 4; i++) await conversation(['Reisepass', 'blau', 'grün', 'gelb']);
  for (let i = 0; i < 2; i++) await conversation(['Personalausweis', 'Buer', 'abbrechen']);
  await conversation(['Personalausweis', 'Buer', '01.12.2026', 'überspringen', 'Erika Mustermann', 'erika.mustermann@example.org', 'ja', 'ja']);
  await conversation(['Personalausweis', 'Wie lange dauert die Bearbeitung bei Frau Schmidtke?', 'Buer']);
  await conversation(['Personalausweis', 'Wie lange dauert die Bearbeitung?', 'Erle']);
  await conversation(['Reisepass', 'Wie lange dauert eigentlich die Bearbeitung?', 'Horst']);
}, 300_000);
afterAll(async () => { await browser?.close(); await stack?.stop(); });

const PERSONAL = /Mustermann|erika\.mustermann|Schmidtke|blau|gelb|01\.12\.2026|s_[A-Za-z0-9]{20}/;

test('the report shows the hot spot, the rates, the unanswered question and the handoff reasons', async () => {
  const r = await http(`${stack.url}/desk/api/insight`, 'GET', undefined, ana);
  expect(r.status).toBe(200);
  expect(r.body.total).toBe(10);
  expect(r.body.hotSpots[0]).toMatchObject({ service: 'terminvereinbarung', key: 'standort', label: 'BÜRGERcenter', stopped: 4 });
  expect(r.body.hotSpots[0].failures).toBeGreaterThanOrEqual(12);
  expect(r.body.hotSpots).toContainEqual(expect.objectContaining({ key: 'wunschdatum', label: 'Termin ab', stopped: 2 }));
  expect(r.body.rates).toEqual([{ service: 'terminvereinbarung', total: 10, completed: 1, handedOff: 4, abandoned: 2, open: 3 }]);
  const charts = Object.fromEntries(r.body.charts.map((c: { id: string }) => [c.id, c]));
  expect(charts.hotspots.table.rows[0].slice(0, 2)).toEqual(['BÜRGERcenter', 'Termin im Bürgerbüro vereinbaren']);
  expect(charts.hotspots.svg).toMatch(/^<svg [^>]*>.*BÜRGERcenter/s);
  const words = charts.fragen.table.rows.map((row: unknown[]) => row[0]);
  expect(words).toEqual(expect.arrayContaining(['bearbeitung', 'dauert', 'lange']));
  expect(words).not.toContain('eigentlich'); // used in one session only
  expect(charts.gruende.table.rows).toEqual([['Zu viele Versuche', 4]]);
  expect(charts.verlauf.table.rows.reduce((n: number, row: number[]) => n + Number(row[1]), 0)).toBe(10);
  expect(JSON.stringify(r.body)).not.toMatch(PERSONAL);
  for (const id of ids) expect(JSON.stringify(r.body)).not.toContain(id);
});

test('filters by definition version and date, CSV export, and the analyst role only', async () => {
  expect((await http(`${stack.url}/desk/api/insight?version=2099.1`, 'GET', undefined, ana)).body.total).toBe(0);
  expect((await http(`${stack.url}/desk/api/insight?version=2026.1`, 'GET', undefined, ana)).body.total).toBe(10);
  expect((await http(`${stack.url}/desk/api/insight?from=2020-01-01&to=2020-01-31`, 'GET', undefined, ana)).body.total).toBe(0);
  expect((await http(`${stack.url}/desk/api/insight?from=2020-13-01`, 'GET', undefined, ana)).status).toBe(400);
  const csv = await fetch(`${stack.url}/desk/api/insight.csv`, { headers: ana });
  expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
  expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="amtsweg-auswertung-/);
  const text = await csv.text();
  expect(text).toMatch(/"Wo Bürgerinnen und Bürger scheitern oder aufgeben","BÜRGERcenter","Termin im Bürgerbüro vereinbaren","1\d","4","[47]"/);
  expect(text).not.toMatch(PERSONAL);
  const worker = await http(`${stack.url}/desk/api/insight`, 'GET', undefined, { Authorization: `Bearer ${STAFF_TOKEN}` });
  expect(worker.status).toBe(403);
  expect(worker.body.error.message).toMatch(/analyst or admin/);
  expect((await fetch(`${stack.url}/desk/api/insight`)).status).toBe(401);
});

test('the page in Chromium: charts as images with tables, the hot spot first, no serious axe finding', async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${stack.url}/desk/insight`);
  await page.fill('#secret', STAFF_TOKENS.ana);
  await page.press('#secret', 'Enter');
  await page.waitForSelector('#chart-hotspots table');
  expect(await page.locator('#insight-status').textContent()).toMatch(/^10 Gespräche/);
  expect(await page.locator('#chart-hotspots tr').nth(1).textContent()).toMatch(/^BÜRGERcenterTermin im Bürgerbüro vereinbaren1\d4[47]/);
  await page.waitForFunction(() => Array.from(document.querySelectorAll('img.chart')).every((i) => (i as HTMLImageElement).complete));
  const images = await page.locator('img.chart').evaluateAll((els) => els.map((e) => ({ ok: (e as HTMLImageElement).naturalWidth > 0, alt: e.getAttribute('alt') })));
  expect(images).toHaveLength(6);
  for (const img of images) { expect(img.ok).toBe(true); expect(img.alt).toMatch(/^Diagramm: /); }
  expect((await axeScan(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  mkdirSync(join(__dirname, '..', '..', 'test-output'), { recursive: true });
  await page.screenshot({ path: join(__dirname, '..', '..', 'test-output', 'desk-insight.png'), fullPage: true });
  await page.close();
});
