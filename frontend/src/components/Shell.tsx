// The frame of every page: skip link, header with navigation, search and language switcher,
// the preview banner and fallback notice, breadcrumbs, footer. It gets all it shows from the
// page's one query (no request of its own).
import type { ReactNode } from "react";
import { LOCAL_NAMES, LOCALES, languageTag, type Locale } from "@/lib/locales";
import { translator } from "@/lib/messages";
import { href } from "@/lib/routing";

export type SiteInfo = { name: string; locales: { code: string; localName: string }[] } | null | undefined;
export type Translation = { locale: string; status: string; urlPath?: string | null };
export type Crumb = { id: string; title: string; urlPath: string };

export type SwitcherEntry = { locale: Locale; href: string; live: boolean };

/** Language switcher entries for a page: its live translations at their own paths, the other
 * locales at the same path (where they are served the English fallback). */
export function switcherForPage(urlPath: string, translations: Translation[]): SwitcherEntry[] {
  return LOCALES.map((locale) => {
    const translation = translations.find((entry) => entry.locale === locale);
    const live = translation?.status === "live" && !!translation.urlPath;
    return { locale, href: href(locale, live ? translation!.urlPath! : urlPath), live };
  });
}

/** Language switcher entries for the site's own routes (search, topics, forms). */
export function switcherForRoute(route: string, query = ""): SwitcherEntry[] {
  return LOCALES.map((locale) => ({ locale, href: `/${locale}${route}${query}`, live: true }));
}

export function Shell({
  locale,
  site,
  switcher,
  breadcrumbs,
  isFallback = false,
  preview = false,
  children,
}: {
  locale: Locale;
  site: SiteInfo;
  switcher: SwitcherEntry[];
  breadcrumbs?: Crumb[];
  isFallback?: boolean;
  preview?: boolean;
  children: ReactNode;
}) {
  const t = translator(locale);
  const names = new Map(site?.locales.map((entry) => [entry.code, entry.localName]) ?? []);
  const siteName = site?.name || "Tapestry";
  return (
    <>
      <a className="skip" href="#main">
        {t("skipToContent")}
      </a>
      <header className="site-header">
        {preview ? (
          <div className="preview-banner" role="status" data-testid="preview-banner">
            {t("previewBanner")}
          </div>
        ) : null}
        <div className="wrap">
          <a className="brand" href={`/${locale}/`}>
            {siteName}
          </a>
          <nav className="main-nav" aria-label={t("mainNav")}>
            <ul>
              <li>
                <a href={`/${locale}/communities/`}>{t("communities")}</a>
              </li>
              <li>
                <a href={`/${locale}/news/`}>{t("news")}</a>
              </li>
              <li>
                <a href={`/${locale}/events/`}>{t("events")}</a>
              </li>
              <li>
                <a href={`/${locale}/topics`}>{t("topics")}</a>
              </li>
            </ul>
          </nav>
          <form className="search-inline" action={`/${locale}/search`} method="get" role="search">
              <label className="visually-hidden" htmlFor="site-search">
                {t("searchLabel")}
              </label>
              <input id="site-search" type="search" name="q" />
              <button type="submit">{t("searchButton")}</button>
          </form>
          <nav className="lang-switch" aria-label={t("language")} data-testid="language-switcher">
            <ul>
              {switcher.map((entry) => (
                <li key={entry.locale}>
                  <a
                    href={entry.href}
                    lang={languageTag(entry.locale)}
                    hrefLang={languageTag(entry.locale)}
                    aria-current={entry.locale === locale ? "true" : undefined}
                    className={entry.live ? undefined : "untranslated"}
                    data-locale={entry.locale}
                    data-live={entry.live ? "true" : "false"}
                  >
                    {names.get(entry.locale) || LOCAL_NAMES[entry.locale]}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </header>
      <div className="wrap">
        {breadcrumbs && breadcrumbs.length > 1 ? (
          <nav className="breadcrumbs" aria-label={t("breadcrumbs")}>
            <ol>
              {breadcrumbs.map((crumb, index) => (
                <li key={crumb.id}>
                  {index === breadcrumbs.length - 1 ? (
                    <span aria-current="page">{crumb.title}</span>
                  ) : (
                    <a href={href(locale, crumb.urlPath)}>{crumb.title}</a>
                  )}
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
        <main id="main" tabIndex={-1}>
          {isFallback ? (
            <p className="notice" role="note" data-testid="fallback-notice">
              {t("fallbackNotice")}
            </p>
          ) : null}
          {children}
        </main>
      </div>
      <footer className="site-footer">
        <div className="wrap">
          <p>{siteName}</p>
        </div>
      </footer>
    </>
  );
}
