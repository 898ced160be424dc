/** Registers the account links on AdminJS's login page and user menu (imported by routes.ts, so only the server loads AdminJS). */
import { componentLoader, componentSource } from '../admin/components.js';

componentLoader.override('Login', componentSource('auth/components/login.tsx'));
componentLoader.override('LoggedIn', componentSource('auth/components/logged-in.tsx'));
