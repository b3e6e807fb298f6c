import type { ReactNode } from 'react';

// Message text with a little markdown (**bold**, *italic*/_italic_, `code`, links, line breaks),
// built as React elements: nothing from the user is ever parsed as HTML.

const INLINE = /(\*\*[^*\n]+\*\*|`[^`\n]+`|(?<=^|\s)\*[^*\s](?:[^*\n]*[^*\s])?\*(?=$|[\s.,;:!?])|(?<=^|\s)_[^_\s](?:[^_\n]*[^_\s])?_(?=$|[\s.,;:!?])|\[@[^\]\n]+\]\(mention:\/\/[^)\s]+\)|\[[^\]\n]+\]\(https?:\/\/[^)\s]+\)|https?:\/\/[^\s<]+[^\s<.,;:!?)\]'"])/g;

function inline(text: string, keyBase: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let i = 0;
  for (const match of text.matchAll(INLINE)) {
    const token = match[0];
    const at = match.index ?? 0;
    if (at > last) {
      out.push(text.slice(last, at));
    }
    const key = `${keyBase}-${i++}`;
    if (token.startsWith('**')) {
      out.push(<strong key={key}>{token.slice(2, -2)}</strong>);
    } else if (token.startsWith('`')) {
      out.push(<code key={key}>{token.slice(1, -1)}</code>);
    } else if (token.startsWith('*') || token.startsWith('_')) {
      out.push(<em key={key}>{token.slice(1, -1)}</em>);
    } else if (token.startsWith('[@') && token.includes('](mention://')) {
      out.push(<span key={key} className="mention">{token.slice(1, token.indexOf(']('))}</span>);
    } else if (token.startsWith('[')) {
      const close = token.indexOf('](');
      out.push(<a key={key} href={token.slice(close + 2, -1)} target="_blank" rel="noopener noreferrer nofollow">{token.slice(1, close)}</a>);
    } else {
      out.push(<a key={key} href={token} target="_blank" rel="noopener noreferrer nofollow">{token}</a>);
    }
    last = at + token.length;
  }
  if (last < text.length) {
    out.push(text.slice(last));
  }
  return out;
}

/** Renders `text` as paragraphs and line breaks with inline markdown. */
export function RichText({ text }: { text: string | null | undefined }) {
  if (!text) {
    return null;
  }
  const paragraphs = text.split(/\n{2,}/);
  return (
    <>
      {paragraphs.map((paragraph, p) => (
        <p key={p}>
          {paragraph.split('\n').map((line, l) => (
            <span key={l}>{l > 0 ? <br /> : null}{inline(line, `${p}-${l}`)}</span>
          ))}
        </p>
      ))}
    </>
  );
}
