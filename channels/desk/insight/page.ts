/** The insight page: a static shell; the figures come from /desk/api/insight after login. */
export function renderInsightPage(): string {
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>amtsweg – Auswertung</title>
<link rel="stylesheet" href="/assets/desk.css">
<script src="/assets/desk-insight.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Zum Inhalt springen</a>
<header><h1>amtsweg – Auswertung</h1><p id="who" aria-live="polite"></p>
  <nav aria-label="Bereiche"><ul class="nav"><li><a href="/desk">Fälle</a></li><li><a href="/desk/insight" aria-current="page">Auswertung</a></li></ul></nav>
</header>
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
  <section id="insight" aria-labelledby="insight-h" hidden>
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
  </section>
</main>
</body>
</html>`;
}
