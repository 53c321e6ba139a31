// Receiving Tapestry's webhooks (CMS README, "Webhooks"): the signature check and the
// idempotency memory. Pure functions of their inputs, so they are tested without a server.
import { createHmac, timingSafeEqual } from "node:crypto";

/** Deliveries older than this (or this far in the future) are refused, replays included. */
export const MAX_AGE_SECONDS = 300;

export type Verdict = "ok" | "missing" | "stale" | "bad-signature";

export function verifyDelivery({
  secret,
  timestamp,
  signature,
  body,
  nowSeconds = Date.now() / 1000,
}: {
  secret: string;
  timestamp: string | null;
  signature: string | null;
  body: Buffer;
  nowSeconds?: number;
}): Verdict {
  if (!secret || !timestamp || !signature) return "missing";
  if (!/^\d{1,12}$/.test(timestamp)) return "bad-signature";
  if (Math.abs(nowSeconds - Number(timestamp)) >= MAX_AGE_SECONDS) return "stale";
  const expected = Buffer.from(
    `sha256=${createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex")}`,
  );
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "bad-signature";
  return "ok";
}

/**
 * Idempotency keys seen, oldest forgotten first. In memory: right for one node; several nodes
 * behind a balancer would each revalidate once, which is harmless (revalidating is idempotent).
 */
export class SeenKeys {
  private readonly keys = new Map<string, number>();

  constructor(
    private readonly capacity = 10_000,
    private readonly ttlMs = 27 * 60 * 60 * 1000, // the CMS retries for 26 hours
  ) {}

  /** True the first time a key is offered (and remembers it), false on a repeat. */
  claim(key: string, now = Date.now()): boolean {
    const seen = this.keys.get(key);
    if (seen !== undefined && now - seen < this.ttlMs) return false;
    this.keys.delete(key);
    this.keys.set(key, now);
    while (this.keys.size > this.capacity) {
      const oldest = this.keys.keys().next().value as string;
      this.keys.delete(oldest);
    }
    return true;
  }

  /** Forget a key whose work failed, so a retry of the delivery does the work. */
  release(key: string): void {
    this.keys.delete(key);
  }
}

export type Delivery = {
  type?: string;
  page?: { id?: number | string; locale?: string; url_path?: string | null; community?: string | null } | null;
  previous_url_path?: string | null;
};

/** The URL paths a delivery concerns: the page, where it was, and its community's home. */
export function deliveryPaths(delivery: Delivery): string[] {
  const paths = new Set<string>();
  const page = delivery.page ?? {};
  for (const path of [page.url_path, delivery.previous_url_path]) {
    if (typeof path === "string" && path.startsWith("/")) paths.add(path);
  }
  if (typeof page.community === "string" && /^[\w-]+$/.test(page.community)) {
    paths.add(`/communities/${page.community}/`);
  }
  return [...paths];
}
