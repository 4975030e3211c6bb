/** The desk page: a static shell; all data comes from the staff-only API after login. */
import { renderDeskShell } from './page-shell';

const NAV = `<nav id="nav" aria-label="Bereiche" hidden><ul class="nav"><li><a href="/desk">Fälle</a></li><li id="insight-link" hidden><a href="/desk/insight">Auswertung</a></li><li><button type="button" id="logout" class="link">Abmelden</button></li></ul></nav>`;

const SECTIONS = `  <section id="cases" aria-labelledby="cases-h" hidden>
    <h2 id="cases-h">Warteschlange</h2>
    <form id="filter-form" class="filters" aria-label="Fälle filtern">
      <p><label for="f-status">Fälle</label><select id="f-status">
        <option value="all">offen (wartend und übernommen)</option><option value="handoff">wartend, nicht übernommen</option>
        <option value="taken">übernommen</option><option value="closed">abgeschlossen oder zurückgegeben</option></select></p>
      <p><label for="f-service">Dienst</label><select id="f-service"><option value="">alle Dienste</option></select></p>
      <p><label for="f-reason">Grund</label><select id="f-reason"><option value="">alle Gründe</option></select></p>
      <p><label for="f-channel">Kanal</label><select id="f-channel"><option value="">alle Kanäle</option></select></p>
      <p class="check"><input type="checkbox" id="f-mine"><label for="f-mine">nur von mir übernommene Fälle</label></p>
      <p><button type="submit">Filter anwenden</button> <button type="button" id="reload">Liste aktualisieren</button></p>
    </form>
    <p id="cases-count" role="status"></p>
    <div class="scroll" tabindex="0" role="region" aria-label="Fallliste (waagerecht scrollbar)"><table><caption>Fälle, am längsten wartende zuerst</caption>
      <thead><tr><th scope="col">Fall</th><th scope="col">Dienst</th><th scope="col">Kanal</th><th scope="col">Grund</th><th scope="col">Eingegangen</th><th scope="col">Wartet seit</th><th scope="col">Bearbeitet von</th></tr></thead>
      <tbody id="case-rows"></tbody>
    </table></div>
  </section>
  <section id="detail" aria-labelledby="detail-h" hidden>
    <h2 id="detail-h" tabindex="-1">Fall</h2>
    <div id="detail-body"></div>
    <p id="detail-status" role="status" aria-live="polite"></p>
    <p id="work-closed" hidden>Dieser Fall liegt nicht (mehr) bei der Sachbearbeitung; Sie können ihn nur lesen. Schreibt die Bürgerin / der Bürger erneut, erscheint er wieder in der Warteschlange.</p>
    <section id="work" aria-labelledby="work-h">
      <h3 id="work-h">Bearbeiten</h3>
      <p id="take-hint"></p>
      <p><button type="button" id="take">Fall übernehmen</button></p>
      <form id="answer-form">
        <p><label for="answer">Antwort an die Bürgerin / den Bürger</label><textarea id="answer" rows="4" required></textarea></p>
        <p><button type="submit">Antwort senden</button></p>
      </form>
      <form id="correct-form">
        <fieldset><legend>Angabe korrigieren</legend>
          <p><label for="c-slot">Angabe</label><select id="c-slot"></select></p>
          <p id="c-value-wrap"><label for="c-value">Neuer Wert</label><input id="c-value" aria-describedby="c-value-hint"></p>
          <p><label for="c-option">Neuer Wert (Auswahl)</label><select id="c-option"></select></p>
          <p id="c-value-hint" class="hint"></p>
          <p><label for="c-reason">Grund der Korrektur (die Bürgerin / der Bürger liest ihn)</label><input id="c-reason" required></p>
          <p><button type="submit">Korrigieren</button></p>
        </fieldset>
      </form>
      <form id="handback-form">
        <p><label for="handback-note">Nachricht vor der Rückgabe (optional)</label><textarea id="handback-note" rows="2"></textarea></p>
        <p><button type="submit">An den Assistenten zurückgeben</button></p>
        <p class="hint">Der Assistent fährt mit den aktuellen Angaben fort, z. B. bis zur Terminbuchung.</p>
      </form>
      <form id="close-form">
        <p><label for="close-note">Abschlussnachricht an die Bürgerin / den Bürger</label><textarea id="close-note" rows="3"></textarea></p>
        <p><button type="submit">Fall abschließen</button></p>
        <p class="hint">Eine spätere Nachricht der Bürgerin / des Bürgers öffnet den Fall wieder in der Warteschlange.</p>
      </form>
    </section>
  </section>`;

export function renderDeskPage(): string {
  return renderDeskShell({ title: 'Sachbearbeitung', script: '/assets/desk.js', nav: NAV, sections: SECTIONS });
}

/** Styles of the desk page (served as /assets/desk.css). */
export const DESK_CSS = `
:root{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;background:#fff;line-height:1.5}
body{margin:0 auto;max-width:80rem;padding:0 1rem}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:9}
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
#login-error,.error{color:#a00000}
dl{display:grid;grid-template-columns:minmax(0,max-content) minmax(0,1fr);gap:.25rem 1rem}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
@media (max-width:40rem){dl{grid-template-columns:minmax(0,1fr)}dd{margin-bottom:.4rem}}
li,td{overflow-wrap:anywhere}
.msg-citizen{color:#1a1a1a}.msg-assistant{color:#2b3e5a}.msg-staff{color:#1f5130}
`;
