// Dates and times as residents read them: in their language, in Shanghai time (the API gives
// offsets in Asia/Shanghai; the service is for Shanghai).
import { languageTag, type Locale } from "./locales";

const TIME_ZONE = "Asia/Shanghai";

export function formatDateTime(locale: Locale, value: string | null | undefined): string {
  if (!value) return "";
  return new Intl.DateTimeFormat(languageTag(locale), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: TIME_ZONE,
  }).format(new Date(value));
}

export function formatDate(locale: Locale, value: string | null | undefined): string {
  if (!value) return "";
  // A `Date` (YYYY-MM-DD) has no time: format it at noon UTC so no time zone moves the day.
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat(languageTag(locale), {
    dateStyle: "long",
    timeZone: /^\d{4}-\d{2}-\d{2}$/.test(value) ? "UTC" : TIME_ZONE,
  }).format(date);
}

/** Rich text from the API links pages by their urlPath; the site serves them under a locale.
 * Documents and media live on the CMS. */
export function localiseLinks(html: string, locale: Locale, cmsOrigin: string): string {
  return html.replace(/(<a\b[^>]*?\shref=")(\/(?!\/)[^"]*)"/g, (_whole, start: string, path: string) => {
    if (path.startsWith("/documents/") || path.startsWith("/media/")) return `${start}${cmsOrigin}${path}"`;
    return `${start}/${locale}${path}"`;
  });
}
