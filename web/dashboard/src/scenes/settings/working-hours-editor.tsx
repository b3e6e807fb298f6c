import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { updateInbox } from '../../api/endpoints';
import type { Inbox } from '../../api/types';
import { ErrorText, Field } from '../../components/ui';
import { useAction } from './use-action';

/** One day of an inbox's weekly schedule, as the inbox API sends it (0 = Sunday). */
export interface WorkingHour {
  day_of_week: number; closed_all_day: boolean; open_all_day: boolean;
  open_hour: number | null; open_minutes: number | null; close_hour: number | null; close_minutes: number | null;
}

/** The inbox fields the editor reads. */
export type InboxWithHours = Inbox & {
  working_hours?: WorkingHour[]; working_hours_enabled?: boolean; out_of_office_message?: string | null; timezone?: string;
};

type Mode = 'open' | 'all_day' | 'closed';
interface DayForm { day: number; mode: Mode; opens: string; closes: string }

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** Shown Monday first, as people read a week. */
const DAY_ORDER = [1, 2, 3, 4, 5, 6, 0];

const pad = (n: number) => String(n).padStart(2, '0');
const clock = (hour: number | null, minutes: number | null, fallback: string) => (hour === null ? fallback : `${pad(hour)}:${pad(minutes ?? 0)}`);

function dayForm(day: number, row: WorkingHour | undefined): DayForm {
  const mode: Mode = !row || row.closed_all_day ? 'closed' : row.open_all_day ? 'all_day' : 'open';
  return { day, mode, opens: clock(row?.open_all_day ? null : row?.open_hour ?? null, row?.open_minutes ?? null, '09:00'), closes: clock(row?.open_all_day ? null : row?.close_hour ?? null, row?.close_minutes ?? null, '17:00') };
}

/** The API's `working_hours` entry for a day of the form. */
function dayBody(d: DayForm): WorkingHour {
  if (d.mode !== 'open') {
    return { day_of_week: d.day, closed_all_day: d.mode === 'closed', open_all_day: d.mode === 'all_day', open_hour: null, open_minutes: null, close_hour: null, close_minutes: null };
  }
  const [oh, om] = d.opens.split(':').map(Number);
  const [ch, cm] = d.closes.split(':').map(Number);
  return { day_of_week: d.day, closed_all_day: false, open_all_day: false, open_hour: oh, open_minutes: om, close_hour: ch, close_minutes: cm };
}

/** Every IANA zone the browser knows, with the inbox's own first when it is not among them. */
function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set(['UTC', current, ...known])];
}

/**
 * Business hours of an inbox: whether they apply, the out-of-office reply, the time zone and
 * each day open between two times, open all day or closed. Saves through the inbox update API.
 */
export function WorkingHoursEditor({ accountId, inbox, onSaved }: { accountId: number; inbox: InboxWithHours; onSaved: () => void }) {
  const { error, busy, run, setError } = useAction();
  const [enabled, setEnabled] = useState(Boolean(inbox.working_hours_enabled));
  const [message, setMessage] = useState(inbox.out_of_office_message ?? '');
  const [zone, setZone] = useState(inbox.timezone || 'UTC');
  const [days, setDays] = useState<DayForm[]>([]);
  const [saved, setSaved] = useState(false);
  const zones = useMemo(() => timeZones(inbox.timezone || 'UTC'), [inbox.timezone]);
  useEffect(() => {
    setEnabled(Boolean(inbox.working_hours_enabled));
    setMessage(inbox.out_of_office_message ?? '');
    setZone(inbox.timezone || 'UTC');
    setDays(DAY_ORDER.map((day) => dayForm(day, inbox.working_hours?.find((w) => w.day_of_week === day))));
  }, [inbox]);
  const change = (day: number, patch: Partial<DayForm>) => {
    setSaved(false);
    setDays(days.map((d) => (d.day === day ? { ...d, ...patch } : d)));
  };
  const handleSave = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const wrong = days.find((d) => d.mode === 'open' && (!d.opens || !d.closes || d.closes <= d.opens));
    if (wrong) {
      setError(new Error(`${DAY_NAMES[wrong.day]}: the closing time must come after the opening time`));
      return;
    }
    void run(async () => {
      await updateInbox(accountId, inbox.id, {
        working_hours_enabled: enabled, out_of_office_message: message.trim() || null, timezone: zone, working_hours: days.map(dayBody),
      });
      setSaved(true);
      onSaved();
    });
  };
  return (
    <form className="card" onSubmit={handleSave} aria-label="Business hours">
      <h2>Business hours</h2>
      <p className="muted">Outside these hours the widget shows the team as away and new messages get the out-of-office reply.</p>
      <ErrorText error={error} />
      <label className="check"><input type="checkbox" checked={enabled} onChange={(e) => { setSaved(false); setEnabled(e.target.checked); }} />Enable business hours</label>
      <Field label="Out-of-office message" hint="Sent to a contact who writes while the inbox is closed">
        <textarea name="out_of_office_message" rows={2} value={message} onChange={(e) => { setSaved(false); setMessage(e.target.value); }} />
      </Field>
      <Field label="Time zone">
        <select name="timezone" value={zone} onChange={(e) => { setSaved(false); setZone(e.target.value); }}>
          {zones.map((z) => <option key={z} value={z}>{z}</option>)}
        </select>
      </Field>
      <table className="table working-hours">
        <tbody>
          {days.map((d) => (
            <tr key={d.day} data-day={d.day}>
              <th scope="row">{DAY_NAMES[d.day]}</th>
              <td>
                <select aria-label={`${DAY_NAMES[d.day]} availability`} value={d.mode} onChange={(e) => change(d.day, { mode: e.target.value as Mode })}>
                  <option value="open">Open</option>
                  <option value="all_day">Open all day</option>
                  <option value="closed">Closed</option>
                </select>
              </td>
              <td>
                {d.mode === 'open' ? (
                  <>
                    <input type="time" aria-label={`${DAY_NAMES[d.day]} opens at`} value={d.opens} required onChange={(e) => change(d.day, { opens: e.target.value })} />
                    {' – '}
                    <input type="time" aria-label={`${DAY_NAMES[d.day]} closes at`} value={d.closes} required onChange={(e) => change(d.day, { closes: e.target.value })} />
                  </>
                ) : <span className="muted">{d.mode === 'closed' ? 'Closed' : '24 hours'}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        <button className="primary" type="submit" disabled={busy}>Save business hours</button>
        {saved ? <span className="muted" role="status">Saved</span> : null}
      </div>
    </form>
  );
}
