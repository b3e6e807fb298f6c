import { useEffect, useRef, useState } from 'react';
import type { Contact, Conversation, DashboardApp } from '../../api/types';
import { Spinner } from '../../components/ui';

/** What a dashboard app receives: Chatwoot's `appContext` data (Frame.vue's dashboardAppContext). */
export interface AppContext {
  conversation: Conversation;
  contact: Contact | undefined;
  currentAgent: { id: number; name: string; email: string };
}

/** The message an app posts to ask for the context again. */
const FETCH_INFO = 'chatwoot-dashboard-app:fetch-info';

/**
 * One dashboard app's frames. When a frame loads it gets `{event: 'appContext', data}` as a
 * JSON string (as Chatwoot posts it); while the app is visible a `chatwoot-dashboard-app:fetch-info`
 * message from one of its frames is answered the same way. The frames stay mounted once opened,
 * so switching tabs keeps the app's state.
 */
export function DashboardAppFrame({ app, context, visible }: { app: DashboardApp; context: AppContext; visible: boolean }) {
  const frames = useRef<Array<HTMLIFrameElement | null>>([]);
  const [loading, setLoading] = useState(true);
  const latest = useRef({ context, visible });
  latest.current = { context, visible };

  const post = (frame: HTMLIFrameElement | null | undefined) => {
    frame?.contentWindow?.postMessage(JSON.stringify({ event: 'appContext', data: latest.current.context }), '*');
  };

  useEffect(() => {
    const handleMessage = (event: MessageEvent) => {
      if (!latest.current.visible || event.data !== FETCH_INFO) {
        return;
      }
      post(frames.current.find((f) => f?.contentWindow && f.contentWindow === event.source));
    };
    window.addEventListener('message', handleMessage);
    return () => window.removeEventListener('message', handleMessage);
  }, []);

  // Another conversation opened under the same app: tell it.
  const conversationId = context.conversation.id;
  const contactLoaded = context.contact !== undefined;
  useEffect(() => {
    if (!loading) {
      frames.current.forEach(post);
    }
  }, [conversationId, contactLoaded, loading]);

  return (
    <div className="dashboard-app" hidden={!visible} role="tabpanel" aria-label={app.title}>
      {loading ? <Spinner label={`Loading ${app.title}`} /> : null}
      {app.content.filter((c) => c.type === 'frame' && c.url).map((c, i) => (
        <iframe
          key={`${i}:${c.url}`}
          ref={(node) => { frames.current[i] = node; }}
          src={c.url}
          title={app.title}
          onLoad={(event) => { post(event.currentTarget); setLoading(false); }}
        />
      ))}
    </div>
  );
}
