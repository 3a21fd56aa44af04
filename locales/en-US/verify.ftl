# Messages of `checkdown verify`: evidence and reasons, one line each in the report.

verify-heading = Tenant { $tenant } ({ $cloud }), checked { $checked }
# Who the checks ran as, from the access token; $who is "name (id)", $in_tenant says whether $tenant is known.
verify-signed-in = { $kind ->
        [application] Signed in as application { $who }
        [user] Signed in as user { $who }
       *[other] Signed in, but checkdown could not tell as whom
    }{ $in_tenant ->
        [true] {" "}in tenant { $tenant }
       *[other] {""}
    }
verify-hosts = Answers from { $hosts }, which are not the { $cloud } cloud's own hosts
verify-replayed = Replayed from { $record }, recorded on { $checked }: nothing was read from the tenant now
verify-no-check = No check is bound to this step: check it by hand.
verify-evidence-separator = {". "}

## Why a read gave nothing (the engine's own messages).

verify-denied = { $request } was refused ({ $code }): { $code ->
        [Authentication_RequestFromUnsupportedUserRole] the signed-in user's directory role does not allow it
       *[other] the app lacks the { $permission } permission
    }
verify-http-error = { $request } failed: { $status } { $code } { $message }
verify-redirected = { $request } was redirected ({ $status }) { $located ->
        [true] to { $host }
       *[other] without saying where
    }: Microsoft Graph answers reads itself, so checkdown does not follow redirects and read nothing
verify-throttled = { $request } still answered { $status } after { $attempts ->
        [one] { $attempts } attempt
       *[other] { $attempts } attempts
    }; try again later
verify-no-answer = { $request } got no answer: { $error } ({ $attempts ->
        [one] { $attempts } attempt
       *[other] { $attempts } attempts
    })
verify-not-recorded = { $request } is not in the record being replayed: nothing was read for it
verify-foreign-answer = { $request } answered { $status } with { $body ->
        [empty] an empty body
        [typed] { $type } "{ $excerpt }"
       *[untyped] a body of no declared type, "{ $excerpt }"
    }, which is not Microsoft's answer: a proxy or gateway in between may have answered instead
verify-malformed = { $request } gave an unexpected answer: { $detail }
verify-paging = { $request } could not be read to the end: { $detail }
verify-expression-failed = A check expression failed: { $error }
verify-read-fallback = Read from { $fallback } because { $request } answered { $status }
verify-fallback-failed = { $failure }; the fallback failed too: { $fallback }
verify-sample-failed = { $checked ->
        [one] The { $checked } item checked could not be read
       *[other] { $failed } of the { $checked } items checked could not be read
    }
verify-tenant-not-found = Tenant { $tenant } was not found (AADSTS90002): nothing could be read
verify-tenant-gone = Tenant { $tenant } is gone (AADSTS90002) and was seen alive before on the { $cloud } cloud
verify-deleted-nothing-left = Tenant { $tenant } is deleted (AADSTS90002, and seen alive before): nothing of it is left
verify-tenant-never-seen = Tenant { $tenant } was not found (AADSTS90002) on the { $cloud } cloud, but this tool never saw it alive: a mistyped tenant or the wrong cloud look the same
verify-tenant-alive = Tenant { $tenant } still exists
verify-tenant-alive-by-id = Tenant { $tenant } no longer resolves (AADSTS90002), but its tenant id { $id } still answers: the tenant exists (a removed domain name no longer leads to it)
verify-tenant-id-gone = Its tenant id { $id } is not found either
verify-tenant-id-not-remembered = Tenant { $tenant } was not found (AADSTS90002), but this tool does not remember its tenant id to confirm the tenant is gone (a removed domain name answers the same): run again with --tenant set to the tenant id
verify-tenant-id-check-failed = Tenant { $tenant } was not found (AADSTS90002), and its tenant id { $id } could not be checked: { $failure }
verify-tenant-contradiction = The login host's discovery document says tenant { $tenant } exists, but its token endpoint answers AADSTS90002 (tenant not found): cannot tell whether the tenant is deleted
verify-tenant-token-not-found = The token endpoint answers AADSTS90002 (tenant { $tenant } not found), but the discovery document could not confirm it: { $failure }

## Close your account (content/checks/close-your-account.yaml).

verify-users-undecided = The user listing is incomplete: cannot tell how many users remain
verify-users-only-admin = Only { $name } is left{ $admin ->
        [true] , a Global Administrator
       *[other] , and is not a Global Administrator: the article keeps one Global Administrator to finish closing the account
    }
verify-users-none-left = No user is left, not even the Global Administrator the article keeps to finish closing the account
verify-users-left = { $count ->
        [one] { $count } user left
       *[other] { $count } users left
    }, where only one Global Administrator should remain; the others: { $names }{ $unlisted ->
        [0] {""}
       *[other] {" "}and { $unlisted } more
    }
verify-users-count-lags = The user count still says { $count } while the listing has { $listed } (the count index lags)
verify-users-synced = { $more ->
        [true] At least {""}
       *[other] {""}
    }{ $count ->
        [one] { $count } user is
       *[other] { $count } users are
    } synchronized from on-premises (delete on-premises, or turn off sync first): { $names }
verify-directory-sync-on = Directory synchronization is still on: turn it off first
verify-subscriptions-undecided = The subscriptions could not all be read, or one has a status this tool does not know
verify-subscriptions-active = { $count ->
        [one] { $count } subscription is
       *[other] { $count } subscriptions are
    } still active: { $names }
verify-subscriptions-none-active = { $count ->
        [0] No subscription at all
       *[other] No active subscription ({ $count } in all)
    }
verify-subscriptions-unknown-status = { $count ->
        [one] { $count } subscription has a status Microsoft Graph does not document ({ $statuses }), so whether it is active or deleted is unknown
       *[other] { $count } subscriptions have a status Microsoft Graph does not document ({ $statuses }), so whether they are active or deleted is unknown
    }: { $names }
verify-subscriptions-no-status = { $count ->
        [one] { $count } subscription has no status, so whether it is active or deleted is unknown
       *[other] { $count } subscriptions have no status, so whether they are active or deleted is unknown
    }: { $names }
verify-subscriptions-remaining = { $count ->
        [one] { $count } subscription is
       *[other] { $count } subscriptions are
    } not deleted yet: { $names }
verify-subscriptions-all-deleted = { $count ->
        [0] No subscription at all
        [one] The only subscription is deleted
       *[other] Every subscription is deleted ({ $count } in all)
    }
verify-subscriptions-deletion-pending = Microsoft deletes { $count ->
        [one] the disabled subscription on its next lifecycle date ({ $date })
       *[other] the { $count } disabled subscriptions on their next lifecycle dates (the first on { $date })
    }; a subscription deleted in the last 72 hours still shows as disabled
verify-mfa-all-disabled = { $checked ->
        [0] No user other than the Global Administrator who stays needs checking for per-user MFA
        [one] Per-user MFA is disabled for the { $checked } user checked
       *[other] Per-user MFA is disabled for all { $checked } users checked
    }
verify-mfa-on = Per-user MFA is still on for { $count ->
        [one] { $count } user
       *[other] { $count } users
    }{ $limited ->
        [true] {" "}of the { $checked } checked (a sample: others may have it too)
       *[other] {""}
    }: { $names }
verify-mfa-unexpected = Per-user MFA state unreadable for { $count ->
        [one] { $count } user
       *[other] { $count } users
    }: { $names }
verify-sample-limited = { $total ->
        [one] { $checked } of { $total } user checked
       *[other] { $checked } of { $total } users checked
    }; finish step 1 first
verify-blocker-users = Blocker: { $count } users remain
verify-blocker-subscriptions = Blocker: { $count ->
        [one] { $count } subscription is
       *[other] { $count } subscriptions are
    } not deleted
verify-blocker-applications = Blocker: { $count ->
        [one] { $count } application is
       *[other] { $count } applications are
    } registered
