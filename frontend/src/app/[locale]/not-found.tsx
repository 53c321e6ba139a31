import { headers } from "next/headers";
import { DEFAULT_LOCALE, isLocale } from "@/lib/locales";
import { translator } from "@/lib/messages";
import { Shell, switcherForRoute } from "@/components/Shell";

export default async function NotFound() {
  // not-found receives no params: the locale comes from the path the middleware let through.
  const path = (await headers()).get("x-tapestry-path") ?? "";
  const first = path.split("/")[1];
  const locale = isLocale(first) ? first : DEFAULT_LOCALE;
  const t = translator(locale);
  return (
    <Shell locale={locale} site={null} switcher={switcherForRoute("/")}>
      <title>{t("notFoundTitle")}</title>
      <h1>{t("notFoundTitle")}</h1>
      <p>{t("notFoundText")}</p>
      <p>
        <a href={`/${locale}/`}>{t("home")}</a>
      </p>
    </Shell>
  );
}
