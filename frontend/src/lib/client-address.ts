// The resident's address, to forward to the CMS in X-Forwarded-For: the CMS counts its rate
// limits per client, and without it every resident would share the site server's address.

/**
 * `forwardedFor` is the X-Forwarded-For the site's server received. With `trustedProxies`
 * (TAPESTRY_SITE_TRUSTED_PROXY_COUNT) proxies in front of the site, each appending the address
 * it saw, the client is the address the outermost of them saw: that many places from the right
 * end; entries further left were written by the client and are not believed (the CMS's own
 * TAPESTRY_TRUSTED_PROXY_COUNT rule). At 0 the site is reached directly: Next.js sets the header
 * to the connecting address only when the request has none, so the right-most entry is used,
 * which a client could have written itself; run the site behind a proxy in production.
 */
export function clientAddress(forwardedFor: string | null, trustedProxies: number): string | null {
  const chain = (forwardedFor ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  if (!chain.length) return null;
  const fromRight = Math.max(1, trustedProxies);
  if (chain.length < fromRight) return null;
  const address = chain[chain.length - fromRight];
  return /^[0-9a-fA-F:.]+$/.test(address) ? address : null;
}

export function trustedProxyCount(): number {
  const value = Number.parseInt(process.env.TAPESTRY_SITE_TRUSTED_PROXY_COUNT ?? "0", 10);
  return Number.isFinite(value) && value > 0 ? value : 0;
}
