# Mensajes de `checkdown verify`: pruebas y motivos, una línea cada uno en el informe.

verify-heading = Inquilino { $tenant } ({ $cloud }), comprobado el { $checked }
# Con qué identidad se ejecutaron las comprobaciones, según el token de acceso; $who es "nombre (id)", $in_tenant indica
# si se conoce $tenant.
verify-signed-in = { $kind ->
        [application] Sesión iniciada como aplicación { $who }
        [user] Sesión iniciada como usuario { $who }
       *[other] Sesión iniciada, pero checkdown no ha podido determinar con qué identidad
    }{ $in_tenant ->
        [true] {" "}en el inquilino { $tenant }
       *[other] {""}
    }
verify-hosts = Respuestas de { $hosts }, que no son los hosts propios de la nube { $cloud }
verify-replayed = Reproducido a partir de { $record }, grabado el { $checked }: esta vez no se ha leído nada del inquilino
verify-no-check = No hay ninguna comprobación vinculada a este paso: compruébelo manualmente.
verify-evidence-separator = {". "}

## Por qué una lectura no ha devuelto nada (mensajes del propio motor).

verify-denied = { $request } se ha rechazado ({ $code }): { $code ->
        [Authentication_RequestFromUnsupportedUserRole] el rol de directorio del usuario que ha iniciado sesión no lo permite
       *[other] a la aplicación le falta el permiso { $permission }
    }
verify-http-error = Error en { $request }: { $status } { $code } { $message }
verify-redirected = { $request } se ha redirigido ({ $status }) { $located ->
        [true] a { $host }
       *[other] sin indicar adónde
    }: Microsoft Graph responde directamente a las lecturas, así que checkdown no sigue redirecciones y no ha leído nada
verify-throttled = { $request } seguía respondiendo { $status } después de { $attempts ->
        [one] { $attempts } intento
       *[other] { $attempts } intentos
    }; vuelva a intentarlo más tarde
verify-no-answer = { $request } no ha recibido respuesta: { $error } ({ $attempts ->
        [one] { $attempts } intento
       *[other] { $attempts } intentos
    })
verify-not-recorded = { $request } no está en la grabación que se reproduce: no se ha leído nada para esta solicitud
verify-foreign-answer = { $request } respondió { $status } con { $body ->
        [empty] un cuerpo vacío
        [typed] { $type } «{ $excerpt }»
       *[untyped] un cuerpo sin tipo declarado, «{ $excerpt }»
    }, que no es una respuesta de Microsoft: quizá respondió en su lugar un proxy o una puerta de enlace intermedia
verify-malformed = { $request } ha devuelto una respuesta inesperada: { $detail }
verify-paging = { $request } no se ha podido leer hasta el final: { $detail }
verify-expression-failed = Ha fallado una expresión de comprobación: { $error }
verify-read-fallback = Datos leídos de { $fallback } porque { $request } ha respondido { $status }
verify-fallback-failed = { $failure }; la lectura de reserva también ha fallado: { $fallback }
verify-sample-failed = { $checked ->
        [one] No se ha podido leer el único elemento comprobado
       *[other] Elementos comprobados que no se han podido leer: { $failed } de { $checked }
    }
verify-tenant-not-found = No se ha encontrado el inquilino { $tenant } (AADSTS90002): no se ha podido leer nada
verify-tenant-gone = El inquilino { $tenant } ya no existe (AADSTS90002); antes se había visto activo en la nube { $cloud }
verify-deleted-nothing-left = El inquilino { $tenant } se ha eliminado (AADSTS90002, y antes se vio activo): no queda nada de él
verify-tenant-never-seen = No se ha encontrado el inquilino { $tenant } (AADSTS90002) en la nube { $cloud }, pero esta herramienta nunca lo ha visto activo: un inquilino mal escrito o una nube equivocada dan la misma respuesta
verify-tenant-alive = El inquilino { $tenant } sigue existiendo
verify-tenant-alive-by-id = El inquilino { $tenant } ya no se resuelve (AADSTS90002), pero su identificador de inquilino { $id } sigue respondiendo: el inquilino existe (un nombre de dominio eliminado ya no conduce a él)
verify-tenant-id-gone = Tampoco se encuentra su identificador de inquilino { $id }
verify-tenant-id-not-remembered = No se ha encontrado el inquilino { $tenant } (AADSTS90002), pero esta herramienta no recuerda su identificador de inquilino para confirmar que el inquilino ya no existe (un nombre de dominio eliminado da la misma respuesta): vuelva a ejecutar la comprobación con --tenant seguido del identificador de inquilino
verify-tenant-id-check-failed = No se ha encontrado el inquilino { $tenant } (AADSTS90002) y no se ha podido comprobar su identificador de inquilino { $id }: { $failure }
verify-tenant-contradiction = El documento de detección del servicio de inicio de sesión indica que el inquilino { $tenant } existe, pero su punto de conexión de token responde AADSTS90002 (inquilino no encontrado): no se puede determinar si el inquilino se ha eliminado
verify-tenant-token-not-found = El punto de conexión de token responde AADSTS90002 (inquilino { $tenant } no encontrado), pero el documento de detección no ha podido confirmarlo: { $failure }

## Cerrar su cuenta (content/checks/close-your-account.yaml).

verify-users-undecided = La lista de usuarios está incompleta: no se puede determinar cuántos usuarios quedan
verify-users-only-admin = Solo queda { $name }{ $admin ->
        [true] , que es administrador global
       *[other] , que no es administrador global: según el artículo, hay que conservar un administrador global para terminar de cerrar la cuenta
    }
verify-users-none-left = No queda ningún usuario, ni siquiera el administrador global que, según el artículo, hay que conservar para terminar de cerrar la cuenta
verify-users-left = { $count ->
        [one] Queda { $count } usuario
       *[other] Quedan { $count } usuarios
    }, cuando solo debería quedar un administrador global; los demás: { $names }{ $unlisted ->
        [0] {""}
       *[other] {" "}y { $unlisted } más
    }
verify-users-count-lags = El recuento de usuarios sigue indicando { $count }, mientras que la lista tiene { $listed } (el índice del recuento va con retraso)
verify-users-synced = { $more ->
        [true] Al menos {""}
       *[other] {""}
    }{ $count ->
        [one] { $count } usuario se sincroniza
       *[other] { $count } usuarios se sincronizan
    } desde el entorno local (eliminar en el entorno local o desactivar antes la sincronización): { $names }
verify-directory-sync-on = La sincronización de directorios sigue activada: desactívela primero
verify-subscriptions-undecided = No se han podido leer todas las suscripciones, o una tiene un estado que esta herramienta no conoce
verify-subscriptions-active = { $count ->
        [one] { $count } suscripción sigue activa
       *[other] { $count } suscripciones siguen activas
    }: { $names }
verify-subscriptions-none-active = { $count ->
        [0] No hay ninguna suscripción
       *[other] No hay ninguna suscripción activa ({ $count } en total)
    }
verify-subscriptions-unknown-status = { $count ->
        [one] { $count } suscripción tiene un estado que Microsoft Graph no documenta ({ $statuses }), por lo que se desconoce si está activa o eliminada
       *[other] { $count } suscripciones tienen un estado que Microsoft Graph no documenta ({ $statuses }), por lo que se desconoce si están activas o eliminadas
    }: { $names }
verify-subscriptions-no-status = { $count ->
        [one] { $count } suscripción no tiene estado, por lo que se desconoce si está activa o eliminada
       *[other] { $count } suscripciones no tienen estado, por lo que se desconoce si están activas o eliminadas
    }: { $names }
verify-subscriptions-remaining = { $count ->
        [one] { $count } suscripción aún no se ha eliminado
       *[other] { $count } suscripciones aún no se han eliminado
    }: { $names }
verify-subscriptions-all-deleted = { $count ->
        [0] No hay ninguna suscripción
        [one] La única suscripción está eliminada
       *[other] Todas las suscripciones están eliminadas ({ $count } en total)
    }
verify-subscriptions-deletion-pending = Microsoft eliminará { $count ->
        [one] la suscripción deshabilitada en su próxima fecha de ciclo de vida ({ $date })
       *[other] las { $count } suscripciones deshabilitadas en sus próximas fechas de ciclo de vida (la primera, el { $date })
    }; una suscripción eliminada en las últimas 72 horas sigue apareciendo como deshabilitada
verify-mfa-all-disabled = { $checked ->
        [0] Aparte del administrador global que se conserva, no hay ningún usuario cuya MFA por usuario deba comprobarse
        [one] La MFA por usuario está deshabilitada para el usuario comprobado
       *[other] La MFA por usuario está deshabilitada para los { $checked } usuarios comprobados
    }
verify-mfa-on = La MFA por usuario sigue activa para { $count ->
        [one] { $count } usuario
       *[other] { $count } usuarios
    }{ $limited ->
        [true] {" "}de los { $checked } comprobados (una muestra: puede haber más)
       *[other] {""}
    }: { $names }
verify-mfa-unexpected = No se puede leer el estado de la MFA por usuario de { $count ->
        [one] { $count } usuario
       *[other] { $count } usuarios
    }: { $names }
verify-sample-limited = { $total ->
        [one] { $checked } de { $total } usuario comprobado
       *[other] { $checked } de { $total } usuarios comprobados
    }; termine primero el paso 1
verify-blocker-users = Impedimento: quedan { $count } usuarios
verify-blocker-subscriptions = Impedimento: { $count ->
        [one] { $count } suscripción no se ha eliminado
       *[other] { $count } suscripciones no se han eliminado
    }
verify-blocker-applications = Impedimento: { $count ->
        [one] { $count } aplicación está registrada
       *[other] { $count } aplicaciones están registradas
    }
