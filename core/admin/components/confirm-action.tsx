/**
 * The screen of a plain plugin record action (Issue, Return, Send again, Invite…):
 * what will happen, and one button that POSTs the action. AdminJS calls an action
 * that has no component with GET; here the GET only loads the record and the
 * state change happens on the POST (core/admin/actions.ts).
 */
import React, { useState } from 'react';
import { ApiClient, useActionResponseHandler, useNotice, type ActionProps } from 'adminjs';
import { Box, Button, H4, Text } from '@adminjs/design-system';

const api = new ApiClient();

const ConfirmAction: React.FC<ActionProps> = ({ action, resource, record }) => {
  const [busy, setBusy] = useState(false);
  const addNotice = useNotice();
  // AdminJS's own handling of an action's answer: its notice, then its redirect inside the app (the notice stays visible).
  const handleResponse = useActionResponseHandler(() => undefined);
  if (!record) return null;
  const custom = (action.custom ?? {}) as { label?: string; confirm?: string };
  const label = custom.label ?? action.label;
  const confirm = custom.confirm ?? `${label}?`;

  const run = async (): Promise<void> => {
    setBusy(true);
    try {
      const response = await api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name, method: 'post', data: {} });
      handleResponse(response);
    } catch {
      addNotice({ message: `${label} failed; reload the page and try again.`, type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box variant="grey">
      <Box variant="white" p="xl" data-testid="ums-confirm-action">
        <H4>
          {label}: {record.title}
        </H4>
        <Text mb="xl">{confirm}</Text>
        <Button variant="contained" disabled={busy} onClick={() => void run()} data-testid="ums-confirm-action-run">
          {label}
        </Button>
      </Box>
    </Box>
  );
};

export default ConfirmAction;
