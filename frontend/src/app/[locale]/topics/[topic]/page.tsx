import { notFound, redirect } from "next/navigation";
import { TopicRouteDocument } from "@/gql/graphql";
import { ApiError, read } from "@/lib/api";
import { isLocale } from "@/lib/locales";
import { translator } from "@/lib/messages";
import { ALL_TAG, listsTag } from "@/lib/routing";
import { ArticleCards, Pager } from "@/components/Lists";
import { Shell, switcherForRoute } from "@/components/Shell";

export default async function TopicPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string; topic: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { locale, topic: rawTopic } = await params;
  if (!isLocale(locale)) notFound();
  const topic = decodeURIComponent(rawTopic);
  const query = await searchParams;
  const after = (Array.isArray(query.after) ? query.after[0] : query.after) || undefined;
  const basePath = `/${locale}/topics/${encodeURIComponent(topic)}`;
  const t = translator(locale);
  let data;
  try {
    data = await read(TopicRouteDocument, { locale, topic, after }, [ALL_TAG, listsTag(locale)]);
  } catch (error) {
    if (after && error instanceof ApiError && error.code === "INVALID_CURSOR") redirect(basePath);
    throw error;
  }
  const current = data.topics.edges.find((edge) => edge?.node?.slug === topic)?.node;
  if (!current) notFound();
  return (
    <Shell locale={locale} site={data.site} switcher={switcherForRoute(`/topics/${encodeURIComponent(topic)}`)}>
      <title>{`${t("topicArticles", { topic: current.name })} · ${data.site.name}`}</title>
      <p className="meta">
        <a href={`/${locale}/topics`}>{t("topicsTitle")}</a>
      </p>
      <h1>{t("topicArticles", { topic: current.name })}</h1>
      {current.description ? <p className="lead">{current.description}</p> : null}
      <ArticleCards edges={data.articles.edges} locale={locale} headingLevel={2} />
      <Pager locale={locale} basePath={basePath} params={{ after }} pageInfo={data.articles.pageInfo} totalCount={data.articles.totalCount} />
    </Shell>
  );
}
