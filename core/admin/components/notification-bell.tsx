/**
 * The notification bell in the top bar (in the place of AdminJS's version line, which UMS does not show):
 * the signed-in user's unread count, and on click their newest notifications, each a small form that
 * POSTs "read" and goes on to the record it is about (core/admin/notification-routes.ts).
 */
import React, { useCallback, useEffect, useState } from 'react';
import { Box, Icon } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';

interface Item {
  id: string;
  title: string;
  body: string | null;
  created_at: string;
  read: boolean;
  href: string | null;
}

const BASE = '/admin/x/notifications';
/** The admin's language (i18next's, what the top bar's selector set) as an Intl locale: bn-BD gives Bengali digits and months. */
const localeOf = (language: string | undefined): string => (language === 'bn' ? 'bn-BD' : 'en-GB');
const when = (iso: string, locale: string): string => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

const NotificationBell: React.FC = () => {
  // Its own words from the admin's translations (components.NotificationBell in core/admin/locale-bn.ts), English otherwise.
  const { t, i18n } = useTranslation();
  const word = (key: string, english: string): string => t(`components.NotificationBell.${key}`, { defaultValue: english });
  const locale = localeOf(i18n?.language);
  const digits = (n: number): string => new Intl.NumberFormat(locale).format(n);
  const [unread, setUnread] = useState(0);
  const [items, setItems] = useState<Item[]>([]);
  const [open, setOpen] = useState(false);
  const load = useCallback(async () => {
    const res = await fetch(BASE, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    if (!res.ok) return;
    const data = (await res.json()) as { unread: number; items: Item[] };
    setUnread(data.unread);
    setItems(data.items);
  }, []);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 60_000);
    return () => clearInterval(timer);
  }, [load]);
  const readAll = async (): Promise<void> => {
    await fetch(`${BASE}/read-all`, { method: 'POST', headers: { accept: 'application/json' }, credentials: 'same-origin' });
    await load();
  };
  return (
    <Box flex flexGrow={1} justifyContent="flex-end" alignItems="center" px="lg" style={{ position: 'relative' }}>
      <button
        type="button"
        data-testid="notification-bell"
        data-unread={unread}
        aria-label={unread ? `${word('title', 'Notifications')}, ${digits(unread)} ${word('unread', 'unread')}` : word('title', 'Notifications')}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        style={{ background: 'none', border: 'none', cursor: 'pointer', position: 'relative', padding: 8 }}
      >
        <Icon icon="Bell" size={20} />
        {unread > 0 && (
          <span data-testid="notification-count" style={{ position: 'absolute', top: 0, right: 0, background: '#C92A2A', color: 'white', borderRadius: 10, fontSize: 11, fontWeight: 700, minWidth: 18, height: 18, lineHeight: '18px', textAlign: 'center', padding: '0 4px' }}>
            {unread > 99 ? `${digits(99)}+` : digits(unread)}
          </span>
        )}
      </button>
      {open && (
        <div data-testid="notification-list" role="dialog" aria-label={word('title', 'Notifications')} style={{ position: 'absolute', top: '100%', right: 16, width: 'min(360px, 92vw)', maxHeight: 420, overflowY: 'auto', background: 'white', border: '1px solid #DDE1E6', borderRadius: 6, boxShadow: '0 4px 16px rgba(0,0,0,.12)', zIndex: 1000 }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', padding: '8px 12px', borderBottom: '1px solid #EEF0F3' }}>
            <strong>{word('title', 'Notifications')}</strong>
            {unread > 0 && (
              <button type="button" data-testid="notification-read-all" onClick={() => void readAll()} style={{ background: 'none', border: 'none', color: '#1E3A8A', cursor: 'pointer', fontSize: 13 }}>
                {word('markAllRead', 'Mark all read')}
              </button>
            )}
          </div>
          {items.length === 0 && <div style={{ padding: 12, color: '#343B46' }}>{word('none', 'No notifications yet.')}</div>}
          {items.map((n) => (
            <form key={n.id} method="post" action={`${BASE}/${n.id}/read`} style={{ margin: 0 }}>
              <button
                type="submit"
                data-testid="notification-item"
                data-read={n.read}
                style={{ display: 'block', width: '100%', textAlign: 'left', background: n.read ? 'white' : '#F1F5FE', border: 'none', borderBottom: '1px solid #EEF0F3', padding: '8px 12px', cursor: 'pointer', fontWeight: n.read ? 400 : 600 }}
              >
                <div style={{ fontSize: 13, color: '#1F2933' }}>{n.title}</div>
                {n.body && <div style={{ fontSize: 12, color: '#343B46', fontWeight: 400 }}>{n.body}</div>}
                <div style={{ fontSize: 11, color: '#4A5563', fontWeight: 400 }}>{when(n.created_at, locale)}</div>
              </button>
            </form>
          ))}
        </div>
      )}
    </Box>
  );
};

export default NotificationBell;
