/** The account links on AdminJS's login page and user menu (the pages themselves are core/auth's). */
import { componentLoader, componentSource } from './components.js';

componentLoader.override('Login', componentSource('auth/components/login.tsx'));
componentLoader.override('LoggedIn', componentSource('auth/components/logged-in.tsx'));
