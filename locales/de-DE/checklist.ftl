# Texte der druckbaren Checkliste (render).

checklist = Checkliste
labelled = { $label }: { $text }
step = Schritt { $number }
done = Erledigt
# Die Felder des Durchgangs, auf Papier von Hand ausgefüllt: welcher Mandant, wer die Arbeit ausführt, wann sie
# beginnt; und am Ende die Abnahme des ganzen Verfahrens.
tenant = Mandant
performed-by = Ausgeführt von
started = Begonnen am
sign-off = Abnahme
completed-by = Abgeschlossen von
approved-by = Genehmigt von
initials = Kürzel
date = Datum
prerequisites = Bevor Sie beginnen
notes = Notizen
links = Links
applies-to = Gilt für: { $moniker }
# Tabbed content: alternatives, each under its tab's name, of which the reader follows one.
tabs = Eine Möglichkeit wählen
generated = Erstellt aus { $source } am { $date }
article-date = Datum des Artikels: { $date }
revision = Revision { $revision }
progress = { $done } von { $total } { $total ->
    [one] Schritt
   *[other] Schritten
} erledigt
checked = Geprüft am { $date } im Mandanten { $tenant }{ checked-as }
checked-replayed = Geprüft am { $date } im Mandanten { $tenant }{ checked-as }, wiedergegeben aus der Aufzeichnung { $record }
# Als wer die Prüfungen liefen, wenn die Ergebnisse es sagen ($kind application, user oder unknown; $who ist "Name (ID)").
checked-as = { $kind ->
    [application] {" "}als Anwendung { $who }
    [user] {" "}als Benutzer { $who }
   *[other] {""}
}
status-done = Erledigt
status-not-done = Nicht erledigt
status-unknown = Unbekannt
status-manual = Von Hand prüfen
evidence = Nachweis
image = Bild: { $alt }
image-without-text = Bild
video = Video
include-missing = (eingebundener Inhalt fehlt: { $path })
# A `:::code` snippet whose file was not read: the file it shows.
code-snippet = Code: { $path }
alert-NOTE = Hinweis
alert-TIP = Tipp
alert-IMPORTANT = Wichtig
alert-CAUTION = Vorsicht
alert-WARNING = Warnung
# Ein Datum und eine Uhrzeit (UTC): $time ist 09:30; $hour (9) und $minute (30) für Sprachen, die sie getrennt schreiben.
date-time = { $date } um { $time } UTC
date-long = { $day }. { $month } { $year }
month-1 = Januar
month-2 = Februar
month-3 = März
month-4 = April
month-5 = Mai
month-6 = Juni
month-7 = Juli
month-8 = August
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Dezember
