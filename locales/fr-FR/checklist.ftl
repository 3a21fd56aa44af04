# Textes de la liste de contrôle imprimable (render).

checklist = Liste de contrôle
labelled = { $label } : { $text }
step = Étape { $number }
done = Fait
# Les champs de l’intervention, remplis à la main sur papier, et la validation de toute la procédure à la fin.
tenant = Locataire
performed-by = Réalisé par
started = Commencé le
sign-off = Validation
completed-by = Terminé par
approved-by = Approuvé par
initials = Initiales
date = Date
prerequisites = Avant de commencer
notes = Notes
links = Liens
applies-to = S’applique à : { $moniker }
# Tabbed content: alternatives, each under its tab's name, of which the reader follows one.
tabs = Au choix
generated = Généré à partir de { $source } le { $date }
article-date = Date de l’article : { $date }
revision = Révision { $revision }
progress = { $done } { $done ->
    [one] étape
   *[other] étapes
} sur { $total } { $done ->
    [one] terminée
   *[other] terminées
}
checked = Vérifié le { $date } sur le locataire { $tenant }{ checked-as }
checked-replayed = Vérifié le { $date } sur le locataire { $tenant }{ checked-as }, rejoué depuis l’enregistrement { $record }
# L’identité sous laquelle les vérifications ont lu le locataire, quand les résultats la donnent.
checked-as = { $kind ->
    [application] {" "}en tant qu’application { $who }
    [user] {" "}en tant qu’utilisateur { $who }
   *[other] {""}
}
status-done = Terminée
status-not-done = Non terminée
status-unknown = État inconnu
status-manual = À vérifier manuellement
evidence = Preuves
image = Image : { $alt }
image-without-text = Image
video = Vidéo
include-missing = (contenu inclus manquant : { $path })
# A `:::code` snippet whose file was not read: the file it shows.
code-snippet = Code : { $path }
alert-NOTE = Remarque
alert-TIP = Conseil
alert-IMPORTANT = Important
alert-CAUTION = Attention
alert-WARNING = Avertissement
# A date and a time of day (UTC): $time is 09:30; $hour (9) and $minute (30) for locales that write them apart.
date-time = { $date } à { $hour } h { $minute } UTC
date-long = { $day ->
    [1] 1er
   *[other] { $day }
} { $month } { $year }
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
