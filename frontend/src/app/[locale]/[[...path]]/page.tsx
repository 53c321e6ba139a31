// Every CMS page: `/<locale><urlPath>`, resolved with `page(path, locale)` in ONE query chosen
// from the path's shape (lib/routing.ts), then rendered by its __typename.
import { notFound, redirect } from "next/navigation";
import {
  CommunitiesRouteDocument,
  EventsRouteDocument,
  HomeRouteDocument,
  NewsRouteDocument,
  PageRouteDocument,
  type ArticleKind,
  type EventCategory,
} from "@/gql/graphql";
import { ApiError, cmsOrigin, read } from "@/lib/api";
import { rememberPage } from "@/lib/freshness";
import { ARTICLE_KINDS, ARTICLE_KIND_LABELS, EVENT_CATEGORIES, EVENT_CATEGORY_LABELS } from "@/lib/labels";
import { isLocale, languageTag, type Locale } from "@/lib/locales";
import { translator } from "@/lib/messages";
import { href, routeKind, tagsForPath, urlPathOf } from "@/lib/routing";
import { PageContentView } from "@/components/PageViews";
import { ArticleCards, EventCards, Pager } from "@/components/Lists";
import { Shell, switcherForPage } from "@/components/Shell";
import { SubscribeForm } from "@/components/Forms";

type SearchParams = Record<string, string | string[] | undefined>;

function one(params: SearchParams, name: string): string | undefined {
  const value = params[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text ? text : undefined;
}

function pick<T extends string>(allowed: readonly T[], value: string | undefined): T | undefined {
  return allowed.find((item) => item === value);
}

async function guarded<T>(load: () => Promise<T>, basePath: string, hasCursor: boolean): Promise<T> {
  try {
    return await load();
  } catch (error) {
    // A stale or hand-made cursor: start the list again rather than fail.
    if (hasCursor && error instanceof ApiError && error.code === "INVALID_CURSOR") redirect(basePath);
    throw error;
  }
}

export default async function RoutePage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string; path?: string[] }>;
  searchParams: Promise<SearchParams>;
}) {
  const { locale: rawLocale, path } = await params;
  if (!isLocale(rawLocale)) notFound();
  const locale: Locale = rawLocale;
  const query = await searchParams;
  const urlPath = urlPathOf(path);
  const route = routeKind(urlPath);
  const t = translator(locale);
  const cms = cmsOrigin();
  const basePath = href(locale, urlPath);
  const after = one(query, "after");

  if (route.kind === "home") {
    const data = await read(HomeRouteDocument, { locale }, tagsForPath(locale, urlPath, true));
    const page = data.page;
    if (!page) notFound();
    rememberPage(page.id, tagsForPath(locale, urlPath, true));
    return (
      <Shell locale={locale} site={data.site} switcher={switcherForPage(urlPath, page.translations)} isFallback={page.isFallback}>
        <title>{page.seoTitle || data.site.name}</title>
        <div lang={languageTag(page.locale as Locale)}>
          <h1>{page.title}</h1>
          {"intro" in page && page.intro ? <p className="lead">{page.intro}</p> : null}
        </div>
        <div className="columns">
          <section aria-labelledby="home-news">
            <h2 id="home-news">{t("latestNews")}</h2>
            <ArticleCards edges={data.articles.edges} locale={locale} />
            <p>
              <a href={`/${locale}/news/`}>{t("allNews")}</a>
            </p>
          </section>
          <section aria-labelledby="home-events">
            <h2 id="home-events">{t("upcomingEvents")}</h2>
            <EventCards edges={data.events.edges} locale={locale} />
            <p>
              <a href={`/${locale}/events/`}>{t("allEvents")}</a>
            </p>
          </section>
        </div>
        <section aria-labelledby="home-communities">
          <h2 id="home-communities">{t("communities")}</h2>
          <ul className="cards">
            {data.communities.edges.flatMap((edge) =>
              edge?.node ? (
                <li className="card" key={edge.node.slug} data-testid="list-item">
                  <h3>
                    <a href={href(locale, edge.node.urlPath)}>{edge.node.title}</a>
                  </h3>
                  <p className="meta">
                    <span lang="zh-Hans">{edge.node.localName}</span> · {edge.node.district}
                  </p>
                </li>
              ) : [],
            )}
          </ul>
        </section>
        <SubscribeForm locale={locale} />
      </Shell>
    );
  }

  if (route.kind === "communities") {
    const tags = tagsForPath(locale, urlPath, true);
    const data = await read(CommunitiesRouteDocument, { locale, path: urlPath }, tags);
    const page = data.page;
    if (!page) notFound();
    rememberPage(page.id, tags);
    return (
      <Shell locale={locale} site={data.site} switcher={switcherForPage(urlPath, page.translations)} breadcrumbs={page.breadcrumbs} isFallback={page.isFallback}>
        <title>{`${page.seoTitle} · ${data.site.name}`}</title>
        <div lang={languageTag(page.locale as Locale)}>
          <h1>{page.title}</h1>
          {"intro" in page && page.intro ? <p className="lead">{page.intro}</p> : null}
        </div>
        <ul className="cards">
          {data.communities.edges.flatMap((edge) =>
            edge?.node ? (
              <li className="card" key={edge.node.slug} data-testid="list-item">
                {edge.node.heroImage ? (
                  <img src={edge.node.heroImage.rendition.url} width={edge.node.heroImage.rendition.width} height={edge.node.heroImage.rendition.height} alt="" loading="lazy" />
                ) : null}
                <h2>
                  <a href={href(locale, edge.node.urlPath)}>{edge.node.title}</a>
                </h2>
                <p className="meta">
                  <span lang="zh-Hans">{edge.node.localName}</span> · {edge.node.district}
                </p>
              </li>
            ) : [],
          )}
        </ul>
      </Shell>
    );
  }

  if (route.kind === "news") {
    const kind = pick(ARTICLE_KINDS, one(query, "kind")) as ArticleKind | undefined;
    const topic = one(query, "topic");
    const tags = tagsForPath(locale, urlPath, true);
    const data = await guarded(
      () => read(NewsRouteDocument, { locale, path: urlPath, community: route.community, kind, topic, after }, tags),
      basePath,
      !!after,
    );
    const page = data.page;
    if (!page) notFound();
    rememberPage(page.id, tags);
    return (
      <Shell locale={locale} site={data.site} switcher={switcherForPage(urlPath, page.translations)} breadcrumbs={page.breadcrumbs} isFallback={page.isFallback}>
        <title>{`${page.seoTitle} · ${data.site.name}`}</title>
        <div lang={languageTag(page.locale as Locale)}>
          <h1>{page.title}</h1>
          {"intro" in page && page.intro ? <p className="lead">{page.intro}</p> : null}
        </div>
        <form className="filters panel" method="get" action={basePath} aria-label={t("filters")}>
          <div className="field">
            <label htmlFor="filter-kind">{t("kind")}</label>
            <select id="filter-kind" name="kind" defaultValue={kind ?? ""}>
              <option value="">{t("any")}</option>
              {ARTICLE_KINDS.map((name) => (
                <option key={name} value={name}>
                  {ARTICLE_KIND_LABELS[locale][name]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-topic">{t("topic")}</label>
            <select id="filter-topic" name="topic" defaultValue={topic ?? ""}>
              <option value="">{t("any")}</option>
              {data.topics.edges.flatMap((edge) =>
                edge?.node ? (
                  <option key={edge.node.slug} value={edge.node.slug}>
                    {edge.node.name}
                  </option>
                ) : [],
              )}
            </select>
          </div>
          <div className="field">
            <button type="submit">{t("apply")}</button>
          </div>
        </form>
        <ArticleCards edges={data.articles.edges} locale={locale} headingLevel={2} />
        <Pager locale={locale} basePath={basePath} params={{ kind, topic, after }} pageInfo={data.articles.pageInfo} totalCount={data.articles.totalCount} />
      </Shell>
    );
  }

  if (route.kind === "events") {
    const category = pick(EVENT_CATEGORIES, one(query, "category")) as EventCategory | undefined;
    const when = one(query, "upcoming");
    // Upcoming by default: a resident looking at "What's on" wants what is still to come.
    const upcoming = when === "false" ? false : when === "all" ? undefined : true;
    const tags = tagsForPath(locale, urlPath, true);
    const data = await guarded(
      () => read(EventsRouteDocument, { locale, path: urlPath, community: route.community, category, upcoming, after }, tags),
      basePath,
      !!after,
    );
    const page = data.page;
    if (!page) notFound();
    rememberPage(page.id, tags);
    return (
      <Shell locale={locale} site={data.site} switcher={switcherForPage(urlPath, page.translations)} breadcrumbs={page.breadcrumbs} isFallback={page.isFallback}>
        <title>{`${page.seoTitle} · ${data.site.name}`}</title>
        <div lang={languageTag(page.locale as Locale)}>
          <h1>{page.title}</h1>
          {"intro" in page && page.intro ? <p className="lead">{page.intro}</p> : null}
        </div>
        <form className="filters panel" method="get" action={basePath} aria-label={t("filters")}>
          <div className="field">
            <label htmlFor="filter-category">{t("category")}</label>
            <select id="filter-category" name="category" defaultValue={category ?? ""}>
              <option value="">{t("any")}</option>
              {EVENT_CATEGORIES.map((name) => (
                <option key={name} value={name}>
                  {EVENT_CATEGORY_LABELS[locale][name]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-upcoming">{t("when")}</label>
            <select id="filter-upcoming" name="upcoming" defaultValue={when === "false" || when === "all" ? when : "true"}>
              <option value="true">{t("upcomingOnly")}</option>
              <option value="false">{t("pastOnly")}</option>
              <option value="all">{t("any")}</option>
            </select>
          </div>
          <div className="field">
            <button type="submit">{t("apply")}</button>
          </div>
        </form>
        <EventCards edges={data.events.edges} locale={locale} headingLevel={2} />
        <Pager
          locale={locale}
          basePath={basePath}
          params={{ category, upcoming: when, after }}
          pageInfo={data.events.pageInfo}
          totalCount={data.events.totalCount}
        />
      </Shell>
    );
  }

  const withLists = urlPath.startsWith("/communities/") && urlPath.split("/").filter(Boolean).length === 2;
  const tags = tagsForPath(locale, urlPath, withLists);
  const data = await read(PageRouteDocument, { locale, path: urlPath }, tags);
  const page = data.page;
  if (!page) notFound();
  rememberPage(page.id, tags);
  return (
    <Shell locale={locale} site={data.site} switcher={switcherForPage(urlPath, page.translations)} breadcrumbs={page.breadcrumbs} isFallback={page.isFallback}>
      <title>{`${page.seoTitle} · ${data.site.name}`}</title>
      {page.searchDescription ? <meta name="description" content={page.searchDescription} /> : null}
      <PageContentView page={page} locale={locale} cms={cms} />
    </Shell>
  );
}
