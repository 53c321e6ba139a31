// The seven locales the CMS serves (its WAGTAIL_CONTENT_LANGUAGES), and how browsers name them.

export const LOCALES = ["en", "zh-hans", "ja", "ko", "fr", "de", "es"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

export function isLocale(value: string | undefined | null): value is Locale {
  return !!value && (LOCALES as readonly string[]).includes(value);
}

/** BCP 47 tag for `<html lang>` and Intl (the CMS's `zh-hans` is `zh-Hans`). */
export function languageTag(locale: Locale): string {
  return locale === "zh-hans" ? "zh-Hans" : locale;
}

/** Every locale's name in itself, for the language switcher when the API has not said. */
export const LOCAL_NAMES: Record<Locale, string> = {
  en: "English",
  "zh-hans": "简体中文",
  ja: "日本語",
  ko: "한국어",
  fr: "Français",
  de: "Deutsch",
  es: "Español",
};

/** The best of the 7 locales for an Accept-Language header (q-values honoured). */
export function negotiateLocale(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranges = header
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number.parseFloat(q.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((range) => range.tag && range.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranges) {
    const match = localeForTag(tag);
    if (match) return match;
  }
  return DEFAULT_LOCALE;
}

function localeForTag(tag: string): Locale | null {
  if (tag === "*") return DEFAULT_LOCALE;
  const [language] = tag.split("-");
  // Any Chinese (Traditional included) is better served by Simplified Chinese than by English.
  if (language === "zh") return "zh-hans";
  return isLocale(language) ? language : null;
}
