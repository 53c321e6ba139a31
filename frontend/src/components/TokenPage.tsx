// The pages behind the links in residents' mails. A GET shows one button (mail scanners that
// follow links change nothing); pressing it runs the mutation.
import { notFound } from "next/navigation";
import { SiteRouteDocument } from "@/gql/graphql";
import { read } from "@/lib/api";
import { isLocale } from "@/lib/locales";
import { translator, type MessageKey } from "@/lib/messages";
import { ALL_TAG } from "@/lib/routing";
import { TokenActionForm } from "@/components/Forms";
import { Shell, switcherForRoute } from "@/components/Shell";

export async function TokenPage({
  params,
  searchParams,
  kind,
  route,
  title,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
  kind: "cancel-registration" | "confirm-subscription" | "unsubscribe";
  route: string;
  title: MessageKey;
}) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const query = await searchParams;
  const token = ((Array.isArray(query.token) ? query.token[0] : query.token) ?? "").trim().slice(0, 500);
  const t = translator(locale);
  const site = (await read(SiteRouteDocument, {}, [ALL_TAG]).catch(() => null))?.site;
  return (
    <Shell locale={locale} site={site} switcher={switcherForRoute(route, token ? `?${new URLSearchParams({ token })}` : "")}>
      <title>{t(title)}</title>
      <h1>{t(title)}</h1>
      <TokenActionForm locale={locale} token={token} kind={kind} />
    </Shell>
  );
}
