import { useState, type FormEvent } from 'react';
import { createWebsiteInbox, updateInbox } from '../../api/endpoints';
import type { Inbox, PreChatField } from '../../api/types';
import { ErrorText, Field } from '../../components/ui';
import { useMe } from '../../hooks/session';
import { textOf, useAction } from './use-action';

const REPLY_TIMES: Array<[string, string]> = [['in_a_few_minutes', 'In a few minutes'], ['in_a_few_hours', 'In a few hours'], ['in_a_day', 'In a day']];

/** The "new website inbox" form; `onCreated` gets the inbox (the page then shows its snippet). */
export function NewWebsiteInbox({ onCreated, onCancel }: { onCreated: (inbox: Inbox) => void; onCancel: () => void }) {
  const me = useMe();
  const { error, busy, run } = useAction();
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void run(async () => {
      const inbox = await createWebsiteInbox(me.accountId, textOf(form, 'name') ?? '', {
        website_url: textOf(form, 'website_url') ?? '', widget_color: String(form.get('widget_color')),
        welcome_title: textOf(form, 'welcome_title') ?? null, welcome_tagline: textOf(form, 'welcome_tagline') ?? null,
      });
      onCreated(inbox);
    });
  };
  return (
    <form className="card inline-form" onSubmit={handleSubmit} aria-label="New website inbox">
      <h2>New website inbox</h2>
      <p className="muted">A live-chat bubble on your site. Visitors write from the page; you answer here.</p>
      <ErrorText error={error} />
      <Field label="Inbox name"><input name="name" required /></Field>
      <Field label="Website URL"><input name="website_url" required placeholder="https://www.example.com" /></Field>
      <Field label="Widget colour"><input name="widget_color" type="color" defaultValue="#1f93ff" /></Field>
      <Field label="Welcome heading"><input name="welcome_title" placeholder="Hi there!" /></Field>
      <Field label="Welcome tagline"><input name="welcome_tagline" placeholder="We make it simple to connect with us." /></Field>
      <div className="form-actions"><button className="primary" type="submit" disabled={busy}>Create website inbox</button><button type="button" onClick={onCancel}>Cancel</button></div>
    </form>
  );
}

/** The embed snippet and website token the API hands out, to copy into the site. */
export function WebsiteSnippet({ inbox }: { inbox: Inbox }) {
  const [copied, setCopied] = useState(false);
  const script = inbox.web_widget_script ?? '';
  return (
    <section className="card" aria-label="Website widget snippet">
      <h2>Embed snippet</h2>
      <p className="muted">Paste this before <code>&lt;/body&gt;</code> on every page that should show the chat bubble.</p>
      <pre className="snippet" data-testid="web-widget-script">{script}</pre>
      <button onClick={() => { void navigator.clipboard?.writeText(script).then(() => setCopied(true), () => undefined); }}>{copied ? 'Copied' : 'Copy snippet'}</button>
      <dl className="secrets">
        <dt>Website token</dt><dd><code data-testid="website-token">{inbox.website_token}</code></dd>
        {inbox.hmac_token ? <><dt>HMAC token</dt><dd><code data-testid="hmac-token">{inbox.hmac_token}</code></dd></> : null}
      </dl>
    </section>
  );
}

function preChatFields(inbox: Inbox): PreChatField[] {
  return (inbox.pre_chat_form_options?.pre_chat_fields ?? []).filter((f) => f && typeof f.name === 'string');
}

/** A website inbox's widget settings: appearance, greeting, pre-chat form, allowed domains, identity check, CSAT, reply time. */
export function WebsiteInboxForm({ inbox, onSaved }: { inbox: Inbox; onSaved: () => void }) {
  const me = useMe();
  const { error, busy, run } = useAction();
  const [fields, setFields] = useState<PreChatField[]>(() => preChatFields(inbox));
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const on = (name: string) => form.get(name) === 'on';
    void run(async () => {
      await updateInbox(me.accountId, inbox.id, {
        greeting_enabled: on('greeting_enabled'), greeting_message: textOf(form, 'greeting_message') ?? null,
        csat_survey_enabled: on('csat_survey_enabled'), enable_email_collect: on('enable_email_collect'),
        channel: {
          website_url: textOf(form, 'website_url') ?? '', widget_color: String(form.get('widget_color')),
          welcome_title: textOf(form, 'welcome_title') ?? null, welcome_tagline: textOf(form, 'welcome_tagline') ?? null,
          reply_time: String(form.get('reply_time')), allowed_domains: textOf(form, 'allowed_domains') ?? null,
          hmac_mandatory: on('hmac_mandatory'), pre_chat_form_enabled: on('pre_chat_form_enabled'),
          pre_chat_form_options: { pre_chat_message: textOf(form, 'pre_chat_message') ?? null, pre_chat_fields: fields },
        },
      });
      onSaved();
    });
  };
  const setField = (name: string, patch: Partial<PreChatField>) => setFields(fields.map((f) => (f.name === name ? { ...f, ...patch } : f)));
  return (
    <form className="card" onSubmit={handleSubmit} aria-label="Widget settings">
      <h2>Widget</h2>
      <ErrorText error={error} />
      <Field label="Website URL"><input name="website_url" required defaultValue={inbox.website_url ?? ''} /></Field>
      <Field label="Widget colour"><input name="widget_color" type="color" defaultValue={inbox.widget_color ?? '#1f93ff'} /></Field>
      <Field label="Welcome heading"><input name="welcome_title" defaultValue={inbox.welcome_title ?? ''} /></Field>
      <Field label="Welcome tagline"><input name="welcome_tagline" defaultValue={inbox.welcome_tagline ?? ''} /></Field>
      <Field label="Usually replies">
        <select name="reply_time" defaultValue={inbox.reply_time ?? 'in_a_few_minutes'}>{REPLY_TIMES.map(([v, l]) => <option key={v} value={v}>{l}</option>)}</select>
      </Field>
      <label className="check"><input name="greeting_enabled" type="checkbox" defaultChecked={inbox.greeting_enabled ?? false} /> Greet new visitors</label>
      <Field label="Greeting message"><textarea name="greeting_message" rows={2} defaultValue={inbox.greeting_message ?? ''} /></Field>
      <fieldset>
        <legend>Pre-chat form</legend>
        <label className="check"><input name="pre_chat_form_enabled" type="checkbox" defaultChecked={inbox.pre_chat_form_enabled ?? false} /> Ask visitors for details before the chat starts</label>
        <Field label="Pre-chat message"><input name="pre_chat_message" defaultValue={inbox.pre_chat_form_options?.pre_chat_message ?? ''} /></Field>
        {fields.map((f) => (
          <div key={f.name} className="attribute-row">
            <span>{f.label}</span>
            <label className="check"><input type="checkbox" aria-label={`Ask for ${f.label}`} checked={f.enabled} onChange={(e) => setField(f.name, { enabled: e.target.checked })} /> ask</label>
            <label className="check"><input type="checkbox" aria-label={`Require ${f.label}`} checked={f.required} onChange={(e) => setField(f.name, { required: e.target.checked })} /> required</label>
          </div>
        ))}
      </fieldset>
      <Field label="Allowed domains" hint="Comma-separated hosts where the widget may load, e.g. example.com, *.example.org; empty for any site">
        <input name="allowed_domains" defaultValue={inbox.allowed_domains ?? ''} />
      </Field>
      <label className="check"><input name="hmac_mandatory" type="checkbox" defaultChecked={inbox.hmac_mandatory ?? false} /> Require identity validation (the site signs each visitor's identifier with the HMAC token)</label>
      <label className="check"><input name="enable_email_collect" type="checkbox" defaultChecked={inbox.enable_email_collect ?? false} /> Ask visitors for their email</label>
      <label className="check"><input name="csat_survey_enabled" type="checkbox" defaultChecked={inbox.csat_survey_enabled ?? false} /> Send a satisfaction survey when a conversation is resolved</label>
      <button className="primary" type="submit" disabled={busy}>Save widget</button>
    </form>
  );
}
