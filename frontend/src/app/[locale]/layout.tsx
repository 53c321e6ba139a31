import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { isLocale, languageTag } from "@/lib/locales";
import "../globals.css";

// Every page reads the API at request time; nothing is fetched while building.
export const dynamic = "force-dynamic";

export default async function LocaleLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ locale: string }>;
}) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return (
    <html lang={languageTag(locale)}>
      <body>{children}</body>
    </html>
  );
}
