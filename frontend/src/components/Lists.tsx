// Cards for lists of articles and events, and the cursor pager.
import type { ArticleCardFragment, EventCardFragment } from "@/gql/graphql";
import { formatDate, formatDateTime } from "@/lib/format";
import { ARTICLE_KIND_LABELS, EVENT_CATEGORY_LABELS } from "@/lib/labels";
import { languageTag, type Locale } from "@/lib/locales";
import { translator } from "@/lib/messages";
import { href } from "@/lib/routing";

type Edges<T> = ({ node?: T | null } | null)[];

function nodes<T>(edges: Edges<T>): T[] {
  return edges.flatMap((edge) => (edge?.node ? [edge.node] : []));
}

export function ArticleCards({ edges, locale, headingLevel = 3 }: { edges: Edges<ArticleCardFragment>; locale: Locale; headingLevel?: 2 | 3 }) {
  const t = translator(locale);
  const items = nodes(edges);
  if (!items.length) return <p>{t("noItems")}</p>;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="cards">
      {items.map((article) => (
        <li className="card" key={article.id} data-testid="list-item" lang={article.isFallback ? languageTag(article.locale as Locale) : undefined}>
          {article.heroImage ? (
            <img
              src={article.heroImage.rendition.url}
              width={article.heroImage.rendition.width}
              height={article.heroImage.rendition.height}
              alt=""
              loading="lazy"
            />
          ) : null}
          <p className="meta" lang={languageTag(locale)}>
            {article.priority === "URGENT" ? <span className="badge urgent">{t("urgent")}</span> : null}
            <span className="badge">{ARTICLE_KIND_LABELS[locale][article.kind]}</span>
            {article.firstPublishedAt ? <time dateTime={article.firstPublishedAt}>{formatDate(locale, article.firstPublishedAt)}</time> : null}
          </p>
          <Heading>
            <a href={href(locale, article.urlPath)}>{article.title}</a>
          </Heading>
          {article.summary ? <p>{article.summary}</p> : null}
        </li>
      ))}
    </ul>
  );
}

export function EventCards({ edges, locale, headingLevel = 3 }: { edges: Edges<EventCardFragment>; locale: Locale; headingLevel?: 2 | 3 }) {
  const t = translator(locale);
  const items = nodes(edges);
  if (!items.length) return <p>{t("noItems")}</p>;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="cards">
      {items.map((event) => (
        <li className="card" key={event.id} data-testid="list-item" lang={event.isFallback ? languageTag(event.locale as Locale) : undefined}>
          <p className="meta" lang={languageTag(locale)}>
            <span className="badge">{EVENT_CATEGORY_LABELS[locale][event.category]}</span>
            <time dateTime={event.startsAt}>{formatDateTime(locale, event.startsAt)}</time>
          </p>
          <Heading>
            <a href={href(locale, event.urlPath)}>{event.title}</a>
          </Heading>
          <p className="meta">
            {event.venue}
            {event.venue ? " · " : ""}
            <span lang={languageTag(locale)}>
              {event.isFree ? t("free") : event.price ? t("yuan", { amount: event.price }) : ""}
              {event.capacity !== null && event.capacity !== undefined && event.spotsLeft === 0 ? ` · ${t("full")}` : ""}
            </span>
          </p>
        </li>
      ))}
    </ul>
  );
}

/** "Next page" as a plain link carrying the filters and the cursor (works without JS). */
export function Pager({
  locale,
  basePath,
  params,
  pageInfo,
  totalCount,
}: {
  locale: Locale;
  basePath: string;
  params: Record<string, string | undefined>;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  totalCount: number;
}) {
  const t = translator(locale);
  const query = (extra: Record<string, string | undefined>) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...params, ...extra })) if (value) search.set(key, value);
    const text = search.toString();
    return text ? `${basePath}?${text}` : basePath;
  };
  return (
    <nav className="pager" aria-label={t("results", { count: totalCount })}>
      <span className="meta">{t("results", { count: totalCount })}</span>
      {params.after ? <a href={query({ after: undefined })}>{t("firstPage")}</a> : null}
      {pageInfo.hasNextPage && pageInfo.endCursor ? (
        <a href={query({ after: pageInfo.endCursor })} rel="next" data-testid="next-page">
          {t("nextPage")}
        </a>
      ) : null}
    </nav>
  );
}
