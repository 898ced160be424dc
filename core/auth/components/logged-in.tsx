/**
 * AdminJS's user menu (top right) with one more entry: deleting one's own
 * account, confirmed by an e-mailed code on the page it opens.
 */
import React from 'react';
import { Box, CurrentUserNav, type CurrentUserNavProps } from '@adminjs/design-system';
import { useTranslation, type CurrentAdmin } from 'adminjs';

interface Props {
  session: CurrentAdmin;
  paths: { logoutPath: string };
}

const LoggedIn: React.FC<Props> = ({ session, paths }) => {
  const { translateButton } = useTranslation();
  const go = (href: string) => (event: Event): void => {
    event.preventDefault();
    // The server type-checks this file without the DOM library.
    (globalThis as unknown as { location: { href: string } }).location.href = href;
  };
  const dropActions: CurrentUserNavProps['dropActions'] = [
    { label: 'My account', onClick: go('/auth/account'), icon: 'User' },
    { label: 'Delete my account', onClick: go('/auth/account/delete'), icon: 'UserX' },
    { label: translateButton('logout'), onClick: go(paths.logoutPath), icon: 'LogOut' },
  ];
  return (
    <Box flexShrink={0} data-css="logged-in">
      <CurrentUserNav name={session.email} title={session.title} avatarUrl={session.avatarUrl} dropActions={dropActions} />
    </Box>
  );
};

export default LoggedIn;
