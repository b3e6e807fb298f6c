// The loader a site embeds (Chatwoot's snippet loads it from /packs/js/sdk.js). It builds the
// launcher bubble and the widget iframe on the host page and exposes window.$chatwoot; all chat
// logic lives in the iframe, spoken to by postMessage in Chatwoot's "chatwoot-widget:" format.
import { css } from './style';

type Json = Record<string, unknown>;
interface Settings {
  position?: string; locale?: string; type?: string; launcherTitle?: string; hideMessageBubble?: boolean;
  darkMode?: string; useBrowserLanguage?: boolean; baseDomain?: string; showPopoutButton?: boolean;
  showUnreadMessagesDialog?: boolean; widgetStyle?: string;
}
interface UserInfo { name?: string; email?: string; avatar_url?: string; phone_number?: string; identifier_hash?: string; [key: string]: unknown }

declare global {
  interface Window { chatwootSettings?: Settings; chatwootSDK?: { run: typeof run }; $chatwoot?: Json & Record<string, any> }
}

const PREFIX = 'chatwoot-widget:';
const AUTH_COOKIE = 'cw_conversation';
const CHAT_ICON = '<svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true"><path fill="currentColor" d="M12 3C6.5 3 2 6.6 2 11c0 2.4 1.3 4.5 3.4 6L4.6 21l4.3-2.3c1 .2 2 .3 3.1.3 5.5 0 10-3.6 10-8s-4.5-8-10-8z"/></svg>';
const CLOSE_ICON = '<svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true"><path fill="currentColor" d="M18.3 5.7 12 12l6.3 6.3-1.4 1.4L10.6 13.4 4.3 19.7 2.9 18.3 9.2 12 2.9 5.7l1.4-1.4 6.3 6.3 6.3-6.3z"/></svg>';

function readCookie(name: string): string {
  const found = document.cookie.split('; ').find((c) => c.startsWith(`${name}=`));
  return found ? decodeURIComponent(found.slice(name.length + 1)) : '';
}

function writeCookie(name: string, value: string, baseDomain?: string, days = 365): void {
  const expires = days > 0 ? `; expires=${new Date(Date.now() + days * 864e5).toUTCString()}` : '; max-age=0';
  const domain = baseDomain ? `; domain=${baseDomain}` : '';
  document.cookie = `${name}=${encodeURIComponent(value)}${expires}; path=/; SameSite=Lax${domain}${location.protocol === 'https:' ? '; Secure' : ''}`;
}

function hash(text: string): string {
  let h = 5381;
  for (let i = 0; i < text.length; i++) {
    h = ((h << 5) + h + text.charCodeAt(i)) | 0;
  }
  return String(h >>> 0);
}

function fire(eventName: string, data: unknown = null): void {
  window.dispatchEvent(new CustomEvent(eventName, { detail: data }));
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  return node;
}

function run({ baseUrl, websiteToken }: { baseUrl: string; websiteToken: string }): void {
  if (window.$chatwoot) {
    return;
  }
  const settings = window.chatwootSettings || {};
  const position = settings.position === 'left' ? 'left' : 'right';
  const expanded = settings.type === 'expanded_bubble';
  const userCookie = `cw_user_${websiteToken}`;
  let locale = settings.useBrowserLanguage ? navigator.language.replace('-', '_') : settings.locale;
  let ready = false;
  let queue: string[] = [];

  const style = document.createElement('style');
  style.textContent = css;
  document.head.appendChild(style);

  const holder = el('div', `woot-widget-holder woot--hide woot-elements--${position}`);
  holder.id = 'cw-widget-holder';
  const iframe = document.createElement('iframe');
  iframe.id = 'chatwoot_live_chat_widget';
  iframe.title = 'Chat';
  iframe.allow = 'clipboard-write';
  iframe.style.visibility = 'hidden';
  const frameUrl = (withSession: boolean) => {
    const token = withSession ? readCookie(AUTH_COOKIE) : '';
    return `${baseUrl}/widget?website_token=${encodeURIComponent(websiteToken)}${token ? `&cw_conversation=${encodeURIComponent(token)}` : ''}${locale ? `&locale=${encodeURIComponent(locale)}` : ''}`;
  };
  iframe.src = frameUrl(true);
  holder.appendChild(iframe);
  document.body.appendChild(holder);

  const bubbleHolder = el('div', `woot--bubble-holder woot-elements--${position}${settings.hideMessageBubble ? ' woot-hidden' : ''}`);
  const bubble = el('button', `woot-widget-bubble${expanded ? ' woot-widget--expanded' : ''}`);
  bubble.type = 'button';
  bubble.setAttribute('aria-label', settings.launcherTitle || 'Open chat');
  const badge = el('span', 'woot--unread');
  const label = el('span', 'woot--label');

  const send = (event: string, value: Json = {}) => {
    const message = PREFIX + JSON.stringify({ event, ...value });
    if (ready && iframe.contentWindow) {
      iframe.contentWindow.postMessage(message, baseUrl);
    } else {
      queue.push(message);
    }
  };

  const paintBubble = (open: boolean) => {
    bubble.innerHTML = open ? CLOSE_ICON : CHAT_ICON;
    if (expanded && !open) {
      bubble.appendChild(label);
    }
    bubble.appendChild(badge);
    bubble.setAttribute('aria-expanded', String(open));
  };

  const toggle = (state?: string | boolean) => {
    const open = state === 'open' || state === true ? true : state === 'close' || state === false ? false : !$chatwoot.isOpen;
    if (open === $chatwoot.isOpen) {
      return;
    }
    $chatwoot.isOpen = open;
    holder.classList.toggle('woot--hide', !open);
    paintBubble(open);
    send('toggle-open', { isOpen: open });
    if (open) {
      badge.textContent = '';
      send('push-event', { eventName: 'webwidget.triggered' });
    }
  };

  const events: Record<string, (message: Json) => void> = {
    loaded(message) {
      const config = (message.config || {}) as Json;
      writeCookie(AUTH_COOKIE, String(config.authToken || ''), settings.baseDomain);
      ready = true;
      $chatwoot.hasLoaded = true;
      iframe.style.visibility = '';
      const pending = queue;
      queue = [];
      send('config-set', {
        locale, position, hideMessageBubble: !!settings.hideMessageBubble, showPopoutButton: !!settings.showPopoutButton,
        darkMode: $chatwoot.darkMode, widgetStyle: settings.widgetStyle || 'standard', launcherTitle: settings.launcherTitle || '',
        showUnreadMessagesDialog: settings.showUnreadMessagesDialog !== false,
      });
      pending.forEach((m) => iframe.contentWindow?.postMessage(m, baseUrl));
      const color = String(((config.channelConfig || {}) as Json).widgetColor || '#1f93ff');
      bubble.style.background = color;
      label.textContent = settings.launcherTitle || String(config.launcherTitle || 'Chat with us');
      if (!bubbleHolder.parentNode) {
        paintBubble(false);
        bubbleHolder.appendChild(bubble);
        document.body.appendChild(bubbleHolder);
      }
      if ($chatwoot.user) {
        send('set-user', { identifier: $chatwoot.identifier, user: $chatwoot.user });
      }
      if (!$chatwoot.resetTriggered) {
        fire('chatwoot:ready');
      }
    },
    error(message) {
      fire('chatwoot:error', message.data);
      if (message.errorType === 'SET_USER_ERROR') {
        writeCookie(userCookie, '', settings.baseDomain, 0);
      }
    },
    onEvent(message) {
      fire(String(message.eventIdentifier), message.data);
    },
    setBubbleLabel(message) {
      label.textContent = settings.launcherTitle || String(message.label || '');
    },
    setAuthCookie(message) {
      writeCookie(AUTH_COOKIE, String(((message.data || {}) as Json).widgetAuthToken || ''), settings.baseDomain);
    },
    toggleBubble(message) {
      toggle(message.state as string | undefined);
    },
    closeWindow() {
      toggle(false);
    },
    closeChat() {
      toggle(false);
    },
    handleNotificationDot(message) {
      const count = Number(message.unreadMessageCount) || 0;
      badge.textContent = !$chatwoot.isOpen && count > 0 ? String(count > 99 ? '99+' : count) : '';
    },
    setUnreadMode() {
      if (!$chatwoot.isOpen) {
        badge.textContent = badge.textContent || '1';
      }
    },
    resetUnreadMode() {
      badge.textContent = '';
    },
    popoutChatWindow() {
      $chatwoot.popoutChatWindow();
    },
  };

  window.addEventListener('message', (e: MessageEvent) => {
    if (e.source !== iframe.contentWindow || typeof e.data !== 'string' || e.data.indexOf(PREFIX) !== 0) {
      return;
    }
    let message: Json;
    try {
      message = JSON.parse(e.data.slice(PREFIX.length)) as Json;
    } catch {
      return;
    }
    const handler = events[String(message.event)];
    if (handler) {
      handler(message);
    }
  });

  bubble.addEventListener('click', () => toggle());

  const requireKeys = (value: Json, what: string) => {
    if (!value || !Object.keys(value).length) {
      throw new Error(`${what} should have atleast one key`);
    }
  };

  const $chatwoot = {
    baseUrl, websiteToken, hasLoaded: false, isOpen: false, position, locale, resetTriggered: false,
    type: expanded ? 'expanded_bubble' : 'standard', launcherTitle: settings.launcherTitle || '',
    hideMessageBubble: !!settings.hideMessageBubble, darkMode: settings.darkMode === 'auto' || settings.darkMode === 'dark' ? settings.darkMode : 'light',
    identifier: undefined as string | number | undefined, user: undefined as UserInfo | undefined,
    toggle,
    toggleBubbleVisibility(visibility: string) {
      bubbleHolder.classList.toggle('woot-hidden', visibility === 'hide');
      $chatwoot.hideMessageBubble = visibility === 'hide';
      send('sdk-set-bubble-visibility', { hideMessageBubble: $chatwoot.hideMessageBubble });
    },
    popoutChatWindow() {
      toggle(false);
      window.open(frameUrl(true), 'chatwoot-widget', 'resizable=off,width=400,height=600');
    },
    setUser(identifier: string | number, user: UserInfo) {
      if (typeof identifier !== 'string' && typeof identifier !== 'number') {
        throw new Error('Identifier should be a string or a number');
      }
      if (!user || !['avatar_url', 'email', 'name'].some((k) => k in user)) {
        throw new Error('User object should have one of the keys [avatar_url, email, name]');
      }
      const digest = hash(JSON.stringify({ identifier, user }));
      if (digest === readCookie(userCookie)) {
        return;
      }
      $chatwoot.identifier = identifier;
      $chatwoot.user = user;
      if (ready) {
        send('set-user', { identifier, user });
      }
      writeCookie(userCookie, digest, settings.baseDomain);
    },
    setCustomAttributes(customAttributes: Json = {}) {
      requireKeys(customAttributes, 'Custom attributes');
      send('set-custom-attributes', { customAttributes });
    },
    deleteCustomAttribute(customAttribute = '') {
      if (!customAttribute) {
        throw new Error('Custom attribute is required');
      }
      send('delete-custom-attribute', { customAttribute });
    },
    setConversationCustomAttributes(customAttributes: Json = {}) {
      requireKeys(customAttributes, 'Custom attributes');
      send('set-conversation-custom-attributes', { customAttributes });
    },
    deleteConversationCustomAttribute(customAttribute = '') {
      if (!customAttribute) {
        throw new Error('Custom attribute is required');
      }
      send('delete-conversation-custom-attribute', { customAttribute });
    },
    setLabel(label = '') {
      send('set-label', { label });
    },
    removeLabel(label = '') {
      send('remove-label', { label });
    },
    setLocale(localeToBeUsed = 'en') {
      locale = localeToBeUsed;
      $chatwoot.locale = localeToBeUsed;
      send('set-locale', { locale: localeToBeUsed });
    },
    setColorScheme(darkMode = 'light') {
      $chatwoot.darkMode = darkMode;
      send('set-color-scheme', { darkMode });
    },
    reset() {
      toggle(false);
      writeCookie(AUTH_COOKIE, '', settings.baseDomain, 0);
      writeCookie(userCookie, '', settings.baseDomain, 0);
      $chatwoot.user = undefined;
      $chatwoot.identifier = undefined;
      $chatwoot.resetTriggered = true;
      ready = false;
      iframe.src = frameUrl(false);
    },
  };
  window.$chatwoot = $chatwoot;
}

window.chatwootSDK = { run };
