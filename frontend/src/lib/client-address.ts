// The resident's address, to forward to the CMS in X-Forwarded-For: the CMS counts its rate
// limits per client, and without it every resident would share the site server's address.

/**
 * `forwardedFor` is the X-Forwarded-For the site received; Next's server appends the address
 * of whoever connected to it. With `trustedProxies` (TAPESTRY_SITE_TRUSTED_PROXY_COUNT) proxies
 * in front of the site, the client is that many places left of the right end; addresses
 * further left were written by the client and are not believed.
 */
export function clientAddress(forwardedFor: string | null, trustedProxies: number): string | null {
  const chain = (forwardedFor ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  if (!chain.length) return null;
  const index = Math.max(0, chain.length - 1 - Math.max(0, trustedProxies));
  const address = chain[index];
  return /^[0-9a-fA-F:.]+$/.test(address) ? address : null;
}

export function trustedProxyCount(): number {
  const value = Number.parseInt(process.env.TAPESTRY_SITE_TRUSTED_PROXY_COUNT ?? "0", 10);
  return Number.isFinite(value) && value > 0 ? value : 0;
}
