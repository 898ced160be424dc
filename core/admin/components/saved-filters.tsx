/**
 * The signed-in user's saved filters above a list (core/admin/saved-filter-routes.ts): each a link that
 * opens the list filtered, their own with a delete button, shared ones marked, stale ones shown with
 * the reason and not applied. "Save this filter" appears once the list is filtered or sorted and saves
 * the list's address parameters under a name; a refusal is shown beside the name as the server says it.
 */
import React, { useCallback, useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';

const BASE = '/admin/x/saved-filters';
const KEPT = /^(filters\.|sortBy$|direction$)/;

interface Item {
  id: string;
  name: string;
  shared: boolean;
  mine: boolean;
  href: string | null;
  stale: string | null;
}

/** The list's current filters and sort, as a saved filter keeps them. */
function listQuery(search: string): string {
  const kept = new URLSearchParams();
  new URLSearchParams(search).forEach((value, key) => {
    if (KEPT.test(key) && value !== '') kept.append(key, value);
  });
  return kept.toString();
}

const chip: React.CSSProperties = { display: 'inline-flex', alignItems: 'center', gap: 4, padding: '3px 10px', border: '1px solid #767C86', borderRadius: 14, fontSize: 13, background: 'white' };

const SavedFilters: React.FC<{ resourceId: string }> = ({ resourceId }) => {
  const location = useLocation();
  const navigate = useNavigate();
  const [items, setItems] = useState<Item[]>([]);
  const [canSave, setCanSave] = useState(false);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const current = listQuery(location.search);

  const load = useCallback(async (): Promise<void> => {
    const res = await fetch(`${BASE}?entity=${encodeURIComponent(resourceId)}`, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    if (!res.ok) return;
    const data = (await res.json()) as { canSave: boolean; items: Item[] };
    setItems(data.items);
    setCanSave(data.canSave);
  }, [resourceId]);
  useEffect(() => void load(), [load]);

  const save = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    const res = await fetch(BASE, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ entity: resourceId, name, query: current }),
    });
    if (res.ok) {
      setNaming(false);
      setName('');
      setError(null);
      await load();
      return;
    }
    const data = (await res.json().catch(() => ({}))) as { error?: { message?: string; fields?: Record<string, string> } };
    const fields = data.error?.fields ?? {};
    setError(Object.keys(fields).length ? Object.entries(fields).map(([f, m]) => `${f === 'query' ? 'Filter' : f === 'name' ? 'Name' : f}: ${m}`).join('; ') : data.error?.message ?? 'Could not save the filter.');
  };

  const remove = async (item: Item): Promise<void> => {
    if (!window.confirm(`Delete the saved filter "${item.name}"?`)) return;
    await fetch(`${BASE}/${item.id}/delete`, { method: 'POST', headers: { accept: 'application/json' }, credentials: 'same-origin' });
    await load();
  };

  if (!items.length && !(canSave && current)) return null;
  return (
    <nav aria-label="Saved filters" data-testid="saved-filters" style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, margin: '0 0 12px' }}>
      {items.length > 0 && <span style={{ fontSize: 13, color: '#454655' }}>Saved filters:</span>}
      {items.map((item) => {
        const active = item.href !== null && item.href.endsWith(`?${current}`) && current !== '';
        return (
          <span key={item.id} style={{ ...chip, ...(active ? { background: '#1E3A8A', color: 'white', borderColor: '#1E3A8A' } : {}), ...(item.stale ? { borderStyle: 'dashed', color: '#6B6F7A' } : {}) }} data-testid="saved-filter" data-stale={item.stale ? 'true' : 'false'}>
            {item.href ? (
              <a
                href={item.href}
                aria-current={active ? 'true' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  const url = new URL(item.href!, window.location.origin);
                  navigate({ pathname: url.pathname, search: url.search });
                }}
                style={{ color: 'inherit', textDecoration: 'none' }}
              >
                {item.name}
              </a>
            ) : (
              <span title={item.stale ?? undefined}>
                {item.name} <em>(not applied: {item.stale})</em>
              </span>
            )}
            {item.shared && <span title="Shared with the organization" style={{ fontSize: 11 }}>· shared</span>}
            {item.mine && (
              <button type="button" aria-label={`Delete saved filter ${item.name}`} data-testid="saved-filter-delete" onClick={() => void remove(item)} style={{ border: 'none', background: 'transparent', color: 'inherit', cursor: 'pointer', fontSize: 14, padding: '0 2px' }}>
                ×
              </button>
            )}
          </span>
        );
      })}
      {canSave && current && !naming && (
        <button type="button" data-testid="saved-filter-save" onClick={() => setNaming(true)} style={{ ...chip, cursor: 'pointer', borderStyle: 'dashed' }}>
          + Save this filter
        </button>
      )}
      {naming && (
        <form onSubmit={(e) => void save(e)} data-testid="saved-filter-form" style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
          <input aria-label="Name of the saved filter" name="saved-filter-name" maxLength={80} autoFocus value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. My overdue loans" style={{ padding: '4px 8px', border: '1px solid #767C86', borderRadius: 4, fontSize: 13 }} />
          <button type="submit" data-testid="saved-filter-submit" style={{ padding: '4px 12px', border: 'none', borderRadius: 4, background: '#1E3A8A', color: 'white', cursor: 'pointer', fontSize: 13 }}>
            Save
          </button>
          <button type="button" onClick={() => { setNaming(false); setError(null); }} style={{ border: 'none', background: 'transparent', cursor: 'pointer', fontSize: 13 }}>
            Cancel
          </button>
        </form>
      )}
      {error && <span role="alert" data-testid="saved-filter-error" style={{ color: '#B91C1C', fontSize: 13 }}>{error}</span>}
    </nav>
  );
};

export default SavedFilters;
