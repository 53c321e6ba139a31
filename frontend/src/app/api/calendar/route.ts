// `/api/calendar?locale=&path=`: an event as an iCalendar file (RFC 5545), from the API's event.
import { EventCalendarDocument } from "@/gql/graphql";
import { ApiError, read } from "@/lib/api";
import { isLocale } from "@/lib/locales";
import { href, tagsForPath } from "@/lib/routing";

export const dynamic = "force-dynamic";

function escapeText(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\r?\n/g, "\\n").replace(/([,;])/g, "\\$1");
}

function utcStamp(value: string): string {
  return new Date(value).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** Lines longer than 75 octets are folded, as RFC 5545 requires. */
function fold(line: string): string {
  const bytes = Buffer.from(line, "utf8");
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = "";
  for (const char of line) {
    if (Buffer.byteLength(current + char, "utf8") > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = char;
    } else current += char;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

export async function GET(request: Request) {
  const url = new URL(request.url);
  const locale = url.searchParams.get("locale") ?? "en";
  const path = url.searchParams.get("path") ?? "";
  if (!isLocale(locale) || !/^\/[^\s]*\/$/.test(path)) return new Response("Bad request", { status: 400 });
  let page;
  try {
    page = (await read(EventCalendarDocument, { locale, path }, tagsForPath(locale, path, false))).page;
  } catch (error) {
    if (error instanceof ApiError) return new Response("Not found", { status: 404 });
    throw error;
  }
  if (!page || page.__typename !== "Event") return new Response("Not found", { status: 404 });
  const origin = process.env.TAPESTRY_SITE_URL?.replace(/\/$/, "") || url.origin;
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Tapestry//Residents' site//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:event-${page.id}@tapestry`,
    `DTSTAMP:${utcStamp(new Date().toISOString())}`,
    `DTSTART:${utcStamp(page.startsAt)}`,
    `DTEND:${utcStamp(page.endsAt)}`,
    `SUMMARY:${escapeText(page.title)}`,
    `LOCATION:${escapeText([page.venue, page.address].filter(Boolean).join(", "))}`,
    `DESCRIPTION:${escapeText(page.summary)}`,
    `URL:${origin}${href(locale, page.urlPath)}`,
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  const filename = `${page.urlPath.split("/").filter(Boolean).pop() || "event"}.ics`;
  return new Response(lines.map(fold).join("\r\n") + "\r\n", {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      "Cache-Control": "public, max-age=60",
    },
  });
}
