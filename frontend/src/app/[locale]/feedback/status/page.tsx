// `/<locale>/feedback/status?token=...`: the status of one's own feedback. The token is a secret,
// so `feedbackStatus` is POSTed (never cached) and the answer is not cached here either.
import { notFound } from "next/navigation";
import { FeedbackStatusDocument, SiteRouteDocument, type FeedbackStatusQuery } from "@/gql/graphql";
import { ApiError, post, read } from "@/lib/api";
import { formatDateTime } from "@/lib/format";
import { errorMessage, FEEDBACK_CATEGORY_LABELS, FEEDBACK_STATUS_LABELS } from "@/lib/labels";
import { isLocale } from "@/lib/locales";
import { translator } from "@/lib/messages";
import { ALL_TAG } from "@/lib/routing";
import { Shell, switcherForRoute, type SiteInfo } from "@/components/Shell";

export default async function FeedbackStatusPage({
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
  let site: SiteInfo = null;
  let feedback: FeedbackStatusQuery["feedbackStatus"] | null = null;
  let problem: string | null = null;
  if (token) {
    try {
      const data = await post(FeedbackStatusDocument, { token });
      site = data.site;
      feedback = data.feedbackStatus;
    } catch (error) {
      problem = errorMessage(locale, error instanceof ApiError ? error.code : "UNAVAILABLE");
    }
  }
  if (!site) site = (await read(SiteRouteDocument, {}, [ALL_TAG]).catch(() => null))?.site;
  return (
    <Shell locale={locale} site={site} switcher={switcherForRoute("/feedback/status", token ? `?${new URLSearchParams({ token })}` : "")}>
      <title>{t("feedbackStatusTitle")}</title>
      <h1>{t("feedbackStatusTitle")}</h1>
      <form className="filters panel" method="get" action={`/${locale}/feedback/status`} data-testid="feedback-status-form">
        <div className="field">
          <label htmlFor="status-token">{t("statusToken")}</label>
          <input id="status-token" type="text" name="token" defaultValue={token} required className="token" autoComplete="off" size={40} />
        </div>
        <div className="field">
          <button type="submit">{t("checkButton")}</button>
        </div>
      </form>
      {problem ? (
        <p className="errors" role="alert" data-testid="feedback-status-error">
          {problem}
        </p>
      ) : null}
      {feedback ? (
        <section className="result" role="status" data-testid="feedback-status" data-status={feedback.status}>
          <dl className="facts">
            <dt>{t("reference")}</dt>
            <dd>{feedback.reference}</dd>
            <dt>{t("status")}</dt>
            <dd>{FEEDBACK_STATUS_LABELS[locale][feedback.status]}</dd>
            <dt>{t("feedbackCategory")}</dt>
            <dd>{FEEDBACK_CATEGORY_LABELS[locale][feedback.category]}</dd>
            <dt>{t("community")}</dt>
            <dd>{feedback.community}</dd>
            <dt>{t("submittedAt")}</dt>
            <dd>{formatDateTime(locale, feedback.submittedAt)}</dd>
            {feedback.answeredAt ? (
              <>
                <dt>{t("answeredAt")}</dt>
                <dd>{formatDateTime(locale, feedback.answeredAt)}</dd>
              </>
            ) : null}
          </dl>
          {feedback.publicResponse ? (
            <>
              <h2>{t("publicResponse")}</h2>
              <p data-testid="feedback-public-response">{feedback.publicResponse}</p>
            </>
          ) : null}
        </section>
      ) : null}
    </Shell>
  );
}
