import type { Attachment, Message } from '../../api/types';
import { Avatar } from '../../components/ui';
import { RichText } from '../../components/rich-text';
import { fileSize, fullTime, shortTime } from '../../lib/format';

// One message of the thread: sender, time, delivery status, attachments, and the
// interactive content types (input_select, cards, form, article, input_csat) as read-only views.

type Item = { title?: string; value?: string; description?: string; link?: string; media_url?: string; actions?: Array<{ text?: string; uri?: string; type?: string }> };

const attrs = (m: Message) => m.content_attributes ?? {};

function AttachmentView({ attachment }: { attachment: Attachment }) {
  const name = decodeURIComponent(attachment.data_url.split('/').pop() ?? 'file');
  if (attachment.file_type === 'image') {
    return <a href={attachment.data_url} target="_blank" rel="noopener noreferrer"><img className="attachment-image" src={attachment.thumb_url || attachment.data_url} alt={name} loading="lazy" /></a>;
  }
  if (attachment.file_type === 'audio') {
    return <audio controls src={attachment.data_url} />;
  }
  if (attachment.file_type === 'video') {
    return <video controls src={attachment.data_url} className="attachment-image" />;
  }
  return <a className="attachment-file" href={attachment.data_url} download={name}>📎 {name} <small>{fileSize(attachment.file_size)}</small></a>;
}

function ContentTypeView({ message }: { message: Message }) {
  const a = attrs(message);
  const items = (Array.isArray(a.items) ? a.items : []) as Item[];
  switch (message.content_type) {
    case 'input_select':
      return (
        <div className="ct-options" role="group" aria-label="Options offered">
          {items.map((item, i) => <span key={i} className="ct-option">{item.title ?? item.value}</span>)}
          {a.submitted_values ? <p className="ct-answer">Answer: {(a.submitted_values as Item[]).map((v) => v.title ?? v.value).join(', ')}</p> : null}
        </div>
      );
    case 'cards':
      return (
        <div className="ct-cards">
          {items.map((item, i) => (
            <div key={i} className="ct-card">
              {item.media_url ? <img src={item.media_url} alt="" loading="lazy" /> : null}
              <strong>{item.title}</strong>
              {item.description ? <p>{item.description}</p> : null}
              {(item.actions ?? []).map((action, j) => action.uri
                ? <a key={j} href={action.uri} target="_blank" rel="noopener noreferrer nofollow">{action.text}</a>
                : <span key={j} className="ct-option">{action.text}</span>)}
            </div>
          ))}
        </div>
      );
    case 'form': {
      const submitted = (Array.isArray(a.submitted_values) ? a.submitted_values : []) as Array<{ name?: string; value?: string }>;
      return (
        <dl className="ct-form">
          {items.map((item, i) => {
            const field = item as Item & { name?: string; label?: string; placeholder?: string };
            const answer = submitted.find((s) => s.name === field.name)?.value;
            return <div key={i}><dt>{field.label ?? field.name}</dt><dd>{answer ?? <em>{field.placeholder ?? 'not answered'}</em>}</dd></div>;
          })}
        </dl>
      );
    }
    case 'article':
      return (
        <ul className="ct-articles">
          {items.map((item, i) => <li key={i}><a href={item.link} target="_blank" rel="noopener noreferrer nofollow">{item.title}</a>{item.description ? <p>{item.description}</p> : null}</li>)}
        </ul>
      );
    case 'input_csat': {
      const response = (a.submitted_values as { csat_survey_response?: { rating?: number; feedback_message?: string } } | undefined)?.csat_survey_response;
      return <p className="ct-csat">{response ? `Rating: ${'★'.repeat(response.rating ?? 0)} ${response.feedback_message ?? ''}` : 'Satisfaction survey sent'}</p>;
    }
    default:
      return null;
  }
}

const STATUS_WORDS: Record<string, string> = { sent: 'Sent', delivered: 'Delivered', read: 'Read', failed: 'Failed', progress: 'Sending' };

/** A message as shown in the thread. Incoming on the left, outgoing on the right, notes highlighted. */
export function MessageItem({ message }: { message: Message }) {
  if (message.message_type === 2) {
    return <li className="message-activity"><span>{message.content}</span> <time title={fullTime(message.created_at)}>{shortTime(message.created_at)}</time></li>;
  }
  const outgoing = message.message_type === 1 || message.message_type === 3;
  const sender = message.sender?.available_name ?? message.sender?.name ?? (outgoing ? 'Bot' : 'Contact');
  const pending = message.id < 0;
  const failed = message.status === 'failed';
  const classes = ['message', outgoing ? 'message-out' : 'message-in', message.private ? 'message-note' : '', pending ? 'message-pending' : ''].join(' ');
  return (
    <li className={classes} data-message-id={message.id}>
      <Avatar name={sender} size={28} />
      <div className="message-body">
        <div className="message-meta">
          <span className="message-sender">{sender}</span>
          {message.private ? <span className="note-tag">Private note</span> : null}
          <time title={fullTime(message.created_at)}>{shortTime(message.created_at)}</time>
        </div>
        <div className="message-content"><RichText text={message.content} /></div>
        <ContentTypeView message={message} />
        {message.attachments?.length ? <div className="attachments">{message.attachments.map((a) => <AttachmentView key={a.id} attachment={a} />)}</div> : null}
        {outgoing ? (
          <div className={`message-status ${failed ? 'failed' : ''}`}>
            {pending ? 'Sending…' : STATUS_WORDS[message.status] ?? message.status}
            {failed && typeof attrs(message).external_error === 'string' ? `: ${attrs(message).external_error as string}` : ''}
          </div>
        ) : null}
      </div>
    </li>
  );
}
