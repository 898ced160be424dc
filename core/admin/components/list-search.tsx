/**
 * The search box above every list whose entity has text to search (its title and declared
 * `searchFields`; core/data/constraints/search-indexes.ts). Searching is a GET: the term becomes the
 * list's `filters._q` in the address, beside its other filters and sort, so AdminJS's list asks the
 * server again (page 1), the result can be bookmarked, and an export takes the same filter.
 * The placeholder names the fields (the resource's `_q` label, core/admin/index.ts); an entity
 * without one gets no box.
 */
import React, { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'adminjs';

const PARAM = 'filters._q';

const ListSearch: React.FC<{ resourceId: string }> = ({ resourceId }) => {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const current = new URLSearchParams(location.search).get(PARAM) ?? '';
  const [text, setText] = useState(current);
  useEffect(() => setText(current), [current]);
  const placeholder = t(`resources.${resourceId}.properties._q`, { defaultValue: '' });
  if (!placeholder) return null;
  const submit = (event: React.FormEvent): void => {
    event.preventDefault();
    const params = new URLSearchParams(location.search);
    if (text.trim()) params.set(PARAM, text.trim());
    else params.delete(PARAM);
    params.delete('page');
    navigate({ pathname: location.pathname, search: params.toString() ? `?${params.toString()}` : '' });
  };
  return (
    <form role="search" data-testid="list-search" onSubmit={submit} style={{ display: 'flex', gap: 8, margin: '0 0 12px', maxWidth: 520 }}>
      <input
        type="search"
        name="q"
        aria-label={placeholder}
        placeholder={placeholder}
        maxLength={200}
        value={text}
        onChange={(e) => setText(e.target.value)}
        style={{ flex: 1, minWidth: 0, padding: '8px 10px', border: '1px solid #767C86', borderRadius: 4, fontSize: 14 }}
      />
      <button type="submit" data-testid="list-search-submit" style={{ padding: '8px 14px', border: 'none', borderRadius: 4, background: '#1E3A8A', color: 'white', cursor: 'pointer', fontSize: 14 }}>
        {t('buttons.search', { defaultValue: 'Search' })}
      </button>
    </form>
  );
};

export default ListSearch;
