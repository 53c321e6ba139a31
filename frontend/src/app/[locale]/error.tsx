"use client";
// The API did not answer (or answered an error): say so in the resident's language.
import { useParams } from "next/navigation";
import { DEFAULT_LOCALE, isLocale } from "@/lib/locales";
import { translator } from "@/lib/messages";

export default function RouteError() {
  const params = useParams<{ locale?: string }>();
  const locale = isLocale(params.locale) ? params.locale : DEFAULT_LOCALE;
  const t = translator(locale);
  return (
    <main id="main" className="wrap">
      <h1>{t("unavailable")}</h1>
      <p>
        <a href={`/${locale}/`}>{t("home")}</a>
      </p>
    </main>
  );
}
