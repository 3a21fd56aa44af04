# Messages de `checkdown verify` : preuves et raisons, une ligne chacune dans le rapport.

verify-heading = Locataire { $tenant } ({ $cloud }), vérifié le { $checked }
# L’identité sous laquelle les vérifications ont lu le locataire, d’après le jeton d’accès.
verify-signed-in = { $kind ->
        [application] Connexion en tant qu’application { $who }
        [user] Connexion en tant qu’utilisateur { $who }
       *[other] Connexion établie, mais checkdown n’a pas pu déterminer sous quelle identité
    }{ $in_tenant ->
        [true] {" "}dans le locataire { $tenant }
       *[other] {""}
    }
verify-hosts = Réponses de { $hosts }, qui ne sont pas les hôtes du cloud { $cloud }
verify-replayed = Rejoué depuis { $record }, enregistré le { $checked } : rien n’a été lu sur le locataire maintenant
verify-no-check = Aucune vérification n’est liée à cette étape : vérifiez-la vous-même.
verify-evidence-separator = {". "}

## Pourquoi une lecture n’a rien donné (messages du moteur).

verify-denied = { $request } a été refusée ({ $code }) : { $code ->
        [Authentication_RequestFromUnsupportedUserRole] le rôle d’annuaire de l’utilisateur connecté ne le permet pas
       *[other] il manque à l’application l’autorisation { $permission }
    }
verify-http-error = { $request } a échoué : { $status } { $code } { $message }
verify-redirected = { $request } a été redirigée ({ $status }) { $located ->
        [true] vers { $host }
       *[other] sans indiquer où
    } : Microsoft Graph répond lui-même aux lectures, donc checkdown ne suit pas les redirections et n’a rien lu
verify-throttled = { $request } répond toujours { $status } après { $attempts ->
        [one] { $attempts } tentative
       *[other] { $attempts } tentatives
    } ; réessayez plus tard
verify-no-answer = { $request } n’a pas reçu de réponse : { $error } ({ $attempts ->
        [one] { $attempts } tentative
       *[other] { $attempts } tentatives
    })
verify-not-recorded = { $request } est absente de l’enregistrement rejoué : rien n’a été lu pour elle
verify-foreign-answer = { $request } a répondu { $status } avec { $body ->
        [empty] un corps vide
        [typed] { $type } « { $excerpt } »
       *[untyped] un corps sans type déclaré, « { $excerpt } »
    }, ce qui n’est pas une réponse de Microsoft : un proxy ou une passerelle intermédiaire a peut-être répondu à sa place
verify-malformed = { $request } a donné une réponse inattendue : { $detail }
verify-paging = { $request } n’a pas pu être lue jusqu’au bout : { $detail }
verify-expression-failed = Une expression de vérification a échoué : { $error }
verify-read-fallback = Données lues depuis { $fallback }, car { $request } a répondu { $status }
verify-fallback-failed = { $failure } ; la source de repli a échoué aussi : { $fallback }
verify-sample-failed = { $checked ->
        [one] L’élément vérifié n’a pas pu être lu
       *[other] { $failed ->
            [one] { $failed } élément sur les { $checked } vérifiés n’a pas pu être lu
           *[other] { $failed } éléments sur les { $checked } vérifiés n’ont pas pu être lus
        }
    }
verify-tenant-not-found = Le locataire { $tenant } est introuvable (AADSTS90002) : rien n’a pu être lu
verify-tenant-gone = Le locataire { $tenant } n’existe plus (AADSTS90002) ; il avait été vu actif sur le cloud { $cloud }
verify-deleted-nothing-left = Le locataire { $tenant } est supprimé (AADSTS90002, et vu actif auparavant) : il n’en reste rien
verify-tenant-never-seen = Le locataire { $tenant } est introuvable (AADSTS90002) sur le cloud { $cloud }, mais cet outil ne l’a jamais vu actif : une faute de frappe ou un autre cloud donnent la même réponse
verify-tenant-alive = Le locataire { $tenant } existe encore
verify-tenant-alive-by-id = Le nom { $tenant } ne mène plus à aucun locataire (AADSTS90002), mais son ID de locataire { $id } répond encore : le locataire existe (un nom de domaine supprimé n’y mène plus)
verify-tenant-id-gone = Son ID de locataire { $id } est introuvable lui aussi
verify-tenant-id-not-remembered = Le locataire { $tenant } est introuvable (AADSTS90002), mais cet outil n’a pas retenu son ID de locataire pour confirmer sa suppression (un nom de domaine supprimé donne la même réponse) : relancez avec --tenant suivi de l’ID de locataire
verify-tenant-id-check-failed = Le locataire { $tenant } est introuvable (AADSTS90002), et son ID de locataire { $id } n’a pas pu être vérifié : { $failure }
verify-tenant-contradiction = Le document de découverte du service de connexion dit que le locataire { $tenant } existe, mais son point de terminaison de jeton répond AADSTS90002 (locataire introuvable) : impossible de dire si le locataire est supprimé
verify-tenant-token-not-found = Le point de terminaison de jeton répond AADSTS90002 (locataire { $tenant } introuvable), mais le document de découverte n’a pas pu le confirmer : { $failure }

## Fermer votre compte (content/checks/close-your-account.yaml).

verify-users-undecided = La liste des utilisateurs est incomplète : impossible de dire combien il en reste
verify-users-only-admin = Il ne reste que l’utilisateur { $name }{ $admin ->
        [true] , administrateur général
       *[other] , qui n’est pas administrateur général : l’article demande de conserver un administrateur général pour terminer la fermeture du compte
    }
verify-users-none-left = Il ne reste aucun utilisateur, pas même l’administrateur général que l’article demande de conserver pour terminer la fermeture du compte
verify-users-left = { $count ->
        [one] { $count } utilisateur restant
       *[other] { $count } utilisateurs restants
    }, alors qu’un seul administrateur général doit rester ; les autres : { $names }{ $unlisted ->
        [0] {""}
       *[other] {" "}et { $unlisted } autres
    }
verify-users-count-lags = Le décompte indique encore { $count ->
        [one] { $count } utilisateur
       *[other] { $count } utilisateurs
    } alors que la liste en compte { $listed } (l’index du décompte est en retard)
verify-users-synced = { $more ->
        [true] Au moins {""}
       *[other] {""}
    }{ $count ->
        [one] { $count } utilisateur est synchronisé
       *[other] { $count } utilisateurs sont synchronisés
    } depuis l’annuaire local (à supprimer dans l’annuaire local, ou désactivez d’abord la synchronisation) : { $names }
verify-directory-sync-on = La synchronisation d’annuaire est encore active : désactivez-la d’abord
verify-subscriptions-undecided = Les abonnements n’ont pas tous pu être lus, ou l’un a un état inconnu de cet outil
verify-subscriptions-active = { $count ->
        [one] { $count } abonnement est encore actif
       *[other] { $count } abonnements sont encore actifs
    } : { $names }
verify-subscriptions-none-active = { $count ->
        [0] Aucun abonnement
       *[other] Aucun abonnement actif ({ $count } au total)
    }
verify-subscriptions-unknown-status = { $count ->
        [one] { $count } abonnement a un état que Microsoft Graph ne documente pas ({ $statuses }), on ne peut donc pas savoir s’il est actif ou supprimé
       *[other] { $count } abonnements ont un état que Microsoft Graph ne documente pas ({ $statuses }), on ne peut donc pas savoir s’ils sont actifs ou supprimés
    } : { $names }
verify-subscriptions-no-status = { $count ->
        [one] { $count } abonnement n’a pas d’état, on ne peut donc pas savoir s’il est actif ou supprimé
       *[other] { $count } abonnements n’ont pas d’état, on ne peut donc pas savoir s’ils sont actifs ou supprimés
    } : { $names }
verify-subscriptions-remaining = { $count ->
        [one] { $count } abonnement n’est pas encore supprimé
       *[other] { $count } abonnements ne sont pas encore supprimés
    } : { $names }
verify-subscriptions-all-deleted = { $count ->
        [0] Aucun abonnement
        [one] Le seul abonnement est supprimé
       *[other] Tous les abonnements sont supprimés ({ $count } au total)
    }
verify-subscriptions-deletion-pending = Microsoft supprime { $count ->
        [one] l’abonnement désactivé à sa prochaine date de cycle de vie ({ $date })
       *[other] les { $count } abonnements désactivés à leurs prochaines dates de cycle de vie (la première le { $date })
    } ; un abonnement supprimé depuis moins de 72 heures apparaît encore comme désactivé
verify-mfa-all-disabled = { $checked ->
        [0] Aucun utilisateur à vérifier pour l’authentification multifacteur par utilisateur, hormis l’administrateur général qui reste
        [one] L’authentification multifacteur par utilisateur est désactivée pour l’utilisateur vérifié
       *[other] L’authentification multifacteur par utilisateur est désactivée pour les { $checked } utilisateurs vérifiés
    }
verify-mfa-on = L’authentification multifacteur par utilisateur est encore active pour { $count ->
        [one] { $count } utilisateur
       *[other] { $count } utilisateurs
    }{ $limited ->
        [true] {" "}sur les { $checked } vérifiés (un échantillon : d’autres peuvent l’avoir aussi)
       *[other] {""}
    } : { $names }
verify-mfa-unexpected = État de l’authentification multifacteur illisible pour { $count ->
        [one] { $count } utilisateur
       *[other] { $count } utilisateurs
    } : { $names }
verify-sample-limited = { $checked ->
        [one] { $checked } utilisateur sur { $total } vérifié
       *[other] { $checked } utilisateurs sur { $total } vérifiés
    } ; terminez d’abord l’étape 1
verify-blocker-users = Bloquant : il reste { $count ->
        [one] { $count } utilisateur
       *[other] { $count } utilisateurs
    }
verify-blocker-subscriptions = Bloquant : { $count ->
        [one] { $count } abonnement n’est pas supprimé
       *[other] { $count } abonnements ne sont pas supprimés
    }
verify-blocker-applications = Bloquant : { $count ->
        [one] { $count } application est inscrite
       *[other] { $count } applications sont inscrites
    }
