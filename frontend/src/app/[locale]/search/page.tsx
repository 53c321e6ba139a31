import { notFound } from "next/navigation";
import { SearchRouteDocument, SiteRouteDocument } from "@/gql/graphql";
import { read } from "@/lib/api";
import { formatDateTime } from "@/lib/format";
import { isLocale, languageTag, type Locale } from "@/lib/locales";
import { translator } from "@/lib/messages";
import { href, listsTag, ALL_TAG } from "@/lib/routing";
import { Pager } from "@/components/Lists";
import { Shell, switcherForRoute } from "@/components/Shell";

export default async function SearchPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const query = await searchParams;
  const q = (Array.isArray(query.q) ? query.q[0] : query.q)?.trim().slice(0, 200) ?? "";
  const after = (Array.isArray(query.after) ? query.after[0] : query.after) || undefined;
  const t = translator(locale);
  const tags = [ALL_TAG, listsTag(locale)];
  const qs = q ? `?${new URLSearchParams({ q })}` : "";
  if (!q) {
    const data = await read(SiteRouteDocument, {}, [ALL_TAG]);
    return (
      <Shell locale={locale} site={data.site} switcher={switcherForRoute("/search", qs)}>
        <title>{`${t("searchTitle")} · ${data.site.name}`}</title>
        <h1>{t("searchTitle")}</h1>
        <SearchForm locale={locale} q="" />
      </Shell>
    );
  }
  const data = await read(SearchRouteDocument, { locale, query: q, after }, tags);
  const results = data.search.edges.flatMap((edge) => (edge?.node ? [edge.node] : []));
  return (
    <Shell locale={locale} site={data.site} switcher={switcherForRoute("/search", qs)}>
      <title>{`${t("searchResultsFor", { query: q })} · ${data.site.name}`}</title>
      <h1>{t("searchResultsFor", { query: q })}</h1>
      <SearchForm locale={locale} q={q} />
      {results.length ? (
        <ul className="cards">
          {results.map((result) => (
            <li className="card" key={result.id} data-testid="list-item" lang={languageTag(result.locale as Locale)}>
              <h2>
                <a href={href(locale, result.urlPath)}>{result.title}</a>
              </h2>
              {"startsAt" in result && result.startsAt ? (
                <p className="meta" lang={languageTag(locale)}>
                  {formatDateTime(locale, result.startsAt)}
                </p>
              ) : null}
              <p>{("summary" in result && result.summary) || result.searchDescription}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("noItems")}</p>
      )}
      <Pager locale={locale} basePath={`/${locale}/search`} params={{ q, after }} pageInfo={data.search.pageInfo} totalCount={data.search.totalCount} />
    </Shell>
  );
}

function SearchForm({ locale, q }: { locale: Locale; q: string }) {
  const t = translator(locale);
  return (
    <form className="filters panel" method="get" action={`/${locale}/search`}>
      <div className="field">
        <label htmlFor="search-q">{t("searchLabel")}</label>
        <input id="search-q" type="search" name="q" defaultValue={q} required maxLength={200} />
      </div>
      <div className="field">
        <button type="submit">{t("searchButton")}</button>
      </div>
    </form>
  );
}
