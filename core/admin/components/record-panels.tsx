/**
 * AdminJS's show page, unchanged, between the record's related lists (Frappe's connections
 * panel, above: each referencing entity with its count, linking to its list filtered on this record) and
 * its timeline below (workflow events and field changes, newest first). Both come from the JSON routes of
 * core/admin/record-panels.ts, which answer through the signed-in user's data layer.
 */
import React, { useEffect, useState } from 'react';
import { Box, H5, Text } from '@adminjs/design-system';
import { useTranslation, type ActionProps } from 'adminjs';
import { intlLocaleOf } from '../intl-locale.js';

interface RelatedList {
  entity: string;
  field: string;
  label: string;
  count: number;
  href: string;
}

interface TimelineChange {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

interface TimelineEvent {
  kind: 'created' | 'updated' | 'deleted' | 'action' | 'transition' | 'approval' | 'rejection';
  at: string;
  who: string;
  title: string;
  comment: string | null;
  changes: TimelineChange[];
}

const ROOT = '/admin/x';
const when = (iso: string, locale: string): string => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

/** The panels' own words (components.RecordPanels in core/admin/locale-bn.ts) and the reader's locale for times and counts. */
function useWords(): { word: (key: string, english: string) => string; locale: string; language: string } {
  const { t, i18n } = useTranslation();
  return { word: (key, english) => t(`components.RecordPanels.${key}`, { defaultValue: english }), locale: intlLocaleOf(i18n?.language), language: i18n?.language ?? 'en' };
}

function useJson<T>(url: string | null): T | null {
  const [data, setData] = useState<T | null>(null);
  useEffect(() => {
    if (!url) return undefined;
    let live = true;
    void fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then((res) => (res.ok ? (res.json() as Promise<T>) : null))
      .then((json) => {
        if (live) setData(json);
      }, () => undefined);
    return () => {
      live = false;
    };
  }, [url]);
  return data;
}

const panel: React.CSSProperties = { background: 'white', border: '1px solid #DDE1E6', borderRadius: 6, padding: 16, margin: '16px 0' };

const RelatedLists: React.FC<{ lists: RelatedList[] }> = ({ lists }) => {
  const { word, locale } = useWords();
  return (
  <section data-testid="related-lists" aria-label={word('relatedLists', 'Related lists')} style={panel}>
    <H5>{word('related', 'Related')}</H5>
    <Box flex flexDirection="row" style={{ flexWrap: 'wrap', gap: 8 }}>
      {lists.map((l) => (
        <a
          key={`${l.entity}.${l.field}`}
          href={l.href}
          data-testid="related-list"
          data-entity={l.entity}
          data-count={l.count}
          style={{ display: 'inline-flex', alignItems: 'center', gap: 8, padding: '6px 12px', border: '1px solid #C9CFD8', borderRadius: 16, color: '#1E3A8A', textDecoration: 'none' }}
        >
          <span>{l.label}</span>
          <span data-testid="related-count" style={{ background: l.count ? '#1E3A8A' : '#E5E8EC', color: l.count ? 'white' : '#343B46', borderRadius: 10, minWidth: 20, padding: '0 6px', fontSize: 12, fontWeight: 700, textAlign: 'center' }}>
            {new Intl.NumberFormat(locale).format(l.count)}
          </span>
        </a>
      ))}
    </Box>
  </section>
  );
};

const Timeline: React.FC<{ events: TimelineEvent[] }> = ({ events }) => {
  const { word, locale } = useWords();
  return (
  <section data-testid="record-timeline" aria-label={word('timeline', 'Timeline')} style={panel}>
    <H5>{word('timeline', 'Timeline')}</H5>
    {events.length === 0 && <Text>{word('empty', 'Nothing has happened to this record yet.')}</Text>}
    <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {events.map((e, i) => (
        <li key={i} data-testid="timeline-event" data-kind={e.kind} style={{ borderLeft: '3px solid #C9CFD8', padding: '4px 0 8px 12px', marginBottom: 4 }}>
          <div>
            <strong>{e.title}</strong> <span style={{ color: '#343B46' }}>· {e.who} · <span data-testid="timeline-when">{when(e.at, locale)}</span></span>
          </div>
          {e.comment && <div data-testid="timeline-comment" style={{ fontStyle: 'italic', color: '#343B46' }}>“{e.comment}”</div>}
          {e.changes.length > 0 && (
            <ul style={{ margin: '4px 0 0 0', paddingLeft: 16 }}>
              {e.changes.map((c) => (
                <li key={c.field} data-testid="timeline-change" data-field={c.field}>
                  {e.kind === 'created' ? `${c.label}: ${c.after ?? '—'}` : `${c.label}: ${c.before ?? '—'} → ${c.after ?? '—'}`}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  </section>
  );
};

type Props = ActionProps & { OriginalComponent?: React.ComponentType<ActionProps> };

const RecordPanels: React.FC<Props> = ({ OriginalComponent, ...props }) => {
  const { resource, record } = props;
  const { language } = useWords();
  // The server says labels, values and titles in the language the page is drawn in (`?lng=` included).
  const base = record?.id ? `${encodeURIComponent(resource.id)}/${encodeURIComponent(String(record.id))}?lng=${encodeURIComponent(language)}` : null;
  const related = useJson<{ lists: RelatedList[] }>(base ? `${ROOT}/related/${base}` : null);
  const timeline = useJson<{ events: TimelineEvent[] }>(base ? `${ROOT}/timeline/${base}` : null);
  return (
    <>
      {/* Like Frappe's connections, above the fields; the timeline below them. */}
      {related && related.lists.length > 0 && (
        <Box>
          <RelatedLists lists={related.lists} />
        </Box>
      )}
      {OriginalComponent ? <OriginalComponent {...props} /> : null}
      {timeline && (
        <Box pb="xxl">
          <Timeline events={timeline.events} />
        </Box>
      )}
    </>
  );
};

export default RecordPanels;
