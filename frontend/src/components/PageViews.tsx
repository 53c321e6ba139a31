// A page from the API, rendered by its __typename. The live route and the preview both render
// through `PageContentView`, so a draft looks exactly as it will when published.
import type { PageContentFragment, HeroImageFragment } from "@/gql/graphql";
import { formatDate, formatDateTime, localiseLinks } from "@/lib/format";
import { ARTICLE_KIND_LABELS, EVENT_CATEGORY_LABELS } from "@/lib/labels";
import { languageTag, LOCAL_NAMES, isLocale, type Locale } from "@/lib/locales";
import { translator } from "@/lib/messages";
import { href } from "@/lib/routing";
import { Body } from "./Body";
import { ArticleCards, EventCards } from "./Lists";
import { FeedbackForm, RegisterForm, SubscribeForm } from "./Forms";

function Hero({ image, priority = false }: { image?: HeroImageFragment | null; priority?: boolean }) {
  if (!image) return null;
  return (
    <img
      className="hero"
      src={image.rendition.url}
      width={image.rendition.width}
      height={image.rendition.height}
      srcSet={image.srcset || undefined}
      sizes="(min-width: 72rem) 70rem, 100vw"
      alt={image.alt}
      loading={priority ? "eager" : "lazy"}
    />
  );
}

function servedLang(page: { locale: string }): string {
  return isLocale(page.locale) ? languageTag(page.locale) : page.locale;
}

export function PageContentView({ page, locale, cms }: { page: PageContentFragment; locale: Locale; cms: string }) {
  switch (page.__typename) {
    case "Article":
      return <ArticleView page={page} locale={locale} cms={cms} />;
    case "Event":
      return <EventView page={page} locale={locale} cms={cms} />;
    case "Community":
      return <CommunityView page={page} locale={locale} cms={cms} />;
    default:
      return (
        <div lang={servedLang(page)}>
          <h1>{page.title}</h1>
          {"intro" in page && page.intro ? <p className="lead">{page.intro}</p> : null}
        </div>
      );
  }
}

type ArticlePage = Extract<PageContentFragment, { __typename: "Article" }>;
type EventPage = Extract<PageContentFragment, { __typename: "Event" }>;
type CommunityPage = Extract<PageContentFragment, { __typename: "Community" }>;

function ArticleView({ page, locale, cms }: { page: ArticlePage; locale: Locale; cms: string }) {
  const t = translator(locale);
  return (
    <article lang={servedLang(page)}>
      <p className="meta" lang={languageTag(locale)}>
        {page.priority === "URGENT" ? <span className="badge urgent">{t("urgent")}</span> : null}
        <span className="badge">{ARTICLE_KIND_LABELS[locale][page.kind]}</span>
        {page.community ? <a href={href(locale, page.community.urlPath)}>{page.community.title}</a> : null}
      </p>
      <h1>{page.title}</h1>
      {page.summary ? <p className="lead">{page.summary}</p> : null}
      <Hero image={page.heroImage} priority />
      <dl className="facts" lang={languageTag(locale)}>
        {page.firstPublishedAt ? (
          <>
            <dt>{t("published")}</dt>
            <dd>
              <time dateTime={page.firstPublishedAt}>{formatDate(locale, page.firstPublishedAt)}</time>
            </dd>
          </>
        ) : null}
        {page.bureau ? (
          <>
            <dt>{t("issuedBy")}</dt>
            <dd lang={servedLang(page)}>{page.bureau.website ? <a href={page.bureau.website}>{page.bureau.name}</a> : page.bureau.name}</dd>
          </>
        ) : null}
        {page.effectiveFrom ? (
          <>
            <dt>{t("effectiveFrom")}</dt>
            <dd>{formatDate(locale, page.effectiveFrom)}</dd>
          </>
        ) : null}
        {page.expiresOn ? (
          <>
            <dt>{t("expiresOn")}</dt>
            <dd>{formatDate(locale, page.expiresOn)}</dd>
          </>
        ) : null}
        {page.officialSourceUrl ? (
          <>
            <dt>{t("officialSource")}</dt>
            <dd>
              <a href={page.officialSourceUrl}>{new URL(page.officialSourceUrl).hostname}</a>
            </dd>
          </>
        ) : null}
        {page.supersedes ? (
          <>
            <dt>{t("supersedes")}</dt>
            <dd lang={servedLang(page)}>
              <a href={href(locale, page.supersedes.urlPath)}>{page.supersedes.title}</a>
            </dd>
          </>
        ) : null}
      </dl>
      <Body blocks={page.body} locale={locale} cms={cms} />
      {page.topics.length ? (
        <p className="meta">
          <span lang={languageTag(locale)}>{t("topics")}: </span>
          {page.topics.map((topic, index) => (
            <span key={topic.slug}>
              {index ? ", " : ""}
              <a href={`/${locale}/topics/${encodeURIComponent(topic.slug)}`}>{topic.name}</a>
            </span>
          ))}
        </p>
      ) : null}
    </article>
  );
}

function EventView({ page, locale, cms }: { page: EventPage; locale: Locale; cms: string }) {
  const t = translator(locale);
  const calendar = `/api/calendar?${new URLSearchParams({ locale, path: page.urlPath })}`;
  const seats =
    page.capacity === null || page.capacity === undefined
      ? t("unlimited")
      : page.spotsLeft === 0
        ? t("full")
        : t("spotsLeft", { count: page.spotsLeft ?? 0 });
  return (
    <article lang={servedLang(page)}>
      <p className="meta" lang={languageTag(locale)}>
        <span className="badge">{EVENT_CATEGORY_LABELS[locale][page.category]}</span>
        {page.community ? <a href={href(locale, page.community.urlPath)}>{page.community.title}</a> : null}
      </p>
      <h1>{page.title}</h1>
      {page.summary ? <p className="lead">{page.summary}</p> : null}
      <Hero image={page.heroImage} priority />
      <dl className="facts">
        <dt lang={languageTag(locale)}>{t("starts")}</dt>
        <dd lang={languageTag(locale)}>
          <time dateTime={page.startsAt}>{formatDateTime(locale, page.startsAt)}</time>
        </dd>
        <dt lang={languageTag(locale)}>{t("ends")}</dt>
        <dd lang={languageTag(locale)}>
          <time dateTime={page.endsAt}>{formatDateTime(locale, page.endsAt)}</time>
        </dd>
        {page.venue ? (
          <>
            <dt lang={languageTag(locale)}>{t("venue")}</dt>
            <dd>{page.venue}</dd>
          </>
        ) : null}
        {page.address ? (
          <>
            <dt lang={languageTag(locale)}>{t("address")}</dt>
            <dd>{page.address}</dd>
          </>
        ) : null}
        <dt lang={languageTag(locale)}>{t("price")}</dt>
        <dd>
          <span lang={languageTag(locale)}>{page.isFree ? t("free") : page.price ? t("yuan", { amount: page.price }) : ""}</span>
          {page.priceNote ? ` (${page.priceNote})` : ""}
        </dd>
        {page.languages.length ? (
          <>
            <dt lang={languageTag(locale)}>{t("languagesSpoken")}</dt>
            <dd lang={languageTag(locale)}>{page.languages.map((code) => (isLocale(code) ? LOCAL_NAMES[code] : code)).join(", ")}</dd>
          </>
        ) : null}
        {page.organiser ? (
          <>
            <dt lang={languageTag(locale)}>{t("organiser")}</dt>
            <dd>
              {page.organiser}
              {page.contactEmail ? (
                <>
                  {" · "}
                  <a href={`mailto:${page.contactEmail}`}>{page.contactEmail}</a>
                </>
              ) : null}
            </dd>
          </>
        ) : null}
        {page.registrationRequired ? (
          <>
            <dt lang={languageTag(locale)}>{t("capacity")}</dt>
            <dd lang={languageTag(locale)} data-testid="event-seats">
              {seats}
              {page.waitlistLength ? ` · ${t("waitlistLength", { count: page.waitlistLength })}` : ""}
            </dd>
          </>
        ) : null}
        {page.registrationDeadline ? (
          <>
            <dt lang={languageTag(locale)}>{t("registrationDeadline")}</dt>
            <dd lang={languageTag(locale)}>{formatDateTime(locale, page.registrationDeadline)}</dd>
          </>
        ) : null}
      </dl>
      <p lang={languageTag(locale)}>
        <a href={calendar} download data-testid="calendar-link">
          {t("addToCalendar")}
        </a>
      </p>
      <Body blocks={page.body} locale={locale} cms={cms} />
      {page.registrationRequired ? (
        page.registrationOpen ? (
          <RegisterForm locale={locale} eventId={page.id} eventPath={page.urlPath} maxPartySize={page.maxPartySize} />
        ) : (
          <p className="notice" lang={languageTag(locale)}>
            {t("registrationClosed")}
          </p>
        )
      ) : null}
    </article>
  );
}

function CommunityView({ page, locale, cms }: { page: CommunityPage; locale: Locale; cms: string }) {
  const t = translator(locale);
  return (
    <div lang={servedLang(page)}>
      <h1>
        {page.title} <span lang="zh-Hans">{page.localName && page.localName !== page.title ? page.localName : ""}</span>
      </h1>
      <p className="meta">{page.district}</p>
      <Hero image={page.heroImage} priority />
      {page.descriptionHtml ? <div dangerouslySetInnerHTML={{ __html: localiseLinks(page.descriptionHtml, locale, cms) }} /> : null}
      <div className="columns">
        <section aria-labelledby="community-news" lang={languageTag(locale)}>
          <h2 id="community-news">{t("latestNews")}</h2>
          <ArticleCards edges={page.articles.edges} locale={locale} />
          <p>
            <a href={href(locale, `${page.urlPath}news/`)}>{t("allNews")}</a>
          </p>
        </section>
        <section aria-labelledby="community-events" lang={languageTag(locale)}>
          <h2 id="community-events">{t("upcomingEvents")}</h2>
          <EventCards edges={page.events.edges} locale={locale} />
          <p>
            <a href={href(locale, `${page.urlPath}events/`)}>{t("allEvents")}</a>
          </p>
        </section>
      </div>
      {page.centre ? (
        <section aria-labelledby="community-centre">
          <h2 id="community-centre" lang={languageTag(locale)}>
            {t("centre")}
          </h2>
          <p>
            <strong>{page.centre.name}</strong>
          </p>
          <dl className="facts">
            {page.centre.address ? (
              <>
                <dt lang={languageTag(locale)}>{t("address")}</dt>
                <dd>{page.centre.address}</dd>
              </>
            ) : null}
            {page.centre.openingHours ? (
              <>
                <dt lang={languageTag(locale)}>{t("openingHours")}</dt>
                <dd>{page.centre.openingHours}</dd>
              </>
            ) : null}
            {page.centre.phone ? (
              <>
                <dt lang={languageTag(locale)}>{t("phone")}</dt>
                <dd>
                  <a href={`tel:${page.centre.phone.replace(/[^\d+]/g, "")}`}>{page.centre.phone}</a>
                </dd>
              </>
            ) : null}
            {page.centre.email ? (
              <>
                <dt lang={languageTag(locale)}>{t("email")}</dt>
                <dd>
                  <a href={`mailto:${page.centre.email}`}>{page.centre.email}</a>
                </dd>
              </>
            ) : null}
          </dl>
        </section>
      ) : null}
      {page.contacts.length ? (
        <section aria-labelledby="community-contacts">
          <h2 id="community-contacts" lang={languageTag(locale)}>
            {t("contacts")}
          </h2>
          <ul>
            {page.contacts.map((contact, index) => (
              <li key={index}>
                {contact.name}
                {contact.role ? `, ${contact.role}` : ""}
                {contact.phone ? ` · ${contact.phone}` : ""}
                {contact.email ? (
                  <>
                    {" · "}
                    <a href={`mailto:${contact.email}`}>{contact.email}</a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div lang={languageTag(locale)}>
        <FeedbackForm locale={locale} community={page.slug} communityTitle={page.title} pageId={page.id} />
        <SubscribeForm locale={locale} communities={[page.slug]} />
      </div>
    </div>
  );
}
