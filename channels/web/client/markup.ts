/**
 * The chat's markup as one HTML string, used twice: the server renders the page with it (so the
 * AI disclosure and the "talk to a person" button exist before any script), and the widget
 * script renders it into a city's `<div>`. No inline script, no style attribute, every text
 * escaped. Elements are found by `data-part`; ids carry a prefix so a widget never collides
 * with ids of the host page.
 */
import { LANGUAGE_NAMES, RTL_LOCALES, STRINGS, UI_LOCALES, type UiLocale } from './i18n';

/** The branding as a page shows it: texts already in the page's locale. */
export interface PublicBranding {
  name: string;
  crest?: { url: string; alt: string };
  links: { impressum: string; datenschutz: string; barrierefreiheit: string; leichte_sprache: string };
  openingHours?: string;
  phone?: string;
  email?: string;
}

/** Escapes text for HTML content and attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export const dirOf = (l: UiLocale): 'rtl' | 'ltr' => (RTL_LOCALES.includes(l) ? 'rtl' : 'ltr');

function languagePicker(locale: UiLocale, p: string, label: string): string {
  const options = UI_LOCALES.map((l) => `<option value="${l}" lang="${l}"${l === locale ? ' selected' : ''}>${esc(LANGUAGE_NAMES[l])}</option>`).join('');
  return `<div class="aw-lang"><label for="${p}lang">${esc(label)} <span lang="en">/ Language</span></label><select id="${p}lang" data-part="lang">${options}</select></div>`;
}

function footerLinks(b: PublicBranding, locale: UiLocale): string {
  const t = STRINGS[locale];
  const link = (href: string, text: string, lang?: string) => `<li><a href="${esc(href)}"${lang ? ` lang="${lang}"` : ''}>${esc(text)}</a></li>`;
  const items = [
    link(b.links.impressum, t.impressum), link(b.links.datenschutz, t.datenschutz),
    link(b.links.barrierefreiheit, t.barrierefreiheit), link(b.links.leichte_sprache, t.leichteSprache),
  ];
  const contact: string[] = [];
  if (b.openingHours) contact.push(`<p><span class="aw-k">${esc(t.openingHours)}:</span> ${esc(b.openingHours)}</p>`);
  if (b.phone) contact.push(`<p><span class="aw-k">${esc(t.phone)}:</span> <a href="tel:${esc(b.phone.replace(/[^+0-9]/g, ''))}"><bdi dir="ltr">${esc(b.phone)}</bdi></a></p>`);
  if (b.email) contact.push(`<p><a href="mailto:${esc(b.email)}"><bdi dir="ltr">${esc(b.email)}</bdi></a></p>`);
  return `<ul class="aw-links" data-part="links">${items.join('')}</ul>${contact.join('')}<p class="aw-note">${esc(t.footer)}</p>`;
}

/**
 * The chat UI. `mode: 'page'` uses header/main/footer landmarks (the page is the chat);
 * `'widget'` uses one labelled region (the chat is a part of the city's page).
 */
export function chatMarkup(locale: UiLocale, b: PublicBranding, opts: { prefix: string; mode: 'page' | 'widget' }): string {
  const t = STRINGS[locale];
  const p = opts.prefix;
  const page = opts.mode === 'page';
  const crest = b.crest ? `<img class="aw-crest" src="${esc(b.crest.url)}" alt="${esc(b.crest.alt)}" data-part="crest">` : '';
  const heading = page ? 'h1' : 'h2';
  const sub = page ? 'h2' : 'h3';
  const top = `<div class="aw-brand">${crest}<${heading} class="aw-name" data-part="name">${esc(b.name)}</${heading}></div>
${languagePicker(locale, p, t.langLabel)}
<p class="aw-disclosure" id="${p}disclosure" data-part="disclosure">${esc(t.disclosure)}</p>`;
  const body = `<section id="${p}choose" data-part="choose" aria-labelledby="${p}choose-h">
  <${sub} id="${p}choose-h">${esc(t.chooseHeading)}</${sub}>
  <p>${esc(t.chooseIntro)}</p>
  <ul id="${p}services" class="aw-services" data-part="services"></ul>
</section>
<section class="aw-conversation" aria-labelledby="${p}log-h">
  <${sub} id="${p}log-h" class="aw-vh">${esc(t.logLabel)}</${sub}>
  <div class="aw-service" data-part="service" hidden><p><span class="aw-k">${esc(t.service)}:</span> <strong data-part="service-title"></strong></p><p data-part="progress-text" class="aw-progress-text"></p><progress data-part="progress" max="1" value="0" aria-hidden="true"></progress></div>
  <div id="${p}log" class="aw-log" data-part="log" role="log" aria-live="polite" aria-relevant="additions" aria-labelledby="${p}log-h"></div>
  <p id="${p}status" class="aw-status" data-part="status" role="status"></p>
</section>
<div class="aw-dock" data-part="dock">
  <div class="aw-answers" data-part="answers" role="group" aria-label="${esc(t.answers)}" hidden></div>
  <form id="${p}composer" class="aw-composer" data-part="composer" autocomplete="off">
    <label for="${p}message">${esc(t.inputLabel)}</label>
    <div class="aw-row">
      <input id="${p}message" data-part="message" name="message" type="text" maxlength="2000" required>
      <button type="submit" id="${p}send" data-part="send">${esc(t.send)}</button>
    </div>
  </form>
  <div class="aw-actions">
    <button type="button" id="${p}human" class="aw-human" data-part="human">${esc(t.human)}</button>
    <button type="button" id="${p}restart" class="aw-secondary" data-part="restart" hidden>${esc(t.newRequest)}</button>
  </div>
</div>`;
  const foot = footerLinks(b, locale);
  if (page) {
    return `<a class="aw-skip" href="#${p}message">${esc(t.skip)}</a>
<header class="aw-top">${top}</header>
<main id="${p}main" class="aw-main">${body}</main>
<footer class="aw-foot">${foot}</footer>`;
  }
  return `<div class="aw-top">${top}</div>
<div class="aw-main">${body}</div>
<div class="aw-foot">${foot}</div>`;
}
