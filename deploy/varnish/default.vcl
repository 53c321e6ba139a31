# Tapestry's HTTP cache: Varnish in front of the web process, purged by surrogate key (xkey).
#
# What it caches: GET and HEAD of the GraphQL endpoint (/graphql/) and of public images
# (/media/images/, /media/original_images/), and only what the backend itself marks cacheable
# (Cache-Control public, max-age or s-maxage). Everything else goes to the backend untouched.
# Never cached: requests with an Authorization header or a Django session cookie (an editor,
# an admin, a preview), responses with Set-Cookie, Cache-Control private/no-store/no-cache.
# Anonymous requests lose their cookies (csrftoken and the like) so they share one cached copy.
#
# stale-while-revalidate in the backend's Cache-Control is Varnish's grace: an expired answer
# is served while a fresh one is fetched. A purge is a hard purge: the next request is a miss.
#
# Purging: a PURGE request with `xkey-purge: <space-separated keys>` from an address of the
# `purgers` ACL, arriving on any listener but one named "public", removes every object tagged
# with one of those keys and answers 200 with the count (body and `xkey-purged` header).
# Keys come from the backend's Surrogate-Key header.
#
# The deployment's backend and `purgers` ACL live in site.vcl, found through vcl_path:
# deploy/varnish/site.vcl is the compose stack's (web:8000); the tests write their own.
vcl 4.1;

import std;
import xkey;

include "site.vcl";

sub vcl_recv {
    if (req.method == "PURGE") {
        if (local.socket == "public" || client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "A purge names its keys in the xkey-purge header"));
        }
        set req.http.xkey-purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.xkey-purged + " objects"));
    }

    # Only what a reader of the public API may share with everyone else.
    if (req.url !~ "^/(graphql/|media/(images|original_images)/)") {
        return (pass);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    unset req.http.Cookie;
    # The same query with its parameters in another order is the same answer.
    set req.url = std.querysort(req.url);
    return (hash);
}

sub vcl_hit {
    if (obj.ttl <= 0s) {
        # Served from grace (stale-while-revalidate) while a fresh copy is fetched.
        set req.http.x-cache = "HIT-STALE";
    } else {
        set req.http.x-cache = "HIT";
    }
}

sub vcl_miss {
    set req.http.x-cache = "MISS";
}

sub vcl_pass {
    set req.http.x-cache = "PASS";
}

sub vcl_backend_response {
    # Only what the backend says may be shared, and never what it marks private.
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)"
        || beresp.http.Cache-Control !~ "(?i)(public|max-age|s-maxage)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # The backend's surrogate keys become the object's xkeys, purgeable one by one.
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    return (deliver);
}

sub vcl_deliver {
    # Keys are for Varnish only. Cache-Tag stays: it is the header a CDN in front of
    # Varnish (Cloudflare) tags its own copies with, and that CDN removes it in turn.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    set resp.http.X-Cache = req.http.x-cache;
}

sub vcl_synth {
    if (req.method == "PURGE" && resp.status == 200) {
        set resp.http.xkey-purged = req.http.xkey-purged;
    }
}
