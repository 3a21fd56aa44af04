# UI strings of the printable checklist (render).

checklist = Checklist
labelled = { $label }: { $text }
step = Step { $number }
done = Done
# The run's own fields, filled in by hand on paper: which tenant, who did the work, when it began; and the sign-off
# of the whole procedure at its end.
tenant = Tenant
performed-by = Performed by
started = Started
sign-off = Sign-off
completed-by = Completed by
approved-by = Approved by
initials = Initials
date = Date
prerequisites = Before you begin
notes = Notes
links = Links
applies-to = Applies to: { $moniker }
# Tabbed content: alternatives, each under its tab's name, of which the reader follows one.
tabs = Choose one
generated = Generated from { $source } on { $date }
article-date = Article date: { $date }
revision = Revision { $revision }
progress = { $done } of { $total } { $total ->
    [one] step
   *[other] steps
} done
checked = Checked on { $date } against tenant { $tenant }{ checked-as }
checked-replayed = Checked on { $date } against tenant { $tenant }{ checked-as }, replayed from the record { $record }
# Who the checks ran as, when the results say ($kind application, user or unknown; $who is "name (id)").
checked-as = { $kind ->
    [application] {" "}as application { $who }
    [user] {" "}as user { $who }
   *[other] {""}
}
status-done = Done
status-not-done = Not done
status-unknown = Unknown
status-manual = Check by hand
evidence = Evidence
image = Image: { $alt }
image-without-text = Image
video = Video
include-missing = (included content missing: { $path })
# A `:::code` snippet whose file was not read: the file it shows.
code-snippet = Code: { $path }
alert-NOTE = Note
alert-TIP = Tip
alert-IMPORTANT = Important
alert-CAUTION = Caution
alert-WARNING = Warning
# A date and a time of day (UTC): $time is 09:30; $hour (9) and $minute (30) for locales that write them apart.
date-time = { $date } at { $time } UTC
date-long = { $month } { $day }, { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
