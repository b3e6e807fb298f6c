// The widget's frame: header, composer (emoji, attachments) and the pre-chat form.
import { useRef, useState } from 'preact/hooks';
import type { Json } from './api';
import type { Availability } from './availability';
import type { Words } from './i18n';

const EMOJIS = '😀 😂 😊 😍 🤔 😅 😢 😡 👍 👎 👏 🙏 🎉 ❤️ 🔥 ✅ ❌ 👀 💡 📦 💳 🛒 ⏰ 📞'.split(' ');

function safeUrl(url: unknown): string | undefined {
  return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : undefined;
}

export function Header({ config, agents, status, t, onClose, onEnd }: {
  config: Json; agents: Json[]; status: Availability; t: Words; onClose: () => void; onEnd?: () => void;
}) {
  return (
    <header class="header">
      {safeUrl(config.avatar_url) && <img class="logo" src={safeUrl(config.avatar_url)} alt="" />}
      <div class="title">
        <strong>{String(config.website_name ?? '')}</strong>
        <span class={status.available ? 'status online' : 'status'} data-testid="availability">{status.available ? t.online : t.away}</span>
        <small class="reply-time" data-testid="reply-time">{status.text}</small>
      </div>
      <div class="agents">
        {status.online && agents.slice(0, 3).map((a) => (safeUrl(a.avatar_url)
          ? <img class="avatar" src={safeUrl(a.avatar_url)} alt={String(a.name)} title={String(a.name)} />
          : <span class="avatar initials" title={String(a.name)}>{String(a.name ?? '?').slice(0, 1)}</span>))}
      </div>
      {onEnd && <button type="button" class="icon end" onClick={onEnd} title={t.end} aria-label={t.end}>⏻</button>}
      <button type="button" class="icon close" onClick={onClose} title={t.close} aria-label={t.close}>×</button>
    </header>
  );
}

export function Composer({ t, attachments, emoji, onSend, onTyping }: {
  t: Words; attachments: boolean; emoji: boolean; onSend: (content: string, file?: File) => void; onTyping: (on: boolean) => void;
}) {
  const [text, setText] = useState('');
  const [picker, setPicker] = useState(false);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const fileInput = useRef<HTMLInputElement>(null);
  const submit = (e?: Event) => {
    e?.preventDefault();
    const content = text.trim();
    if (!content) {
      return;
    }
    onSend(content);
    setText('');
    clearTimeout(typingTimer.current);
    onTyping(false);
  };
  const input = (value: string) => {
    setText(value);
    if (!typingTimer.current) {
      onTyping(true);
    }
    clearTimeout(typingTimer.current);
    typingTimer.current = setTimeout(() => {
      typingTimer.current = undefined;
      onTyping(false);
    }, 2000);
  };
  return (
    <form class="composer" onSubmit={submit}>
      {picker && (
        <div class="emoji-picker" role="listbox" aria-label={t.emoji}>
          {EMOJIS.map((e) => <button type="button" role="option" onClick={() => { setText(text + e); setPicker(false); }}>{e}</button>)}
        </div>
      )}
      <textarea rows={1} aria-label={t.message} placeholder={t.placeholder} value={text} onInput={(e) => input((e.target as HTMLTextAreaElement).value)}
        onKeyDown={(e) => { if (e.key === 'Enter' && !e.shiftKey) { submit(e); } }} />
      {emoji && <button type="button" class="icon" aria-label={t.emoji} title={t.emoji} onClick={() => setPicker(!picker)}>☺</button>}
      {attachments && (
        <>
          <button type="button" class="icon" aria-label={t.attach} title={t.attach} onClick={() => fileInput.current?.click()}>📎</button>
          <input ref={fileInput} type="file" hidden onChange={(e) => {
            const file = (e.target as HTMLInputElement).files?.[0];
            if (file) {
              onSend('', file);
            }
            (e.target as HTMLInputElement).value = '';
          }} />
        </>
      )}
      <button type="submit" class="send" aria-label={t.send}>➤</button>
    </form>
  );
}

const STANDARD: Record<string, 'name' | 'email' | 'phone_number'> = { fullName: 'name', emailAddress: 'email', phoneNumber: 'phone_number' };

export function PreChatForm({ options, t, onStart }: { options: Json; t: Words; onStart: (contact: Json, content: string, custom: Json) => Promise<void> }) {
  const fields: Json[] = (options?.pre_chat_fields ?? []).filter((f: Json) => f.enabled);
  const [values, setValues] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const label = (f: Json) => String(f.label || (STANDARD[f.name] === 'name' ? t.name : STANDARD[f.name] === 'email' ? t.email : STANDARD[f.name] ? t.phone : f.name));
  const submit = async (e: Event) => {
    e.preventDefault();
    const contact: Json = {};
    const custom: Json = {};
    for (const f of fields) {
      const value = (values[f.name] ?? '').trim();
      if (f.required && !value) {
        setError(`${label(f)} ${t.required}`);
        return;
      }
      if (value && STANDARD[f.name]) {
        contact[STANDARD[f.name]] = value;
      } else if (value) {
        custom[f.name] = value;
      }
    }
    if (!message.trim()) {
      setError(`${t.message} ${t.required}`);
      return;
    }
    try {
      await onStart(contact, message.trim(), custom);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <form class="prechat" onSubmit={submit} data-testid="prechat">
      {options?.pre_chat_message && <p>{String(options.pre_chat_message)}</p>}
      {fields.map((f) => (
        <label>
          <span>{label(f)}{f.required ? ' *' : ''}</span>
          <input name={String(f.name)} type={(f.type === 'email' ? 'email' : f.type === 'number' ? 'number' : 'text') as 'text'} placeholder={String(f.placeholder ?? '')}
            value={values[f.name] ?? ''} onInput={(e) => setValues({ ...values, [f.name]: (e.target as HTMLInputElement).value })} />
        </label>
      ))}
      <label><span>{t.message} *</span><textarea name="message" value={message} onInput={(e) => setMessage((e.target as HTMLTextAreaElement).value)} /></label>
      {error && <p class="error" role="alert">{error}</p>}
      <button type="submit">{t.start}</button>
    </form>
  );
}
