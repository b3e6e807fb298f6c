import { useRef, useState, type ClipboardEvent, type DragEvent, type KeyboardEvent } from 'react';
import { sendMessage } from '../../api/endpoints';
import type { Agent, CannedResponse, Message } from '../../api/types';
import { useCannedResponses } from '../../hooks/account-data';
import { Icon } from '../../components/icons';
import { ErrorText } from '../../components/ui';
import { useMe } from '../../hooks/session';
import { dropMessage, upsertMessage } from '../../hooks/conversations-store';
import { randomId } from '../../lib/format';

const EMOJI = ['👍', '🙏', '😊', '🎉', '✅', '👀', '❤️', '🤔', '😅', '🚀', '👋', '⏳'];

/** The `<sigil>word` being typed at the caret (`@` mentions, `/` canned responses), if any. */
function triggerQuery(sigil: '@' | '/', text: string, caret: number): { start: number; query: string } | null {
  const pattern = sigil === '@' ? /(^|\s)@([\p{L}\p{N}_.-]*)$/u : /(^|\s)\/([\p{L}\p{N}_.-]*)$/u;
  const match = pattern.exec(text.slice(0, caret));
  return match ? { start: caret - match[2].length - 1, query: match[2].toLowerCase() } : null;
}

/**
 * Reply / Private note composer. Enter sends, Shift+Enter adds a line; files come from the
 * picker, drag and drop or paste; `@` in a note mentions an agent (Chatwoot's mention link).
 */
export function ReplyBox({ conversationId, agents, mode, onModeChange, inputRef }: {
  conversationId: number; agents: Agent[]; mode: 'reply' | 'note'; onModeChange: (m: 'reply' | 'note') => void;
  inputRef: React.RefObject<HTMLTextAreaElement | null>;
}) {
  const me = useMe();
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<Error | null>(null);
  const [mention, setMention] = useState<{ start: number; query: string } | null>(null);
  const [canned, setCanned] = useState<{ start: number; query: string } | null>(null);
  const cannedResponses = useCannedResponses(me.accountId).data ?? [];
  const cannedMatches = canned
    ? cannedResponses.filter((c) => c.short_code.toLowerCase().includes(canned.query) || c.content.toLowerCase().includes(canned.query)).slice(0, 8)
    : [];
  const [showEmoji, setShowEmoji] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const isNote = mode === 'note';
  const candidates = mention ? agents.filter((a) => (a.available_name ?? a.name).toLowerCase().includes(mention.query)).slice(0, 6) : [];

  const handleSend = async () => {
    const content = text.trim();
    if (!content && files.length === 0) {
      return;
    }
    const echoId = randomId();
    const optimistic: Message = {
      id: -Date.now(), echo_id: echoId, content, inbox_id: 0, conversation_id: conversationId, message_type: 1, content_type: 'text',
      status: 'progress', content_attributes: {}, created_at: Math.floor(Date.now() / 1000), private: isNote,
      sender: { id: me.profile.id, name: me.profile.name, available_name: me.profile.available_name, type: 'user' },
    };
    upsertMessage(optimistic);
    const sending = files;
    setText('');
    setFiles([]);
    setError(null);
    try {
      const message = await sendMessage(me.accountId, conversationId, { content, private: isNote, echoId, files: sending });
      upsertMessage({ ...message, echo_id: echoId });
    } catch (e) {
      dropMessage(conversationId, echoId);
      setText(content);
      setFiles(sending);
      setError(e as Error);
    }
  };

  const insertMention = (agent: Agent) => {
    if (!mention) {
      return;
    }
    const name = agent.available_name ?? agent.name;
    const link = `[@${name}](mention://user/${agent.id}/${encodeURIComponent(name)}) `;
    setText(text.slice(0, mention.start) + link + text.slice(mention.start + mention.query.length + 1));
    setMention(null);
    inputRef.current?.focus();
  };

  const insertCanned = (response: CannedResponse) => {
    if (!canned) {
      return;
    }
    setText(text.slice(0, canned.start) + response.content + text.slice(canned.start + canned.query.length + 1));
    setCanned(null);
    inputRef.current?.focus();
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (mention && candidates.length > 0 && (event.key === 'Enter' || event.key === 'Tab')) {
      event.preventDefault();
      insertMention(candidates[0]);
      return;
    }
    if (canned && cannedMatches.length > 0 && (event.key === 'Enter' || event.key === 'Tab')) {
      event.preventDefault();
      insertCanned(cannedMatches[0]);
      return;
    }
    if (event.key === 'Escape') {
      setMention(null);
      setCanned(null);
      (event.target as HTMLTextAreaElement).blur();
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void handleSend();
    }
  };

  const handleChange = (value: string, caret: number) => {
    setText(value);
    setMention(isNote ? triggerQuery('@', value, caret) : null);
    setCanned(triggerQuery('/', value, caret));
  };

  const addFiles = (list: FileList | null) => {
    if (list && list.length > 0) {
      setFiles((current) => [...current, ...Array.from(list)].slice(0, 15));
    }
  };
  const handleDrop = (event: DragEvent) => {
    event.preventDefault();
    addFiles(event.dataTransfer.files);
  };
  const handlePaste = (event: ClipboardEvent) => {
    if (event.clipboardData.files.length > 0) {
      event.preventDefault();
      addFiles(event.clipboardData.files);
    }
  };

  return (
    <div className={`reply-box ${isNote ? 'is-note' : ''}`} onDragOver={(e) => e.preventDefault()} onDrop={handleDrop}>
      <div className="reply-tabs" role="tablist">
        <button role="tab" aria-selected={!isNote} className={!isNote ? 'tab active' : 'tab'} onClick={() => onModeChange('reply')}>Reply</button>
        <button role="tab" aria-selected={isNote} className={isNote ? 'tab active' : 'tab'} onClick={() => onModeChange('note')}>Private note</button>
      </div>
      <ErrorText error={error} />
      {candidates.length > 0 ? (
        <ul className="mention-menu" role="listbox" aria-label="Mention an agent">
          {candidates.map((a) => <li key={a.id}><button type="button" onMouseDown={(e) => { e.preventDefault(); insertMention(a); }}>{a.available_name ?? a.name}</button></li>)}
        </ul>
      ) : null}
      {cannedMatches.length > 0 ? (
        <ul className="mention-menu" role="listbox" aria-label="Canned responses">
          {cannedMatches.map((c) => (
            <li key={c.id}><button type="button" onMouseDown={(e) => { e.preventDefault(); insertCanned(c); }}><strong>/{c.short_code}</strong> <span className="muted">{c.content.slice(0, 60)}</span></button></li>
          ))}
        </ul>
      ) : null}
      <textarea
        ref={inputRef}
        aria-label={isNote ? 'Private note' : 'Reply'}
        placeholder={isNote ? 'This note is visible to agents only. Type @ to mention someone.' : 'Type your reply. / inserts a canned response; Enter sends, Shift+Enter adds a line.'}
        value={text}
        rows={3}
        onChange={(e) => handleChange(e.target.value, e.target.selectionStart)}
        onKeyDown={handleKeyDown}
        onPaste={handlePaste}
      />
      {files.length > 0 ? (
        <ul className="pending-files">
          {files.map((f, i) => <li key={i}>{f.name} <button type="button" aria-label={`Remove ${f.name}`} onClick={() => setFiles(files.filter((_, j) => j !== i))}>×</button></li>)}
        </ul>
      ) : null}
      <div className="reply-actions">
        <button type="button" className="icon" title="Attach files" aria-label="Attach files" onClick={() => fileInput.current?.click()}><Icon name="attach" /></button>
        <input ref={fileInput} type="file" multiple hidden onChange={(e) => { addFiles(e.target.files); e.target.value = ''; }} />
        <button type="button" className="icon" title="Emoji" aria-label="Emoji" aria-expanded={showEmoji} onClick={() => setShowEmoji(!showEmoji)}><Icon name="smile" /></button>
        {showEmoji ? (
          <span className="emoji-menu">
            {EMOJI.map((e) => <button key={e} type="button" onClick={() => { setText(text + e); setShowEmoji(false); inputRef.current?.focus(); }}>{e}</button>)}
          </span>
        ) : null}
        <span className="spacer" />
        <button type="button" className="primary" onClick={() => void handleSend()}>{isNote ? 'Add note' : 'Send'}</button>
      </div>
    </div>
  );
}
