import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addInboxMember, buildAdmin, buildAgent } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';

describe('/api/v1/accounts/:account_id/inboxes with channel.type web_widget', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const env = t.deps.env;

  it('creates a website inbox with Chatwoot defaults, the embed script and the admin-only hmac_token', async () => {
    const { account, token } = await buildAdmin(db, env);
    const res = await t.request('POST', `/api/v1/accounts/${account.id}/inboxes`, {
      token, body: { name: 'Site', channel: { type: 'web_widget', website_url: 'https://shop.example', welcome_title: 'Hi' } },
    });
    assert.equal(res.statusCode, 200, res.body);
    const inbox = res.json();
    assert.equal(inbox.channel_type, 'Channel::WebWidget');
    assert.equal(inbox.website_url, 'https://shop.example');
    assert.equal(inbox.widget_color, '#1f93ff');
    assert.equal(inbox.welcome_title, 'Hi');
    assert.equal(inbox.welcome_tagline, null);
    assert.equal(inbox.reply_time, 'in_a_few_minutes');
    assert.deepEqual(inbox.selected_feature_flags, ['attachments', 'emoji_picker', 'end_conversation']);
    assert.equal(inbox.hmac_mandatory, false);
    assert.equal(inbox.allowed_domains, '');
    assert.equal(inbox.pre_chat_form_enabled, false);
    assert.equal(inbox.continuity_via_email, true);
    assert.equal(inbox.pre_chat_form_options.pre_chat_fields.length, 3);
    assert.match(inbox.website_token, /^[A-Za-z0-9_-]{20,}$/);
    assert.match(inbox.hmac_token, /^[A-Za-z0-9_-]{20,}$/);
    assert.ok(inbox.web_widget_script.includes(`websiteToken: '${inbox.website_token}'`));
    assert.ok(inbox.web_widget_script.includes(`var BASE_URL="${env.frontendUrl}"`));
    assert.ok(inbox.web_widget_script.includes('/packs/js/sdk.js'));
    assert.equal(inbox.inbox_identifier, undefined);
    assert.equal(inbox.secret, undefined);
    const keys = Object.keys(inbox);
    assert.ok(keys.indexOf('reply_time') < keys.indexOf('pre_chat_form_enabled'));
    assert.ok(keys.indexOf('continuity_via_email') < keys.indexOf('messaging_service_sid'));

    const agent = await buildAgent(db, env, { account });
    await addInboxMember(db, inbox.id, agent.user.id);
    const shown = await t.request('GET', `/api/v1/accounts/${account.id}/inboxes/${inbox.id}`, { token: agent.token });
    assert.equal(shown.statusCode, 200);
    assert.equal(shown.json().hmac_token, undefined);
    assert.equal(shown.json().website_token, inbox.website_token);
    const list = await t.request('GET', `/api/v1/accounts/${account.id}/inboxes`, { token });
    assert.equal(list.json().payload[0].website_token, inbox.website_token);
  });

  it('answers 422 naming the field for a missing website_url, a bad colour, reply time, flag or domain', async () => {
    const { account, token } = await buildAdmin(db, env);
    const url = `/api/v1/accounts/${account.id}/inboxes`;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ type: 'web_widget' }, 'channel.website_url'],
      [{ type: 'web_widget', website_url: ' ' }, 'channel.website_url'],
      [{ type: 'web_widget', website_url: 'https://a.example', widget_color: 'red' }, 'channel.widget_color'],
      [{ type: 'web_widget', website_url: 'https://a.example', reply_time: 'never' }, 'channel.reply_time'],
      [{ type: 'web_widget', website_url: 'https://a.example', selected_feature_flags: ['teleport'] }, 'channel.selected_feature_flags'],
      [{ type: 'web_widget', website_url: 'https://a.example', allowed_domains: 'good.example, bad domain' }, 'channel.allowed_domains'],
      [{ type: 'carrier_pigeon' }, 'channel.type'],
    ];
    for (const [channel, field] of cases) {
      const res = await t.request('POST', url, { token, body: { name: 'x', channel } });
      assert.equal(res.statusCode, 422, JSON.stringify(channel));
      assert.deepEqual(res.json().attributes, [field]);
    }
    const count = await db.selectFrom('channel_web_widgets').select(db.fn.countAll().as('n')).where('account_id', '=', account.id).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);
  });

  it('updates website attributes and csat_survey_enabled, records inbox.updated; agents get 401; other accounts 404', async () => {
    const { account, token } = await buildAdmin(db, env);
    const created = (await t.request('POST', `/api/v1/accounts/${account.id}/inboxes`, {
      token, body: { name: 'Site', channel: { type: 'web_widget', website_url: 'https://a.example' } },
    })).json();
    const res = await t.request('PATCH', `/api/v1/accounts/${account.id}/inboxes/${created.id}`, {
      token,
      body: {
        csat_survey_enabled: true,
        channel: {
          widget_color: '#ff0000', reply_time: 'in_a_day', hmac_mandatory: true, allowed_domains: 'https://shop.example/, *.example.org',
          selected_feature_flags: ['attachments'], pre_chat_form_enabled: true,
          pre_chat_form_options: { pre_chat_message: 'Tell us', pre_chat_fields: [{ name: 'emailAddress', type: 'email', enabled: true, required: true, junk: 1 }] },
        },
      },
    });
    assert.equal(res.statusCode, 200, res.body);
    const inbox = res.json();
    assert.equal(inbox.csat_survey_enabled, true);
    assert.equal(inbox.widget_color, '#ff0000');
    assert.equal(inbox.reply_time, 'in_a_day');
    assert.equal(inbox.hmac_mandatory, true);
    assert.equal(inbox.allowed_domains, 'shop.example,*.example.org');
    assert.deepEqual(inbox.selected_feature_flags, ['attachments']);
    assert.deepEqual(inbox.pre_chat_form_options, {
      pre_chat_message: 'Tell us', pre_chat_fields: [{ name: 'emailAddress', type: 'email', enabled: true, required: true }],
    });
    const events = await db.selectFrom('events').selectAll().where('account_id', '=', account.id).where('name', '=', 'inbox.updated').execute();
    assert.equal(events.length, 1);

    const agent = await buildAgent(db, env, { account });
    await addInboxMember(db, created.id, agent.user.id);
    const denied = await t.request('PATCH', `/api/v1/accounts/${account.id}/inboxes/${created.id}`, { token: agent.token, body: { name: 'x' } });
    assert.equal(denied.statusCode, 401);
    const other = await buildAdmin(db, env);
    const cross = await t.request('PATCH', `/api/v1/accounts/${other.account.id}/inboxes/${created.id}`, { token: other.token, body: { name: 'x' } });
    assert.equal(cross.statusCode, 404);
  });

  it('deletes the website channel with its inbox', async () => {
    const { account, token } = await buildAdmin(db, env);
    const created = (await t.request('POST', `/api/v1/accounts/${account.id}/inboxes`, {
      token, body: { name: 'Site', channel: { type: 'web_widget', website_url: 'https://a.example' } },
    })).json();
    const res = await t.request('DELETE', `/api/v1/accounts/${account.id}/inboxes/${created.id}`, { token });
    assert.equal(res.statusCode, 200);
    const left = await db.selectFrom('channel_web_widgets').select('id').where('id', '=', created.channel_id).execute();
    assert.equal(left.length, 0);
  });
});
