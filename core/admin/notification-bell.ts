/** The notification bell in the top bar (components/notification-bell.tsx), in AdminJS's Version slot. */
import { componentLoader, componentSource } from './components.js';

componentLoader.override('Version', componentSource('admin/components/notification-bell.tsx'));
