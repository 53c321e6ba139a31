// An article's or event's body: each typed block from the API as its own component.
import type { BodyBlocksFragment } from "@/gql/graphql";
import { localiseLinks } from "@/lib/format";
import type { Locale } from "@/lib/locales";

type Block = BodyBlocksFragment;

function RichText({ html, locale, cms }: { html: string; locale: Locale; cms: string }) {
  // The CMS sanitises rich text (Wagtail's allow-list); links are made local to this site.
  return <div dangerouslySetInnerHTML={{ __html: localiseLinks(html, locale, cms) }} />;
}

function BlockView({ block, locale, cms }: { block: Block; locale: Locale; cms: string }) {
  switch (block.__typename) {
    case "ParagraphBlock":
      return <RichText html={block.html} locale={locale} cms={cms} />;
    case "HeadingBlock":
      return block.level === 3 ? <h3>{block.text}</h3> : <h2>{block.text}</h2>;
    case "ImageBlock": {
      if (!block.image) return null;
      const rendition = block.image.rendition;
      return (
        <figure>
          <img
            src={rendition.url}
            width={rendition.width}
            height={rendition.height}
            srcSet={block.image.srcset || undefined}
            sizes="(min-width: 72rem) 70rem, 100vw"
            alt={block.decorative ? "" : block.image.alt}
            loading="lazy"
          />
          {block.caption || block.credit ? (
            <figcaption>
              {block.caption}
              {block.caption && block.credit ? " · " : ""}
              {block.credit}
            </figcaption>
          ) : null}
        </figure>
      );
    }
    case "QuoteBlock":
      return (
        <figure>
          <blockquote>
            <p>{block.quote}</p>
          </blockquote>
          {block.attribution ? <figcaption>— {block.attribution}</figcaption> : null}
        </figure>
      );
    case "EmbedBlock":
      return block.embedHtml ? (
        <div className="embed" dangerouslySetInnerHTML={{ __html: block.embedHtml }} />
      ) : (
        <p>
          <a href={block.url}>{block.url}</a>
        </p>
      );
    case "CallToActionBlock":
      if (!block.href) return <p>{block.text}</p>;
      return (
        <p>
          <a className="cta" href={block.href.startsWith("/") ? `/${locale}${block.href}` : block.href}>
            {block.text}
          </a>
        </p>
      );
    case "FaqBlock":
      return (
        <section>
          {block.title ? <h2>{block.title}</h2> : null}
          {block.items.map((item, index) => (
            <details key={index}>
              <summary>{item.question}</summary>
              <RichText html={item.answerHtml} locale={locale} cms={cms} />
            </details>
          ))}
        </section>
      );
    case "TableBlock": {
      const rows = block.firstRowIsHeader ? block.rows.slice(1) : block.rows;
      const head = block.firstRowIsHeader ? block.rows[0] : null;
      return (
        <table>
          {block.caption ? <caption>{block.caption}</caption> : null}
          {head ? (
            <thead>
              <tr>
                {head.map((cell, index) => (
                  <th key={index} scope="col">
                    {cell}
                  </th>
                ))}
              </tr>
            </thead>
          ) : null}
          <tbody>
            {rows.map((row, rowIndex) => (
              <tr key={rowIndex}>
                {row.map((cell, index) =>
                  index === 0 && block.firstColumnIsHeader ? (
                    <th key={index} scope="row">
                      {cell}
                    </th>
                  ) : (
                    <td key={index}>{cell}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      );
    }
    default:
      return null;
  }
}

export function Body({ blocks, locale, cms }: { blocks: Block[]; locale: Locale; cms: string }) {
  return (
    <div data-testid="article-body">
      {blocks.map((block) => (
        <div className="body-block" key={block.id} data-block-type={block.blockType}>
          <BlockView block={block} locale={locale} cms={cms} />
        </div>
      ))}
    </div>
  );
}
