import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildInbox } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';
import { defaultWorkingDays } from '../../../../../../common/working-hours.js';
import { buildPublicDesk } from './public.fixtures.js';

describe('Client API: GET /public/api/v1/inboxes/:inbox_identifier', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;

  it('shows the API inbox without any token, keys in view order', async () => {
    const { base, inbox, channel } = await buildPublicDesk(db, t.deps.env, { hmac_mandatory: true });
    const res = await t.request('GET', base);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(Object.keys(res.json()), [
      'identifier', 'identity_validation_enabled', 'name', 'timezone', 'working_hours', 'working_hours_enabled',
      'csat_survey_enabled', 'greeting_enabled',
    ]);
    assert.deepEqual(res.json(), {
      identifier: channel.identifier, identity_validation_enabled: true, name: inbox.name, timezone: 'UTC',
      working_hours: defaultWorkingDays(), working_hours_enabled: false, csat_survey_enabled: false, greeting_enabled: false,
    });
    assert.equal((await t.request('GET', `${base}/`)).statusCode, 200);
  });

  it('documents every Client API path in the OpenAPI document, with Chatwoot\'s parameter names', async () => {
    const paths = Object.keys((await t.request('GET', '/api-docs')).json().paths).filter((p) => p.startsWith('/public/'));
    const conversation = '/public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}';
    for (const path of [`${conversation}/toggle_typing`, `${conversation}/update_last_seen`, `${conversation}/messages/{message_id}`]) {
      assert.ok(paths.includes(path), path);
    }
  });

  it('answers Rails 404 for an unknown identifier, and for a channel row whose inbox is not an API inbox', async () => {
    const missing = await t.request('GET', '/public/api/v1/inboxes/no-such-inbox');
    assert.equal(missing.statusCode, 404);
    assert.deepEqual(missing.json(), { status: 404, error: 'Not Found' });
    const { account, base } = await buildPublicDesk(db, t.deps.env);
    const { channel } = await buildInbox(db, { account, inbox: { channel_type: 'Channel::WebWidget' } });
    const widget = await t.request('GET', `/public/api/v1/inboxes/${channel.identifier}`);
    assert.deepEqual([widget.statusCode, widget.json()], [404, { status: 404, error: 'Not Found' }]);
    const unknownSession = await t.request('GET', `${base}/contacts/nobody/conversations`);
    assert.deepEqual([unknownSession.statusCode, unknownSession.json()], [404, { status: 404, error: 'Not Found' }]);
  });
});
