/** The desk page: a static shell; all data comes from the staff-only API after login. */
import { deskHref, h, renderDeskShell } from './page-shell';
import type { DeskKey, DeskLocale } from './i18n';

function nav(l: DeskLocale): string {
  return `<nav id="nav" aria-label="${h(l, 'nav_label')}" hidden><ul class="nav"><li><a href="${deskHref('/desk', l)}">${h(l, 'nav_cases')}</a></li><li id="insight-link" hidden><a href="${deskHref('/desk/insight', l)}">${h(l, 'nav_insight')}</a></li><li><button type="button" id="logout" class="link">${h(l, 'logout')}</button></li></ul></nav>`;
}

function sections(l: DeskLocale): string {
  const t = (key: DeskKey) => h(l, key);
  return `  <section id="cases" aria-labelledby="cases-h" hidden>
    <h2 id="cases-h">${t('queue_h')}</h2>
    <form id="filter-form" class="filters" aria-label="${t('filter_label')}">
      <p><label for="f-status">${t('f_status')}</label><select id="f-status">
        <option value="all">${t('f_status_all')}</option><option value="handoff">${t('f_status_handoff')}</option>
        <option value="taken">${t('f_status_taken')}</option><option value="closed">${t('f_status_closed')}</option></select></p>
      <p><label for="f-service">${t('f_service')}</label><select id="f-service"><option value="">${t('f_service_all')}</option></select></p>
      <p><label for="f-reason">${t('f_reason')}</label><select id="f-reason"><option value="">${t('f_reason_all')}</option></select></p>
      <p><label for="f-channel">${t('f_channel')}</label><select id="f-channel"><option value="">${t('f_channel_all')}</option></select></p>
      <p class="check"><input type="checkbox" id="f-mine"><label for="f-mine">${t('f_mine')}</label></p>
      <p><button type="submit">${t('filter_apply')}</button> <button type="button" id="reload">${t('reload')}</button></p>
    </form>
    <p id="cases-count" role="status"></p>
    <div class="scroll" tabindex="0" role="region" aria-label="${t('cases_region')}"><table><caption>${t('cases_caption')}</caption>
      <thead><tr><th scope="col">${t('col_case')}</th><th scope="col">${t('col_service')}</th><th scope="col">${t('col_channel')}</th><th scope="col">${t('col_reason')}</th><th scope="col">${t('col_received')}</th><th scope="col">${t('col_waiting')}</th><th scope="col">${t('col_taken_by')}</th></tr></thead>
      <tbody id="case-rows"></tbody>
    </table></div>
  </section>
  <section id="detail" aria-labelledby="detail-h" hidden>
    <h2 id="detail-h" tabindex="-1">${t('detail_h')}</h2>
    <div id="detail-body"></div>
    <p id="detail-status" role="status" aria-live="polite"></p>
    <p id="work-closed" hidden>${t('work_closed')}</p>
    <section id="work" aria-labelledby="work-h">
      <h3 id="work-h">${t('work_h')}</h3>
      <p id="take-hint"></p>
      <p><button type="button" id="take">${t('take')}</button></p>
      <form id="answer-form">
        <p><label for="answer">${t('answer_label')}</label><textarea id="answer" rows="4" required></textarea></p>
        <p><button type="submit">${t('answer_submit')}</button></p>
      </form>
      <form id="correct-form">
        <fieldset><legend>${t('correct_legend')}</legend>
          <p><label for="c-slot">${t('c_slot')}</label><select id="c-slot"></select></p>
          <p id="c-value-wrap"><label for="c-value">${t('c_value')}</label><input id="c-value" aria-describedby="c-value-hint"></p>
          <p><label for="c-option">${t('c_option')}</label><select id="c-option"></select></p>
          <p id="c-value-hint" class="hint"></p>
          <p><label for="c-reason">${t('c_reason')}</label><input id="c-reason" required></p>
          <p><button type="submit">${t('correct_submit')}</button></p>
        </fieldset>
      </form>
      <form id="handback-form">
        <p><label for="handback-note">${t('handback_label')}</label><textarea id="handback-note" rows="2"></textarea></p>
        <p><button type="submit">${t('handback_submit')}</button></p>
        <p class="hint">${t('handback_hint')}</p>
      </form>
      <form id="close-form">
        <p><label for="close-note">${t('close_label')}</label><textarea id="close-note" rows="3"></textarea></p>
        <p><button type="submit">${t('close_submit')}</button></p>
        <p class="hint">${t('close_hint')}</p>
      </form>
    </section>
  </section>`;
}

/** The desk page in the language staff chose (default German). */
export function renderDeskPage(locale: DeskLocale = 'de'): string {
  return renderDeskShell({ locale, title: h(locale, 'title_desk'), script: '/assets/desk.js', nav: nav(locale), sections: sections(locale), path: '/desk' });
}

/** Styles of the desk page (served as /assets/desk.css). */
export const DESK_CSS = `
:root{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;background:#fff;line-height:1.5}
body{margin:0 auto;max-width:80rem;padding:0 1rem}
.skip{position:absolute;inset-inline-start:-999px}.skip:focus{inset-inline-start:1rem;top:1rem;background:#fff;padding:.5rem;z-index:9}
:focus-visible{outline:3px solid #0b4dad;outline-offset:2px}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #767676;padding:.35rem;text-align:left;vertical-align:top}
button{font:inherit;padding:.4rem .9rem;border:2px solid #0b4dad;background:#0b4dad;color:#fff;border-radius:4px;cursor:pointer}
button.link{background:none;color:#0b4dad;border:none;text-decoration:underline;padding:0}
input,textarea,select{font:inherit;width:100%;max-width:40rem;border:2px solid #555;border-radius:4px;padding:.35rem;box-sizing:border-box}
input[type=checkbox]{width:auto;margin-right:.5rem}
.check label{display:inline;font-weight:600}
label{display:block;font-weight:600}
fieldset{border:1px solid #767676;border-radius:4px;max-width:42rem}legend{font-weight:700}
.filters{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:0 1rem;align-items:end}
.hint{color:#444;font-size:.95em}
img.chart{max-width:100%;height:auto;display:block}figure{margin:1.5rem 0}
ul.nav{list-style:none;display:flex;gap:1.5rem;padding:0;margin:0 0 1rem}
form.lang{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:0 0 1rem}form.lang select{width:auto}
[dir=rtl] th,[dir=rtl] td{text-align:right}
#login-error,.error{color:#a00000}
dl{display:grid;grid-template-columns:minmax(0,max-content) minmax(0,1fr);gap:.25rem 1rem}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
@media (max-width:40rem){dl{grid-template-columns:minmax(0,1fr)}dd{margin-bottom:.4rem}}
li,td{overflow-wrap:anywhere}
.msg-citizen{color:#1a1a1a}.msg-assistant{color:#2b3e5a}.msg-staff{color:#1f5130}
`;
