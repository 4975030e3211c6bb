/** The insight page: a static shell; the figures come from /desk/api/insight after login. */
import { renderDeskShell } from '../page-shell';

const NAV = `<nav aria-label="Bereiche"><ul class="nav"><li><a href="/desk">Fälle</a></li><li><a href="/desk/insight" aria-current="page">Auswertung</a></li></ul></nav>`;

const SECTIONS = `  <section id="insight" aria-labelledby="insight-h" hidden>
    <h2 id="insight-h">Was in den Gesprächen passiert</h2>
    <p class="hint">Berechnet aus dem Prüfprotokoll, ohne personenbezogene Daten: keine Namen, Werte oder Nachrichten; Stichwörter nur, wenn mindestens drei Gespräche sie enthalten.</p>
    <form id="insight-form" class="filters" aria-label="Auswertung filtern">
      <p><label for="i-from">Von (Tag)</label><input id="i-from" type="date"></p>
      <p><label for="i-to">Bis (Tag)</label><input id="i-to" type="date"></p>
      <p><label for="i-service">Dienst</label><select id="i-service"><option value="">alle Dienste</option></select></p>
      <p><label for="i-version">Version der Definition</label><select id="i-version"><option value="">alle Versionen</option></select></p>
      <p><button type="submit">Anzeigen</button> <button type="button" id="csv">Als CSV herunterladen</button></p>
    </form>
    <p id="insight-status" role="status" aria-live="polite"></p>
    <div id="charts"></div>
  </section>`;

export function renderInsightPage(): string {
  return renderDeskShell({ title: 'Auswertung', script: '/assets/desk-insight.js', nav: NAV, sections: SECTIONS });
}
