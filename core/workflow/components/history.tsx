/** A record's workflow history: every request, approval, rejection and transition, oldest first. */
import React, { useEffect, useState } from 'react';
import { ApiClient, type ActionProps } from 'adminjs';
import { Box, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';
// Type-only: erased by the bundler, so the component carries no server code.
import type { HistoryItem as Item } from '../types.js';

const api = new ApiClient();

const WorkflowHistory: React.FC<ActionProps> = ({ record, resource, action }) => {
  const [items, setItems] = useState<Item[] | null>(null);
  useEffect(() => {
    if (!record) return;
    api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name }).then((res) => setItems(((res.data as { history?: Item[] }).history ?? [])));
  }, [record?.id]);
  if (!items) return <Box variant="grey"><Text>Loading…</Text></Box>;
  return (
    <Box variant="grey">
      <Box variant="white">
        {items.length === 0 ? <Text>No workflow activity yet.</Text> : (
          <Table>
            <TableHead>
              <TableRow>
                {['When', 'What', 'Transition', 'Step', 'State', 'Who', 'Comment'].map((h) => <TableCell key={h}>{h}</TableCell>)}
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map((i, n) => (
                <TableRow key={n}>
                  <TableCell style={{ whiteSpace: 'nowrap' }} data-ums-value="datetime">{(i as Item & { atText?: string }).atText ?? new Date(i.at).toLocaleString()}</TableCell>
                  <TableCell>{i.kind}</TableCell>
                  <TableCell>{i.transition ?? ''}</TableCell>
                  <TableCell>{i.step ?? ''}</TableCell>
                  <TableCell>{i.from && i.to ? `${i.from} → ${i.to}` : ''}</TableCell>
                  <TableCell>{i.actor ?? 'system'}{i.actorKind === 'system' ? ' (system)' : ''}{i.onBehalfOf ? ` (acting for ${i.onBehalfOf})` : ''}</TableCell>
                  <TableCell>{i.comment ?? ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Box>
    </Box>
  );
};

export default WorkflowHistory;
