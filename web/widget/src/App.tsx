// The widget app: loads the config and the visitor's conversation, stays live over /cable, and
// answers the loader's commands (setUser, attributes, labels, locale …).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError, session, type Json } from './api';
import { availability } from './availability';
import { connectCable } from './cable';
import { embedded, onHost, toHost } from './host';
import { pickLocale, words } from './i18n';
import { Composer, Header, PreChatForm } from './parts';
import { MessageView } from './message-view';

const params = new URLSearchParams(location.search);
session.websiteToken = params.get('website_token') || '';
session.authToken = params.get('cw_conversation') || '';

interface State {
  config: Json | null;
  contact: Json | null;
  conversation: Json | null;
  messages: Json[];
  agents: Json[];
  online: Record<string, string>;
  typing: string | null;
  error: string | null;
}

const AGENT_TYPES = new Set([1, 3]);

function byId(list: Json[], message: Json): Json[] {
  const at = list.findIndex((m) => m.id === message.id || (message.echo_id && m.echo_id === message.echo_id));
  if (at < 0) {
    return [...list, message].sort((a, b) => (a.id ?? Infinity) - (b.id ?? Infinity));
  }
  const next = list.slice();
  next[at] = { ...list[at], ...message };
  return next;
}

export function App() {
  const [state, setState] = useState<State>({ config: null, contact: null, conversation: null, messages: [], agents: [], online: {}, typing: null, error: null });
  const [open, setOpen] = useState(!embedded);
  const [locale, setLocale] = useState(pickLocale(params.get('locale') || navigator.language));
  const [dark, setDark] = useState('light');
  const [unread, setUnread] = useState(0);
  const [startNew, setStartNew] = useState(false);
  const [now, setNow] = useState(Date.now());
  const openRef = useRef(open);
  openRef.current = open;
  const t = useMemo(() => words(locale), [locale]);
  session.locale = locale;
  const patch = (change: Partial<State> | ((s: State) => Partial<State>)) => setState((s) => ({ ...s, ...(typeof change === 'function' ? change(s) : change) }));

  const loadConversation = async () => {
    const [conversation, list] = await Promise.all([api('GET', '/conversations'), api('GET', '/messages')]);
    // Messages still being sent (no id yet) stay; everything else comes from the server.
    patch((s) => ({
      conversation: conversation.id ? conversation : null,
      messages: [...list.payload, ...s.messages.filter((m) => !m.id && !list.payload.some((p: Json) => p.echo_id && p.echo_id === m.echo_id))],
    }));
  };

  const boot = async () => {
    const config = await api('POST', '/config');
    session.authToken = config.website_channel_config.auth_token;
    patch({ config: config.website_channel_config, contact: config.contact });
    toHost('loaded', { config: { authToken: session.authToken, channelConfig: { widgetColor: config.website_channel_config.widget_color } } });
    const [, agents, contact] = await Promise.all([loadConversation(), api('GET', '/inbox_members'), api('GET', '/contact')]);
    patch({ agents: agents.payload, contact: { ...config.contact, ...contact } });
    return config.contact.pubsub_token as string;
  };

  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(tick);
  }, []);

  useEffect(() => {
    let stop = () => {};
    boot().then((token) => {
      stop = connectCable(token, (event, data) => handleCable(event, data), () => void loadConversation());
    }).catch((error: Error) => {
      patch({ error: words(locale).error });
      toHost('error', { data: { message: error.message } });
    });
    return () => stop();
  }, []);

  const handleCable = (event: string, data: Json) => {
    if (event === 'message.created' || event === 'message.updated') {
      if (data.private || data.message_type === 2) {
        return;
      }
      patch((s) => ({ messages: byId(s.messages, data), typing: AGENT_TYPES.has(data.message_type) ? null : s.typing }));
      if (event === 'message.created' && AGENT_TYPES.has(data.message_type)) {
        toHost('onEvent', { eventIdentifier: 'chatwoot:on-message', data });
        if (!openRef.current) {
          setUnread((n) => { toHost('handleNotificationDot', { unreadMessageCount: n + 1 }); return n + 1; });
        } else {
          void api('POST', '/conversations/update_last_seen').catch(() => undefined);
        }
      }
    } else if (event === 'conversation.typing_on' && !data.is_private && data.user?.type !== 'contact') {
      patch({ typing: String(data.user?.name ?? '') });
    } else if (event === 'conversation.typing_off') {
      patch({ typing: null });
    } else if (event === 'conversation.status_changed' || event === 'conversation.updated' || event === 'conversation.created') {
      patch((s) => (s.conversation && data.id === s.conversation.id ? { conversation: { ...s.conversation, status: data.status } } : {}));
    } else if (event === 'presence.update') {
      patch({ online: data.users ?? {} });
    }
  };

  const setUser = async (message: Json) => {
    try {
      const result = await api('PATCH', '/contact/set_user', { identifier: message.identifier, ...(message.user ?? {}) });
      if (result.widget_auth_token) {
        session.authToken = result.widget_auth_token;
        toHost('setAuthCookie', { data: { widgetAuthToken: result.widget_auth_token } });
        location.reload();
        return;
      }
      patch((s) => ({ contact: { ...s.contact, ...result } }));
      await loadConversation();
    } catch (error) {
      toHost('error', { errorType: 'SET_USER_ERROR', data: { message: (error as Error).message, status: error instanceof ApiError ? error.status : 0 } });
    }
  };

  useEffect(() => onHost((event, message) => {
    const quiet = (p: Promise<unknown>) => p.catch((error: Error) => toHost('error', { data: { message: error.message } }));
    const commands: Record<string, () => void> = {
      'config-set': () => {
        if (message.locale) {
          setLocale(pickLocale(message.locale));
        }
        setDark(message.darkMode || 'light');
      },
      'toggle-open': () => {
        setOpen(Boolean(message.isOpen));
        if (message.isOpen) {
          setUnread(0);
          toHost('resetUnreadMode');
          void api('POST', '/conversations/update_last_seen').catch(() => undefined);
        }
      },
      'push-event': () => void quiet(api('POST', '/events', { name: message.eventName, event_info: { referer: document.referrer } })),
      'set-user': () => void setUser(message),
      'set-custom-attributes': () => void quiet(api('PATCH', '/contact', { custom_attributes: message.customAttributes })),
      'delete-custom-attribute': () => void quiet(api('POST', '/contact/destroy_custom_attributes', { custom_attributes: [message.customAttribute] })),
      'set-conversation-custom-attributes': () => void quiet(api('POST', '/conversations/set_custom_attributes', { custom_attributes: message.customAttributes })),
      'delete-conversation-custom-attribute': () => void quiet(api('POST', '/conversations/destroy_custom_attributes', { custom_attribute: [message.customAttribute] })),
      'set-label': () => void quiet(api('POST', '/labels', { label: message.label })),
      'remove-label': () => void quiet(api('DELETE', `/labels/${encodeURIComponent(message.label)}`)),
      'set-locale': () => setLocale(pickLocale(message.locale)),
      'set-color-scheme': () => setDark(message.darkMode || 'light'),
    };
    commands[event]?.();
  }), []);

  const send = async (content: string, file?: File) => {
    const echoId = `e${Date.now()}${Math.random().toString(36).slice(2, 6)}`;
    const optimistic: Json = { echo_id: echoId, content, message_type: 0, content_type: 'text', content_attributes: {}, pending: true };
    patch((s) => ({ messages: [...s.messages, optimistic] }));
    try {
      let created: Json;
      if (file) {
        const form = new FormData();
        form.append('message[attachments][]', file, file.name);
        form.append('message[echo_id]', echoId);
        created = await api('POST', '/messages', form);
      } else if (!state.conversation || startNew) {
        const conversation = await api('POST', '/conversations', { message: { content, echo_id: echoId, referer_url: document.referrer, timestamp: new Date().toString() } });
        setStartNew(false);
        patch({ conversation });
        created = conversation.messages.find((m: Json) => m.message_type === 0) ?? conversation.messages[0];
      } else {
        created = await api('POST', '/messages', { message: { content, echo_id: echoId, referer_url: document.referrer, timestamp: new Date().toString() } });
      }
      patch((s) => ({ messages: byId(s.messages.filter((m) => m.echo_id !== echoId || m.id), { ...created, echo_id: echoId }) }));
    } catch {
      patch((s) => ({ messages: s.messages.map((m) => (m.echo_id === echoId ? { ...m, failed: true } : m)) }));
    }
  };

  const retry = (message: Json) => {
    patch((s) => ({ messages: s.messages.filter((m) => m.echo_id !== message.echo_id) }));
    void send(String(message.content ?? ''));
  };

  const startWithPreChat = async (contact: Json, content: string, customAttributes: Json) => {
    const conversation = await api('POST', '/conversations', { contact, message: { content }, custom_attributes: customAttributes });
    patch({ conversation, messages: conversation.messages, contact: { ...state.contact, has_email: Boolean(contact.email) } });
  };

  const submitValues = async (message: Json, values: unknown) => {
    await api('PATCH', `/messages/${message.id}`, { message: { submitted_values: values } });
    patch((s) => ({ messages: byId(s.messages, { ...message, content_attributes: { ...message.content_attributes, submitted_values: values } }) }));
  };

  const submitEmail = async (message: Json, email: string) => {
    await api('PATCH', `/messages/${message.id}`, { contact: { email } });
    patch((s) => ({ messages: byId(s.messages, { ...message, content_attributes: { ...message.content_attributes, submitted_email: email } }), contact: { ...s.contact, has_email: true } }));
  };

  const typing = (on: boolean) => {
    if (state.conversation) {
      void api('POST', '/conversations/toggle_typing', { typing_status: on ? 'on' : 'off' }).catch(() => undefined);
    }
  };

  const { config, conversation, messages } = state;
  if (!config) {
    return <div class={`widget ${dark}`}><div class="loading" aria-busy="true">{state.error ?? ''}</div></div>;
  }
  const onlineAgents = state.agents.filter((a) => (state.online[String(a.id)] ?? a.availability_status) === 'online');
  const status = availability(config, onlineAgents.length > 0, t, locale, now);
  const resolved = conversation?.status === 'resolved';
  const showPreChat = config.pre_chat_form_enabled && !conversation && messages.length === 0;
  const features: string[] = config.enabled_features ?? [];
  return (
    <div class={`widget ${dark}`} style={{ '--color': config.widget_color }} data-open={String(open)} data-unread={unread}>
      <Header config={config} agents={onlineAgents} status={status} t={t} onClose={() => toHost('closeWindow')}
        onEnd={features.includes('end_conversation') && conversation && !resolved ? () => void api('GET', '/conversations/toggle_status') : undefined} />
      {showPreChat
        ? <PreChatForm options={config.pre_chat_form_options} t={t} onStart={startWithPreChat} />
        : (
          <>
            <div class="messages" role="log" aria-live="polite">
              {(config.welcome_title || config.welcome_tagline) && !conversation && <div class="welcome"><h2>{config.welcome_title}</h2><p>{config.welcome_tagline}</p></div>}
              {messages.map((m) => <MessageView key={m.id ?? m.echo_id} message={m} t={t} onSubmit={submitValues} onEmail={submitEmail} onRetry={retry} />)}
              {state.typing !== null && <div class="typing" data-testid="typing">{state.typing || '…'} {t.typing}</div>}
            </div>
            {resolved && !startNew && <p class="ended">{t.resolved}</p>}
            {resolved && !startNew && !config.allow_messages_after_resolved
              ? <button type="button" class="new-conversation" onClick={() => { setStartNew(true); patch({ messages: [], conversation: null }); }}>{t.newConversation}</button>
              : (
                <>
                  {resolved && !startNew && <button type="button" class="new-conversation link" onClick={() => { setStartNew(true); patch({ messages: [], conversation: null }); }}>{t.newConversation}</button>}
                  <Composer t={t} attachments={features.includes('attachments')} emoji={features.includes('emoji_picker')} onSend={send} onTyping={typing} />
                </>
              )}
          </>
        )}
    </div>
  );
}
