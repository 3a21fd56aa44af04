# Textos de la lista de comprobación imprimible (render).

checklist = Lista de comprobación
labelled = { $label }: { $text }
step = Paso { $number }
done = Hecho
# Los campos de la ejecución, que se rellenan a mano en papel: qué inquilino, quién hizo el trabajo, cuándo empezó; y
# la validación de todo el procedimiento al final.
tenant = Inquilino
performed-by = Realizado por
started = Inicio
sign-off = Validación
completed-by = Completado por
approved-by = Aprobado por
initials = Iniciales
date = Fecha
prerequisites = Antes de empezar
notes = Notas
links = Vínculos
applies-to = Se aplica a: { $moniker }
# Contenido con pestañas: alternativas, cada una bajo el nombre de su pestaña, de las que el lector sigue una.
tabs = Elija una opción
generated = Generado a partir de { $source } el { $date }
article-date = Fecha del artículo: { $date }
revision = Revisión { $revision }
progress = { $done } de { $total } { $total ->
    [one] paso completado
   *[other] pasos completados
}
checked = Comprobado el { $date } en el inquilino { $tenant }{ checked-as }
checked-replayed = Comprobado el { $date } en el inquilino { $tenant }{ checked-as }, reproducido a partir de la grabación { $record }
# Con qué identidad se ejecutaron las comprobaciones, cuando los resultados lo indican ($kind application, user o
# unknown; $who es "nombre (id)").
checked-as = { $kind ->
    [application] {" "}como aplicación { $who }
    [user] {" "}como usuario { $who }
   *[other] {""}
}
status-done = Completado
status-not-done = No completado
status-unknown = Desconocido
status-manual = Comprobar manualmente
evidence = Pruebas
image = Imagen: { $alt }
image-without-text = Imagen
video = Vídeo
include-missing = (falta el contenido incluido: { $path })
# Un fragmento `:::code` cuyo archivo no se ha leído: el archivo que muestra.
code-snippet = Código: { $path }
alert-NOTE = Nota
alert-TIP = Sugerencia
alert-IMPORTANT = Importante
alert-CAUTION = Precaución
alert-WARNING = Advertencia
# Una fecha y una hora del día (UTC): $time es 09:30; $hour (9) y $minute (30) para los idiomas que los escriben por
# separado. En español, «a la» solo ante la 1 («a la 01:05», «a las 09:30»).
date-time = { $date } a { $hour ->
    [1] la
   *[other] las
} { $time } UTC
date-long = { $day } de { $month } de { $year }
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre
