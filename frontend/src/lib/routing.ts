// Which route query a path needs, decided from the path alone so a navigation costs exactly one
// GraphQL request (the page tree's shape is in the CMS README, "Page tree").
import { LOCALES, type Locale } from "./locales";

export type RouteKind =
  | { kind: "home" }
  | { kind: "communities" }
  | { kind: "news"; community: string | null }
  | { kind: "events"; community: string | null }
  | { kind: "page" };

/** `/communities/huacao-town/news/` -> a news list of huacao-town; anything unknown -> page. */
export function routeKind(urlPath: string): RouteKind {
  const parts = urlPath.split("/").filter(Boolean);
  if (parts.length === 0) return { kind: "home" };
  if (parts.length === 1 && parts[0] === "communities") return { kind: "communities" };
  if (parts.length === 1 && parts[0] === "news") return { kind: "news", community: null };
  if (parts.length === 1 && parts[0] === "events") return { kind: "events", community: null };
  if (parts.length === 3 && parts[0] === "communities" && parts[2] === "news") {
    return { kind: "news", community: parts[1] };
  }
  if (parts.length === 3 && parts[0] === "communities" && parts[2] === "events") {
    return { kind: "events", community: parts[1] };
  }
  return { kind: "page" };
}

/** `["communities", "huacao-town"]` -> `/communities/huacao-town/` (the API's urlPath form). */
export function urlPathOf(segments: string[] | undefined): string {
  const parts = (segments ?? []).map((part) => decodeURIComponent(part)).filter(Boolean);
  return parts.length ? `/${parts.join("/")}/` : "/";
}

/** The site's URL of an API urlPath in a locale. */
export function href(locale: string, urlPath: string): string {
  return `/${locale}${urlPath.startsWith("/") ? urlPath : `/${urlPath}`}`;
}

// Cache tags of the site's data cache. The webhook receiver revalidates them (see webhook.ts).

/** Everything read for one path in one locale. */
export function pageTag(locale: string, urlPath: string): string {
  return `page:${locale}:${urlPath}`;
}

/** Every read that shows a list (home, indexes, community homes, topics, search) in a locale. */
export function listsTag(locale: string): string {
  return `lists:${locale}`;
}

/** Every read: revalidated when a delivery names no path (a page no longer served). */
export const ALL_TAG = "tapestry";

export function tagsForPath(locale: Locale, urlPath: string, withLists: boolean): string[] {
  return [ALL_TAG, pageTag(locale, urlPath), ...(withLists ? [listsTag(locale)] : [])];
}

/** The tags a webhook delivery makes stale: its paths in every locale (fallbacks and language
 * switchers change with any translation) and every locale's lists. */
export function tagsForDelivery(urlPaths: string[]): string[] {
  const tags = new Set<string>();
  for (const locale of LOCALES) {
    for (const urlPath of urlPaths) tags.add(pageTag(locale, urlPath));
    tags.add(listsTag(locale));
  }
  return [...tags];
}
