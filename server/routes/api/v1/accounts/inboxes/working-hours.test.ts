import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultWorkingDays } from '../../../../../../common/working-hours.js';
import { eventFromRow } from '../../../../../events/outbox.js';
import { buildAdmin } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';

type Day = { day_of_week: number; closed_all_day: boolean; open_all_day: boolean; open_hour: number | null; open_minutes: number | null; close_hour: number | null; close_minutes: number | null };

describe('inbox working hours', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const env = t.deps.env;

  /** A website inbox made through the API, with its administrator. */
  const website = async () => {
    const { account, token } = await buildAdmin(db, env);
    const res = await t.request('POST', `/api/v1/accounts/${account.id}/inboxes`, {
      token, body: { name: 'Site', channel: { type: 'web_widget', website_url: 'https://shop.example' } },
    });
    assert.equal(res.statusCode, 200, res.body);
    const inbox = res.json();
    const patch = (body: Record<string, unknown>) => t.request('PATCH', `/api/v1/accounts/${account.id}/inboxes/${inbox.id}`, { token, body });
    return { account, token, inbox, patch };
  };

  it('creates seven days with Chatwoot\'s default schedule with every inbox', async () => {
    const { inbox } = await website();
    assert.deepEqual(inbox.working_hours, defaultWorkingDays().map((d) => ({
      day_of_week: d.day_of_week, closed_all_day: d.closed_all_day, open_hour: d.open_hour, open_minutes: d.open_minutes,
      close_hour: d.close_hour, close_minutes: d.close_minutes, open_all_day: d.open_all_day,
    })));
    const rows = await db.selectFrom('working_hours').selectAll().where('inbox_id', '=', inbox.id).execute();
    assert.equal(rows.length, 7);
  });

  it('PATCH working_hours changes the named days; the inbox, widget config and Client shapes show them, and inbox.updated carries the change', async () => {
    const { account, token, inbox, patch } = await website();
    const res = await patch({
      working_hours_enabled: true, timezone: 'America/New_York', out_of_office_message: 'Back soon',
      working_hours: [
        { day_of_week: 1, open_hour: 10, open_minutes: 30, close_hour: 18, close_minutes: 0 },
        { day_of_week: 0, closed_all_day: false, open_all_day: true },
        { day_of_week: 5, closed_all_day: true },
      ],
    });
    assert.equal(res.statusCode, 200, res.body);
    const hours: Day[] = res.json().working_hours;
    assert.deepEqual(hours[1], { day_of_week: 1, closed_all_day: false, open_hour: 10, open_minutes: 30, close_hour: 18, close_minutes: 0, open_all_day: false });
    assert.deepEqual(hours[0], { day_of_week: 0, closed_all_day: false, open_hour: 0, open_minutes: 0, close_hour: 23, close_minutes: 59, open_all_day: true });
    assert.equal(hours[5].closed_all_day, true);
    assert.deepEqual(hours[2], { day_of_week: 2, closed_all_day: false, open_hour: 9, open_minutes: 0, close_hour: 17, close_minutes: 0, open_all_day: false });
    const shown = await t.request('GET', `/api/v1/accounts/${account.id}/inboxes/${inbox.id}`, { token });
    assert.deepEqual(shown.json().working_hours, hours);
    const listed = await t.request('GET', `/api/v1/accounts/${account.id}/inboxes`, { token });
    assert.deepEqual(listed.json().payload[0].working_hours, hours);

    const config = (await t.request('POST', `/api/v1/widget/config?website_token=${inbox.website_token}`)).json().website_channel_config;
    assert.equal(config.working_hours_enabled, true);
    assert.equal(config.timezone, 'America/New_York');
    assert.deepEqual(Object.keys(config.working_hours[0]), [
      'id', 'inbox_id', 'account_id', 'day_of_week', 'closed_all_day', 'open_hour', 'open_minutes', 'close_hour', 'close_minutes',
      'created_at', 'updated_at', 'open_all_day',
    ]);
    assert.deepEqual(config.working_hours.map((d: Day & { inbox_id: number }) => ({
      day_of_week: d.day_of_week, closed_all_day: d.closed_all_day, open_hour: d.open_hour, open_minutes: d.open_minutes,
      close_hour: d.close_hour, close_minutes: d.close_minutes, open_all_day: d.open_all_day,
    })), hours);

    const events = (await db.selectFrom('events').selectAll().where('account_id', '=', account.id).where('name', '=', 'inbox.updated').execute()).map(eventFromRow);
    assert.equal(events.length, 1);
    const [before, after] = events[0].changes?.working_hours as [Day[], Day[]];
    assert.equal(before[1].open_hour, 9);
    assert.equal(after[1].open_hour, 10);

    const again = await patch({ working_hours: [{ day_of_week: 1, open_hour: 10, open_minutes: 30, close_hour: 18, close_minutes: 0 }] });
    assert.equal(again.statusCode, 200);
    assert.equal((await db.selectFrom('events').select('id').where('account_id', '=', account.id).where('name', '=', 'inbox.updated').execute()).length, 1);
  });

  it('answers 422 naming the field for bad days, times and time zones, and writes nothing', async () => {
    const { account, token, inbox, patch } = await website();
    const cases: Array<[unknown, string]> = [
      [[{ day_of_week: 7, closed_all_day: true }], 'working_hours.0.day_of_week'],
      [[{ day_of_week: 2, closed_all_day: true }, { day_of_week: 2, closed_all_day: true }], 'working_hours.1.day_of_week'],
      [[{ day_of_week: 1, open_hour: 24 }], 'working_hours.0.open_hour'],
      [[{ day_of_week: 1, close_minutes: 60 }], 'working_hours.0.close_minutes'],
      [[{ day_of_week: 1, open_hour: 18, close_hour: 9 }], 'working_hours.0.close_hour'],
      [[{ day_of_week: 1, open_hour: 9, open_minutes: 0, close_hour: 9, close_minutes: 0 }], 'working_hours.0.close_hour'],
      [[{ day_of_week: 0, closed_all_day: false }], 'working_hours.0.open_hour'],
      [[{ day_of_week: 3, open_all_day: true, closed_all_day: true }], 'working_hours.0.open_all_day'],
    ];
    for (const [workingHours, field] of cases) {
      const res = await patch({ name: 'Renamed', working_hours: workingHours });
      assert.equal(res.statusCode, 422, `${JSON.stringify(workingHours)} → ${res.body}`);
      assert.deepEqual(res.json().attributes, [field], JSON.stringify(workingHours));
    }
    const zone = await patch({ timezone: 'Mars/Olympus', working_hours: [{ day_of_week: 1, open_hour: 8 }] });
    assert.equal(zone.statusCode, 422);
    assert.deepEqual(zone.json().attributes, ['timezone']);
    const typed = await patch({ working_hours: [{ day_of_week: 'monday' }] });
    assert.equal(typed.statusCode, 422);
    const shown = (await t.request('GET', `/api/v1/accounts/${account.id}/inboxes/${inbox.id}`, { token })).json();
    assert.equal(shown.name, 'Site');
    assert.deepEqual(shown.working_hours, inbox.working_hours);
  });

  it('a day changed to a partial slot keeps its other times (attributes merge into the stored day)', async () => {
    const { patch } = await website();
    const res = await patch({ working_hours: [{ day_of_week: 3, close_hour: 20 }] });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().working_hours[3], { day_of_week: 3, closed_all_day: false, open_hour: 9, open_minutes: 0, close_hour: 20, close_minutes: 0, open_all_day: false });
  });
});
