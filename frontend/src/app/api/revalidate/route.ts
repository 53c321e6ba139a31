// The webhook receiver (CMS README, "Webhooks"): verify the signature, do each delivery once,
// then revalidate the cached reads of the pages and lists it concerns. Answers at once; the
// next request of a revalidated page reads the API again.
import { revalidatePath, revalidateTag } from "next/cache";
import { markRevalidated, tagsOfPage } from "@/lib/freshness";
import { LOCALES } from "@/lib/locales";
import { ALL_TAG, tagsForDelivery } from "@/lib/routing";
import { deliveryPaths, SeenKeys, verifyDelivery, type Delivery } from "@/lib/webhook";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const KEY = Symbol.for("tapestry.webhook.seen");
const seen: SeenKeys = ((globalThis as Record<symbol, unknown>)[KEY] as SeenKeys | undefined) ?? new SeenKeys();
(globalThis as Record<symbol, unknown>)[KEY] = seen;

const MAX_BODY_BYTES = 64 * 1024;

function answer(status: number, body: Record<string, unknown>) {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

export async function POST(request: Request) {
  const secret = process.env.TAPESTRY_WEBHOOK_SECRET ?? "";
  if (!secret) return answer(503, { error: "TAPESTRY_WEBHOOK_SECRET is not set" });
  const body = Buffer.from(await request.arrayBuffer());
  if (body.length > MAX_BODY_BYTES) return answer(413, { error: "body too large" });
  const verdict = verifyDelivery({
    secret,
    timestamp: request.headers.get("x-tapestry-timestamp"),
    signature: request.headers.get("x-tapestry-signature"),
    body,
  });
  if (verdict !== "ok") return answer(401, { error: verdict });

  let delivery: Delivery;
  try {
    delivery = JSON.parse(body.toString("utf8")) as Delivery;
  } catch {
    return answer(400, { error: "body is not JSON" });
  }
  const key = request.headers.get("idempotency-key") ?? (delivery as { id?: string }).id ?? "";
  if (key && !seen.claim(key)) return answer(200, { status: "duplicate" });

  try {
    const paths = deliveryPaths(delivery);
    const tags = tagsForDelivery(paths);
    // A page no longer served (unpublished, expired) comes without a path: use what it was read under.
    tags.push(...tagsOfPage(delivery.page?.id));
    if (!delivery.page?.url_path && !tagsOfPage(delivery.page?.id).length) tags.push(ALL_TAG);
    for (const tag of tags) revalidateTag(tag);
    for (const locale of LOCALES) for (const path of paths) revalidatePath(`/${locale}${path}`);
    markRevalidated(tags);
    return answer(200, { status: "revalidated", paths, tags: tags.length });
  } catch (error) {
    if (key) seen.release(key);
    console.error("webhook: revalidation failed", error);
    return answer(500, { error: "revalidation failed" });
  }
}
