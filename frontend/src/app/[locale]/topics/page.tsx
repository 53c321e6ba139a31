import { notFound } from "next/navigation";
import { TopicsRouteDocument } from "@/gql/graphql";
import { read } from "@/lib/api";
import { isLocale } from "@/lib/locales";
import { translator } from "@/lib/messages";
import { ALL_TAG, listsTag } from "@/lib/routing";
import { Shell, switcherForRoute } from "@/components/Shell";

export default async function TopicsPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const t = translator(locale);
  const data = await read(TopicsRouteDocument, { locale }, [ALL_TAG, listsTag(locale)]);
  return (
    <Shell locale={locale} site={data.site} switcher={switcherForRoute("/topics")}>
      <title>{`${t("topicsTitle")} · ${data.site.name}`}</title>
      <h1>{t("topicsTitle")}</h1>
      <ul className="cards">
        {data.topics.edges.flatMap((edge) =>
          edge?.node ? (
            <li className="card" key={edge.node.slug} data-testid="list-item">
              <h2>
                <a href={`/${locale}/topics/${encodeURIComponent(edge.node.slug)}`}>{edge.node.name}</a>
              </h2>
              {edge.node.description ? <p>{edge.node.description}</p> : null}
            </li>
          ) : [],
        )}
      </ul>
    </Shell>
  );
}
