import assert from "node:assert/strict";
import { test } from "node:test";
import { clientAddress } from "./client-address";
import { negotiateLocale } from "./locales";
import { routeKind, tagsForDelivery, tagsForPath, urlPathOf } from "./routing";

test("paths pick their route query", () => {
  assert.deepEqual(routeKind("/"), { kind: "home" });
  assert.deepEqual(routeKind("/communities/"), { kind: "communities" });
  assert.deepEqual(routeKind("/news/"), { kind: "news", community: null });
  assert.deepEqual(routeKind("/events/"), { kind: "events", community: null });
  assert.deepEqual(routeKind("/communities/huacao-town/news/"), { kind: "news", community: "huacao-town" });
  assert.deepEqual(routeKind("/communities/huacao-town/events/"), { kind: "events", community: "huacao-town" });
  assert.deepEqual(routeKind("/communities/huacao-town/"), { kind: "page" });
  assert.deepEqual(routeKind("/communities/huacao-town/news/night-market/"), { kind: "page" });
});

test("route segments become the API's urlPath", () => {
  assert.equal(urlPathOf(undefined), "/");
  assert.equal(urlPathOf(["communities", "huacao-town"]), "/communities/huacao-town/");
  assert.equal(urlPathOf(["news", "%E4%B8%AD"]), "/news/中/");
});

test("a delivery revalidates its paths in every locale and every locale's lists", () => {
  const tags = tagsForDelivery(["/news/x/"]);
  for (const locale of ["en", "zh-hans", "ja", "ko", "fr", "de", "es"]) {
    assert.ok(tags.includes(`page:${locale}:/news/x/`));
    assert.ok(tags.includes(`lists:${locale}`));
  }
  assert.deepEqual(tagsForPath("ja", "/news/x/", false), ["tapestry", "page:ja:/news/x/"]);
});

test("Accept-Language picks the best of the seven locales", () => {
  assert.equal(negotiateLocale(null), "en");
  assert.equal(negotiateLocale("zh-CN,zh;q=0.9,en;q=0.8"), "zh-hans");
  assert.equal(negotiateLocale("zh-TW"), "zh-hans");
  assert.equal(negotiateLocale("ja;q=0.5, ko"), "ko");
  assert.equal(negotiateLocale("pt-BR, de;q=0.7"), "de");
  assert.equal(negotiateLocale("pt-BR"), "en");
  assert.equal(negotiateLocale("fr;q=0, es;q=0.1"), "es");
});

test("the resident's address is read past the trusted proxies only", () => {
  assert.equal(clientAddress("203.0.113.7", 0), "203.0.113.7");
  assert.equal(clientAddress("6.6.6.6, 203.0.113.7", 1), "203.0.113.7", "a client-written entry is ignored");
  assert.equal(clientAddress("6.6.6.6, 203.0.113.7, 10.0.0.2", 2), "203.0.113.7");
  assert.equal(clientAddress("203.0.113.7", 2), null, "fewer entries than proxies: nothing to believe");
  assert.equal(clientAddress("", 0), null);
  assert.equal(clientAddress("not an address", 0), null);
});
