/** The desk page: a static shell; all data comes from the staff-only API after login. */
export function renderDeskPage(): string {
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>amtsweg – Sachbearbeitung</title>
<link rel="stylesheet" href="/assets/desk.css">
<script src="/assets/desk.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Zum Inhalt springen</a>
<header><h1>amtsweg – Sachbearbeitung</h1><p id="who" aria-live="polite"></p></header>
<main id="main" tabindex="-1">
  <section id="login" aria-labelledby="login-h">
    <h2 id="login-h">Anmelden</h2>
    <form id="login-form">
      <p><label for="user">Benutzername (für Passwort-Anmeldung)</label><input id="user" name="user" autocomplete="username"></p>
      <p><label for="secret">Passwort oder Zugangstoken</label><input id="secret" name="secret" type="password" autocomplete="current-password" required></p>
      <p><button type="submit">Anmelden</button></p>
      <p id="login-error" role="alert"></p>
    </form>
  </section>
  <section id="cases" aria-labelledby="cases-h" hidden>
    <h2 id="cases-h">Übergebene Fälle</h2>
    <p><button type="button" id="reload">Liste aktualisieren</button></p>
    <table><caption>Fälle, neueste zuerst</caption>
      <thead><tr><th scope="col">Fall</th><th scope="col">Dienst</th><th scope="col">Kanal</th><th scope="col">Status</th><th scope="col">Grund</th><th scope="col">Bearbeitet von</th></tr></thead>
      <tbody id="case-rows"></tbody>
    </table>
  </section>
  <section id="detail" aria-labelledby="detail-h" hidden tabindex="-1">
    <h2 id="detail-h">Fall</h2>
    <div id="detail-body"></div>
    <form id="answer-form">
      <p><label for="answer">Antwort an die Bürgerin / den Bürger</label><textarea id="answer" rows="4" required></textarea></p>
      <p><button type="button" id="take">Fall übernehmen</button> <button type="submit">Antwort senden</button> <button type="button" id="close">Fall abschließen</button></p>
    </form>
    <p id="detail-status" role="status"></p>
  </section>
</main>
</body>
</html>`;
}

/** Styles of the desk page (served as /assets/desk.css). */
export const DESK_CSS = `
:root{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;background:#fff;line-height:1.5}
body{margin:0 auto;max-width:72rem;padding:0 1rem}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:9}
:focus-visible{outline:3px solid #0b4dad;outline-offset:2px}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #767676;padding:.35rem;text-align:left;vertical-align:top}
button{font:inherit;padding:.4rem .9rem;border:2px solid #0b4dad;background:#0b4dad;color:#fff;border-radius:4px;cursor:pointer}
button.link{background:none;color:#0b4dad;border:none;text-decoration:underline;padding:0}
input,textarea{font:inherit;width:100%;max-width:40rem;border:2px solid #555;border-radius:4px;padding:.35rem;box-sizing:border-box}
label{display:block;font-weight:600}
#login-error,.error{color:#a00000}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}
.msg-citizen{color:#1a1a1a}.msg-assistant{color:#2b3e5a}.msg-staff{color:#1f5130}
`;
