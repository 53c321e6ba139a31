// What the webhook receiver tells the readers in this process (one Node server): which tags it
// just revalidated, and which tags each page id was read under. Kept on globalThis because Next
// bundles route handlers and pages separately; module state would not be shared.

/** For this long after a webhook, reads of its tags skip the data cache and ask the API, in
 * case the CMS's own caches (response cache, Varnish) are purged a moment after the webhook. */
export const BYPASS_MS = Number(process.env.TAPESTRY_REVALIDATE_BYPASS_SECONDS ?? 10) * 1000;

type State = { revalidated: Map<string, number>; pageTags: Map<string, Set<string>> };
const KEY = Symbol.for("tapestry.freshness");
const state: State = ((globalThis as Record<symbol, unknown>)[KEY] as State | undefined) ?? {
  revalidated: new Map(),
  pageTags: new Map(),
};
(globalThis as Record<symbol, unknown>)[KEY] = state;

export function markRevalidated(tags: string[], now = Date.now()): void {
  for (const tag of tags) state.revalidated.set(tag, now);
  for (const [tag, at] of state.revalidated) if (now - at > BYPASS_MS) state.revalidated.delete(tag);
}

export function recentlyRevalidated(tags: string[], now = Date.now()): boolean {
  return tags.some((tag) => {
    const at = state.revalidated.get(tag);
    return at !== undefined && now - at <= BYPASS_MS;
  });
}

const MAX_PAGES = 20_000;

/** Remember the tags a page (by its API id) was cached under, for deliveries without a path. */
export function rememberPage(pageId: string | number | null | undefined, tags: string[]): void {
  if (pageId === null || pageId === undefined) return;
  const key = String(pageId);
  const known = state.pageTags.get(key) ?? new Set<string>();
  for (const tag of tags) known.add(tag);
  state.pageTags.delete(key);
  state.pageTags.set(key, known);
  while (state.pageTags.size > MAX_PAGES) {
    state.pageTags.delete(state.pageTags.keys().next().value as string);
  }
}

export function tagsOfPage(pageId: string | number | null | undefined): string[] {
  if (pageId === null || pageId === undefined) return [];
  return [...(state.pageTags.get(String(pageId)) ?? [])];
}
