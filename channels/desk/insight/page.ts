/** The insight page: a static shell; the figures come from /desk/api/insight after login. */
import { deskHref, h, renderDeskShell } from '../page-shell';
import type { DeskKey, DeskLocale } from '../i18n';

function nav(l: DeskLocale): string {
  return `<nav aria-label="${h(l, 'nav_label')}"><ul class="nav"><li><a href="${deskHref('/desk', l)}">${h(l, 'nav_cases')}</a></li><li><a href="${deskHref('/desk/insight', l)}" aria-current="page">${h(l, 'nav_insight')}</a></li></ul></nav>`;
}

function sections(l: DeskLocale): string {
  const t = (key: DeskKey) => h(l, key);
  return `  <section id="insight" aria-labelledby="insight-h" hidden>
    <h2 id="insight-h">${t('i_h')}</h2>
    <p class="hint">${t('i_privacy')}</p>
    <form id="insight-form" class="filters" aria-label="${t('i_filter')}">
      <p><label for="i-from">${t('i_from')}</label><input id="i-from" type="date"></p>
      <p><label for="i-to">${t('i_to')}</label><input id="i-to" type="date"></p>
      <p><label for="i-service">${t('f_service')}</label><select id="i-service"><option value="">${t('f_service_all')}</option></select></p>
      <p><label for="i-version">${t('i_version')}</label><select id="i-version"><option value="">${t('i_version_all')}</option></select></p>
      <p><button type="submit">${t('i_show')}</button> <button type="button" id="csv">${t('i_csv')}</button></p>
    </form>
    <p id="insight-status" role="status" aria-live="polite"></p>
    <div id="charts"></div>
  </section>`;
}

/** The insight page in the language staff chose (default German). */
export function renderInsightPage(locale: DeskLocale = 'de'): string {
  return renderDeskShell({ locale, title: h(locale, 'title_insight'), script: '/assets/desk-insight.js', nav: nav(locale), sections: sections(locale), path: '/desk/insight' });
}
