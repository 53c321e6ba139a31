// The webhook receiver's checks, against deliveries signed as the CMS signs them.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { test } from "node:test";
import { deliveryPaths, SeenKeys, verifyDelivery } from "./webhook";

const secret = "s3cret";
const body = Buffer.from(JSON.stringify({ id: "d1", type: "page.published", page: { id: 42, url_path: "/news/x/" } }));
const sign = (timestamp: string, payload: Buffer, key = secret) =>
  `sha256=${createHmac("sha256", key).update(`${timestamp}.`).update(payload).digest("hex")}`;

test("a delivery signed with the secret and a fresh timestamp passes", () => {
  const now = 1_800_000_000;
  assert.equal(verifyDelivery({ secret, timestamp: String(now), signature: sign(String(now), body), body, nowSeconds: now + 10 }), "ok");
});

test("a wrong secret, a changed body or a missing header is refused", () => {
  const now = 1_800_000_000;
  const ts = String(now);
  assert.equal(verifyDelivery({ secret, timestamp: ts, signature: sign(ts, body, "other"), body, nowSeconds: now }), "bad-signature");
  assert.equal(verifyDelivery({ secret, timestamp: ts, signature: sign(ts, body), body: Buffer.from("{}"), nowSeconds: now }), "bad-signature");
  assert.equal(verifyDelivery({ secret, timestamp: ts, signature: "sha256=00", body, nowSeconds: now }), "bad-signature");
  assert.equal(verifyDelivery({ secret, timestamp: null, signature: sign(ts, body), body, nowSeconds: now }), "missing");
  assert.equal(verifyDelivery({ secret, timestamp: "12abc", signature: sign("12abc", body), body, nowSeconds: now }), "bad-signature");
});

test("a timestamp five minutes old (or ahead) is refused even with a valid signature", () => {
  const ts = "1800000000";
  assert.equal(verifyDelivery({ secret, timestamp: ts, signature: sign(ts, body), body, nowSeconds: 1_800_000_300 }), "stale");
  assert.equal(verifyDelivery({ secret, timestamp: ts, signature: sign(ts, body), body, nowSeconds: 1_799_999_700 }), "stale");
  assert.equal(verifyDelivery({ secret, timestamp: ts, signature: sign(ts, body), body, nowSeconds: 1_800_000_299 }), "ok");
});

test("an idempotency key is claimed once; a released key can be claimed again", () => {
  const seen = new SeenKeys(3);
  assert.equal(seen.claim("a"), true);
  assert.equal(seen.claim("a"), false);
  seen.release("a");
  assert.equal(seen.claim("a"), true);
});

test("the oldest keys are forgotten beyond capacity, and after the time to live", () => {
  const seen = new SeenKeys(2, 1000);
  seen.claim("a", 0);
  seen.claim("b", 0);
  seen.claim("c", 0);
  assert.equal(seen.claim("a", 1), true, "a was evicted");
  assert.equal(seen.claim("c", 500), false);
  assert.equal(seen.claim("c", 1001), true, "c expired");
});

test("a delivery concerns its path, its previous path and its community's home", () => {
  assert.deepEqual(
    deliveryPaths({
      type: "page.moved",
      page: { url_path: "/communities/huacao-town/news/new/", community: "huacao-town" },
      previous_url_path: "/communities/huacao-town/news/old/",
    }),
    ["/communities/huacao-town/news/new/", "/communities/huacao-town/news/old/", "/communities/huacao-town/"],
  );
  assert.deepEqual(deliveryPaths({ type: "page.unpublished", page: { id: 3, url_path: null } }), []);
  assert.deepEqual(deliveryPaths({ page: { url_path: "not-a-path", community: "../x" } }), []);
});
