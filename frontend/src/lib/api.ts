// The site's only door to Tapestry: its public GraphQL API.
//
// Reads are persisted queries over GET (APQ: the hash alone; when the server does not know it
// yet, the query travels once with its hash), so Varnish and the CMS's response cache can keep
// the answers. Their results are kept in Next's data cache under tags the webhook receiver
// revalidates. Mutations and token queries are POSTs that nothing caches.
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { unstable_cache } from "next/cache";
import manifest from "../../persisted-documents.json";
import { recentlyRevalidated } from "./freshness";

const documents = manifest as Record<string, string>;

/** Seconds a cached read lives when no webhook revalidates it first (the API's max-age). */
export const READ_REVALIDATE_SECONDS = 60;

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status = 200,
  ) {
    super(message);
  }
}

type Meta = { __meta__?: { hash?: string } };
type GraphQLError = { message: string; extensions?: { code?: string; field?: string } };
type GraphQLResponse<T> = { data?: T | null; errors?: GraphQLError[] };

export function graphqlUrl(): string {
  const url = process.env.TAPESTRY_GRAPHQL_URL;
  if (!url) throw new ApiError("TAPESTRY_GRAPHQL_URL is not set.", "CONFIGURATION");
  return url;
}

/** The CMS's origin, for `/documents/...` links in rich text. */
export function cmsOrigin(): string {
  return new URL(graphqlUrl()).origin;
}

function documentOf(document: unknown): { id: string; hash: string; text: string; name: string } {
  const id = (document as Meta).__meta__?.hash;
  const hash = id?.replace(/^sha256:/, "");
  const text = hash ? documents[hash] : undefined;
  if (!id || !hash || !text) throw new ApiError("Operation missing from persisted-documents.json; run `npm run codegen`.", "CONFIGURATION");
  const name = /\b(?:query|mutation)\s+(\w+)/.exec(text)?.[1] ?? "";
  return { id, hash: hash!, text, name };
}

function firstError<T>(body: GraphQLResponse<T>, status: number): never {
  const error = body.errors?.[0];
  throw new ApiError(error?.message ?? `HTTP ${status}`, error?.extensions?.code ?? `HTTP_${status}`, status);
}

async function readJson<T>(response: Response): Promise<GraphQLResponse<T>> {
  try {
    return (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new ApiError(`HTTP ${response.status} without a GraphQL answer`, `HTTP_${response.status}`, response.status);
  }
}

/** One APQ read over GET: the hash alone, then (first time only) the query with its hash. */
async function persistedGet<T>(document: unknown, variables: Record<string, unknown>): Promise<T> {
  const { hash, text, name } = documentOf(document);
  const params = new URLSearchParams({
    operationName: name,
    variables: JSON.stringify(variables),
    extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }),
  });
  const get = async () => {
    const response = await fetch(`${graphqlUrl()}?${params}`, {
      headers: { Accept: "application/json" },
      cache: "no-store",
    });
    return { response, body: await readJson<T>(response) };
  };
  let { response, body } = await get();
  if (body.errors?.some((error) => error.extensions?.code === "PERSISTED_QUERY_NOT_FOUND")) {
    params.set("query", text);
    ({ response, body } = await get());
  }
  if (!response.ok || body.errors?.length || !body.data) firstError(body, response.status);
  return body.data;
}

/**
 * A public read, cached under `tags` until the webhook revalidates one of them (or for
 * READ_REVALIDATE_SECONDS). Errors are thrown, so they are never cached.
 */
export async function read<T, V extends Record<string, unknown>>(
  document: TypedDocumentNode<T, V>,
  variables: V,
  tags: string[],
): Promise<T> {
  const { id } = documentOf(document);
  if (recentlyRevalidated(tags)) return persistedGet<T>(document, variables);
  const cached = unstable_cache(() => persistedGet<T>(document, variables), ["graphql", id, stableJson(variables)], {
    tags,
    revalidate: READ_REVALIDATE_SECONDS,
  });
  return cached();
}

/** A POST nothing caches: mutations, `preview` and `feedbackStatus` (they carry secrets). */
export async function post<T, V extends Record<string, unknown>>(
  document: TypedDocumentNode<T, V>,
  variables: V,
  { clientAddress }: { clientAddress?: string | null } = {},
): Promise<T> {
  const { hash, text, name } = documentOf(document);
  const headers: Record<string, string> = {
    Accept: "application/json",
    "Content-Type": "application/json",
  };
  // The CMS counts its rate limits per client: pass on the resident's address (see the README).
  if (clientAddress) headers["X-Forwarded-For"] = clientAddress;
  const response = await fetch(graphqlUrl(), {
    method: "POST",
    headers,
    cache: "no-store",
    body: JSON.stringify({
      query: text,
      operationName: name,
      variables,
      extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
    }),
  });
  const body = await readJson<T>(response);
  if (!response.ok || body.errors?.length || !body.data) firstError(body, response.status);
  return body.data;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}
