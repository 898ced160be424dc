/**
 * AdminJS's own login page (rendered unchanged through OriginalComponent, so
 * its form, errors and branding behave as before) plus the account links:
 * there is no sign-up; forgotten passwords are reset with an e-mailed code.
 */
import React from 'react';
import { Box, Link, Text } from '@adminjs/design-system';

type Props = Record<string, unknown> & { OriginalComponent?: React.ComponentType<Record<string, unknown>> };

const Login: React.FC<Props> = ({ OriginalComponent, ...props }) => (
  <Box position="relative" height="100%">
    {OriginalComponent ? <OriginalComponent {...props} /> : null}
    <Box position="absolute" bottom="0" left="0" right="0" pb="xl" style={{ textAlign: 'center' }} data-css="ums-account-links">
      <Text>
        <Link href="/auth/password/forgot" id="forgot-password">Forgot your password?</Link>
      </Text>
      <Text mt="sm" color="grey60" fontSize="sm">
        No account? Accounts are created by your organization&apos;s administrator, who sends you an invitation.
      </Text>
    </Box>
  </Box>
);

export default Login;
