"use client";
// The residents' forms. Each posts to a Server Action; without JavaScript the browser posts the
// form and the page comes back with the result (React's progressive enhancement).
import { useActionState, useId } from "react";
import {
  cancelRegistration,
  confirmSubscription,
  registerForEvent,
  submitFeedback,
  subscribe,
  unsubscribe,
  type FieldError,
  type FeedbackState,
  type RegisterState,
  type SubscribeState,
  type TokenState,
} from "@/app/actions";
import { ARTICLE_KIND_LABELS, ARTICLE_KINDS, FEEDBACK_CATEGORIES, FEEDBACK_CATEGORY_LABELS, FREQUENCIES, FREQUENCY_LABELS } from "@/lib/labels";
import type { Locale } from "@/lib/locales";
import { translator, type MessageKey } from "@/lib/messages";

const FIELD_LABELS: Record<string, MessageKey> = {
  name: "name",
  email: "email",
  partySize: "capacity",
  message: "message",
  category: "feedbackCategory",
  kinds: "kinds",
  frequency: "frequency",
  eventId: "events",
  community: "community",
};

function Errors({ errors, locale, testId }: { errors: FieldError[]; locale: Locale; testId: string }) {
  if (!errors.length) return null;
  const t = translator(locale);
  return (
    <div className="errors" role="alert" data-testid={testId}>
      <p>{t("errorsTitle")}</p>
      <ul>
        {errors.map((error, index) => (
          <li key={index} data-code={error.code}>
            {error.field && FIELD_LABELS[error.field] ? `${t(FIELD_LABELS[error.field])}: ` : ""}
            {error.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function fieldError(errors: FieldError[], field: string): boolean {
  return errors.some((error) => error.field === field);
}

/** The honeypot: hidden from people and screen readers; bots fill it in. */
function Honeypot({ locale, id }: { locale: Locale; id: string }) {
  const t = translator(locale);
  return (
    <div className="hp" aria-hidden="true">
      <label htmlFor={id}>{t("honeypot")}</label>
      <input id={id} type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}

export function RegisterForm({ locale, eventId, eventPath, maxPartySize }: { locale: Locale; eventId: string; eventPath: string; maxPartySize: number }) {
  const t = translator(locale);
  const id = useId();
  const [state, action, pending] = useActionState<RegisterState, FormData>(registerForEvent, { errors: [] });
  const calendar = `/api/calendar?${new URLSearchParams({ locale, path: eventPath })}`;
  if (state.result) {
    const { status, partySize, waitlistPosition, cancelHref } = state.result;
    return (
      <section className={`result ${status === "WAITLISTED" ? "waitlisted" : ""}`} role="status" data-testid="registration-result" data-status={status}>
        <h2>{t("registerTitle")}</h2>
        <p>
          {status === "WAITLISTED"
            ? t("registeredWaitlisted", { position: waitlistPosition ?? "?" })
            : t("registeredConfirmed", { count: partySize })}
        </p>
        {status === "CONFIRMED" ? <p>{t("registeredMail")}</p> : null}
        <p>
          <a href={calendar} download>
            {t("addToCalendar")}
          </a>
        </p>
        {cancelHref ? (
          <p>
            <a href={cancelHref} data-testid="registration-cancel-link">
              {t("cancelLinkText")}
            </a>
          </p>
        ) : null}
      </section>
    );
  }
  return (
    <form className="panel" action={action} data-testid="registration-form" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("registerTitle")}</h2>
      <Errors errors={state.errors} locale={locale} testId="registration-errors" />
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="eventId" value={eventId} />
      <div className="field">
        <label htmlFor={`${id}-name`}>{t("name")}</label>
        <input id={`${id}-name`} type="text" name="name" required maxLength={200} autoComplete="name" defaultValue={state.values?.name} aria-invalid={fieldError(state.errors, "name") || undefined} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-email`}>{t("email")}</label>
        <input id={`${id}-email`} type="email" name="email" required maxLength={254} autoComplete="email" defaultValue={state.values?.email} aria-invalid={fieldError(state.errors, "email") || undefined} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-party`}>{t("partySize", { max: maxPartySize })}</label>
        <input id={`${id}-party`} type="number" name="partySize" min={1} max={maxPartySize} required defaultValue={state.values?.partySize ?? "1"} aria-invalid={fieldError(state.errors, "partySize") || undefined} />
      </div>
      <Honeypot locale={locale} id={`${id}-website`} />
      <button type="submit" disabled={pending}>
        {t("registerButton")}
      </button>
    </form>
  );
}

export function FeedbackForm({ locale, community, communityTitle, pageId }: { locale: Locale; community: string; communityTitle: string; pageId?: string }) {
  const t = translator(locale);
  const id = useId();
  const [state, action, pending] = useActionState<FeedbackState, FormData>(submitFeedback, { errors: [] });
  if (state.result) {
    return (
      <section className="result" role="status" data-testid="feedback-result">
        <h2>{t("feedbackTitle")}</h2>
        <p>{t("feedbackThanks", { reference: state.result.reference })}</p>
        <p>{t("feedbackKeepLink")}</p>
        <p>
          <a href={state.result.statusHref} className="token" data-testid="feedback-status-link">
            {state.result.statusHref}
          </a>
        </p>
        <p>
          {t("statusToken")}: <span className="token" data-testid="feedback-status-token">{state.result.statusToken}</span>
        </p>
      </section>
    );
  }
  return (
    <form className="panel" action={action} data-testid="feedback-form" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {t("feedbackTitle")}: {communityTitle}
      </h2>
      <p>{t("feedbackIntro")}</p>
      <Errors errors={state.errors} locale={locale} testId="feedback-errors" />
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="community" value={community} />
      {pageId ? <input type="hidden" name="pageId" value={pageId} /> : null}
      <div className="field">
        <label htmlFor={`${id}-category`}>{t("feedbackCategory")}</label>
        <select id={`${id}-category`} name="category" required defaultValue={state.values?.category ?? "SUGGESTION"}>
          {FEEDBACK_CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {FEEDBACK_CATEGORY_LABELS[locale][category]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-message`}>{t("message")}</label>
        <textarea id={`${id}-message`} name="message" required maxLength={5000} defaultValue={state.values?.message} aria-invalid={fieldError(state.errors, "message") || undefined} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-email`}>{t("emailOptional")}</label>
        <input id={`${id}-email`} type="email" name="email" maxLength={254} autoComplete="email" defaultValue={state.values?.email} aria-invalid={fieldError(state.errors, "email") || undefined} />
      </div>
      <div className="field">
        <label className="choice" htmlFor={`${id}-consent`}>
          <input id={`${id}-consent`} type="checkbox" name="consent" defaultChecked={!!state.values?.consent} />
          {t("consent")}
        </label>
      </div>
      <Honeypot locale={locale} id={`${id}-website`} />
      <button type="submit" disabled={pending}>
        {t("sendButton")}
      </button>
    </form>
  );
}

export function SubscribeForm({ locale, communities = [] }: { locale: Locale; communities?: string[] }) {
  const t = translator(locale);
  const id = useId();
  const [state, action, pending] = useActionState<SubscribeState, FormData>(subscribe, { errors: [] });
  if (state.result) {
    return (
      <section className="result" role="status" data-testid="subscribe-result" data-status={state.result.status}>
        <h2>{t("subscribeTitle")}</h2>
        <p>{t("subscribePending")}</p>
      </section>
    );
  }
  return (
    <form className="panel" action={action} data-testid="subscribe-form" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("subscribeTitle")}</h2>
      <p>{t("subscribeIntro")}</p>
      <Errors errors={state.errors} locale={locale} testId="subscribe-errors" />
      <input type="hidden" name="locale" value={locale} />
      {communities.map((slug) => (
        <input key={slug} type="hidden" name="communities" value={slug} />
      ))}
      <div className="field">
        <label htmlFor={`${id}-email`}>{t("email")}</label>
        <input id={`${id}-email`} type="email" name="email" required maxLength={254} autoComplete="email" defaultValue={state.values?.email} aria-invalid={fieldError(state.errors, "email") || undefined} />
      </div>
      <div className="field">
        <fieldset>
          <legend>{t("kinds")}</legend>
          {ARTICLE_KINDS.map((kind) => (
            <label className="choice" key={kind} htmlFor={`${id}-kind-${kind}`}>
              <input id={`${id}-kind-${kind}`} type="checkbox" name="kinds" value={kind} />
              {ARTICLE_KIND_LABELS[locale][kind]}
            </label>
          ))}
        </fieldset>
      </div>
      <div className="field">
        <fieldset>
          <legend>{t("frequency")}</legend>
          {FREQUENCIES.map((frequency) => (
            <label className="choice" key={frequency} htmlFor={`${id}-frequency-${frequency}`}>
              <input id={`${id}-frequency-${frequency}`} type="radio" name="frequency" value={frequency} defaultChecked={(state.values?.frequency || "IMMEDIATE") === frequency} />
              {FREQUENCY_LABELS[locale][frequency]}
            </label>
          ))}
        </fieldset>
      </div>
      <Honeypot locale={locale} id={`${id}-website`} />
      <button type="submit" disabled={pending}>
        {t("subscribeButton")}
      </button>
    </form>
  );
}

/** One button acting on a token from a mail link: a GET only shows it, so mail scanners that
 * follow links change nothing. */
export function TokenActionForm({
  locale,
  token,
  kind,
}: {
  locale: Locale;
  token: string;
  kind: "cancel-registration" | "confirm-subscription" | "unsubscribe";
}) {
  const t = translator(locale);
  const actions = { "cancel-registration": cancelRegistration, "confirm-subscription": confirmSubscription, unsubscribe };
  const words: Record<typeof kind, { text?: MessageKey; button: MessageKey; done: MessageKey }> = {
    "cancel-registration": { text: "cancelText", button: "cancelButton", done: "cancelled" },
    "confirm-subscription": { button: "confirmButton", done: "confirmed" },
    unsubscribe: { text: "unsubscribeText", button: "unsubscribeButton", done: "unsubscribed" },
  };
  const [state, action, pending] = useActionState<TokenState, FormData>(actions[kind], { errors: [] });
  if (state.result) {
    return (
      <p className="result" role="status" data-testid={`${kind}-result`} data-status={state.result.status}>
        {t(words[kind].done)}
      </p>
    );
  }
  return (
    <form className="panel" action={action} data-testid={`${kind}-form`}>
      <Errors errors={state.errors} locale={locale} testId={`${kind}-errors`} />
      {words[kind].text ? <p>{t(words[kind].text!)}</p> : null}
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="token" value={token} />
      <button type="submit" disabled={pending}>
        {t(words[kind].button)}
      </button>
    </form>
  );
}
