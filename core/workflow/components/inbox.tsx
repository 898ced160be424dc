/** The approvals inbox: everything waiting for the signed-in user, with the record, who asked, when and the steps already given. */
import React, { useEffect, useState } from 'react';
import { ApiClient, useTranslation } from 'adminjs';
import { Box, H2, Link, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';

const api = new ApiClient();

interface Item {
  entityLabel: string;
  transitionLabel: string;
  recordTitle: string;
  href: string;
  requestedByName: string | null;
  requestedAt: string;
  /** In the organization's zone, as the rest of the admin shows times. */
  requestedAtText?: string;
  waitingFor: string[];
  given: { step: string; stepLabel: string; actor: string; asRole: string }[];
  youCountAs: string;
}

/** Column headings: the key of each in components.Inbox (core/admin/locale-bn.ts) and its English. */
const COLUMNS: [string, string][] = [
  ['record', 'Record'],
  ['action', 'Action'],
  ['askedBy', 'Asked by'],
  ['since', 'Since'],
  ['waitingFor', 'Waiting for'],
  ['given', 'Already given'],
  ['youApproveAs', 'You approve as'],
];

const Inbox: React.FC = () => {
  // The page's own words in the admin's language; the rows (labels, steps, roles, times) come translated from the server.
  const { t } = useTranslation();
  const word = (key: string, english: string): string => t(`components.Inbox.${key}`, { defaultValue: english });
  const [items, setItems] = useState<Item[] | null>(null);
  useEffect(() => {
    api.getPage({ pageName: 'approvals' }).then((res) => setItems(((res.data as { items?: Item[] }).items ?? [])));
  }, []);
  if (!items) return <Box variant="grey"><Text>{word('loading', 'Loading…')}</Text></Box>;
  return (
    <Box variant="grey">
      <Box variant="white">
        <H2 data-testid="inbox-heading">{word('heading', 'Waiting for your approval')}</H2>
        {items.length === 0 ? <Text data-testid="inbox-empty">{word('empty', 'Nothing is waiting for you.')}</Text> : (
          <Table data-testid="inbox">
            <TableHead>
              <TableRow>
                {COLUMNS.map(([key, english]) => <TableCell key={key}>{word(key, english)}</TableCell>)}
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map((i) => (
                <TableRow key={i.href}>
                  <TableCell><Link href={i.href}>{i.entityLabel}: {i.recordTitle}</Link></TableCell>
                  <TableCell>{i.transitionLabel}</TableCell>
                  <TableCell>{i.requestedByName ?? '—'}</TableCell>
                  <TableCell style={{ whiteSpace: 'nowrap' }} data-ums-value="datetime">{i.requestedAtText ?? new Date(i.requestedAt).toLocaleString()}</TableCell>
                  <TableCell>{i.waitingFor.join(', ')}</TableCell>
                  <TableCell>{i.given.map((g) => `${g.stepLabel}: ${g.actor}`).join('; ') || '—'}</TableCell>
                  <TableCell>{i.youCountAs}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Box>
    </Box>
  );
};

export default Inbox;
