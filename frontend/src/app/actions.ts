"use server";
// Residents' actions as Server Actions: the forms post to the site's server (they work without
// JavaScript), which POSTs the mutation to the API with the resident's address forwarded.
import { headers } from "next/headers";
import {
  CancelRegistrationDocument,
  ConfirmSubscriptionDocument,
  RegisterForEventDocument,
  SubmitFeedbackDocument,
  SubscribeDocument,
  UnsubscribeDocument,
  type ArticleKind,
  type FeedbackCategory,
  type SubscriptionFrequency,
} from "@/gql/graphql";
import { ApiError, post } from "@/lib/api";
import { clientAddress, trustedProxyCount } from "@/lib/client-address";
import { ARTICLE_KINDS, FEEDBACK_CATEGORIES, FREQUENCIES, errorMessage } from "@/lib/labels";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/locales";

export type FieldError = { field: string | null; code: string; message: string };
type Outcome<R> = { errors: FieldError[]; result?: R; values?: Record<string, string> };

export type RegisterState = Outcome<{
  status: "CONFIRMED" | "WAITLISTED" | "CANCELLED";
  partySize: number;
  waitlistPosition: number | null;
  cancelHref: string | null;
}>;
export type FeedbackState = Outcome<{ reference: string; statusToken: string; statusHref: string }>;
export type SubscribeState = Outcome<{ status: "PENDING" | "ACTIVE" | "UNSUBSCRIBED" }>;
export type TokenState = Outcome<{ status: string }>;

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value.trim() : "";
}

function localeOf(form: FormData): Locale {
  const value = text(form, "locale");
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

async function forwarded(): Promise<string | null> {
  const incoming = await headers();
  return clientAddress(incoming.get("x-forwarded-for"), trustedProxyCount());
}

function localised(locale: Locale, errors: { field?: string | null; code: string }[]): FieldError[] {
  return errors.map((error) => ({ field: error.field ?? null, code: error.code, message: errorMessage(locale, error.code) }));
}

function failure(locale: Locale, error: unknown): FieldError[] {
  const code = error instanceof ApiError ? error.code : "UNAVAILABLE";
  if (!(error instanceof ApiError)) console.error("residents' action failed", error);
  return [{ field: null, code, message: errorMessage(locale, code) }];
}

export async function registerForEvent(_previous: RegisterState, form: FormData): Promise<RegisterState> {
  const locale = localeOf(form);
  const values = { name: text(form, "name"), email: text(form, "email"), partySize: text(form, "partySize") || "1" };
  const partySize = Number.parseInt(values.partySize, 10);
  if (!Number.isInteger(partySize) || partySize < 1) {
    return { errors: localised(locale, [{ field: "partySize", code: "OUT_OF_RANGE" }]), values };
  }
  try {
    const data = await post(
      RegisterForEventDocument,
      {
        input: {
          eventId: text(form, "eventId"),
          name: values.name,
          email: values.email,
          partySize,
          locale,
          website: text(form, "website"),
        },
      },
      { clientAddress: await forwarded() },
    );
    const payload = data.registerForEvent;
    if (!payload || payload.errors.length || !payload.registration) {
      return { errors: localised(locale, payload?.errors ?? [{ code: "UNAVAILABLE" }]), values };
    }
    const { registration, cancelToken } = payload;
    return {
      errors: [],
      result: {
        status: registration.status,
        partySize: registration.partySize,
        waitlistPosition: registration.waitlistPosition ?? null,
        cancelHref: cancelToken ? `/${locale}/registrations/cancel?token=${encodeURIComponent(cancelToken)}` : null,
      },
    };
  } catch (error) {
    return { errors: failure(locale, error), values };
  }
}

export async function cancelRegistration(_previous: TokenState, form: FormData): Promise<TokenState> {
  const locale = localeOf(form);
  try {
    const data = await post(CancelRegistrationDocument, { token: text(form, "token") }, { clientAddress: await forwarded() });
    const payload = data.cancelRegistration;
    if (!payload || payload.errors.length || !payload.registration) {
      return { errors: localised(locale, payload?.errors ?? [{ code: "UNAVAILABLE" }]) };
    }
    return { errors: [], result: { status: payload.registration.status } };
  } catch (error) {
    return { errors: failure(locale, error) };
  }
}

export async function submitFeedback(_previous: FeedbackState, form: FormData): Promise<FeedbackState> {
  const locale = localeOf(form);
  const values = {
    category: text(form, "category"),
    message: text(form, "message"),
    email: text(form, "email"),
    consent: form.get("consent") ? "on" : "",
  };
  const category = FEEDBACK_CATEGORIES.find((name) => name === values.category);
  if (!category) return { errors: localised(locale, [{ field: "category", code: "INVALID" }]), values };
  try {
    const data = await post(
      SubmitFeedbackDocument,
      {
        input: {
          community: text(form, "community"),
          category: category as FeedbackCategory,
          message: values.message,
          locale,
          email: values.email || null,
          consent: !!values.consent,
          pageId: text(form, "pageId") || null,
          website: text(form, "website"),
        },
      },
      { clientAddress: await forwarded() },
    );
    const payload = data.submitFeedback;
    if (!payload || payload.errors.length || !payload.feedback || !payload.statusToken) {
      return { errors: localised(locale, payload?.errors ?? [{ code: "UNAVAILABLE" }]), values };
    }
    return {
      errors: [],
      result: {
        reference: payload.feedback.reference,
        statusToken: payload.statusToken,
        statusHref: `/${locale}/feedback/status?token=${encodeURIComponent(payload.statusToken)}`,
      },
    };
  } catch (error) {
    return { errors: failure(locale, error), values };
  }
}

export async function subscribe(_previous: SubscribeState, form: FormData): Promise<SubscribeState> {
  const locale = localeOf(form);
  const values = { email: text(form, "email"), frequency: text(form, "frequency") };
  const kinds = form
    .getAll("kinds")
    .filter((kind): kind is string => typeof kind === "string")
    .filter((kind) => (ARTICLE_KINDS as string[]).includes(kind)) as ArticleKind[];
  const frequency = (FREQUENCIES as string[]).includes(values.frequency) ? (values.frequency as SubscriptionFrequency) : "IMMEDIATE";
  const communities = form.getAll("communities").filter((slug): slug is string => typeof slug === "string" && !!slug);
  try {
    const data = await post(
      SubscribeDocument,
      { input: { email: values.email, locale, communities, kinds, frequency, website: text(form, "website") } },
      { clientAddress: await forwarded() },
    );
    const payload = data.subscribe;
    if (!payload || payload.errors.length || !payload.subscription) {
      return { errors: localised(locale, payload?.errors ?? [{ code: "UNAVAILABLE" }]), values };
    }
    return { errors: [], result: { status: payload.subscription.status } };
  } catch (error) {
    return { errors: failure(locale, error), values };
  }
}

export async function confirmSubscription(_previous: TokenState, form: FormData): Promise<TokenState> {
  const locale = localeOf(form);
  try {
    const data = await post(ConfirmSubscriptionDocument, { token: text(form, "token") }, { clientAddress: await forwarded() });
    const payload = data.confirmSubscription;
    if (!payload || payload.errors.length || !payload.subscription) {
      return { errors: localised(locale, payload?.errors ?? [{ code: "UNAVAILABLE" }]) };
    }
    return { errors: [], result: { status: payload.subscription.status } };
  } catch (error) {
    return { errors: failure(locale, error) };
  }
}

export async function unsubscribe(_previous: TokenState, form: FormData): Promise<TokenState> {
  const locale = localeOf(form);
  try {
    const data = await post(UnsubscribeDocument, { token: text(form, "token") }, { clientAddress: await forwarded() });
    const payload = data.unsubscribe;
    if (!payload || payload.errors.length || !payload.subscription) {
      return { errors: localised(locale, payload?.errors ?? [{ code: "UNAVAILABLE" }]) };
    }
    return { errors: [], result: { status: payload.subscription.status } };
  } catch (error) {
    return { errors: failure(locale, error) };
  }
}
