# Meldungen von `checkdown verify`: Nachweise und Gründe, je eine Zeile im Bericht.

verify-heading = Mandant { $tenant } ({ $cloud }), geprüft am { $checked }
# Als wer die Prüfungen liefen, laut Zugriffstoken; $who ist "Name (ID)", $in_tenant sagt, ob $tenant bekannt ist.
verify-signed-in = { $kind ->
        [application] Angemeldet als Anwendung { $who }
        [user] Angemeldet als Benutzer { $who }
       *[other] Angemeldet, aber checkdown konnte nicht feststellen, als wer
    }{ $in_tenant ->
        [true] {" "}im Mandanten { $tenant }
       *[other] {""}
    }
verify-hosts = Antworten von { $hosts }, die nicht die Hosts der Cloud { $cloud } sind
verify-replayed = Wiedergegeben aus { $record }, aufgezeichnet am { $checked }: jetzt wurde nichts aus dem Mandanten gelesen
verify-no-check = An diesen Schritt ist keine Prüfung gebunden: prüfen Sie ihn von Hand.
verify-evidence-separator = {". "}

## Warum ein Lesevorgang nichts ergab (Meldungen der Prüfmaschine).

verify-denied = { $request } wurde abgelehnt ({ $code }): { $code ->
        [Authentication_RequestFromUnsupportedUserRole] die Verzeichnisrolle des angemeldeten Benutzers erlaubt es nicht
       *[other] der App fehlt die Berechtigung { $permission }
    }
verify-http-error = { $request } ist fehlgeschlagen: { $status } { $code } { $message }
verify-redirected = { $request } wurde umgeleitet ({ $status }) { $located ->
        [true] nach { $host }
       *[other] ohne Angabe, wohin
    }: Microsoft Graph beantwortet Lesevorgänge selbst, daher folgt checkdown keinen Umleitungen und hat nichts gelesen
verify-throttled = { $request } antwortete nach { $attempts ->
        [one] { $attempts } Versuch
       *[other] { $attempts } Versuchen
    } immer noch mit { $status }; versuchen Sie es später erneut
verify-no-answer = { $request } erhielt keine Antwort: { $error } ({ $attempts ->
        [one] { $attempts } Versuch
       *[other] { $attempts } Versuche
    })
verify-not-recorded = { $request } fehlt in der wiedergegebenen Aufzeichnung: dafür wurde nichts gelesen
verify-foreign-answer = { $request } antwortete { $status } mit { $body ->
        [empty] einem leeren Inhalt
        [typed] { $type } „{ $excerpt }“
       *[untyped] einem Inhalt ohne angegebenen Typ, „{ $excerpt }“
    }; das ist keine Antwort von Microsoft: Vermutlich hat ein Proxy oder Gateway dazwischen an seiner Stelle geantwortet
verify-malformed = { $request } lieferte eine unerwartete Antwort: { $detail }
verify-paging = { $request } konnte nicht bis zum Ende gelesen werden: { $detail }
verify-expression-failed = Ein Prüfausdruck ist fehlgeschlagen: { $error }
verify-read-fallback = Gelesen aus { $fallback }, weil { $request } mit { $status } antwortete
verify-fallback-failed = { $failure }; auch die Ausweichquelle ist fehlgeschlagen: { $fallback }
verify-sample-failed = { $checked ->
        [one] Das geprüfte Element konnte nicht gelesen werden
       *[other] { $failed } der { $checked } geprüften Elemente konnten nicht gelesen werden
    }
verify-tenant-not-found = Der Mandant { $tenant } wurde nicht gefunden (AADSTS90002): nichts konnte gelesen werden
verify-tenant-gone = Der Mandant { $tenant } existiert nicht mehr (AADSTS90002); er wurde zuvor in der Cloud { $cloud } aktiv gesehen
verify-deleted-nothing-left = Der Mandant { $tenant } ist gelöscht (AADSTS90002, zuvor aktiv gesehen): von ihm ist nichts übrig
verify-tenant-never-seen = Der Mandant { $tenant } wurde in der Cloud { $cloud } nicht gefunden (AADSTS90002), aber dieses Werkzeug hat ihn nie aktiv gesehen: ein Tippfehler oder die falsche Cloud ergeben dieselbe Antwort
verify-tenant-alive = Der Mandant { $tenant } existiert noch
verify-tenant-alive-by-id = Der Name { $tenant } führt zu keinem Mandanten mehr (AADSTS90002), aber seine Mandanten-ID { $id } antwortet noch: der Mandant existiert (ein entfernter Domänenname führt nicht mehr zu ihm)
verify-tenant-id-gone = Auch seine Mandanten-ID { $id } wird nicht gefunden
verify-tenant-id-not-remembered = Der Mandant { $tenant } wurde nicht gefunden (AADSTS90002), aber dieses Werkzeug kennt seine Mandanten-ID nicht, um die Löschung zu bestätigen (ein entfernter Domänenname antwortet genauso): führen Sie die Prüfung erneut mit --tenant und der Mandanten-ID aus
verify-tenant-id-check-failed = Der Mandant { $tenant } wurde nicht gefunden (AADSTS90002), und seine Mandanten-ID { $id } konnte nicht geprüft werden: { $failure }
verify-tenant-contradiction = Das Ermittlungsdokument des Anmeldedienstes sagt, dass der Mandant { $tenant } existiert, aber sein Token-Endpunkt antwortet AADSTS90002 (Mandant nicht gefunden): ob der Mandant gelöscht ist, lässt sich nicht sagen
verify-tenant-token-not-found = Der Token-Endpunkt antwortet AADSTS90002 (Mandant { $tenant } nicht gefunden), aber das Ermittlungsdokument konnte es nicht bestätigen: { $failure }

## Konto schließen (content/checks/close-your-account.yaml).

verify-users-undecided = Die Benutzerliste ist unvollständig: wie viele Benutzer bleiben, lässt sich nicht sagen
verify-users-only-admin = Nur { $name } ist noch vorhanden{ $admin ->
        [true] , ein globaler Administrator
       *[other] , aber kein globaler Administrator: der Artikel behält einen globalen Administrator, um die Kontoschließung abzuschließen
    }
verify-users-none-left = Kein Benutzer ist mehr vorhanden, nicht einmal der globale Administrator, den der Artikel behält, um die Kontoschließung abzuschließen
verify-users-left = { $count ->
        [one] { $count } Benutzer vorhanden
       *[other] { $count } Benutzer vorhanden
    }, wo nur ein globaler Administrator bleiben sollte; die anderen: { $names }{ $unlisted ->
        [0] {""}
       *[other] {" "}und { $unlisted } weitere
    }
verify-users-count-lags = Die Benutzerzählung nennt noch { $count }, die Liste aber { $listed } (der Zählindex hinkt hinterher)
verify-users-synced = { $more ->
        [true] Mindestens {""}
       *[other] {""}
    }{ $count ->
        [one] { $count } Benutzer wird
       *[other] { $count } Benutzer werden
    } aus dem lokalen Verzeichnis synchronisiert (lokal löschen oder zuerst die Synchronisierung deaktivieren): { $names }
verify-directory-sync-on = Die Verzeichnissynchronisierung ist noch aktiv: deaktivieren Sie sie zuerst
verify-subscriptions-undecided = Die Abonnements konnten nicht alle gelesen werden, oder eines hat einen Status, den dieses Werkzeug nicht kennt
verify-subscriptions-active = { $count ->
        [one] { $count } Abonnement ist
       *[other] { $count } Abonnements sind
    } noch aktiv: { $names }
verify-subscriptions-none-active = { $count ->
        [0] Überhaupt kein Abonnement
       *[other] Kein aktives Abonnement ({ $count } insgesamt)
    }
verify-subscriptions-unknown-status = { $count ->
        [one] { $count } Abonnement hat einen Status, den Microsoft Graph nicht dokumentiert ({ $statuses }); ob es aktiv oder gelöscht ist, ist daher unbekannt
       *[other] { $count } Abonnements haben einen Status, den Microsoft Graph nicht dokumentiert ({ $statuses }); ob sie aktiv oder gelöscht sind, ist daher unbekannt
    }: { $names }
verify-subscriptions-no-status = { $count ->
        [one] { $count } Abonnement hat keinen Status; ob es aktiv oder gelöscht ist, ist daher unbekannt
       *[other] { $count } Abonnements haben keinen Status; ob sie aktiv oder gelöscht sind, ist daher unbekannt
    }: { $names }
verify-subscriptions-remaining = { $count ->
        [one] { $count } Abonnement ist
       *[other] { $count } Abonnements sind
    } noch nicht gelöscht: { $names }
verify-subscriptions-all-deleted = { $count ->
        [0] Überhaupt kein Abonnement
        [one] Das einzige Abonnement ist gelöscht
       *[other] Alle Abonnements sind gelöscht ({ $count } insgesamt)
    }
verify-subscriptions-deletion-pending = Microsoft löscht { $count ->
        [one] das deaktivierte Abonnement an seinem nächsten Lebenszyklusdatum ({ $date })
       *[other] die { $count } deaktivierten Abonnements an ihren nächsten Lebenszyklusdaten (das erste am { $date })
    }; ein in den letzten 72 Stunden gelöschtes Abonnement erscheint noch als deaktiviert
verify-mfa-all-disabled = { $checked ->
        [0] Außer dem globalen Administrator, der bleibt, muss kein Benutzer auf die benutzerbezogene MFA geprüft werden
        [one] Die benutzerbezogene MFA ist für den geprüften Benutzer deaktiviert
       *[other] Die benutzerbezogene MFA ist für alle { $checked } geprüften Benutzer deaktiviert
    }
verify-mfa-on = Die benutzerbezogene MFA ist noch aktiv für { $count ->
        [one] { $count } Benutzer
       *[other] { $count } Benutzer
    }{ $limited ->
        [true] {" "}von { $checked } geprüften (eine Stichprobe: weitere können sie auch haben)
       *[other] {""}
    }: { $names }
verify-mfa-unexpected = MFA-Status nicht lesbar für { $count ->
        [one] { $count } Benutzer
       *[other] { $count } Benutzer
    }: { $names }
verify-sample-limited = { $total ->
        [one] { $checked } von { $total } Benutzer geprüft
       *[other] { $checked } von { $total } Benutzern geprüft
    }; schließen Sie zuerst Schritt 1 ab
verify-blocker-users = Hindernis: { $count ->
        [one] { $count } Benutzer ist
       *[other] { $count } Benutzer sind
    } noch vorhanden
verify-blocker-subscriptions = Hindernis: { $count ->
        [one] { $count } Abonnement ist
       *[other] { $count } Abonnements sind
    } nicht gelöscht
verify-blocker-applications = Hindernis: { $count ->
        [one] { $count } Anwendung ist
       *[other] { $count } Anwendungen sind
    } registriert
