// Wagtail's Preview: `/api/preview?token=&locale=&type=` is rewritten here by the middleware.
// The token works once, so it is POSTed exactly once per request and nothing is cached; the
// draft renders through the same component as the live page, under a banner.
import { notFound } from "next/navigation";
import { PreviewDocument } from "@/gql/graphql";
import { ApiError, cmsOrigin, post } from "@/lib/api";
import { errorMessage } from "@/lib/labels";
import { isLocale } from "@/lib/locales";
import { translator } from "@/lib/messages";
import { PageContentView } from "@/components/PageViews";
import { Shell, switcherForPage, switcherForRoute } from "@/components/Shell";

export const dynamic = "force-dynamic";
export const fetchCache = "force-no-store";

export default async function PreviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const query = await searchParams;
  const token = ((Array.isArray(query.token) ? query.token[0] : query.token) ?? "").trim().slice(0, 500);
  const t = translator(locale);
  let problem = "INVALID_TOKEN";
  if (token) {
    try {
      const data = await post(PreviewDocument, { token });
      const page = data.preview;
      return (
        <Shell locale={locale} site={data.site} switcher={switcherForPage(page.urlPath, page.translations)} breadcrumbs={page.breadcrumbs} isFallback={page.isFallback} preview>
          <title>{`${t("previewBanner")} · ${page.title}`}</title>
          <meta name="robots" content="noindex" />
          <PageContentView page={page} locale={locale} cms={cmsOrigin()} />
        </Shell>
      );
    } catch (error) {
      problem = error instanceof ApiError ? error.code : "UNAVAILABLE";
    }
  }
  return (
    <Shell locale={locale} site={null} switcher={switcherForRoute("/")} preview>
      <title>{t("previewBanner")}</title>
      <h1>{t("previewBanner")}</h1>
      <p className="errors" role="alert" data-testid="preview-error" data-code={problem}>
        {errorMessage(locale, problem)}
      </p>
    </Shell>
  );
}
