/**
 * A declared kanban board (core/admin/views.ts): columns of cards, optionally split into swimlanes.
 * Dragging a card to another column runs, through the admin's own record actions, the workflow
 * transition that goes there (the server checks who may take it and when) or, on a board whose
 * column is a plain field, the record's edit with that one field. A refused move snaps back and
 * says why; after every move the board is read again, so it shows what the database holds.
 * Dropping into another swimlane changes the column only (the swimlane is a grouping).
 */
import React, { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiClient, useNotice, useTranslation, type ActionProps } from 'adminjs';
import { Box, H3, MessageBox, Text } from '@adminjs/design-system';

interface Card { id: string; version: number; title: string; column: string | null; swimlane: string | null; fields: { label: string; text: string }[] }
interface Data {
  label: string;
  resourceId: string;
  recordHref: string;
  column: { field: string; label: string; mode: 'workflow' | 'update' };
  columns: { value: string | null; label: string; color: string }[];
  swimlane: { field: string; label: string } | null;
  swimlanes: { value: string | null; label: string }[];
  scope?: { field: string; label: string; options: { value: string; label: string }[]; selected: string | null };
  cards: Card[];
  transitions: { name: string; label: string; from: string[]; to: string; who: string }[];
  canUpdate: boolean;
  truncated: boolean;
}

const api = new ApiClient();
const BADGE: Record<string, string> = { grey: '#6b7280', blue: '#2563eb', green: '#15803d', amber: '#b45309', red: '#b91c1c', purple: '#7e22ce' };

interface Answer { notice?: { message: string; type: string }; record?: { errors?: Record<string, { message: string }>; baseError?: { message: string } | null } }

/** The refusal in an answer (an error notice, the record's base error, or field errors of an edit), or null when the move was made. */
function refusalOf(data: Answer | undefined): string | null {
  const fieldErrors = Object.values(data?.record?.errors ?? {}).map((e) => e.message);
  if (fieldErrors.length) return fieldErrors.join(' ');
  if (data?.record?.baseError?.message) return data.record.baseError.message;
  return data?.notice?.type === 'error' ? data.notice.message : null;
}

function errorMessage(err: unknown): string {
  const response = (err as { response?: { data?: Answer & { error?: { message: string } }; status?: number } }).response;
  return response?.data?.notice?.message ?? response?.data?.error?.message ?? 'the server did not answer; reload the board and try again';
}

const KanbanView: React.FC<ActionProps> = ({ action }) => {
  const custom = (action.custom ?? {}) as { view?: string; dataPath?: string };
  const navigate = useNavigate();
  const addNotice = useNotice();
  // AdminJS's refusals are message keys ("forbiddenError"), translated here as its own screens do.
  const { translateMessage } = useTranslation();
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  // The drop only records where the card goes; the move starts at the card's dragend, so the dragged
  // element is not moved out of the DOM while the browser still drags it (it would never get dragend).
  const dropped = useRef<{ id: string; to: string | null } | null>(null);
  // A board narrowed to one record (a project): the one chosen on the page, kept in the address.
  const [scope, setScope] = useState<string>(() => new URLSearchParams(window.location.search).get('scope') ?? '');

  const load = async (): Promise<void> => {
    try {
      const res = await fetch(`${custom.dataPath}?view=${encodeURIComponent(custom.view ?? '')}${scope ? `&scope=${encodeURIComponent(scope)}` : ''}`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      const body = (await res.json()) as Data & { error?: { message: string } };
      if (!res.ok) setError(body.error?.message ?? `The board could not be loaded (${res.status}).`);
      else {
        setError(null);
        setData(body);
      }
    } catch {
      setError('The board could not be loaded: the server did not answer. Reload the page to try again.');
    }
  };
  useEffect(() => {
    void load();
  }, [custom.view, scope]);

  const labelOf = (value: string | null): string => data?.columns.find((c) => c.value === value)?.label ?? String(value);

  /** One attempt through an admin record action; null when it went through, else the reason. */
  const attempt = async (card: Card, actionName: string, payload: Record<string, string>): Promise<string | null> => {
    try {
      const res = await api.recordAction({ resourceId: data!.resourceId, recordId: card.id, actionName, method: 'post', data: { ...payload, version: String(card.version) } });
      const reason = refusalOf(res.data as Answer);
      return reason === null ? null : translateMessage(reason, data!.resourceId);
    } catch (err) {
      return translateMessage(errorMessage(err), data!.resourceId);
    }
  };

  const move = async (card: Card, to: string | null): Promise<void> => {
    if (!data || card.column === to || busy) return;
    const from = card.column;
    setRefusal(null);
    setBusy(card.id);
    // Shown in its new place at once; the answer decides whether it stays.
    setData({ ...data, cards: data.cards.map((c) => (c.id === card.id ? { ...c, column: to } : c)) });
    let refused: string | null = null;
    let done = '';
    if (data.column.mode === 'workflow') {
      const candidates = data.transitions.filter((t) => from !== null && t.from.includes(from) && t.to === to);
      if (!candidates.length) refused = `No step of the workflow goes from ${labelOf(from)} to ${labelOf(to)}.`;
      for (const t of candidates) {
        const reason = await attempt(card, t.name, {});
        if (reason === null) {
          refused = null;
          done = `${card.title}: ${t.label} — now ${labelOf(to)}.`;
          break;
        }
        refused = `${t.label} refused: ${reason}${t.who ? ` (${t.label} is for: ${t.who})` : ''}`;
      }
    } else {
      const reason = await attempt(card, 'edit', { [data.column.field]: to ?? '' });
      if (reason === null) done = `${card.title} moved to ${labelOf(to)}.`;
      else refused = `Moving ${card.title} to ${labelOf(to)} was refused: ${reason}`;
    }
    if (refused) {
      // Snap back, and say why.
      setData((d) => (d ? { ...d, cards: d.cards.map((c) => (c.id === card.id ? { ...c, column: from } : c)) } : d));
      setRefusal(refused);
      addNotice({ message: refused, type: 'error' });
    } else addNotice({ message: done, type: 'success' });
    setBusy(null);
    await load();
  };

  if (error) return <Box variant="grey"><div data-testid="kanban-error"><MessageBox message={error} variant="danger" /></div></Box>;
  if (!data) return <Box variant="grey"><Text>Loading…</Text></Box>;
  const movable = data.column.mode === 'workflow' ? data.transitions.length > 0 : data.canUpdate;
  const lanes = data.swimlane ? data.swimlanes : [{ value: null, label: '' }];

  const column = (lane: { value: string | null }, col: Data['columns'][number]): React.ReactNode => {
    const key = `${lane.value ?? ''}|${col.value ?? ''}`;
    const cards = data.cards.filter((c) => c.column === col.value && (!data.swimlane || c.swimlane === lane.value));
    return (
      <div
        key={key}
        data-testid="kanban-column"
        data-value={col.value ?? ''}
        data-lane={lane.value ?? ''}
        onDragOver={(e) => {
          if (!movable) return;
          e.preventDefault();
          setOver(key);
        }}
        onDragLeave={() => setOver((o) => (o === key ? null : o))}
        onDrop={(e) => {
          e.preventDefault();
          setOver(null);
          const id = e.dataTransfer.getData('text/plain');
          if (data.cards.some((c) => c.id === id)) dropped.current = { id, to: col.value };
        }}
        style={{ flex: '1 0 160px', minHeight: 120, background: over === key ? '#dbeafe' : '#f3f4f6', borderRadius: 6, padding: 8, display: 'flex', flexDirection: 'column', gap: 8 }}
      >
        {cards.map((card) => (
          <div
            key={card.id}
            data-testid="kanban-card"
            data-id={card.id}
            draggable={movable && !busy}
            onDragStart={(e) => {
              dropped.current = null;
              e.dataTransfer.setData('text/plain', card.id);
              e.dataTransfer.effectAllowed = 'move';
            }}
            onDragEnd={() => {
              const drop = dropped.current;
              dropped.current = null;
              if (drop?.id === card.id) void move(card, drop.to);
            }}
            onClick={() => navigate(`${data.recordHref}/${card.id}/show`)}
            style={{ background: '#fff', borderRadius: 6, padding: 8, boxShadow: '0 1px 2px rgba(0,0,0,.12)', cursor: movable ? 'grab' : 'pointer', opacity: busy === card.id ? 0.6 : 1 }}
          >
            <div style={{ fontWeight: 600, marginBottom: 4 }}>{card.title}</div>
            {card.fields.map((f) => (
              <div key={f.label} style={{ fontSize: 12, color: '#4b5563' }}>
                {f.label}: {f.text}
              </div>
            ))}
          </div>
        ))}
      </div>
    );
  };

  return (
    <Box variant="grey" data-testid="kanban-view">
      <Box variant="white" p="lg">
        <H3>{data.label}</H3>
        <Text mb="lg" color="grey60">
          {movable
            ? data.column.mode === 'workflow'
              ? `Drag a card to another column to take that workflow step (${data.column.label}).`
              : `Drag a card to another column to change its ${data.column.label.toLowerCase()}.`
            : 'You may look at this board; moving cards is not part of your role.'}
        </Text>
        {refusal && (
          <div data-testid="kanban-refusal">
            <MessageBox message={refusal} variant="danger" mb="lg" onCloseClick={() => setRefusal(null)} />
          </div>
        )}
        {data.truncated && <MessageBox message="The board shows the first 1,000 cards." variant="info" mb="lg" />}
        {data.scope && (
          <label style={{ display: 'block', marginBottom: 12 }}>
            {data.scope.label}{' '}
            <select
              data-testid="kanban-scope"
              value={scope}
              onChange={(e) => {
                const next = e.target.value;
                const url = new URL(window.location.href);
                if (next) url.searchParams.set('scope', next);
                else url.searchParams.delete('scope');
                window.history.replaceState(null, '', url.toString());
                setScope(next);
              }}
            >
              <option value="">All</option>
              {data.scope.options.map((o) => (
                <option key={o.value} value={o.value}>{o.label}</option>
              ))}
            </select>
          </label>
        )}
        <div style={{ overflowX: 'auto' }}>
          <div style={{ display: 'flex', gap: 8, marginBottom: 8, marginLeft: data.swimlane ? 128 : 0 }}>
            {data.columns.map((c) => (
              <div key={c.value ?? ''} style={{ flex: '1 0 160px', fontWeight: 600, borderTop: `3px solid ${BADGE[c.color] ?? BADGE.grey}`, paddingTop: 4 }}>
                {c.label} <span style={{ color: '#6b7280', fontWeight: 400 }}>{data.cards.filter((x) => x.column === c.value).length}</span>
              </div>
            ))}
          </div>
          {lanes.map((lane) => (
            <div key={lane.value ?? 'none'} data-testid="kanban-swimlane" style={{ display: 'flex', gap: 8, marginBottom: 8 }}>
              {data.swimlane && <div style={{ width: 120, flex: '0 0 120px', fontWeight: 600, paddingTop: 8 }}>{lane.label}</div>}
              {data.columns.map((c) => column(lane, c))}
            </div>
          ))}
        </div>
      </Box>
    </Box>
  );
};

export default KanbanView;
