// One message of the conversation. Everything from people is rendered as text: no HTML is ever injected.
import { useState } from 'preact/hooks';
import type { Json } from './api';
import type { Words } from './i18n';

export interface MessageProps {
  message: Json;
  t: Words;
  onSubmit: (message: Json, values: unknown) => void;
  onEmail: (message: Json, email: string) => void;
  /** Sends a message that failed again. */
  onRetry: (message: Json) => void;
}

const CSAT_FACES = ['😞', '😕', '😐', '😊', '😍'];
const URL_PATTERN = /(https?:\/\/[^\s<]+)/g;

/** Text with http(s) links made clickable; every part is a text node. */
function Text({ content }: { content: string }) {
  const parts = content.split(URL_PATTERN);
  return (
    <span class="text">
      {parts.map((part, i) => (i % 2 === 1 ? <a href={part} target="_blank" rel="noopener noreferrer nofollow">{part}</a> : part))}
    </span>
  );
}

function safeUrl(url: unknown): string | undefined {
  return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : undefined;
}

function Attachments({ items }: { items: Json[] }) {
  return (
    <div class="attachments">
      {items.map((a) => (a.file_type === 'image' && a.data_url
        ? <a href={a.data_url} target="_blank" rel="noopener noreferrer"><img src={a.thumb_url || a.data_url} alt="" loading="lazy" /></a>
        : <a class="file" href={a.data_url} target="_blank" rel="noopener noreferrer">{a.fallback_title || a.data_url?.split('/').pop() || 'file'}</a>))}
    </div>
  );
}

function Options({ message, onSubmit }: MessageProps) {
  const items: Json[] = message.content_attributes?.items ?? [];
  const chosen = message.content_attributes?.submitted_values;
  return (
    <div class="options">
      {items.map((item) => (
        <button type="button" class={Array.isArray(chosen) && chosen.some((c: Json) => c.value === item.value) ? 'chosen' : ''} disabled={Boolean(chosen)}
          onClick={() => onSubmit(message, [{ title: item.title, value: item.value }])}>{String(item.title ?? '')}</button>
      ))}
    </div>
  );
}

function Cards({ message }: MessageProps) {
  const items: Json[] = message.content_attributes?.items ?? [];
  return (
    <div class="cards">
      {items.map((card) => (
        <div class="card">
          {safeUrl(card.media_url) && <img src={safeUrl(card.media_url)} alt="" />}
          <strong>{String(card.title ?? '')}</strong>
          <p>{String(card.description ?? '')}</p>
          {(card.actions ?? []).map((action: Json) => (safeUrl(action.uri)
            ? <a class="card-action" href={safeUrl(action.uri)} target="_blank" rel="noopener noreferrer">{String(action.text ?? '')}</a>
            : <span class="card-action">{String(action.text ?? '')}</span>))}
        </div>
      ))}
    </div>
  );
}

function Articles({ message }: MessageProps) {
  const items: Json[] = message.content_attributes?.items ?? [];
  return (
    <ul class="articles">
      {items.map((a) => <li><a href={safeUrl(a.link)} target="_blank" rel="noopener noreferrer"><strong>{String(a.title ?? '')}</strong><span>{String(a.description ?? '')}</span></a></li>)}
    </ul>
  );
}

function Form({ message, t, onSubmit }: MessageProps) {
  const items: Json[] = message.content_attributes?.items ?? [];
  const submitted: Json[] | undefined = message.content_attributes?.submitted_values;
  const [values, setValues] = useState<Record<string, string>>({});
  if (submitted) {
    return <dl class="form-done">{submitted.map((v) => <><dt>{String(v.name ?? '')}</dt><dd>{String(v.value ?? '')}</dd></>)}</dl>;
  }
  const handle = (e: Event) => {
    e.preventDefault();
    onSubmit(message, items.map((item) => ({ name: item.name, value: values[item.name] ?? '' })));
  };
  return (
    <form class="form" onSubmit={handle}>
      {items.map((item) => {
        const common = {
          name: String(item.name), required: Boolean(item.required), placeholder: String(item.placeholder ?? ''), value: values[item.name] ?? '',
          onInput: (e: Event) => setValues({ ...values, [item.name]: (e.target as HTMLInputElement).value }),
        };
        return (
          <label>
            <span>{String(item.label ?? item.name)}</span>
            {item.type === 'textarea' ? <textarea {...common} />
              : item.type === 'select' ? <select {...common}>{(item.options ?? []).map((o: Json) => <option value={String(o.value)}>{String(o.label ?? o.value)}</option>)}</select>
                : <input type={(item.type === 'email' ? 'email' : 'text') as 'text'} {...common} />}
          </label>
        );
      })}
      <button type="submit">{t.submit}</button>
    </form>
  );
}

function Csat({ message, t, onSubmit }: MessageProps) {
  const answer = message.content_attributes?.submitted_values?.csat_survey_response;
  const [rating, setRating] = useState<number>(0);
  const [feedback, setFeedback] = useState('');
  if (answer?.rating) {
    return <div class="csat done" data-testid="csat-done">{CSAT_FACES[answer.rating - 1]} {t.thanks}</div>;
  }
  return (
    <form class="csat" data-testid="csat" onSubmit={(e) => { e.preventDefault(); onSubmit(message, { csat_survey_response: { rating, feedback_message: feedback } }); }}>
      <p>{message.content || t.rate}</p>
      <div class="faces" role="radiogroup" aria-label={t.rate}>
        {CSAT_FACES.map((face, i) => (
          <button type="button" role="radio" aria-checked={rating === i + 1} aria-label={String(i + 1)} class={rating === i + 1 ? 'chosen' : ''}
            onClick={() => setRating(i + 1)}>{face}</button>
        ))}
      </div>
      {rating > 0 && <textarea placeholder={t.feedback} value={feedback} onInput={(e) => setFeedback((e.target as HTMLTextAreaElement).value)} />}
      <button type="submit" disabled={rating === 0}>{t.submit}</button>
    </form>
  );
}

function EmailInput({ message, t, onEmail }: MessageProps) {
  const [email, setEmail] = useState('');
  const done = message.content_attributes?.submitted_email;
  if (done) {
    return <div class="email-done">{String(done)}</div>;
  }
  return (
    <form class="email-capture" onSubmit={(e) => { e.preventDefault(); onEmail(message, email); }}>
      <input type="email" required placeholder={t.emailPlaceholder} value={email} onInput={(e) => setEmail((e.target as HTMLInputElement).value)} />
      <button type="submit">{t.submit}</button>
    </form>
  );
}

const INTERACTIVE: Record<string, (props: MessageProps) => preact.JSX.Element> = {
  input_select: Options, cards: Cards, article: Articles, form: Form, input_csat: Csat, input_email: EmailInput,
};

export function MessageView(props: MessageProps) {
  const { message } = props;
  const mine = message.message_type === 0;
  const sender: Json | undefined = message.sender;
  const Interactive = INTERACTIVE[message.content_type];
  const avatar = safeUrl(sender?.thumbnail) || safeUrl(sender?.avatar_url);
  return (
    <div class={`message ${mine ? 'mine' : 'theirs'}${message.failed ? ' failed' : ''}`} data-testid="message" data-message-type={message.message_type}>
      {!mine && (avatar ? <img class="avatar" src={avatar} alt="" /> : sender?.name ? <span class="avatar initials">{String(sender.name).slice(0, 1)}</span> : <span class="avatar" />)}
      <div class="bubble-wrap">
        {!mine && sender?.name && <div class="sender">{String(sender.name)}</div>}
        {(message.content && message.content_type !== 'input_csat') && <div class="bubble"><Text content={String(message.content)} /></div>}
        {message.attachments?.length > 0 && <Attachments items={message.attachments} />}
        {Interactive && <Interactive {...props} />}
        {message.failed && <button type="button" class="retry" onClick={() => props.onRetry(message)}>{props.t.failed}</button>}
      </div>
    </div>
  );
}
