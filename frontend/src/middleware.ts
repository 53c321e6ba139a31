// Every page lives under a locale. `/` and paths without one go to the best locale for the
// browser's Accept-Language; Wagtail's Preview URL (`/api/preview?token=&locale=&type=`) is
// rewritten, not redirected, to the draft page so its single-use token is spent exactly once.
import { NextResponse, type NextRequest } from "next/server";
import { DEFAULT_LOCALE, isLocale, negotiateLocale } from "./lib/locales";

export function middleware(request: NextRequest) {
  const { pathname, searchParams } = request.nextUrl;

  if (pathname === "/api/preview" || pathname === "/api/preview/") {
    const locale = searchParams.get("locale");
    const target = request.nextUrl.clone();
    target.pathname = `/${isLocale(locale) ? locale : DEFAULT_LOCALE}/preview-draft`;
    const response = NextResponse.rewrite(target);
    response.headers.set("Cache-Control", "private, no-store");
    response.headers.set("X-Robots-Tag", "noindex");
    return response;
  }

  const first = pathname.split("/")[1];
  if (isLocale(first)) {
    // For the not-found page, which is given no params.
    const forwarded = new Headers(request.headers);
    forwarded.set("x-tapestry-path", pathname);
    return NextResponse.next({ request: { headers: forwarded } });
  }

  const locale = negotiateLocale(request.headers.get("accept-language"));
  const location = `/${locale}${pathname === "/" ? "/" : pathname}${request.nextUrl.search}`;
  const response = NextResponse.redirect(new URL(location, publicOrigin(request)), 307);
  response.headers.set("Vary", "Accept-Language");
  return response;
}

/** The origin the browser used (Next's own request URL may name its bind address instead). */
function publicOrigin(request: NextRequest): string {
  const configured = process.env.TAPESTRY_SITE_URL;
  if (configured) return configured;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || request.nextUrl.protocol.replace(/:$/, "");
  return host ? `${proto}://${host}` : request.nextUrl.origin;
}

export const config = {
  // Not the other API routes, Next's own files or files with an extension (favicon.ico...).
  matcher: ["/((?!api/(?!preview)|_next/|.*\\.[a-zA-Z0-9]+$).*)"],
};
