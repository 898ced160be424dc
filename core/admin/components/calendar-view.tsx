/**
 * A declared calendar (core/admin/views.ts): lanes (a hotel's tape chart: rooms × days), month, week
 * and day. Only the visible window is loaded (GET <root>/x/views?view=…&from=…&to=…). Clicking a record
 * opens its page; clicking an empty slot opens the new-record form with start, end and lane filled in
 * (AdminJS's new form reads query params named after the fields). No calendar library: a grid of days.
 */
import React, { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { ActionProps } from 'adminjs';
import { Box, Button, H3, MessageBox, Text } from '@adminjs/design-system';

type Mode = 'lanes' | 'month' | 'week' | 'day';

interface Item { id: string; title: string; start: string | null; end: string | null; lane: string | null; color: string; colorLabel: string }
interface Data {
  label: string;
  from: string;
  to: string;
  unit: 'date' | 'datetime';
  start: string;
  end: string;
  lane: { field: string; label: string } | null;
  lanes: { id: string | null; title: string }[];
  items: Item[];
  truncated: boolean;
  newHref: string | null;
  recordHref: string;
}

const DAY = 86_400_000;
const BADGE: Record<string, string> = { grey: '#6b7280', blue: '#2563eb', green: '#15803d', amber: '#b45309', red: '#b91c1c', purple: '#7e22ce' };

/** Days are handled as UTC midnights of calendar dates, so no zone or DST shifts a day. */
const dayOf = (text: string): number => Date.UTC(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10)));
const iso = (t: number): string => new Date(t).toISOString().slice(0, 10);
const todayUtc = (): number => {
  const now = new Date();
  return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
};
const label = (t: number, opts: Intl.DateTimeFormatOptions): string => new Intl.DateTimeFormat('en-GB', { ...opts, timeZone: 'UTC' }).format(new Date(t));

function windowOf(mode: Mode, anchor: number): { from: number; to: number } {
  const weekday = (new Date(anchor).getUTCDay() + 6) % 7; // Monday first
  switch (mode) {
    case 'day':
      return { from: anchor, to: anchor + DAY };
    case 'week':
      return { from: anchor - weekday * DAY, to: anchor - weekday * DAY + 7 * DAY };
    case 'month': {
      const d = new Date(anchor);
      const first = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
      const lead = (new Date(first).getUTCDay() + 6) % 7;
      return { from: first - lead * DAY, to: first - lead * DAY + 42 * DAY };
    }
    default:
      return { from: anchor - 2 * DAY, to: anchor + 19 * DAY };
  }
}

function step(mode: Mode, anchor: number, dir: number): number {
  if (mode === 'month') {
    const d = new Date(anchor);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + dir, 1);
  }
  return anchor + dir * { day: 1, week: 7, lanes: 14 }[mode] * DAY;
}

/** The days an item covers inside [from, to): its first day and how many (an item without an end covers its start's day). */
function daysOf(item: Item, unit: Data['unit'], from: number, to: number): { first: number; count: number } | null {
  if (!item.start) return null;
  const start = unit === 'date' ? dayOf(item.start) : dayOf(toLocalDate(item.start));
  let end = item.end ? (unit === 'date' ? dayOf(item.end) : dayOf(toLocalDate(item.end)) + (endsAtMidnight(item.end) ? 0 : DAY)) : start + DAY;
  if (end <= start) end = start + DAY;
  const first = Math.max(start, from);
  const last = Math.min(end, to);
  return last > first ? { first, count: Math.round((last - first) / DAY) } : null;
}

/** A date-time as the viewer's calendar date (YYYY-MM-DD). */
function toLocalDate(text: string): string {
  const d = new Date(text);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
const endsAtMidnight = (text: string): boolean => {
  const d = new Date(text);
  return d.getHours() === 0 && d.getMinutes() === 0 && d.getSeconds() === 0;
};
/** The viewer's local midnight of a calendar day, as an instant (datetime calendars). */
const localInstant = (day: number, hour = 0): string => {
  const d = new Date(day);
  return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hour).toISOString();
};

/** Rows within a lane, so overlapping records (a cancelled stay under a new one) do not hide each other: first fit, by start. */
function stack(items: Item[], unit: Data['unit'], from: number, to: number): { row: Map<string, number>; count: number } {
  const ends: number[] = [];
  const row = new Map<string, number>();
  for (const item of items) {
    const span = daysOf(item, unit, from, to);
    if (!span) continue;
    let r = ends.findIndex((end) => end <= span.first);
    if (r < 0) r = ends.push(0) - 1;
    ends[r] = span.first + span.count * DAY;
    row.set(item.id, r);
  }
  return { row, count: ends.length };
}

const Chip: React.FC<{ item: Item; onOpen: (id: string) => void; style?: React.CSSProperties }> = ({ item, onOpen, style }) => (
  <div
    role="button"
    tabIndex={0}
    data-testid="calendar-item"
    data-id={item.id}
    title={`${item.title}${item.colorLabel ? ` — ${item.colorLabel}` : ''}`}
    onClick={(e) => {
      e.stopPropagation();
      onOpen(item.id);
    }}
    onKeyDown={(e) => e.key === 'Enter' && onOpen(item.id)}
    style={{ background: BADGE[item.color] ?? BADGE.blue, color: '#fff', borderRadius: 4, padding: '2px 6px', fontSize: 12, overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis', cursor: 'pointer', ...style }}
  >
    {item.title}
  </div>
);

const CalendarView: React.FC<ActionProps> = ({ action }) => {
  const custom = (action.custom ?? {}) as { view?: string; label?: string; dataPath?: string; lanes?: boolean; unit?: 'date' | 'datetime' };
  const navigate = useNavigate();
  const params = new URLSearchParams(window.location.search);
  const [mode, setMode] = useState<Mode>((params.get('mode') as Mode) || (custom.lanes ? 'lanes' : 'month'));
  const [anchor, setAnchor] = useState<number>(() => (params.get('date') && /^\d{4}-\d{2}-\d{2}$/.test(params.get('date')!) ? dayOf(params.get('date')!) : todayUtc()));
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<string | null>(null);
  const win = useMemo(() => windowOf(mode, anchor), [mode, anchor]);
  const unit = custom.unit ?? 'date';

  useEffect(() => {
    let live = true;
    const load = async (): Promise<void> => {
      // A date calendar's window is two dates; a datetime calendar's, the viewer's local midnights.
      const asText = (t: number): string => (unit === 'datetime' ? localInstant(t) : iso(t));
      const url = `${custom.dataPath}?view=${encodeURIComponent(custom.view ?? '')}&from=${encodeURIComponent(asText(win.from))}&to=${encodeURIComponent(asText(win.to))}`;
      try {
        const res = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
        const body = (await res.json()) as Data & { error?: { message: string } };
        if (!live) return;
        if (!res.ok) setError(body.error?.message ?? `The calendar could not be loaded (${res.status}).`);
        else {
          setError(null);
          setData(body);
        }
      } catch {
        if (live) setError('The calendar could not be loaded: the server did not answer. Reload the page to try again.');
      }
    };
    void load();
    return () => {
      live = false;
    };
  }, [win.from, win.to, unit, custom.view]);

  const days = useMemo(() => Array.from({ length: Math.round((win.to - win.from) / DAY) }, (_, i) => win.from + i * DAY), [win]);
  const open = (id: string): void => {
    if (data) navigate(`${data.recordHref}/${id}/show`);
  };
  /** The new-record form with the slot filled in: start and end (and the lane when the slot is in one). */
  const create = (startDay: number, lane?: string | null, hour?: number): void => {
    if (!data?.newHref) return;
    const q = new URLSearchParams();
    if (data.unit === 'date') {
      q.set(data.start, iso(startDay));
      if (data.end !== data.start) q.set(data.end, iso(startDay + DAY));
    } else {
      q.set(data.start, localInstant(startDay, hour ?? 9));
      if (data.end !== data.start) q.set(data.end, localInstant(startDay, (hour ?? 9) + 1));
    }
    if (data.lane && lane) q.set(data.lane.field, lane);
    navigate(`${data.newHref}?${q.toString()}`);
  };

  const title =
    mode === 'month'
      ? label(step('month', anchor, 0), { month: 'long', year: 'numeric' })
      : mode === 'day'
        ? label(win.from, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
        : `${label(win.from, { day: 'numeric', month: 'short' })} – ${label(win.to - DAY, { day: 'numeric', month: 'short', year: 'numeric' })}`;
  const modes: Mode[] = [...(custom.lanes ? (['lanes'] as Mode[]) : []), 'month', 'week', 'day'];
  const cell: React.CSSProperties = { border: '1px solid #e5e7eb', padding: 4, verticalAlign: 'top', background: '#fff' };
  const today = todayUtc();

  return (
    <Box variant="grey" data-testid="calendar-view" data-mode={mode} data-from={iso(win.from)} data-to={iso(win.to)}>
      <Box variant="white" p="lg">
        <Box flex flexDirection="row" alignItems="center" flexWrap="wrap" mb="lg" style={{ gap: 8 }}>
          <H3 mb="0" mr="lg">{title}</H3>
          <Button size="sm" variant="outlined" onClick={() => setAnchor(step(mode, anchor, -1))} data-testid="calendar-prev">‹ Previous</Button>
          <Button size="sm" variant="outlined" onClick={() => setAnchor(todayUtc())}>Today</Button>
          <Button size="sm" variant="outlined" onClick={() => setAnchor(step(mode, anchor, 1))} data-testid="calendar-next">Next ›</Button>
          <Box ml="lg" flex flexDirection="row" style={{ gap: 4 }}>
            {modes.map((m) => (
              <Button key={m} size="sm" variant={m === mode ? 'contained' : 'text'} onClick={() => setMode(m)} data-testid={`calendar-mode-${m}`}>
                {m === 'lanes' ? (data?.lane?.label ?? 'Lanes') : m[0].toUpperCase() + m.slice(1)}
              </Button>
            ))}
          </Box>
        </Box>
        {error && <div data-testid="calendar-error"><MessageBox message={error} variant="danger" mb="lg" /></div>}
        {data?.truncated && <MessageBox message="More records than one screen shows: narrow the window (week or day) to see them all." variant="info" mb="lg" />}
        {!data && !error && <Text>Loading…</Text>}
        {data && mode === 'lanes' && (
          <div style={{ overflowX: 'auto' }}>
            <table style={{ borderCollapse: 'collapse', width: '100%', tableLayout: 'fixed', minWidth: 160 + days.length * 44 }} data-testid="tape-chart">
              <thead>
                <tr>
                  <th style={{ ...cell, width: 160, textAlign: 'left' }}>{data.lane?.label ?? ''}</th>
                  {days.map((d) => (
                    <th key={d} style={{ ...cell, fontWeight: d === today ? 700 : 400, fontSize: 12, background: d === today ? '#eff6ff' : '#f9fafb' }}>
                      {label(d, { weekday: 'short' })}<br />{label(d, { day: 'numeric', month: 'short' })}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {(data.lanes.length ? data.lanes : [{ id: null, title: '' }]).map((lane) => {
                  const items = data.items.filter((i) => !data.lane || i.lane === lane.id);
                  const rows = stack(items, data.unit, win.from, win.to);
                  return (
                    <tr key={lane.id ?? 'none'} data-testid="tape-lane" data-lane={lane.id ?? ''}>
                      <td style={{ ...cell, fontWeight: 600 }}>{lane.title}</td>
                      <td colSpan={days.length} style={{ ...cell, padding: 0, position: 'relative', height: 6 + 24 * Math.max(1, rows.count) }}>
                        <div style={{ display: 'flex', position: 'absolute', inset: 0 }}>
                          {days.map((d) => (
                            <div
                              key={d}
                              data-testid="calendar-slot"
                              data-day={iso(d)}
                              onClick={() => create(d, lane.id)}
                              style={{ flex: 1, borderRight: '1px solid #f3f4f6', cursor: data.newHref ? 'copy' : 'default', background: d === today ? '#eff6ff' : undefined }}
                            />
                          ))}
                        </div>
                        {items.map((item) => {
                          const span = daysOf(item, data.unit, win.from, win.to);
                          if (!span) return null;
                          const left = ((span.first - win.from) / DAY / days.length) * 100;
                          return <Chip key={item.id} item={item} onOpen={open} style={{ position: 'absolute', top: 4 + 24 * (rows.row.get(item.id) ?? 0), height: 20, left: `calc(${left}% + 2px)`, width: `calc(${(span.count / days.length) * 100}% - 4px)` }} />;
                        })}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {data && (mode === 'month' || mode === 'week') && (
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 0 }} data-testid="calendar-grid">
            {days.slice(0, 7).map((d) => (
              <div key={`h${d}`} style={{ ...cell, fontSize: 12, fontWeight: 600, background: '#f9fafb' }}>{label(d, { weekday: 'short' })}</div>
            ))}
            {days.map((d) => (
              <div key={d} data-testid="calendar-slot" data-day={iso(d)} onClick={() => create(d)} style={{ ...cell, minHeight: mode === 'week' ? 240 : 96, cursor: data.newHref ? 'copy' : 'default', background: d === today ? '#eff6ff' : '#fff' }}>
                <div style={{ fontSize: 12, color: '#6b7280', marginBottom: 2 }}>{label(d, { day: 'numeric', month: d === win.from || new Date(d).getUTCDate() === 1 ? 'short' : undefined })}</div>
                {data.items.filter((i) => daysOf(i, data.unit, d, d + DAY)).slice(0, mode === 'week' ? 30 : 4).map((i) => <Chip key={i.id} item={i} onOpen={open} style={{ marginBottom: 2 }} />)}
                {mode === 'month' && data.items.filter((i) => daysOf(i, data.unit, d, d + DAY)).length > 4 && (
                  <Text fontSize={11} color="grey60">+{data.items.filter((i) => daysOf(i, data.unit, d, d + DAY)).length - 4} more</Text>
                )}
              </div>
            ))}
          </div>
        )}
        {data && mode === 'day' && (
          <div data-testid="calendar-day">
            {(data.unit === 'datetime' ? Array.from({ length: 24 }, (_, h) => h) : [null]).map((h) => {
              const items = data.items.filter((i) => (h === null ? daysOf(i, data.unit, win.from, win.to) : i.start && new Date(i.start).getHours() === h && toLocalDate(i.start) === iso(win.from)));
              return (
                <div key={h ?? 'all'} data-testid="calendar-slot" data-day={iso(win.from)} data-hour={h ?? ''} onClick={() => create(win.from, null, h ?? undefined)} style={{ ...cell, display: 'flex', gap: 8, minHeight: h === null ? 200 : 28, cursor: data.newHref ? 'copy' : 'default' }}>
                  {h !== null && <span style={{ width: 48, fontSize: 12, color: '#6b7280' }}>{String(h).padStart(2, '0')}:00</span>}
                  <div style={{ flex: 1, display: 'flex', flexDirection: 'column', gap: 2 }}>{items.map((i) => <Chip key={i.id} item={i} onOpen={open} />)}</div>
                </div>
              );
            })}
          </div>
        )}
      </Box>
    </Box>
  );
};

export default CalendarView;
